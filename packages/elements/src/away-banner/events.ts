/**
 * The away banner's events. Both bubble, are composed (a host can listen on `document`) and are
 * cancelable.
 */

export interface AwayDismissDetail {
  /** The signed-in user. */
  userId: string;
  /** When the away period the banner was about began (a new period shows the banner again). */
  since: string | null;
}

/**
 * `bay-away-dismiss` (cancelable): the user asked to hide the away reminder. Unless cancelled,
 * the banner hides for this browser session and this away period only (`sessionStorage`).
 * `preventDefault()` keeps it, for a host that hides it its own way.
 */
export class BayAwayDismissEvent extends Event {
  static readonly type = 'bay-away-dismiss';
  readonly detail: AwayDismissDetail;

  constructor(detail: AwayDismissDetail) {
    super(BayAwayDismissEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

export interface AwayOpenSettingsDetail {
  /** The settings section to open. */
  section: 'away';
  /** The banner's `settings-href`, or null when it has none. */
  href: string | null;
}

/**
 * `bay-away-open-settings` (cancelable): the user chose the banner's link to the Away Status
 * settings. With a `settings-href` the browser follows the link unless the event is cancelled
 * (a router cancels it and navigates itself); without one, the host opens its settings here,
 * for example `panel.section = 'away'`.
 */
export class BayAwayOpenSettingsEvent extends Event {
  static readonly type = 'bay-away-open-settings';
  readonly detail: AwayOpenSettingsDetail;

  constructor(detail: AwayOpenSettingsDetail) {
    super(BayAwayOpenSettingsEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bay-away-dismiss': BayAwayDismissEvent;
    'bay-away-open-settings': BayAwayOpenSettingsEvent;
  }
}
