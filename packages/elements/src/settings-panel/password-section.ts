import { type BaylinkClient, isBaylinkError } from '@baylink/sdk';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { passwordFormStyles } from '../auth/password-form.styles.ts';
import { type Message, PasswordFormElement, ruleError } from '../auth/password-form.ts';
import { PASSWORD_MAX_LENGTH, unmetRules } from '../auth/password-rules.ts';
import type { PasswordPolicy, PasswordSettings } from '../auth/sdk-types.ts';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { formStyles } from '../internal/form.styles.ts';
import { passwordSectionStyles } from './password-section.styles.ts';
import { failureAlert, placeDetails } from './section-support.ts';
import { BaySettingsDirtyEvent } from './settings-events.ts';
import { type SettingsSection, sectionAttributes, sectionExportParts } from './settings-section.ts';

/** The form's fields, in the order of the article (and of focus): the API's field names. */
export const PASSWORD_FIELDS = ['password', 'confirmation', 'current'] as const;
export type PasswordField = (typeof PASSWORD_FIELDS)[number];

/** Every part of the section, for `exportparts` on elements that nest it. */
export const PASSWORD_SECTION_PARTS = [
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
  'hint',
  'save-button',
  'status',
  'alert',
  'notice',
  'announcer',
] as const;

/**
 * @summary The "Change password" settings of the signed-in user: new password, confirmation
 * and current password, with the account's password rule checked as the user types.
 *
 * It shows only for accounts whose users sign in with a Baylink password: it asks
 * `client.auth.settings()`, and when the account signs its users in through the host
 * (`enabled: false`) it shows a short notice instead of the form (inside
 * `<bay-settings-panel>` the section is then left out altogether).
 *
 * Each field has a show/hide button. The account's rules are listed under the new password
 * with a live ✓/✗ per rule (in words too, for screen readers), and a polite live region sums
 * them up once typing pauses. "Change password" checks everything first (empty fields, the
 * rules, the confirmation, the same password as the current one) and focuses the first field in
 * error; errors the API finds land on their field. Success is announced politely and clears the
 * fields; a failure shows in an alert, a rate limit with the wait the API gave.
 *
 * @event {BaySettingsDirtyEvent} bay-settings-dirty - The form started or stopped holding
 * typed passwords. `detail: { dirty }`.
 *
 * @csspart base - The section's wrapper.
 * @csspart header - The "Change password" heading.
 * @csspart field - Each field's wrapper (label, control, show/hide button, rules, error).
 * @csspart label - Each field's label.
 * @csspart input - Each password `<input>` (`name="password" | "confirmation" | "current"`).
 * @csspart toggle - Each field's show/hide button.
 * @csspart rules - The list of the account's password rules.
 * @csspart rule - One rule; also `rule-met`, `rule-unmet` or `rule-pending` (nothing typed yet).
 * @csspart error - A field's error message.
 * @csspart hint - "Last changed …".
 * @csspart save-button - The "Change password" button.
 * @csspart status - The polite live region with the "changed" confirmation.
 * @csspart alert - The alert region for failures that belong to no field.
 * @csspart notice - The note shown when the account signs in through the host.
 * @csspart announcer - The visually hidden polite region that sums up the rule checks.
 *
 * @cssproperty --bay-password-section-background - Background (default `--bay-color-surface`).
 * @cssproperty --bay-password-section-form-width - The form's widest width (default 28rem).
 */
export class BayPasswordSection extends PasswordFormElement {
  static override styles = [
    BaylinkElement.styles,
    formStyles,
    passwordFormStyles,
    passwordSectionStyles,
  ];

  #formClient: BaylinkClient | undefined;
  #wasDirty = false;

  /** The account's password settings (whether the section applies, and the rule), by client. */
  readonly #settings = new Task(this, {
    task: async ([client]: readonly [BaylinkClient | undefined]) =>
      client ? { client, settings: await client.auth.settings() } : undefined,
    args: () => [this.activeClient] as const,
  });

  /** The account's settings once loaded for the current client: `enabled` and `policy`. */
  get settings(): PasswordSettings | undefined {
    const loaded = this.#settings.value;
    return loaded && loaded.client === this.activeClient ? loaded.settings : undefined;
  }

  /**
   * Whether the section applies to the signed-in user: `true` when the account uses Baylink
   * passwords, `false` when it signs in through the host, `undefined` until known.
   */
  get applicable(): boolean | undefined {
    return this.settings?.enabled;
  }

  /** Whether the form holds typed passwords that "Change password" has not sent. */
  get dirty(): boolean {
    return PASSWORD_FIELDS.some((field) => this.value(field) !== '');
  }

  get #policy(): PasswordPolicy | undefined {
    return this.settings?.policy;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (client !== this.#formClient) {
      // Another client may be another user: start from a clean form.
      this.#formClient = client;
      this.resetForm();
      this.busy = false;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dirty = this.dirty;
    if (dirty !== this.#wasDirty) {
      this.#wasDirty = dirty;
      this.dispatchEvent(new BaySettingsDirtyEvent({ dirty }));
    }
  }

  /**
   * Checks the form and sends it, as "Change password" does. Resolves to whether the password
   * was changed.
   */
  async save(): Promise<boolean> {
    const client = this.activeClient;
    const policy = this.#policy;
    if (!client || !policy || this.busy) return false;
    this.status = undefined;
    this.alert = undefined;
    this.alertList = [];
    const errors: Record<string, Message> = {};
    for (const field of PASSWORD_FIELDS) {
      const error = this.#check(field, policy);
      if (error) errors[field] = error;
    }
    this.errors = errors;
    if (Object.keys(errors).length > 0) {
      await this.focusFirstInvalid(PASSWORD_FIELDS);
      return false;
    }
    const input = {
      current: this.value('current'),
      password: this.value('password'),
      confirmation: this.value('confirmation'),
    };
    this.busy = true;
    // Passwords go back to dots before anything else happens on screen.
    this.shown = new Set();
    try {
      await client.auth.changePassword(input);
      if (client !== this.activeClient) return false;
      this.resetForm();
      this.status = { key: 'password.saved' };
      // The "last changed" date.
      void this.#settings.run();
      return true;
    } catch (error) {
      if (client !== this.activeClient) return false;
      this.#showFailure(error, policy);
      if (Object.keys(this.errors).length > 0) await this.focusFirstInvalid(PASSWORD_FIELDS);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** What is wrong with one field, checked before sending. */
  #check(field: PasswordField, policy: PasswordPolicy): Message | undefined {
    const password = this.value('password');
    switch (field) {
      case 'password': {
        if (password === '') return { key: 'auth.error.newPasswordRequired' };
        if (password.length > PASSWORD_MAX_LENGTH) {
          return { key: 'auth.error.tooLong', params: { max: PASSWORD_MAX_LENGTH } };
        }
        const [unmet] = unmetRules(policy, password);
        if (unmet) return ruleError(policy, unmet);
        if (password === this.value('current')) return { key: 'auth.error.sameAsCurrent' };
        return undefined;
      }
      case 'confirmation': {
        const confirmation = this.value('confirmation');
        if (confirmation === '') return { key: 'auth.error.confirmationRequired' };
        if (confirmation !== password) return { key: 'auth.error.mismatch' };
        return undefined;
      }
      case 'current':
        return this.value('current') === '' ? { key: 'auth.error.currentRequired' } : undefined;
    }
  }

  /** Maps the API's answer onto the fields (in this element's language where it can). */
  #showFailure(error: unknown, policy: PasswordPolicy): void {
    const failure = isBaylinkError(error) ? error : undefined;
    const errors: Record<string, Message> = {};
    if (failure?.code === 'current_password_invalid') {
      errors.current = { key: 'auth.error.currentWrong' };
    }
    const placed = placeDetails<PasswordField, Message>(
      failure?.status === 400 ? failure.details : [],
      (path) => PASSWORD_FIELDS.find((name) => name === path),
      (field, detail) => this.#serverFieldError(field, detail.message, policy),
      errors,
    );
    this.errors = errors;
    // Only a 400 has details to place: a 401 with nothing placed is an ended session.
    const alert = failureAlert<PasswordField, Message>(
      placed,
      { key: 'password.checkFields' },
      () =>
        failure?.status === 401
          ? { key: 'error.unauthorized' }
          : this.failure(error, 'password.saveFailed'),
    );
    if (!alert) return;
    this.alert = alert;
    this.alertList = placed.unplaced;
  }

  /** A field the API refused: our own words when our checks explain it, the API's otherwise. */
  #serverFieldError(field: PasswordField, text: string, policy: PasswordPolicy): Message {
    if (field === 'confirmation') return { key: 'auth.error.mismatch' };
    if (field === 'current') return { key: 'auth.error.currentWrong' };
    const password = this.value('password');
    const [unmet] = unmetRules(policy, password);
    if (unmet) return ruleError(policy, unmet);
    if (password !== '' && password === this.value('current')) {
      return { key: 'auth.error.sameAsCurrent' };
    }
    return { text };
  }

  #onInput(event: Event): void {
    const control = event.target as HTMLInputElement;
    const field = PASSWORD_FIELDS.find((name) => name === control.name);
    if (!field) return;
    this.setValue(field, control.value);
    this.status = undefined;
    const policy = this.#policy;
    if (!policy) return;
    if (field === 'password') this.scheduleRuleAnnouncement(policy, control.value);
    // Once a field has shown an error, re-check it as the user fixes it.
    this.recheck((name) => this.#check(name as PasswordField, policy));
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.save();
  }

  protected override render(): TemplateResult {
    return html`<section
      part="base"
      class="base"
      aria-labelledby="heading"
      lang=${this.resolvedLang}
      dir=${this.resolvedDir}
    >
      ${this.renderHeading('password.heading')} ${this.#renderBody()}
    </section>`;
  }

  #renderBody(): TemplateResult {
    if (!this.activeClient) {
      return html`<p class="hint" part="hint">${this.term('password.notConnected')}</p>`;
    }
    const settings = this.settings;
    if (!settings) {
      if (this.#settings.status === TaskStatus.ERROR) {
        return html`<div class="alert" role="alert" part="alert">
            ${this.say(this.failure(this.#settings.error, 'password.loadFailed'))}
          </div>
          <div class="actions">
            <button type="button" @click=${() => void this.#settings.run()}>
              ${this.term('password.retry')}
            </button>
          </div>`;
      }
      return html`<p class="hint" role="status">${this.term('password.loading')}</p>`;
    }
    if (!settings.enabled) {
      return html`<p class="notice" part="notice">${this.term('password.notApplicable')}</p>`;
    }
    return this.#renderForm(settings);
  }

  #renderForm(settings: PasswordSettings): TemplateResult {
    const { policy } = settings;
    const me = this.meStore.value?.me;
    const changedAt = settings.changedAt ? new Date(settings.changedAt) : undefined;
    return html`${
      changedAt && !Number.isNaN(changedAt.getTime())
        ? html`<p class="hint" part="hint">
            ${this.term('password.changedAt', {
              date: new Intl.DateTimeFormat(this.resolvedLang, { dateStyle: 'long' }).format(
                changedAt,
              ),
            })}
          </p>`
        : nothing
    }
      <form
        novalidate
        aria-busy=${this.busy ? 'true' : 'false'}
        @submit=${this.#onSubmit}
        @input=${this.#onInput}
      >
        <input
          type="text"
          name="username"
          autocomplete="username"
          .value=${me?.email ?? ''}
          readonly
          hidden
        />
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
        ${this.renderField({
          name: 'current',
          label: this.term('password.current'),
          type: 'password',
          autocomplete: 'current-password',
          toggleLabel: this.term('auth.field.current'),
          maxlength: PASSWORD_MAX_LENGTH,
        })}
        <div class="actions">
          ${this.renderSubmit('password.save', 'password.saving', 'save-button')}
          ${this.renderStatus()}
        </div>
        ${this.renderAlert()} ${this.renderAnnouncer()}
      </form>`;
  }
}

/**
 * The Password section of `<bay-settings-panel>`: shown only when the signed-in user's account
 * uses Baylink passwords (`client.auth.settings()` says `enabled`).
 */
export const passwordSettingsSection: SettingsSection = {
  name: 'password',
  label: 'settings.section.password',
  render(panel) {
    const { lang, theme } = sectionAttributes(panel);
    return html`<bay-password-section
      part="section"
      exportparts=${sectionExportParts(PASSWORD_SECTION_PARTS)}
      heading-level="3"
      lang=${lang}
      theme=${theme}
      .client=${panel.client}
      .strings=${panel.strings}
    ></bay-password-section>`;
  },
  async available(client) {
    return (await client.auth.settings()).enabled;
  },
};
