import { isBaylinkError } from '@baylink/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { formStyles } from '../internal/form.styles.ts';
import { AuthElement } from './auth-element.ts';
import { BayPasswordResetDoneEvent } from './events.ts';
import { passwordFormStyles } from './password-form.styles.ts';
import { type Message, ruleError } from './password-form.ts';
import { passwordResetStyles } from './password-reset.styles.ts';
import { DEFAULT_PASSWORD_POLICY, PASSWORD_MAX_LENGTH, unmetRules } from './password-rules.ts';
import type { PasswordPolicy } from './sdk-types.ts';

/**
 * What `<bay-password-reset>` shows: the new password form, the success, the "link no longer
 * works" message, or the request for a new link and its confirmation.
 */
export type PasswordResetView = 'form' | 'done' | 'invalid' | 'forgot' | 'sent';

const RESET_FIELDS = ['password', 'confirmation'] as const;
type ResetField = (typeof RESET_FIELDS)[number];

/** The shortest token the API issues; anything shorter cannot be a reset link's. */
const MIN_TOKEN_LENGTH = 16;

/**
 * @summary The page a reset link opens: a new password and its confirmation, checked against
 * the password rule as the user types.
 *
 * Give it the link's token (`token="…"`, usually read from the page's URL). "Save new password"
 * calls `client.auth.resetPassword`; on success the element says so, offers "Sign in" (a link
 * to `login-url`) and dispatches `bay-password-reset-done`. A link that was already used, has
 * expired or is incomplete shows a clear message and "Ask for a new link", which asks for the
 * user's email and sends a new link (to this page by default, or to `reset-url`).
 *
 * The rule checked as the user types is the article's (6 characters, letters and numbers)
 * unless the host sets the account's own in `policy`; the API checks the account's rule in any
 * case and its answer shows on the field.
 *
 * @event {BayPasswordResetDoneEvent} bay-password-reset-done - The new password was saved.
 * `detail: { loginUrl }`.
 * @event {BayPasswordResetRequestedEvent} bay-password-reset-requested - A new link was asked
 * for. `detail: { email }`.
 *
 * @csspart base - The element's box.
 * @csspart header - The heading of the view shown.
 * @csspart field - Each field's wrapper.
 * @csspart label - Each field's label.
 * @csspart input - Each `<input>` (`name="password" | "confirmation"`, `"email"` for a new link).
 * @csspart toggle - Each password's show/hide button.
 * @csspart rules - The password rules; each `rule` is also `rule-met`, `rule-unmet` or `rule-pending`.
 * @csspart error - A field's error message.
 * @csspart submit-button - "Save new password", "Send reset instructions".
 * @csspart sign-in-link - "Sign in", after success (with `login-url`).
 * @csspart ask-again-button - "Ask for a new link".
 * @csspart back-button - "Back to sign in" (with `login-url`).
 * @csspart status - The polite live region.
 * @csspart alert - The alert region.
 * @csspart sent - The confirmation that a new link was sent.
 * @csspart announcer - The visually hidden polite region that sums up the rule checks.
 *
 * @cssproperty --bay-password-reset-width - The element's widest width (default 26rem).
 * @cssproperty --bay-password-reset-background - Background (default `--bay-color-surface`).
 * @cssproperty --bay-password-reset-padding - The space inside the box.
 * @cssproperty --bay-password-reset-border - Its border (default 1px solid `--bay-color-border`).
 * @cssproperty --bay-password-reset-radius - Its corner radius (default `--bay-radius`).
 */
export class BayPasswordReset extends AuthElement {
  static override styles = [
    BaylinkElement.styles,
    formStyles,
    passwordFormStyles,
    passwordResetStyles,
  ];

  /** The token of the reset link. */
  @property() accessor token: string | undefined = undefined;

  /** The host's sign-in page, where "Sign in" leads after success. */
  @property({ attribute: 'login-url' }) accessor loginUrl: string | undefined = undefined;

  /** The rule to check as the user types (default: the article's). */
  @property({ attribute: false }) accessor policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY;

  /** The view shown. */
  @property({ reflect: true }) accessor view: PasswordResetView = 'form';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('token') && this.hasUpdated) {
      // A new link: start over.
      this.resetForm();
      this.view = 'form';
    }
    if (changed.has('token') || changed.has('view')) {
      if (this.view === 'form' && !this.#tokenLooksValid()) this.view = 'invalid';
    }
  }

  #tokenLooksValid(): boolean {
    return (this.token?.trim().length ?? 0) >= MIN_TOKEN_LENGTH;
  }

  /**
   * The page new links lead to: `reset-url`, else this page with the token in `?token=`.
   */
  protected override resetPageUrl(): string | undefined {
    if (this.resetUrl) return this.resetUrl;
    if (typeof location === 'undefined' || !/^https?:$/.test(location.protocol)) return undefined;
    const url = new URL(location.href);
    url.hash = '';
    url.searchParams.delete('token');
    const base = url.toString();
    return `${base}${url.search ? '&' : '?'}token={token}`;
  }

  /** Checks the form and saves the new password, as "Save new password" does. */
  async save(): Promise<boolean> {
    const client = this.activeClient;
    if (this.busy) return false;
    this.status = undefined;
    this.alert = undefined;
    this.alertList = [];
    const errors: Record<string, Message> = {};
    for (const field of RESET_FIELDS) {
      const error = this.#check(field);
      if (error) errors[field] = error;
    }
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      await this.focusFirstInvalid(RESET_FIELDS);
      return false;
    }
    if (!client || !this.token) {
      this.alert = { key: 'auth.notConnected' };
      return false;
    }
    this.busy = true;
    this.shown = new Set();
    try {
      await client.auth.resetPassword({
        token: this.token.trim(),
        password: this.value('password'),
        confirmation: this.value('confirmation'),
      });
      if (client !== this.activeClient) return false;
      this.resetForm();
      this.view = 'done';
      this.dispatchEvent(new BayPasswordResetDoneEvent({ loginUrl: this.loginUrl }));
      await this.focusById('heading');
      return true;
    } catch (error) {
      if (client !== this.activeClient) return false;
      await this.#showFailure(error);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Sends the new-link form, as "Send reset instructions" does. */
  async requestReset(): Promise<boolean> {
    const sent = await this.sendResetRequest();
    if (sent) {
      this.view = 'sent';
      await this.focusById('heading');
    }
    return sent;
  }

  #check(field: ResetField): Message | undefined {
    const password = this.value('password');
    if (field === 'password') {
      if (password === '') return { key: 'auth.error.newPasswordRequired' };
      if (password.length > PASSWORD_MAX_LENGTH) {
        return { key: 'auth.error.tooLong', params: { max: PASSWORD_MAX_LENGTH } };
      }
      const [unmet] = unmetRules(this.policy, password);
      return unmet ? ruleError(this.policy, unmet) : undefined;
    }
    const confirmation = this.value('confirmation');
    if (confirmation === '') return { key: 'auth.error.confirmationRequired' };
    return confirmation === password ? undefined : { key: 'auth.error.mismatch' };
  }

  async #showFailure(error: unknown): Promise<void> {
    const failure = isBaylinkError(error) ? error : undefined;
    if (
      failure?.code === 'reset_token_invalid' ||
      failure?.status === 404 ||
      failure?.status === 410
    ) {
      this.resetForm();
      this.view = 'invalid';
      await this.focusById('heading');
      return;
    }
    const errors: Record<string, Message> = {};
    const unplaced: string[] = [];
    if (failure?.status === 400) {
      for (const detail of failure.details) {
        if (detail.path === 'token') {
          this.resetForm();
          this.view = 'invalid';
          await this.focusById('heading');
          return;
        }
        const field = RESET_FIELDS.find((name) => name === detail.path);
        if (!field) {
          unplaced.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
          continue;
        }
        errors[field] ??=
          field === 'confirmation' ? { key: 'auth.error.mismatch' } : { text: detail.message };
      }
    }
    this.errors = errors;
    const placed = Object.keys(errors).length > 0;
    if (placed) await this.focusFirstInvalid(RESET_FIELDS);
    if (placed && unplaced.length === 0) return;
    this.alert =
      placed || unplaced.length > 0
        ? { key: 'reset.checkFields' }
        : this.failure(error, 'reset.failed');
    this.alertList = unplaced;
  }

  #onInput(event: Event): void {
    const control = event.target as HTMLInputElement;
    const field = RESET_FIELDS.find((name) => name === control.name);
    if (!field) return;
    this.setValue(field, control.value);
    if (field === 'password') this.scheduleRuleAnnouncement(this.policy, control.value);
    this.recheck((name) => this.#check(name as ResetField));
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.save();
  }

  #onRequestSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.requestReset();
  }

  async #askAgain(): Promise<void> {
    this.resetForm();
    this.view = 'forgot';
    await this.updateComplete;
    this.shadowRoot?.getElementById('email')?.focus();
  }

  protected override render(): TemplateResult {
    return html`<section
      part="base"
      class="base box"
      aria-labelledby="heading"
      lang=${this.resolvedLang}
      dir=${this.resolvedDir}
    >
      ${this.#renderView()}
    </section>`;
  }

  #signInLink(part: 'sign-in-link' | 'back-button', key: 'reset.signIn' | 'reset.request.back') {
    return this.loginUrl
      ? html`<a class=${part === 'sign-in-link' ? 'button primary' : 'link'} part=${part} href=${this.loginUrl}
          >${this.term(key)}</a
        >`
      : nothing;
  }

  #renderView(): TemplateResult {
    switch (this.view) {
      case 'done':
        return html`${this.renderHeading('reset.doneHeading')}
          <p class="notice" part="status" role="status">${this.term('reset.done')}</p>
          <div class="actions">${this.#signInLink('sign-in-link', 'reset.signIn')}</div>`;
      case 'invalid':
        return html`${this.renderHeading('reset.invalidHeading')}
          <p class="notice warning">${this.term('reset.invalid')}</p>
          <div class="actions">
            <button
              type="button"
              class="primary"
              part="ask-again-button"
              @click=${() => void this.#askAgain()}
            >
              ${this.term('reset.askAgain')}
            </button>
            ${this.#signInLink('back-button', 'reset.request.back')}
          </div>`;
      case 'forgot':
        return this.renderRequestForm({
          onSubmit: (event) => this.#onRequestSubmit(event),
          back: this.#signInLink('back-button', 'reset.request.back'),
        });
      case 'sent':
        return this.renderRequestSent(this.#signInLink('back-button', 'reset.request.back'));
      default:
        return this.#renderForm();
    }
  }

  #renderForm(): TemplateResult {
    const policy = this.policy;
    return html`${this.renderHeading('reset.heading')}
      <form
        novalidate
        aria-busy=${this.busy ? 'true' : 'false'}
        aria-labelledby="heading"
        @submit=${this.#onSubmit}
        @input=${this.#onInput}
      >
        ${this.renderField({
          name: 'password',
          label: this.term('password.new', { min: policy.minLength }),
          type: 'password',
          autocomplete: 'new-password',
          toggleLabel: this.term('auth.field.newPassword'),
          describedBy: ['password-rules'],
          after: this.renderRules(policy, this.value('password'), 'password-rules'),
          maxlength: PASSWORD_MAX_LENGTH,
        })}
        ${this.renderField({
          name: 'confirmation',
          label: this.term('password.confirmation'),
          type: 'password',
          autocomplete: 'new-password',
          toggleLabel: this.term('auth.field.confirmation'),
          maxlength: PASSWORD_MAX_LENGTH,
        })}
        <div class="actions">${this.renderSubmit('reset.submit', 'reset.submitting')}</div>
        ${this.renderStatus()} ${this.renderAlert()} ${this.renderAnnouncer()}
      </form>`;
  }
}
