import { type BaylinkError, isBaylinkError } from '@baylink/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { formStyles } from '../internal/form.styles.ts';
import {
  type PlainTranslationKey,
  type TranslationKey,
  type TranslationParams,
  translate,
} from '../internal/localize.ts';
import { passwordFormStyles } from './password-form.styles.ts';
import { type PasswordRuleId, passwordRules } from './password-rules.ts';
import type { PasswordPolicy } from './sdk-types.ts';

/**
 * A message to show: a translation key (re-rendered when the language changes; a parameter may
 * be a function of the language, for values formatted with `Intl`) or the server's own text.
 */
export type Message =
  | { key: TranslationKey; params?: Record<string, string | number | ((lang: string) => string)> }
  | { text: string };

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const EMAIL_MAX_LENGTH = 254;

const RULE_LABELS: Record<PasswordRuleId, TranslationKey> = {
  length: 'auth.rule.length',
  letter: 'auth.rule.letter',
  digit: 'auth.rule.digit',
  mixedCase: 'auth.rule.mixedCase',
  symbol: 'auth.rule.symbol',
};

const RULE_ERRORS: Record<PasswordRuleId, TranslationKey> = {
  length: 'auth.error.rule.length',
  letter: 'auth.error.rule.letter',
  digit: 'auth.error.rule.digit',
  mixedCase: 'auth.error.rule.mixedCase',
  symbol: 'auth.error.rule.symbol',
};

/** The message for the first rule of `policy` that `password` misses. */
export function ruleError(policy: PasswordPolicy, rule: PasswordRuleId): Message {
  return { key: RULE_ERRORS[rule], params: { count: policy.minLength } };
}

/**
 * The seconds to wait that a 429 carries (its `Retry-After`), if the SDK passed them on.
 */
export function retryAfterSeconds(error: BaylinkError): number | undefined {
  const carrier = error as BaylinkError & { retryAfter?: unknown; retryAfterSeconds?: unknown };
  for (const value of [carrier.retryAfter, carrier.retryAfterSeconds]) {
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  }
  return undefined;
}

/**
 * A wait as the language says it, rounded up: "in 45 seconds", "in 5 minutes", « dans 2 heures ».
 */
export function formatWait(lang: string, seconds: number): string {
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
  if (seconds < 60) return format.format(Math.max(1, Math.ceil(seconds)), 'second');
  if (seconds < 3600) return format.format(Math.ceil(seconds / 60), 'minute');
  return format.format(Math.ceil(seconds / 3600), 'hour');
}

export interface FieldOptions {
  /** The control's `name` and `id` (the API's field name, so 400 details map onto it). */
  name: string;
  label: string;
  type: 'email' | 'password';
  autocomplete: string;
  /** For password fields: the words the show/hide button names (`password`, `current password`). */
  toggleLabel?: string;
  /** Ids of other elements that describe the control (a rule list, a hint). */
  describedBy?: string[];
  /** Content rendered between the control and its error (the rule list). */
  after?: TemplateResult | typeof nothing;
  maxlength?: number;
}

/**
 * What `<bay-password-section>`, `<bay-login>` and `<bay-password-reset>` share: the form's
 * values and field errors, password fields with a show/hide button, the account's rules with
 * live checks (shown with ✓/✗ and words, and summed up in a polite live region once typing
 * pauses), a polite status and an alert region, and the messages for failures every call can
 * meet (no network, rate limited, session expired).
 */
export class PasswordFormElement extends BaylinkElement {
  static override styles = [BaylinkElement.styles, formStyles, passwordFormStyles];

  /** How long typing must pause before the rule checks are announced, in ms. */
  static announceDelay = 700;

  /** The heading's level in the page's outline (2 by default; the settings panel uses 3). */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  /** What the user typed, by field name. */
  @state() protected accessor values: Readonly<Record<string, string>> = {};
  /** Field errors, by field name. */
  @state() protected accessor errors: Readonly<Record<string, Message>> = {};
  /** Password fields shown in clear. */
  @state() protected accessor shown: ReadonlySet<string> = new Set();
  /** A call is on its way. */
  @state() protected accessor busy = false;
  /** The polite confirmation (saved, sent…). */
  @state() protected accessor status: Message | undefined = undefined;
  /** The failure that belongs to no field. */
  @state() protected accessor alert: Message | undefined = undefined;
  /** Server details that name no field of the form. */
  @state() protected accessor alertList: string[] = [];
  /** What the polite live region says about the rules. */
  @state() protected accessor announcement: Message | undefined = undefined;

  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  #announcedMet: number | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#announceTimer);
  }

  /** Clears the form: values, errors, messages, visibility. */
  protected resetForm(): void {
    this.values = {};
    this.errors = {};
    this.shown = new Set();
    this.status = undefined;
    this.alert = undefined;
    this.alertList = [];
    this.announcement = undefined;
    this.#announcedMet = undefined;
    clearTimeout(this.#announceTimer);
  }

  protected value(name: string): string {
    return this.values[name] ?? '';
  }

  protected setValue(name: string, value: string): void {
    this.values = { ...this.values, [name]: value };
  }

  /** A message in this element's language. */
  protected say(message: Message): string {
    if ('text' in message) return message.text;
    const lang = this.resolvedLang;
    const values = message.params
      ? Object.fromEntries(
          Object.entries(message.params).map(([name, value]) => [
            name,
            typeof value === 'function' ? value(lang) : value,
          ]),
        )
      : undefined;
    const params = (values ? [values] : []) as TranslationParams<TranslationKey>;
    return translate(lang, message.key, this.strings, ...params);
  }

  /**
   * The message for failures that belong to no field: rate limited (with the wait from
   * `Retry-After`), no network, session expired; `fallback` for the rest.
   */
  protected failure(error: unknown, fallback: PlainTranslationKey): Message {
    if (!isBaylinkError(error)) return { key: fallback };
    if (error.status === 429 || error.code === 'rate_limited') {
      const seconds = retryAfterSeconds(error);
      return seconds === undefined
        ? { key: 'auth.rateLimitedSoon' }
        : { key: 'auth.rateLimited', params: { when: (lang) => formatWait(lang, seconds) } };
    }
    if (error.status === 0 && error.code === 'network_error') return { key: 'error.network' };
    return { key: fallback };
  }

  /** Re-checks the fields that show an error (as the user fixes them) and keeps those still wrong. */
  protected recheck(check: (name: string) => Message | undefined): void {
    const next: Record<string, Message> = {};
    for (const name of Object.keys(this.errors)) {
      const error = check(name);
      if (error) next[name] = error;
    }
    this.errors = next;
  }

  /** Moves focus to the first field of `order` that has an error. */
  protected async focusFirstInvalid(order: readonly string[]): Promise<void> {
    await this.updateComplete;
    const first = order.find((name) => this.errors[name]);
    if (!first) return;
    this.shadowRoot?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  /** Moves focus to the element with `id` (a heading or message, made focusable for this). */
  protected async focusById(id: string): Promise<void> {
    await this.updateComplete;
    this.shadowRoot?.getElementById(id)?.focus();
  }

  /** Shows or hides a password field's text. */
  protected toggleShown(name: string): void {
    const next = new Set(this.shown);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    this.shown = next;
  }

  /**
   * After the password changed: once typing pauses, say how many rules it meets (only when
   * that number changed, so the region does not chatter).
   */
  protected scheduleRuleAnnouncement(policy: PasswordPolicy, password: string): void {
    clearTimeout(this.#announceTimer);
    const delay = (this.constructor as typeof PasswordFormElement).announceDelay;
    this.#announceTimer = setTimeout(() => {
      const rules = passwordRules(policy);
      const met = password === '' ? 0 : rules.filter((rule) => rule.test(password)).length;
      if (met === this.#announcedMet) return;
      this.#announcedMet = met;
      this.announcement =
        met === rules.length
          ? { key: 'auth.rules.allMet' }
          : { key: 'auth.rules.progress', params: { met, total: rules.length } };
    }, delay);
  }

  protected renderHeading(key: PlainTranslationKey, id = 'heading'): TemplateResult {
    return html`<div
      class="heading"
      part="header"
      id=${id}
      role="heading"
      aria-level=${Math.min(6, Math.max(1, this.headingLevel))}
      tabindex="-1"
    >
      ${this.term(key)}
    </div>`;
  }

  protected renderField(options: FieldOptions): TemplateResult {
    const { name } = options;
    const error = this.errors[name];
    const describedBy = [error ? `${name}-error` : undefined, ...(options.describedBy ?? [])]
      .filter(Boolean)
      .join(' ');
    const isPassword = options.type === 'password';
    const shown = isPassword && this.shown.has(name);
    const toggleWords = options.toggleLabel ?? '';
    return html`<div part="field" class="field">
      <label part="label" for=${name}>${options.label}</label>
      <div class="control">
        <input
          part="input"
          id=${name}
          name=${name}
          type=${isPassword ? (shown ? 'text' : 'password') : options.type}
          autocomplete=${options.autocomplete}
          maxlength=${ifDefined(options.maxlength)}
          autocapitalize="off"
          spellcheck="false"
          required
          .value=${live(this.value(name))}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${ifDefined(describedBy || undefined)}
        />
        ${
          isPassword
            ? html`<button
                type="button"
                part="toggle"
                class="toggle"
                aria-controls=${name}
                aria-label=${
                  shown
                    ? this.term('auth.hide.label', { field: toggleWords })
                    : this.term('auth.show.label', { field: toggleWords })
                }
                @click=${() => this.toggleShown(name)}
              >
                ${shown ? this.term('auth.hide') : this.term('auth.show')}
              </button>`
            : nothing
        }
      </div>
      ${options.after ?? nothing}
      ${
        error
          ? html`<p class="error" part="error" id="${name}-error">${this.say(error)}</p>`
          : nothing
      }
    </div>`;
  }

  /** The policy's rules with live ✓/✗ for `password`; `id` names the list for aria-describedby. */
  protected renderRules(policy: PasswordPolicy, password: string, id: string): TemplateResult {
    const typed = password !== '';
    return html`<div part="rules" class="rules" id=${id}>
      <p class="rules-heading" id="${id}-heading">${this.term('auth.rules.heading')}</p>
      <ul aria-labelledby="${id}-heading">
        ${passwordRules(policy).map((rule) => {
          const met = typed && rule.test(password);
          const state = met ? 'met' : typed ? 'unmet' : 'pending';
          return html`<li
            part="rule rule-${state}"
            class="rule ${state}"
            data-rule=${rule.id}
            data-state=${state}
          >
            <span class="rule-icon" aria-hidden="true">${met ? '✓' : typed ? '✗' : '•'}</span>
            <span
              >${this.say({ key: RULE_LABELS[rule.id], params: { count: policy.minLength } })}<span
                class="visually-hidden"
                >${` (${met ? this.term('auth.rule.met') : this.term('auth.rule.unmet')})`}</span
              ></span
            >
          </li>`;
        })}
      </ul>
    </div>`;
  }

  /** The polite region for rule checks (kept rendered, even empty, so changes are announced). */
  protected renderAnnouncer(): TemplateResult {
    return html`<div class="visually-hidden" role="status" part="announcer">${
      this.announcement ? this.say(this.announcement) : ''
    }</div>`;
  }

  protected renderStatus(): TemplateResult {
    return html`<p class="status" part="status" role="status">${
      this.status ? this.say(this.status) : ''
    }</p>`;
  }

  protected renderAlert(): TemplateResult {
    return html`<div class="alert" part="alert" role="alert">${
      this.alert ? this.say(this.alert) : ''
    }${
      this.alertList.length > 0
        ? html`<ul>
            ${this.alertList.map((item) => html`<li>${item}</li>`)}
          </ul>`
        : nothing
    }</div>`;
  }

  protected renderSubmit(
    label: PlainTranslationKey,
    busyLabel: PlainTranslationKey,
    part = 'submit-button',
  ): TemplateResult {
    return html`<button
      type="submit"
      class="primary"
      part=${part}
      aria-disabled=${this.busy ? 'true' : 'false'}
    >
      ${this.busy ? this.term(busyLabel) : this.term(label)}
    </button>`;
  }
}
