import { isBaylinkError } from '@baylink/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { formStyles } from '../internal/form.styles.ts';
import { AuthElement } from './auth-element.ts';
import { BayLoginEvent } from './events.ts';
import { authStyles } from './login.styles.ts';
import { passwordFormStyles } from './password-form.styles.ts';
import { EMAIL_MAX_LENGTH, type Message } from './password-form.ts';
import { PASSWORD_MAX_LENGTH } from './password-rules.ts';

/** What `<bay-login>` shows: the sign-in form, the reset request, or its confirmation. */
export type LoginView = 'sign-in' | 'forgot' | 'sent';

/** Every part of `<bay-login>` and `<bay-password-reset>`. */
export const AUTH_PARTS = [
  'base',
  'header',
  'field',
  'label',
  'input',
  'toggle',
  'rules',
  'rule',
  'rule-met',
  'rule-unmet',
  'rule-pending',
  'error',
  'submit-button',
  'forgot-button',
  'back-button',
  'sign-in-link',
  'ask-again-button',
  'status',
  'alert',
  'sent',
  'announcer',
] as const;

/**
 * @summary Sign-in with a Baylink email and password, and "Forgot your password?".
 *
 * For accounts that use Baylink's own identity. "Sign in" calls `client.auth.login` and
 * dispatches `bay-login` with the API's answer (`token`, `expiresAt`, `userId`): the host keeps
 * the token. "Forgot your password?" switches to "Reset your password" (email, "Send reset
 * instructions"); the confirmation that follows is the same whether or not the address has an
 * account. Without `reset-url` the link is not offered.
 *
 * Works with a client from `<bay-provider>`, its `client` property, or one it makes from
 * `base-url` (no token needed). Renders in its `lang`, the closest `[lang]` ancestor's or the
 * document's language.
 *
 * @event {BayLoginEvent} bay-login - The user signed in. `detail: { token, expiresAt, userId }`.
 * @event {BayPasswordResetRequestedEvent} bay-password-reset-requested - Reset instructions
 * were asked for. `detail: { email }`.
 *
 * @csspart base - The element's box.
 * @csspart header - The heading ("Sign in", "Reset your password", "Check your email").
 * @csspart field - Each field's wrapper.
 * @csspart label - Each field's label.
 * @csspart input - Each `<input>` (`name="email" | "password"`).
 * @csspart toggle - The password's show/hide button.
 * @csspart error - A field's error message.
 * @csspart submit-button - "Sign in", "Send reset instructions".
 * @csspart forgot-button - "Forgot your password?".
 * @csspart back-button - "Back to sign in".
 * @csspart status - The polite live region ("You are signed in.").
 * @csspart alert - The alert region (wrong email or password, rate limited…).
 * @csspart sent - The confirmation that instructions were sent.
 *
 * @cssproperty --bay-login-width - The element's widest width (default 26rem).
 * @cssproperty --bay-login-background - Background (default `--bay-color-surface`).
 * @cssproperty --bay-login-padding - The space inside the box.
 * @cssproperty --bay-login-border - Its border (default 1px solid `--bay-color-border`).
 * @cssproperty --bay-login-radius - Its corner radius (default `--bay-radius`).
 */
export class BayLogin extends AuthElement {
  static override styles = [BaylinkElement.styles, formStyles, passwordFormStyles, authStyles];

  /** The view shown; `forgot` opens "Reset your password" directly. */
  @property({ reflect: true }) accessor view: LoginView = 'sign-in';

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('view') && this.hasUpdated) {
      // Another view: its messages are not this one's.
      this.alert = undefined;
      this.alertList = [];
    }
  }

  /** Signs in with what the form holds, as "Sign in" does. Resolves to whether it worked. */
  async signIn(): Promise<boolean> {
    const client = this.activeClient;
    if (this.busy) return false;
    this.status = undefined;
    this.alert = undefined;
    this.alertList = [];
    const errors: Record<string, Message> = {};
    const emailError = this.checkEmail();
    if (emailError) errors.email = emailError;
    if (this.value('password') === '') errors.password = { key: 'auth.error.passwordRequired' };
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      await this.focusFirstInvalid(['email', 'password']);
      return false;
    }
    if (!client || !this.accountId) {
      console.warn(
        '<bay-login> needs a client (base-url, client or <bay-provider>) and an account-id.',
      );
      this.alert = { key: client ? 'login.error' : 'auth.notConnected' };
      return false;
    }
    this.busy = true;
    this.shown = new Set();
    try {
      const answer = await client.auth.login({
        accountId: this.accountId,
        email: this.value('email').trim(),
        password: this.value('password'),
      });
      if (client !== this.activeClient) return false;
      this.setValue('password', '');
      this.status = { key: 'login.success' };
      this.dispatchEvent(new BayLoginEvent(answer));
      return true;
    } catch (error) {
      if (client !== this.activeClient) return false;
      const failure = isBaylinkError(error) ? error : undefined;
      if (failure?.code === 'invalid_credentials' || failure?.status === 401) {
        this.alert = { key: 'login.failed' };
        this.setValue('password', '');
        await this.updateComplete;
        this.shadowRoot?.querySelector<HTMLInputElement>('[name="password"]')?.focus();
      } else if (failure?.code === 'password_auth_disabled' || failure?.status === 403) {
        this.alert = { key: 'login.notAvailable' };
      } else if (failure?.status === 400 && failure.fieldMessage('email') !== undefined) {
        this.errors = { email: { key: 'auth.error.emailInvalid' } };
        await this.focusFirstInvalid(['email']);
      } else {
        this.alert = this.failure(error, 'login.error');
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Sends the reset request form, as "Send reset instructions" does. */
  async requestReset(): Promise<boolean> {
    const sent = await this.sendResetRequest();
    if (sent) {
      this.view = 'sent';
      await this.focusById('heading');
    }
    return sent;
  }

  async #show(view: LoginView): Promise<void> {
    this.errors = {};
    this.status = undefined;
    this.setValue('password', '');
    this.shown = new Set();
    this.view = view;
    await this.updateComplete;
    const target = view === 'sent' ? 'heading' : 'email';
    this.shadowRoot?.getElementById(target)?.focus();
  }

  #onSignInSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.signIn();
  }

  #onRequestSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.requestReset();
  }

  #onSignInInput(event: Event): void {
    const control = event.target as HTMLInputElement;
    if (control.name !== 'email' && control.name !== 'password') return;
    this.setValue(control.name, control.value);
    this.status = undefined;
    this.recheck((name) => {
      if (name === 'email') return this.checkEmail();
      if (name === 'password') {
        return this.value('password') === '' ? { key: 'auth.error.passwordRequired' } : undefined;
      }
      return this.errors[name];
    });
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

  #renderView(): TemplateResult {
    const back = html`<button
      type="button"
      class="link"
      part="back-button"
      @click=${() => void this.#show('sign-in')}
    >
      ${this.term('reset.request.back')}
    </button>`;
    switch (this.view) {
      case 'forgot':
        return this.renderRequestForm({
          onSubmit: (event) => this.#onRequestSubmit(event),
          back,
        });
      case 'sent':
        return this.renderRequestSent(back);
      default:
        return this.#renderSignIn();
    }
  }

  #renderSignIn(): TemplateResult {
    return html`${this.renderHeading('login.heading')}
      <form
        novalidate
        aria-busy=${this.busy ? 'true' : 'false'}
        aria-labelledby="heading"
        @submit=${this.#onSignInSubmit}
        @input=${this.#onSignInInput}
      >
        ${this.renderField({
          name: 'email',
          label: this.term('login.email'),
          type: 'email',
          autocomplete: 'username',
          maxlength: EMAIL_MAX_LENGTH,
        })}
        ${this.renderField({
          name: 'password',
          label: this.term('login.password'),
          type: 'password',
          autocomplete: 'current-password',
          toggleLabel: this.term('auth.field.password'),
          maxlength: PASSWORD_MAX_LENGTH,
        })}
        <div class="actions">
          ${this.renderSubmit('login.submit', 'login.submitting')}
          ${
            this.resetUrl
              ? html`<button
                  type="button"
                  class="link"
                  part="forgot-button"
                  @click=${() => void this.#show('forgot')}
                >
                  ${this.term('login.forgot')}
                </button>`
              : nothing
          }
        </div>
        ${this.renderStatus()} ${this.renderAlert()}
      </form>`;
  }
}
