import type { InboxNotification } from './sdk-types.ts';

export interface NotificationOpenDetail {
  /** The notification the user opened (as it was before it was marked read). */
  notification: InboxNotification;
  /** Its deep link into the host app, or `null` when it has none. */
  link: string | null;
}

/**
 * `bay-notification-open`: the user opened a notification (click, or Enter on the item). The
 * element has marked it read. It never navigates: the host does, with `detail.link`
 * (`location.assign(link)`, or its router). When the notification has a link, the element then
 * closes its panel; call `preventDefault()` to keep the panel open (for example when the host
 * shows the linked object beside it). Bubbles, is composed and cancelable.
 */
export class BayNotificationOpenEvent extends Event {
  static readonly type = 'bay-notification-open';
  readonly detail: NotificationOpenDetail;

  constructor(detail: NotificationOpenDetail) {
    super(BayNotificationOpenEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bay-notification-open': BayNotificationOpenEvent;
  }
}
