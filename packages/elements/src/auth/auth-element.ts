import { type BaylinkClient, createClient, isBaylinkError } from '@baylink/sdk';
import { html, type nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { BayPasswordResetRequestedEvent } from './events.ts';
import {
  EMAIL_MAX_LENGTH,
  EMAIL_PATTERN,
  type Message,
  PasswordFormElement,
} from './password-form.ts';

const warned = new Set<string>();

function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
}

/**
 * The base of the elements shown before anyone is signed in (`<bay-login>`,
 * `<bay-password-reset>`):
 *
 * - they follow no user (there is none yet): their language comes from their `lang` attribute,
 *   the closest `[lang]` ancestor or the document;
 * - they take a client from `<bay-provider>` or their `client` property like every element,
 *   or make their own from a `base-url` attribute (a client with no token: the auth calls are
 *   public);
 * - they share the "Reset your password" request form (email, "Send reset instructions") and
 *   its neutral confirmation, which never says whether the address exists.
 */
export class AuthElement extends PasswordFormElement {
  static override followsUser = false;

  /**
   * The API's origin (and path prefix), such as `https://api.baylink.example`: the element then
   * makes its own client when it has none from a property or a provider.
   */
  @property({ attribute: 'base-url' }) accessor baseUrl: string | undefined = undefined;

  /** The account (dealership) whose users sign in here. */
  @property({ attribute: 'account-id' }) accessor accountId: string | undefined = undefined;

  /**
   * The host's page that sets a new password, with `{token}` where the link's token goes:
   * `https://portal.example.com/reset?token={token}`. Its origin must be one the integrator
   * allows.
   */
  @property({ attribute: 'reset-url' }) accessor resetUrl: string | undefined = undefined;

  #own: BaylinkClient | undefined;
  #ownFrom: string | undefined;

  /** The client used: the `client` property, else the provider's, else one made from `base-url`. */
  override get activeClient(): BaylinkClient | undefined {
    return this.client ?? this.contextClient ?? this.#ownClient();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#own?.destroy();
    this.#own = undefined;
    this.#ownFrom = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.#own && (this.client || this.contextClient || this.baseUrl !== this.#ownFrom)) {
      this.#own.destroy();
      this.#own = undefined;
      this.#ownFrom = undefined;
    }
  }

  #ownClient(): BaylinkClient | undefined {
    if (!this.baseUrl || !this.isConnected) return undefined;
    if (this.#own && this.#ownFrom === this.baseUrl) return this.#own;
    this.#own?.destroy();
    this.#ownFrom = this.baseUrl;
    try {
      this.#own = createClient({ baseUrl: this.baseUrl });
    } catch (error) {
      this.#own = undefined;
      console.error(`<${this.localName}> could not create the Baylink client:`, error);
    }
    return this.#own;
  }

  /** The reset page's address for the API, or undefined when the element cannot ask for one. */
  protected resetPageUrl(): string | undefined {
    return this.resetUrl || undefined;
  }

  protected checkEmail(): Message | undefined {
    const email = this.value('email').trim();
    if (email === '') return { key: 'auth.error.emailRequired' };
    if (email.length > EMAIL_MAX_LENGTH || !EMAIL_PATTERN.test(email)) {
      return { key: 'auth.error.emailInvalid' };
    }
    return undefined;
  }

  /**
   * Sends the reset request form. Resolves to whether the API took it (the same for a known
   * and an unknown address).
   */
  protected async sendResetRequest(): Promise<boolean> {
    const client = this.activeClient;
    if (this.busy) return false;
    this.status = undefined;
    this.alert = undefined;
    this.alertList = [];
    const emailError = this.checkEmail();
    this.errors = emailError ? { email: emailError } : {};
    if (emailError) {
      await this.focusFirstInvalid(['email']);
      return false;
    }
    const resetUrl = this.resetPageUrl();
    if (!client || !this.accountId || !resetUrl) {
      warnOnce(
        `<${this.localName}> needs a client (base-url, client or <bay-provider>), an account-id and a reset-url to send reset instructions.`,
      );
      this.alert = { key: client ? 'reset.request.failed' : 'auth.notConnected' };
      return false;
    }
    const email = this.value('email').trim();
    this.busy = true;
    try {
      await client.auth.requestReset({ accountId: this.accountId, email, resetUrl });
      if (client !== this.activeClient) return false;
      this.dispatchEvent(new BayPasswordResetRequestedEvent({ email }));
      return true;
    } catch (error) {
      if (client !== this.activeClient) return false;
      const failure = isBaylinkError(error) ? error : undefined;
      const emailDetail = failure?.status === 400 ? failure.fieldMessage('email') : undefined;
      if (emailDetail !== undefined) {
        this.errors = { email: { key: 'auth.error.emailInvalid' } };
        await this.focusFirstInvalid(['email']);
      } else {
        if (failure?.status === 400) {
          warnOnce(
            `<${this.localName}>: the API refused the reset request (${failure.details
              .map((detail) => `${detail.path}: ${detail.message}`)
              .join('; ')}). Check account-id and reset-url.`,
          );
        }
        this.alert = this.failure(error, 'reset.request.failed');
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  protected onEmailInput(event: Event): void {
    const control = event.target as HTMLInputElement;
    if (!control.name) return;
    this.setValue(control.name, control.value);
    if (this.errors.email && control.name === 'email') {
      this.recheck((name) => (name === 'email' ? this.checkEmail() : this.errors[name]));
    }
  }

  /** The "Reset your password" form: intro, email, "Send reset instructions", a way back. */
  protected renderRequestForm(options: {
    onSubmit: (event: SubmitEvent) => void;
    back: TemplateResult | typeof nothing;
  }): TemplateResult {
    return html`${this.renderHeading('reset.request.heading')}
      <p class="intro" id="request-intro">${this.term('reset.request.intro')}</p>
      <form
        novalidate
        aria-busy=${this.busy ? 'true' : 'false'}
        aria-labelledby="heading"
        @submit=${options.onSubmit}
        @input=${this.onEmailInput}
      >
        ${this.renderField({
          name: 'email',
          label: this.term('login.email'),
          type: 'email',
          autocomplete: 'username',
          describedBy: ['request-intro'],
          maxlength: EMAIL_MAX_LENGTH,
        })}
        <div class="actions">
          ${this.renderSubmit('reset.request.submit', 'reset.request.sending')} ${options.back}
        </div>
        ${this.renderAlert()}
      </form>`;
  }

  /** The neutral confirmation after a reset request (the same for any address). */
  protected renderRequestSent(back: TemplateResult | typeof nothing): TemplateResult {
    return html`${this.renderHeading('reset.request.sentHeading')}
      <div class="sent" part="sent" role="status">
        <p class="notice">
          ${this.term('reset.request.sent', { email: this.value('email').trim() })}
        </p>
      </div>
      <p class="hint">${this.term('reset.request.sentHint')}</p>
      <div class="actions">${back}</div>`;
  }
}
