import {
  type BaylinkClient,
  isBaylinkError,
  SIGNATURE_MAX_LENGTH,
  type Signature,
  type SignatureState,
  type UpdateSignature,
} from '@baylink/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { BaySettingsChangeEvent } from '../internal/events.ts';
import { formStyles } from '../internal/form.styles.ts';
import type { TranslationKey } from '../internal/localize.ts';
import { StoreController } from '../internal/store-controller.ts';
import {
  failureAlert,
  focusFirstInvalid,
  generalFailure,
  type SectionMessage as Message,
  placeDetails,
  renderAlert,
  renderSaveActions,
  reportError,
  sayMessage,
} from './section-support.ts';
import { BaySettingsDirtyEvent } from './settings-events.ts';
import { type SettingsSection, sectionAttributes, sectionExportParts } from './settings-section.ts';
import { signatureSectionStyles } from './signature-section.styles.ts';

// ─── The signature rule, as the API applies it ──────────────────────────────────────────────

/**
 * What customers see under a message: nothing when the signature is off, its text, or the
 * profile name when the text is empty. The API's rule (`routes/signature/signature.rules.ts`),
 * mirrored here so the preview is right while the user types, before anything is saved.
 */
export function effectiveSignature(enabled: boolean, text: string, name: string): string | null {
  if (!enabled) return null;
  const trimmed = normalizeSignature(text);
  if (trimmed !== '') return trimmed;
  const profileName = name.trim();
  return profileName === '' ? null : profileName;
}

/** The text as the API stores it: LF line breaks, no blank space around. */
export function normalizeSignature(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/**
 * A message body signed like `POST /v1/me/signature/apply` does it: unchanged without a
 * signature; otherwise without its trailing blank space, then a blank line and the signature.
 */
export function signBody(
  body: string,
  signature: string | null,
): { body: string; signature: string | null } {
  if (signature === null) return { body, signature: null };
  const newline = body.includes('\r\n') ? '\r\n' : '\n';
  const signed = signature.split('\n').join(newline);
  const trimmed = body.replace(/\s+$/u, '');
  return {
    body: trimmed === '' ? signed : `${trimmed}${newline}${newline}${signed}`,
    signature,
  };
}

// ─── The section ────────────────────────────────────────────────────────────────────────────

/** Every part of the section, for `exportparts` on elements that nest it. */
export const SIGNATURE_SECTION_PARTS = [
  'base',
  'header',
  'intro',
  'form',
  'switch',
  'switch-label',
  'switch-state',
  'field',
  'label',
  'textarea',
  'hint',
  'counter',
  'error',
  'preview',
  'preview-heading',
  'preview-message',
  'preview-signature',
  'preview-note',
  'save-button',
  'status',
  'alert',
] as const;

/** Characters left at which the counter warns, and screen readers hear how many remain. */
export const SIGNATURE_NEAR_LIMIT = 50;
/** How long typing must pause before the remaining count is announced, in ms. */
const ANNOUNCE_DELAY = 700;

type Field = 'enabled' | 'text';

/**
 * @summary The "Signature" settings (article "Setting Up Your Signature"): the switch that turns
 * the signature on or off, the multi-line "Your signature" field with a character counter, and a
 * live preview of what customers will see. "Update signature" saves both.
 *
 * The signature is added to every message the user sends manually; left empty, the profile name
 * is used, and the preview says so. The counter warns near the limit and screen readers hear the
 * characters left once typing pauses. The API's 400 details show on their field. `dirty` tells
 * whether there are unsaved changes; every change of it dispatches `bay-settings-dirty`.
 * Ctrl+Enter (⌘+Enter) in the field saves.
 *
 * Form and preview side by side when the element is at least 44rem wide, stacked below: it
 * follows its own width (a container query), not the viewport's.
 *
 * @event {BaySettingsChangeEvent} bay-settings-change - The signature was saved.
 * `detail: { section: 'signature', signature, me }`.
 * @event {BaySettingsDirtyEvent} bay-settings-dirty - `dirty` changed. `detail: { dirty }`.
 * @event {BayErrorEvent} bay-error - A call to the API failed (the user has been told).
 * `detail: { section: 'signature', operation, error }`.
 *
 * @csspart base - The section's wrapper.
 * @csspart header - The "Signature" heading.
 * @csspart intro - The paragraph that explains the signature.
 * @csspart form - The form (switch, field, button).
 * @csspart switch - The on/off switch (a checkbox with `role="switch"`).
 * @csspart switch-label - The switch's label.
 * @csspart switch-state - The visible "On" / "Off" next to the switch.
 * @csspart field - The text field's wrapper (label, hint, textarea, counter, error).
 * @csspart label - The "Your signature" label.
 * @csspart hint - Help text under the label.
 * @csspart textarea - The multi-line signature field.
 * @csspart counter - The character counter.
 * @csspart error - A field's error message.
 * @csspart preview - The "What your customers will see" card.
 * @csspart preview-heading - The preview's heading.
 * @csspart preview-message - The sample message bubble.
 * @csspart preview-signature - The signature inside the bubble (absent when off).
 * @csspart preview-note - The line under the bubble (name used, signature off…).
 * @csspart save-button - The "Update signature" button.
 * @csspart status - The polite live region with the "updated" confirmation.
 * @csspart alert - The alert region for failures that belong to no field.
 *
 * @cssproperty --bay-signature-section-background - Background (default `--bay-color-surface`).
 * @cssproperty --bay-signature-section-preview-width - Width of the preview column in two columns (default 20rem).
 * @cssproperty --bay-signature-section-bubble-background - The sample message's background (default `--bay-color-surface-sunken`).
 * @cssproperty --bay-signature-section-switch-on - The switch's colour when on (default `--bay-color-accent`).
 */
export class BaySignatureSection extends BaylinkElement {
  static override styles = [BaylinkElement.styles, formStyles, signatureSectionStyles];

  /** The heading's level in the page's outline (2 by default; the settings panel uses 3). */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  @state() accessor #draftEnabled: boolean | undefined = undefined;
  @state() accessor #draftText: string | undefined = undefined;
  @state() accessor #errors: Partial<Record<Field, Message>> = {};
  @state() accessor #saving = false;
  @state() accessor #status: Message | undefined = undefined;
  @state() accessor #alert: Message | undefined = undefined;
  @state() accessor #alertList: string[] = [];
  /** What the counter's live region says (updated once typing pauses, near the limit only). */
  @state() accessor #announcement = '';

  readonly #signatureStore = new StoreController<SignatureState>(
    this,
    () => this.activeClient?.signature.store,
  );
  #formClient: BaylinkClient | undefined;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  #reportedDirty = false;

  /** The signature as saved, once loaded. */
  get signature(): Signature | null {
    return this.#signatureStore.value?.signature ?? null;
  }

  /** Whether the switch or the text differ from the saved signature. */
  get dirty(): boolean {
    const saved = this.signature;
    return saved ? Object.keys(this.#patch(saved)).length > 0 : false;
  }

  /** The switch as shown (saved or changed). */
  get enabled(): boolean {
    return this.#draftEnabled ?? this.signature?.enabled ?? true;
  }

  /** The text as shown in the field (saved or typed). */
  get text(): string {
    return this.#draftText ?? this.signature?.text ?? '';
  }

  /** What customers would see with the switch and the text as shown now. */
  get previewSignature(): string | null {
    return effectiveSignature(this.enabled, this.text, this.#profileName());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#announceTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (client !== this.#formClient) {
      // Another client may be another user: start from a clean form.
      this.#formClient = client;
      this.#reset();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dirty = this.dirty;
    if (dirty !== this.#reportedDirty) {
      this.#reportedDirty = dirty;
      this.dispatchEvent(new BaySettingsDirtyEvent({ dirty }));
    }
  }

  /** Drops unsaved changes: the form shows the saved signature again. */
  discard(): void {
    this.#reset();
  }

  /**
   * Validates and saves the changes. Resolves to whether they were saved; on failure the field
   * in error has focus.
   */
  async save(): Promise<boolean> {
    const client = this.activeClient;
    const saved = this.signature;
    if (!client || !saved || this.#saving) return false;
    const patch = this.#patch(saved);
    if (Object.keys(patch).length === 0) return false;
    this.#status = undefined;
    this.#alert = undefined;
    this.#alertList = [];
    const tooLong = this.#lengthError(this.text);
    this.#errors = tooLong ? { text: tooLong } : {};
    if (tooLong) {
      await this.#focusFirstInvalid();
      return false;
    }
    const sent = { enabled: this.#draftEnabled, text: this.#draftText };
    this.#saving = true;
    try {
      const signature = await client.signature.update(patch);
      if (client !== this.activeClient) return false;
      // Keep what the user changed while the request was out; drop what was saved.
      if (this.#draftEnabled === sent.enabled) this.#draftEnabled = undefined;
      if (this.#draftText === sent.text) this.#draftText = undefined;
      this.#errors = {};
      this.#status = { key: 'signature.saved' };
      const me = this.meStore.value?.me ?? (await client.me.get().catch(() => null));
      if (me)
        this.dispatchEvent(new BaySettingsChangeEvent({ section: 'signature', me, signature }));
      return true;
    } catch (error) {
      if (client !== this.activeClient) return false;
      reportError(this, 'signature', 'save', error);
      this.#showSaveFailure(error);
      if (Object.keys(this.#errors).length > 0) await this.#focusFirstInvalid();
      return false;
    } finally {
      this.#saving = false;
    }
  }

  #reset(): void {
    clearTimeout(this.#announceTimer);
    this.#draftEnabled = undefined;
    this.#draftText = undefined;
    this.#errors = {};
    this.#status = undefined;
    this.#alert = undefined;
    this.#alertList = [];
    this.#announcement = '';
  }

  #profileName(): string {
    const me = this.meStore.value?.me;
    if (me) return me.name;
    // Before the profile loads, the saved signature of an empty text holds the name.
    const saved = this.signature;
    return saved && saved.text === '' ? (saved.effective ?? '') : '';
  }

  /** The fields that differ from the saved signature, as the API takes them. */
  #patch(saved: Signature): UpdateSignature {
    const patch: UpdateSignature = {};
    if (this.#draftEnabled !== undefined && this.#draftEnabled !== saved.enabled) {
      patch.enabled = this.#draftEnabled;
    }
    if (this.#draftText !== undefined) {
      const text = normalizeSignature(this.#draftText);
      if (text !== saved.text) patch.text = text;
    }
    return patch;
  }

  #lengthError(text: string): Message | undefined {
    return text.length > SIGNATURE_MAX_LENGTH
      ? { key: 'signature.error.tooLong', params: { max: this.#number(SIGNATURE_MAX_LENGTH) } }
      : undefined;
  }

  #say(message: Message): string {
    return sayMessage(this.resolvedLang, this.strings, message);
  }

  #number(value: number): string {
    return new Intl.NumberFormat(this.resolvedLang).format(value);
  }

  /** "12 characters left" or "3 characters too many", with the language's plural rule. */
  #remainingText(length: number): string {
    const remaining = SIGNATURE_MAX_LENGTH - length;
    const count = Math.abs(remaining);
    const plural =
      new Intl.PluralRules(this.resolvedLang).select(count) === 'one' ? 'one' : 'other';
    const key =
      remaining >= 0
        ? (`signature.counter.left.${plural}` as const)
        : (`signature.counter.over.${plural}` as const);
    return this.#say({ key, params: { count: this.#number(count) } });
  }

  #showSaveFailure(error: unknown): void {
    const failure = isBaylinkError(error) ? error : undefined;
    const placed = placeDetails(
      failure?.details ?? [],
      (path) => (['enabled', 'text'] as const).find((name) => name === path),
      (_field, detail): Message => ({ text: detail.message }),
    );
    this.#errors = placed.errors;
    const alert = failureAlert(placed, { key: 'signature.checkFields' }, () =>
      generalFailure(failure, 'signature.saveFailed'),
    );
    if (!alert) return;
    this.#alert = alert;
    this.#alertList = placed.unplaced;
  }

  #focusFirstInvalid(): Promise<void> {
    return focusFirstInvalid(this, ['enabled', 'text'] as const, () => this.#errors);
  }

  #onToggle(event: Event): void {
    this.#draftEnabled = (event.target as HTMLInputElement).checked;
    this.#status = undefined;
    if (this.#errors.enabled) {
      const { enabled: _cleared, ...others } = this.#errors;
      this.#errors = others;
    }
  }

  #onInput(event: Event): void {
    const value = (event.target as HTMLTextAreaElement).value;
    this.#draftText = value;
    this.#status = undefined;
    if (this.#errors.text) {
      // Once the field has shown an error, re-check it as the user fixes it.
      const error = this.#lengthError(value);
      const { text: _previous, ...others } = this.#errors;
      this.#errors = error ? { ...others, text: error } : others;
    }
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      const length = this.text.length;
      this.#announcement =
        SIGNATURE_MAX_LENGTH - length <= SIGNATURE_NEAR_LIMIT ? this.#remainingText(length) : '';
    }, ANNOUNCE_DELAY);
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.save();
    }
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.save();
  }

  #retryLoad(): void {
    this.activeClient?.signature.get().catch(() => {});
  }

  protected override render(): TemplateResult {
    return html`<section
      part="base"
      class="base"
      aria-labelledby="heading"
      lang=${this.resolvedLang}
      dir=${this.resolvedDir}
    >
      <div
        class="heading"
        part="header"
        id="heading"
        role="heading"
        aria-level=${Math.min(6, Math.max(1, this.headingLevel))}
      >
        ${this.term('signature.heading')}
      </div>
      ${this.#renderBody()}
    </section>`;
  }

  #renderBody(): TemplateResult {
    if (!this.activeClient) {
      return html`<p class="hint">${this.term('signature.notConnected')}</p>`;
    }
    const state = this.#signatureStore.value;
    if (!state?.signature) {
      if (state?.status === 'error') {
        return html`<div class="alert" role="alert" part="alert">
            ${this.#say(generalFailure(state.error, 'signature.loadFailed'))}
          </div>
          <div class="actions">
            <button type="button" @click=${this.#retryLoad}>${this.term('signature.retry')}</button>
          </div>`;
      }
      return html`<p class="hint" role="status">${this.term('signature.loading')}</p>`;
    }
    return html`<p class="intro" part="intro">${this.term('signature.intro')}</p>
      <div class="layout">${this.#renderForm()} ${this.#renderPreview()}</div>`;
  }

  #renderForm(): TemplateResult {
    const enabled = this.enabled;
    const text = this.text;
    const saveDisabled = this.#saving || !this.dirty;
    const textError = this.#errors.text;
    const enabledError = this.#errors.enabled;
    const length = text.length;
    const remaining = SIGNATURE_MAX_LENGTH - length;
    const near = remaining <= SIGNATURE_NEAR_LIMIT;
    const max = this.#number(SIGNATURE_MAX_LENGTH);
    const describedBy = ['text-hint', 'text-counter', textError ? 'text-error' : undefined]
      .filter(Boolean)
      .join(' ');
    return html`<form
      part="form"
      novalidate
      aria-busy=${this.#saving ? 'true' : 'false'}
      @submit=${this.#onSubmit}
    >
      <div class="switch-row">
        <input
          part="switch"
          class="switch"
          type="checkbox"
          role="switch"
          id="enabled"
          name="enabled"
          .checked=${live(enabled)}
          aria-invalid=${enabledError ? 'true' : 'false'}
          aria-describedby=${ifDefined(enabledError ? 'enabled-error' : undefined)}
          @change=${this.#onToggle}
        />
        <label part="switch-label" for="enabled">${this.term('signature.switch')}</label>
        <span part="switch-state" class="switch-state ${enabled ? 'on' : 'off'}" aria-hidden="true"
          >${this.term(enabled ? 'signature.switch.on' : 'signature.switch.off')}</span
        >
        ${
          enabledError
            ? html`<p class="error" part="error" id="enabled-error">${this.#say(enabledError)}</p>`
            : nothing
        }
      </div>
      <div part="field" class="field">
        <label part="label" for="text">${this.term('signature.text')}</label>
        <p part="hint" class="hint" id="text-hint">
          ${this.term('signature.text.hint', { name: this.#profileName() })}
          ${this.term('signature.text.limit', { max })}
        </p>
        <textarea
          part="textarea"
          id="text"
          name="text"
          rows="4"
          spellcheck="true"
          autocomplete="off"
          .value=${live(text)}
          aria-invalid=${textError || remaining < 0 ? 'true' : 'false'}
          aria-describedby=${describedBy}
          @input=${this.#onInput}
          @keydown=${this.#onKeyDown}
        ></textarea>
        <p
          part="counter"
          class="counter ${near ? 'near' : ''} ${remaining < 0 ? 'over' : ''}"
          id="text-counter"
        >
          <span aria-hidden="true">${this.#number(length)}/${max}</span>
          <span class="visually-hidden"
            >${this.term('signature.counter', { count: this.#number(length), max })}</span
          >
          ${near ? html`<span class="remaining">${this.#remainingText(length)}</span>` : nothing}
        </p>
        <div class="visually-hidden" role="status" aria-live="polite">${this.#announcement}</div>
        ${
          textError
            ? html`<p class="error" part="error" id="text-error">${this.#say(textError)}</p>`
            : nothing
        }
      </div>
      ${renderSaveActions(
        this.#saving ? this.term('signature.saving') : this.term('signature.save'),
        saveDisabled,
        this.#status ? this.#say(this.#status) : '',
      )}
      ${renderAlert(this.#alert ? this.#say(this.#alert) : '', this.#alertList)}
    </form>`;
  }

  #renderPreview(): TemplateResult {
    const signature = this.previewSignature;
    const usesName = this.enabled && normalizeSignature(this.text) === '' && signature !== null;
    const note: TranslationKey = !this.enabled
      ? 'signature.preview.off'
      : usesName
        ? 'signature.preview.name'
        : 'signature.preview.on';
    return html`<figure
      part="preview"
      class="preview ${this.enabled ? '' : 'off'}"
      aria-labelledby="preview-heading"
    >
      <figcaption part="preview-heading" id="preview-heading" class="preview-heading">
        ${this.term('signature.preview')}
      </figcaption>
      <div part="preview-message" class="bubble">
        <p class="sample">${this.term('signature.preview.sample')}</p>
        ${
          signature === null
            ? nothing
            : html`<p part="preview-signature" class="signature">${signature}</p>`
        }
      </div>
      <p part="preview-note" class="preview-note">${this.term(note)}</p>
    </figure>`;
  }
}

// ─── Its entry in the settings panel ────────────────────────────────────────────────────────

/**
 * The Signature entry of `<bay-settings-panel>`. It registers nothing: the panel imports
 * `bay-signature-section.ts` beside it.
 */
export const signatureSettingsSection: SettingsSection = {
  name: 'signature',
  label: 'settings.section.signature',
  render(panel) {
    const { lang, theme } = sectionAttributes(panel);
    return html`<bay-signature-section
      part="section"
      exportparts=${sectionExportParts(SIGNATURE_SECTION_PARTS)}
      heading-level="3"
      lang=${lang}
      theme=${theme}
      .client=${panel.client}
      .strings=${panel.strings}
    ></bay-signature-section>`;
  },
};
