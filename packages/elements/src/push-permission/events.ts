import type { BaylinkError, BrowserPushState } from '@baylink/sdk';

/**
 * What `<bay-push-permission>` shows about this browser:
 *
 * - `checking`: asking the browser (at first, and after a change of client);
 * - `unsupported`: browser notifications cannot work here (the reason is in `browser.reason`);
 * - `not-allowed`: the browser has not been asked yet ("Turn on browser notifications" asks);
 * - `off`: the browser allows notifications for the site, but this browser is not subscribed;
 * - `on`: this browser receives the user's notifications;
 * - `blocked`: the user blocked notifications for the site (the steps to allow them again show);
 * - `busy`: turning them on or off;
 * - `error`: the browser's state could not be read, or turning on or off failed.
 */
export type PushPermissionState =
  | 'checking'
  | 'unsupported'
  | 'not-allowed'
  | 'off'
  | 'on'
  | 'blocked'
  | 'busy'
  | 'error';

export interface PushChangeDetail {
  /** The state shown now. */
  state: PushPermissionState;
  /** The state shown before. */
  previous: PushPermissionState;
  /** This browser as the SDK last read it (null until known). */
  browser: BrowserPushState | null;
  /** The SDK's error, when `state` is `error`. */
  error?: BaylinkError;
}

/**
 * `bay-push-change`: the state `<bay-push-permission>` shows changed (this browser was turned on
 * or off, the permission changed, a check finished). Bubbles and is composed.
 */
export class BayPushChangeEvent extends Event {
  static readonly type = 'bay-push-change';
  readonly detail: PushChangeDetail;

  constructor(detail: PushChangeDetail) {
    super(BayPushChangeEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bay-push-change': BayPushChangeEvent;
  }
}
