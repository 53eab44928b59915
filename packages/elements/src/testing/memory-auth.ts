import { BaylinkError, type ErrorDetail, type Me } from '@baylink/sdk';
import { DEFAULT_PASSWORD_POLICY, PASSWORD_MAX_LENGTH } from '../auth/password-rules.ts';
import type {
  AuthModule,
  LoginResponse,
  PasswordPolicy,
  PasswordSettings,
} from '../auth/sdk-types.ts';

/** The `client.auth` methods, as the memory client names them in `calls` and `failNext`. */
export type AuthMethod =
  | 'auth.login'
  | 'auth.requestReset'
  | 'auth.resetPassword'
  | 'auth.settings'
  | 'auth.changePassword';

export interface MemoryAuthOptions {
  /** Whether the account uses Baylink passwords (default true; false: it signs in through the host). */
  enabled?: boolean;
  /** The account's rule (default: the article's, 6 characters with letters and numbers). */
  policy?: Partial<PasswordPolicy>;
  /** The signed-in user's password (default `baylink-demo-1`). */
  password?: string;
  /** When the password was last changed (default null: never). */
  changedAt?: string | null;
  /** How long a reset link works, in ms (default one hour). */
  resetTtlMs?: number;
}

/** A reset mail the memory client "sent": what a test reads instead of an inbox. */
export interface MemoryResetMail {
  email: string;
  token: string;
  /** The `resetUrl` with `{token}` replaced. */
  link: string;
  sentAt: Date;
}

type Answer = <T>(method: AuthMethod, args: unknown[], answer: () => T) => Promise<T>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function invalid(details: ErrorDetail[]): BaylinkError {
  return new BaylinkError({
    status: 400,
    code: 'validation_failed',
    message: `Invalid input: ${details.map((detail) => detail.path).join(', ')}`,
    details,
  });
}

/** The API's messages for a password that breaks the rule (one per broken rule). */
function violations(policy: PasswordPolicy, password: string): string[] {
  const problems: string[] = [];
  if (Array.from(password.normalize('NFC')).length < policy.minLength) {
    problems.push(`Use at least ${policy.minLength} characters`);
  }
  if (policy.requireLetter && !LETTER.test(password)) problems.push('Include at least one letter');
  if (policy.requireDigit && !DIGIT.test(password)) problems.push('Include at least one number');
  if (policy.requireMixedCase && !(/\p{Lu}/u.test(password) && /\p{Ll}/u.test(password))) {
    problems.push('Include both capital and small letters');
  }
  if (policy.requireSymbol && !/[^\p{L}\p{Nd}\s]/u.test(password)) {
    problems.push('Include at least one symbol, such as ! or #');
  }
  return problems;
}

/**
 * `client.auth` of the memory client: one account whose signed-in user has a password. It
 * answers like the API: login refuses a wrong address and a wrong password alike, a reset
 * request resolves the same way whether or not the address exists (a known address gets a
 * "mail" in `mails`), a reset link works once and expires, the rule and the confirmation are
 * checked, and the current password may not be reused.
 */
export class MemoryAuth {
  readonly auth: AuthModule;
  /** Reset mails sent, oldest first. */
  readonly mails: MemoryResetMail[] = [];
  enabled: boolean;
  policy: PasswordPolicy;
  resetTtlMs: number;
  #password: string;
  #changedAt: string | null;
  #tokens = 0;
  readonly #resets = new Map<string, { email: string; expiresAt: number; used: boolean }>();
  readonly #profile: () => Me;

  constructor(answer: Answer, profile: () => Me, options: MemoryAuthOptions = {}) {
    this.#profile = profile;
    this.enabled = options.enabled ?? true;
    this.policy = { ...DEFAULT_PASSWORD_POLICY, ...options.policy };
    this.#password = options.password ?? 'baylink-demo-1';
    this.#changedAt = options.changedAt ?? null;
    this.resetTtlMs = options.resetTtlMs ?? 60 * 60 * 1000;
    this.auth = {
      settings: () => answer('auth.settings', [], () => this.#settings()),
      login: (input) =>
        answer('auth.login', [{ ...input, password: '…' }], () => this.#login(input)),
      requestReset: (input) =>
        answer('auth.requestReset', [input], () => this.#requestReset(input)),
      resetPassword: (input) =>
        answer('auth.resetPassword', [{ token: input.token }], () => this.#resetPassword(input)),
      changePassword: (input) =>
        answer('auth.changePassword', [{}], () => this.#changePassword(input)),
    };
  }

  /** The signed-in user's password now. */
  get password(): string {
    return this.#password;
  }

  /** Makes every reset link sent so far expired. */
  expireResetLinks(): void {
    for (const reset of this.#resets.values()) reset.expiresAt = 0;
  }

  #settings(): PasswordSettings {
    return { enabled: this.enabled, policy: { ...this.policy }, changedAt: this.#changedAt };
  }

  #disabled(): BaylinkError {
    return new BaylinkError({
      status: 403,
      code: 'password_auth_disabled',
      message: 'This account signs its users in through the host',
    });
  }

  #checkNew(password: string, confirmation: string, current?: string): void {
    const details: ErrorDetail[] = [];
    if (password.length > PASSWORD_MAX_LENGTH) {
      details.push({ path: 'password', message: `At most ${PASSWORD_MAX_LENGTH} characters` });
    }
    for (const message of violations(this.policy, password)) {
      details.push({ path: 'password', message });
    }
    if (current !== undefined && password === current) {
      details.push({
        path: 'password',
        message: 'The new password must differ from the current one',
      });
    }
    if (confirmation !== password) {
      details.push({ path: 'confirmation', message: 'The confirmation does not match' });
    }
    if (details.length > 0) throw invalid(details);
  }

  #login(input: { accountId: string; email: string; password: string }): LoginResponse {
    const me = this.#profile();
    const details: ErrorDetail[] = [];
    if (!EMAIL.test(input.email)) details.push({ path: 'email', message: 'Invalid email address' });
    if (input.password === '') details.push({ path: 'password', message: 'Required' });
    if (details.length > 0) throw invalid(details);
    const known =
      input.accountId === me.accountId &&
      me.email !== null &&
      input.email.trim().toLowerCase() === me.email.toLowerCase();
    if (known && !this.enabled) throw this.#disabled();
    if (!known || input.password !== this.#password) {
      throw new BaylinkError({
        status: 401,
        code: 'invalid_credentials',
        message: 'The email or password is not correct',
      });
    }
    return {
      token: `memory-token-${++this.#tokens}`,
      expiresAt: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
      userId: me.id,
    };
  }

  #requestReset(input: { accountId: string; email: string; resetUrl: string }): void {
    const details: ErrorDetail[] = [];
    if (!EMAIL.test(input.email)) details.push({ path: 'email', message: 'Invalid email address' });
    if (!/^https?:\/\/\S+$/.test(input.resetUrl)) {
      details.push({ path: 'resetUrl', message: 'Invalid URL' });
    }
    if (details.length > 0) throw invalid(details);
    const me = this.#profile();
    const known =
      this.enabled &&
      input.accountId === me.accountId &&
      me.email !== null &&
      input.email.trim().toLowerCase() === me.email.toLowerCase();
    if (!known) return;
    const token = `reset-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
    this.#resets.set(token, {
      email: me.email ?? input.email,
      expiresAt: Date.now() + this.resetTtlMs,
      used: false,
    });
    this.mails.push({
      email: me.email ?? input.email,
      token,
      link: input.resetUrl.replaceAll('{token}', encodeURIComponent(token)),
      sentAt: new Date(),
    });
  }

  #resetPassword(input: { token: string; password: string; confirmation: string }): void {
    const reset = this.#resets.get(input.token);
    if (!reset || reset.used || reset.expiresAt <= Date.now()) {
      throw new BaylinkError({
        status: 400,
        code: 'reset_token_invalid',
        message: 'This reset link is not valid: it was used, it expired, or it is incomplete',
      });
    }
    this.#checkNew(input.password, input.confirmation);
    reset.used = true;
    this.#password = input.password;
    this.#changedAt = new Date().toISOString();
  }

  #changePassword(input: { current: string; password: string; confirmation: string }): void {
    if (!this.enabled) throw this.#disabled();
    if (input.current !== this.#password) {
      throw new BaylinkError({
        status: 400,
        code: 'current_password_invalid',
        message: 'The current password is not correct',
        details: [{ path: 'current', message: 'The current password is not correct' }],
      });
    }
    this.#checkNew(input.password, input.confirmation, input.current);
    this.#password = input.password;
    this.#changedAt = new Date().toISOString();
  }
}
