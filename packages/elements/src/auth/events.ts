import type { LoginResponse } from './sdk-types.ts';

/**
 * `bay-login`: `<bay-login>` signed the user in. `detail` is the API's answer (`token`,
 * `expiresAt`, `userId`): the host keeps the token (and gives it to `<bay-provider>` or
 * `createClient`). Bubbles and is composed.
 */
export class BayLoginEvent extends Event {
  static readonly type = 'bay-login';
  readonly detail: LoginResponse;

  constructor(detail: LoginResponse) {
    super(BayLoginEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

export interface PasswordResetRequestedDetail {
  /** The address the instructions were asked for (the answer never says whether it exists). */
  email: string;
}

/**
 * `bay-password-reset-requested`: the user asked for reset instructions and the API took the
 * request. Bubbles and is composed.
 */
export class BayPasswordResetRequestedEvent extends Event {
  static readonly type = 'bay-password-reset-requested';
  readonly detail: PasswordResetRequestedDetail;

  constructor(detail: PasswordResetRequestedDetail) {
    super(BayPasswordResetRequestedEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

export interface PasswordResetDoneDetail {
  /** The `login-url` of the element, if it has one (where "Sign in" leads). */
  loginUrl: string | undefined;
}

/**
 * `bay-password-reset-done`: `<bay-password-reset>` set the new password. The element shows
 * a confirmation with a way back to sign-in; a host that routes itself may go there now.
 * Bubbles and is composed.
 */
export class BayPasswordResetDoneEvent extends Event {
  static readonly type = 'bay-password-reset-done';
  readonly detail: PasswordResetDoneDetail;

  constructor(detail: PasswordResetDoneDetail) {
    super(BayPasswordResetDoneEvent.type, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bay-login': BayLoginEvent;
    'bay-password-reset-requested': BayPasswordResetRequestedEvent;
    'bay-password-reset-done': BayPasswordResetDoneEvent;
  }
}
