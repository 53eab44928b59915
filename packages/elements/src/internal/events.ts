import type { AwayStatus, BaylinkError, Me, Signature } from '@baylink/sdk';

/** The settings sections that exist so far; later ones add their names here. */
export type SettingsSectionName = 'profile' | 'password' | 'signature' | 'away' | 'notifications';

export interface SettingsChangeDetail {
  /** Which section saved something. */
  section: SettingsSectionName;
  /** The user's profile as the API returned it after the change. */
  me: Me;
  /** The signature as the API returned it (when `section` is `signature`). */
  signature?: Signature;
  /** The away status as the API returned it (when `section` is `away`). */
  away?: AwayStatus;
}

/**
 * `bay-settings-change`: a settings section saved a change (the profile form, or a photo
 * uploaded or deleted). Bubbles and is composed, so a host can listen on `document`.
 */
export class BaySettingsChangeEvent extends Event {
  static readonly type = 'bay-settings-change';
  readonly detail: SettingsChangeDetail;

  constructor(detail: SettingsChangeDetail) {
    super(BaySettingsChangeEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

export type ErrorOperation = 'load' | 'save' | 'upload-photo' | 'delete-photo';

export interface ErrorDetail {
  section: SettingsSectionName;
  /** What the user was doing. */
  operation: ErrorOperation;
  /** The SDK's error (status 0 for a network failure). */
  error: BaylinkError;
}

/**
 * `bay-error`: an SDK call failed while the user was doing something. The element has already
 * told the user; hosts may log it or react (for example, get a new token after a 401).
 * Bubbles and is composed.
 */
export class BayErrorEvent extends Event {
  static readonly type = 'bay-error';
  readonly detail: ErrorDetail;

  constructor(detail: ErrorDetail) {
    super(BayErrorEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bay-settings-change': BaySettingsChangeEvent;
    'bay-error': BayErrorEvent;
  }
}
