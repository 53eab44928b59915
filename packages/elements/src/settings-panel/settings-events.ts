/**
 * The settings panel's own events: the protocol between `<bay-settings-panel>`, its sections and
 * the host page. Both bubble and are composed, so a host can listen on `document`.
 */

export interface SettingsDirtyDetail {
  /** Whether the section now holds changes that are not saved. */
  dirty: boolean;
}

/**
 * `bay-settings-dirty`: a settings section's `dirty` property changed (the user edited a field,
 * saved, or put the original value back). Sections dispatch it from their host element; the
 * panel uses it to guard navigation and page unloads, and hosts may use it for their own guard.
 *
 * ```ts
 * // In a section, whenever `dirty` flips:
 * this.dispatchEvent(new BaySettingsDirtyEvent({ dirty: this.dirty }));
 * ```
 */
export class BaySettingsDirtyEvent extends Event {
  static readonly type = 'bay-settings-dirty';
  readonly detail: SettingsDirtyDetail;

  constructor(detail: SettingsDirtyDetail) {
    super(BaySettingsDirtyEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

export interface SettingsNavigateDetail {
  /** The section shown now (`undefined` before the first one). */
  from: string | undefined;
  /** The section the user asked for. */
  to: string;
}

/**
 * `bay-settings-navigate` (cancelable): the user picked another section in the panel's
 * navigation; unsaved changes, if any, were already confirmed away. Hosts that keep the section
 * in their URL update it here. `preventDefault()` keeps the current section: the host then
 * routes itself and sets `panel.section` (the user is not asked twice).
 */
export class BaySettingsNavigateEvent extends Event {
  static readonly type = 'bay-settings-navigate';
  readonly detail: SettingsNavigateDetail;

  constructor(detail: SettingsNavigateDetail) {
    super(BaySettingsNavigateEvent.type, { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bay-settings-dirty': BaySettingsDirtyEvent;
    'bay-settings-navigate': BaySettingsNavigateEvent;
  }
}
