import {
  type BaylinkClient,
  isBaylinkError,
  LANGUAGES,
  type Me,
  PHOTO_TYPES,
  PROFILE_LIMITS,
  type UpdateMe,
  type UploadProgress,
} from '@baylink/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { BaySettingsChangeEvent } from '../internal/events.ts';
import { formStyles } from '../internal/form.styles.ts';
import {
  formatBytes,
  formatPercent,
  type TranslationKey,
  translate,
} from '../internal/localize.ts';
import { profileSectionStyles } from './profile-section.styles.ts';
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

/** The form's fields, in the order they are shown and focused. */
export const PROFILE_FIELDS = ['name', 'email', 'language', 'jobPosition', 'referenceId'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Every part of the section, for `exportparts` on elements that nest it. */
export const PROFILE_SECTION_PARTS = [
  'base',
  'header',
  'photo',
  'avatar',
  'upload-button',
  'delete-button',
  'progress',
  'field',
  'label',
  'input',
  'hint',
  'error',
  'save-button',
  'status',
  'alert',
] as const;

/** The photo size limit, formatted in the language shown (`5 MB`, `5 Mo`). */
const photoLimit = (lang: string) => formatBytes(lang, PROFILE_LIMITS.photoBytes);

type Draft = Partial<Record<ProfileField, string>>;
type FieldErrors = Partial<Record<ProfileField, Message>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL = 254;

const TEXT_LIMITS: Partial<Record<ProfileField, number>> = {
  name: PROFILE_LIMITS.name,
  email: MAX_EMAIL,
  jobPosition: PROFILE_LIMITS.jobPosition,
  referenceId: PROFILE_LIMITS.referenceId,
};

function storedValue(me: Me, field: ProfileField): string {
  return me[field] ?? '';
}

/** Up to two letters from the first and last words of a name. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letter = (word: string | undefined) => (word ? (Array.from(word)[0] ?? '') : '');
  return (letter(first) + letter(last)).toLocaleUpperCase();
}

/**
 * @summary The "Profile information" settings: photo, name, email, preferred language, job
 * position and reference ID of the signed-in user.
 *
 * The photo uploads as soon as it is chosen (JPEG, PNG or WebP up to 5 MB, checked before
 * sending), with a local preview and a progress bar; it can be deleted. The fields save
 * together with "Save changes", which stays disabled until something changed. Errors show
 * next to their field (the API's 400 details too) and focus moves to the first one. A saved
 * preferred language switches the elements to it at once.
 *
 * Two columns (photo beside the fields) when the element is at least 40rem wide, one column
 * below: it follows its own width (a container query), not the viewport's.
 *
 * @event {BaySettingsChangeEvent} bay-settings-change - The profile was saved, or the photo
 * uploaded or deleted. `detail: { section: 'profile', me }`.
 * @event {BayErrorEvent} bay-error - A call to the API failed (the user has been told).
 * `detail: { section: 'profile', operation, error }`.
 *
 * @csspart base - The section's wrapper.
 * @csspart header - The "Profile information" heading.
 * @csspart photo - The photo area (avatar, buttons, note).
 * @csspart avatar - The photo (`<img>` with the photo's URL as `src`) or the initials shown without one.
 * @csspart upload-button - The "Upload photo" button.
 * @csspart delete-button - The "Delete photo" button.
 * @csspart progress - The upload's `<progress>` bar.
 * @csspart field - Each field's wrapper (label, control, hint, error).
 * @csspart label - Each field's label.
 * @csspart input - Each field's `<input>` or `<select>`.
 * @csspart hint - Help text under a field or the photo.
 * @csspart error - A field's error message, and the photo's.
 * @csspart save-button - The "Save changes" button.
 * @csspart status - The polite live region with the "saved" confirmation.
 * @csspart alert - The alert region for failures that belong to no field.
 *
 * @cssproperty --bay-profile-section-avatar-size - Diameter of the photo (default 7.5rem).
 * @cssproperty --bay-profile-section-photo-width - Width of the photo column in two columns (default 13rem).
 * @cssproperty --bay-profile-section-background - Background (default `--bay-color-surface`).
 */
export class BayProfileSection extends BaylinkElement {
  static override styles = [BaylinkElement.styles, formStyles, profileSectionStyles];

  /** The heading's level in the page's outline (2 by default; the settings panel uses 3). */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  @state() accessor #draft: Draft = {};
  @state() accessor #errors: FieldErrors = {};
  @state() accessor #saving = false;
  @state() accessor #status: Message | undefined = undefined;
  @state() accessor #alert: Message | undefined = undefined;
  @state() accessor #alertList: string[] = [];
  @state() accessor #photoBusy: 'uploading' | 'deleting' | undefined = undefined;
  @state() accessor #progress: UploadProgress | undefined = undefined;
  @state() accessor #preview: string | undefined = undefined;
  @state() accessor #photoError: Message | undefined = undefined;
  @state() accessor #photoStatus: Message | undefined = undefined;
  @state() accessor #brokenSrc: string | undefined = undefined;

  #formClient: BaylinkClient | undefined;
  #upload: AbortController | undefined;

  get #fileInput(): HTMLInputElement | null | undefined {
    return this.shadowRoot?.querySelector<HTMLInputElement>('input[name="photo"]');
  }

  get #uploadButton(): HTMLButtonElement | null | undefined {
    return this.shadowRoot?.querySelector<HTMLButtonElement>('[part~="upload-button"]');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#cancelUpload();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (client !== this.#formClient) {
      // Another client may be another user: start from a clean form.
      this.#formClient = client;
      this.#cancelUpload();
      this.#draft = {};
      this.#errors = {};
      this.#status = undefined;
      this.#alert = undefined;
      this.#alertList = [];
      this.#photoError = undefined;
      this.#photoStatus = undefined;
    }
  }

  /** The signed-in user's profile, once loaded. */
  get me(): Me | null {
    return this.meStore.value?.me ?? null;
  }

  /** Whether the form holds changes that "Save changes" would send. */
  get dirty(): boolean {
    const me = this.me;
    return me ? Object.keys(this.#patch(me)).length > 0 : false;
  }

  /**
   * Uploads a photo as if the user had chosen it: checked locally (type, size), previewed at
   * once, then sent with progress. Resolves to whether it was saved.
   */
  async uploadPhoto(file: Blob): Promise<boolean> {
    const client = this.activeClient;
    if (!client || !this.me || this.#photoBusy) return false;
    this.#photoError = undefined;
    this.#photoStatus = undefined;
    if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
      this.#photoError = { key: 'profile.photo.wrongType' };
      return false;
    }
    if (file.size > PROFILE_LIMITS.photoBytes) {
      this.#photoError = { key: 'profile.photo.tooBig', params: { max: photoLimit } };
      return false;
    }
    const upload = new AbortController();
    this.#upload = upload;
    this.#clearPreview();
    this.#preview = URL.createObjectURL(file);
    this.#progress = undefined;
    this.#photoBusy = 'uploading';
    try {
      const me = await client.me.uploadPhoto(file, {
        signal: upload.signal,
        onProgress: (progress) => {
          if (this.#upload === upload) this.#progress = progress;
        },
      });
      if (this.#upload !== upload) return false;
      this.#photoStatus = { key: 'profile.photo.uploaded' };
      this.dispatchEvent(new BaySettingsChangeEvent({ section: 'profile', me }));
      return true;
    } catch (error) {
      if (upload.signal.aborted) return false;
      this.#photoError = this.#photoFailure(error, 'profile.photo.uploadFailed');
      reportError(this, 'profile', 'upload-photo', error);
      return false;
    } finally {
      if (this.#upload === upload) {
        this.#upload = undefined;
        this.#clearPreview();
        this.#progress = undefined;
        this.#photoBusy = undefined;
      }
    }
  }

  /** Deletes the photo. Resolves to whether it was deleted. */
  async deletePhoto(): Promise<boolean> {
    const client = this.activeClient;
    if (!client || !this.me?.photoUrl || this.#photoBusy) return false;
    this.#photoError = undefined;
    this.#photoStatus = undefined;
    const hadFocus = this.shadowRoot?.activeElement?.matches('[part~="delete-button"]') ?? false;
    this.#photoBusy = 'deleting';
    try {
      const me = await client.me.deletePhoto();
      this.#photoStatus = { key: 'profile.photo.deleted' };
      this.dispatchEvent(new BaySettingsChangeEvent({ section: 'profile', me }));
      return true;
    } catch (error) {
      this.#photoError = this.#photoFailure(error, 'profile.photo.deleteFailed');
      reportError(this, 'profile', 'delete-photo', error);
      return false;
    } finally {
      this.#photoBusy = undefined;
      await this.updateComplete;
      // The delete button disappears with the photo: keep focus in the photo area.
      if (hadFocus && !this.shadowRoot?.querySelector('[part~="delete-button"]')) {
        this.#uploadButton?.focus();
      }
    }
  }

  /**
   * Validates and saves the changed fields. Resolves to whether they were saved; on failure the
   * first field in error has focus.
   */
  async save(): Promise<boolean> {
    const client = this.activeClient;
    const me = this.me;
    if (!client || !me || this.#saving) return false;
    const patch = this.#patch(me);
    if (Object.keys(patch).length === 0) return false;
    this.#status = undefined;
    this.#alert = undefined;
    this.#alertList = [];
    const errors = this.#validate(patch);
    this.#errors = errors;
    if (Object.keys(errors).length > 0) {
      await this.#focusFirstInvalid();
      return false;
    }
    const sent = { ...this.#draft };
    this.#saving = true;
    try {
      const saved = await client.me.update(patch);
      if (client !== this.activeClient) return false;
      // Keep what the user typed while the request was out; drop what was saved.
      const draft: Draft = {};
      for (const field of PROFILE_FIELDS) {
        const value = this.#draft[field];
        if (value !== undefined && value !== sent[field]) draft[field] = value;
      }
      this.#draft = draft;
      this.#errors = {};
      this.#status = { key: 'profile.saved' };
      this.dispatchEvent(new BaySettingsChangeEvent({ section: 'profile', me: saved }));
      return true;
    } catch (error) {
      if (client !== this.activeClient) return false;
      reportError(this, 'profile', 'save', error);
      this.#showSaveFailure(error);
      if (Object.keys(this.#errors).length > 0) await this.#focusFirstInvalid();
      return false;
    } finally {
      this.#saving = false;
    }
  }

  #say(message: Message): string {
    return sayMessage(this.resolvedLang, this.strings, message);
  }

  #value(me: Me, field: ProfileField): string {
    return this.#draft[field] ?? storedValue(me, field);
  }

  /** The fields whose (trimmed) value differs from the stored profile. */
  #patch(me: Me): UpdateMe {
    const patch: UpdateMe = {};
    for (const field of PROFILE_FIELDS) {
      const raw = this.#draft[field];
      if (raw === undefined) continue;
      const value = field === 'language' ? raw : raw.trim();
      if (value === storedValue(me, field)) continue;
      if (field === 'language') patch.language = value as Me['language'];
      else patch[field] = value;
    }
    return patch;
  }

  #validate(patch: UpdateMe): FieldErrors {
    const errors: FieldErrors = {};
    for (const field of PROFILE_FIELDS) {
      const value = patch[field];
      if (typeof value !== 'string') continue;
      const error = this.#validateField(field, value);
      if (error) errors[field] = error;
    }
    return errors;
  }

  #validateField(field: ProfileField, value: string): Message | undefined {
    if (field === 'name' && value === '') return { key: 'profile.error.nameRequired' };
    if (field === 'email') {
      if (value === '') return { key: 'profile.error.emailRequired' };
      if (!EMAIL.test(value)) return { key: 'profile.error.emailInvalid' };
    }
    const max = TEXT_LIMITS[field];
    if (max !== undefined && value.length > max) {
      return { key: 'profile.error.tooLong', params: { max } };
    }
    return undefined;
  }

  #showSaveFailure(error: unknown): void {
    const failure = isBaylinkError(error) ? error : undefined;
    const errors: FieldErrors = {};
    if (failure?.code === 'email_taken') errors.email = { key: 'profile.error.emailTaken' };
    if (failure?.code === 'reference_id_taken') {
      errors.referenceId = { key: 'profile.error.referenceIdTaken' };
    }
    const placed = placeDetails(
      failure?.details ?? [],
      (path) => PROFILE_FIELDS.find((name) => name === path),
      (field, detail): Message => ({ text: failure?.fieldMessage(field) ?? detail.message }),
      errors,
    );
    this.#errors = placed.errors;
    const alert = failureAlert(placed, { key: 'profile.checkFields' }, () =>
      generalFailure(failure, 'profile.saveFailed'),
    );
    if (!alert) return;
    this.#alert = alert;
    this.#alertList = placed.unplaced;
  }

  #photoFailure(error: unknown, fallback: TranslationKey): Message {
    const failure = isBaylinkError(error) ? error : undefined;
    if (failure?.status === 415 || failure?.code === 'unsupported_media_type') {
      return { key: 'profile.photo.wrongType' };
    }
    if (failure?.status === 413 || failure?.code === 'payload_too_large') {
      return { key: 'profile.photo.tooBig', params: { max: photoLimit } };
    }
    return generalFailure(failure, fallback);
  }

  #focusFirstInvalid(): Promise<void> {
    return focusFirstInvalid(this, PROFILE_FIELDS, () => this.#errors);
  }

  /** Stops an upload in flight (the element left the page, or the client changed). */
  #cancelUpload(): void {
    if (!this.#upload) return;
    this.#upload.abort();
    this.#upload = undefined;
    this.#clearPreview();
    this.#progress = undefined;
    this.#photoBusy = undefined;
  }

  #clearPreview(): void {
    if (this.#preview) URL.revokeObjectURL(this.#preview);
    this.#preview = undefined;
  }

  #onInput(event: Event): void {
    const control = event.target as HTMLInputElement | HTMLSelectElement;
    const field = PROFILE_FIELDS.find((name) => name === control.name);
    if (!field) return;
    this.#draft = { ...this.#draft, [field]: control.value };
    this.#status = undefined;
    if (this.#errors[field]) {
      // Once a field has shown an error, re-check it as the user fixes it.
      const value = field === 'language' ? control.value : control.value.trim();
      const stored = this.me ? storedValue(this.me, field) : '';
      const error = value === stored ? undefined : this.#validateField(field, value);
      const { [field]: _previous, ...others } = this.#errors;
      this.#errors = error ? { ...others, [field]: error } : others;
    }
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.save();
  }

  #choosePhoto(): void {
    if (this.#photoBusy || !this.#fileInput) return;
    this.#fileInput.value = '';
    this.#fileInput.click();
  }

  #onFileChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) void this.uploadPhoto(file);
  }

  #retryLoad(): void {
    this.activeClient?.me.get().catch(() => {});
  }

  protected override render(): TemplateResult {
    const dir = this.resolvedDir;
    const lang = this.resolvedLang;
    const heading = html`<div
      class="heading"
      part="header"
      id="heading"
      role="heading"
      aria-level=${Math.min(6, Math.max(1, this.headingLevel))}
    >
      ${this.term('profile.heading')}
    </div>`;
    return html`<section
      part="base"
      class="base"
      aria-labelledby="heading"
      lang=${lang}
      dir=${dir}
    >
      ${heading} ${this.#renderBody()}
    </section>`;
  }

  #renderBody(): TemplateResult {
    if (!this.activeClient) {
      return html`<p class="hint">${this.term('profile.notConnected')}</p>`;
    }
    const state = this.meStore.value;
    const me = state?.me;
    if (!me) {
      if (state?.status === 'error') {
        return html`<div class="alert" role="alert" part="alert">
            ${this.#say(generalFailure(state.error ?? undefined, 'profile.loadFailed'))}
          </div>
          <div class="actions">
            <button type="button" @click=${this.#retryLoad}>${this.term('profile.retry')}</button>
          </div>`;
      }
      return html`<p class="hint" role="status">${this.term('profile.loading')}</p>`;
    }
    return html`<div class="layout">${this.#renderPhoto(me)} ${this.#renderForm(me)}</div>`;
  }

  #renderPhoto(me: Me): TemplateResult {
    const busy = this.#photoBusy !== undefined;
    const src = this.#preview ?? me.photoUrl ?? undefined;
    const showImage = src !== undefined && src !== this.#brokenSrc;
    const avatar = showImage
      ? html`<img
          part="avatar"
          class="avatar ${this.#preview ? 'pending' : ''}"
          src=${src}
          alt=${this.term('profile.photo.alt')}
          width="120"
          height="120"
          @error=${() => {
            this.#brokenSrc = src;
          }}
        />`
      : html`<span part="avatar" class="avatar initials" aria-hidden="true"
          >${initials(this.#value(me, 'name') || me.name)}</span
        >`;
    const progress = this.#progress;
    const ratio = progress && progress.total > 0 ? progress.loaded / progress.total : undefined;
    return html`<div
      part="photo"
      class="photo"
      role="group"
      aria-labelledby="photo-label"
      aria-describedby="photo-note"
    >
      <span class="photo-label" id="photo-label">${this.term('profile.photo.label')}</span>
      ${avatar}
      ${
        this.#photoBusy === 'uploading'
          ? html`<div class="progress">
              <progress
                part="progress"
                aria-label=${this.term('profile.photo.uploading')}
                max=${progress?.total || 1}
                value=${ifDefined(progress ? progress.loaded : undefined)}
                aria-valuetext=${ifDefined(
                  ratio === undefined ? undefined : formatPercent(this.resolvedLang, ratio),
                )}
              ></progress>
              <span aria-hidden="true"
                >${ratio === undefined ? '' : formatPercent(this.resolvedLang, ratio)}</span
              >
            </div>`
          : nothing
      }
      <div class="photo-actions">
        <button
          type="button"
          part="upload-button"
          aria-disabled=${busy ? 'true' : 'false'}
          aria-describedby="photo-types"
          @click=${this.#choosePhoto}
        >
          ${this.term('profile.photo.upload')}
        </button>
        ${
          me.photoUrl
            ? html`<button
                type="button"
                part="delete-button"
                aria-disabled=${busy ? 'true' : 'false'}
                @click=${() => void this.deletePhoto()}
              >
                ${this.term('profile.photo.delete')}
              </button>`
            : nothing
        }
      </div>
      <input
        type="file"
        name="photo"
        accept=${PHOTO_TYPES.join(',')}
        hidden
        @change=${this.#onFileChosen}
      />
      <p class="hint" part="hint" id="photo-types">
        ${this.term('profile.photo.types', { max: photoLimit(this.resolvedLang) })}
      </p>
      <p class="hint" part="hint" id="photo-note">${this.term('profile.photo.note')}</p>
      <div class="photo-error" part="error" role="alert">${
        this.#photoError ? this.#say(this.#photoError) : ''
      }</div>
      <div class="visually-hidden" role="status">${
        this.#photoStatus ? this.#say(this.#photoStatus) : ''
      }</div>
    </div>`;
  }

  #renderForm(me: Me): TemplateResult {
    const saveDisabled = this.#saving || !this.dirty;
    return html`<form
      novalidate
      aria-busy=${this.#saving ? 'true' : 'false'}
      @submit=${this.#onSubmit}
      @input=${this.#onInput}
      @change=${this.#onInput}
    >
      ${this.#renderInput(me, 'name', {
        label: this.term('profile.name'),
        autocomplete: 'name',
        required: true,
      })}
      ${this.#renderInput(me, 'email', {
        label: this.term('profile.email'),
        type: 'email',
        autocomplete: 'email',
        required: me.email !== null,
      })}
      ${this.#renderLanguage(me)}
      ${this.#renderInput(me, 'jobPosition', {
        label: this.term('profile.jobPosition'),
        autocomplete: 'organization-title',
        optional: true,
      })}
      ${this.#renderInput(me, 'referenceId', {
        label: this.term('profile.referenceId'),
        hint: this.term('profile.referenceId.hint'),
        autocomplete: 'off',
        optional: true,
      })}
      ${renderSaveActions(
        this.#saving ? this.term('profile.saving') : this.term('profile.save'),
        saveDisabled,
        this.#status ? this.#say(this.#status) : '',
      )}
      ${renderAlert(this.#alert ? this.#say(this.#alert) : '', this.#alertList)}
    </form>`;
  }

  #describedBy(field: ProfileField, hasHint: boolean): string | undefined {
    const ids = [
      this.#errors[field] ? `${field}-error` : undefined,
      hasHint ? `${field}-hint` : undefined,
    ].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : undefined;
  }

  #renderMessages(field: ProfileField, hint: string | undefined): TemplateResult {
    const error = this.#errors[field];
    return html`${
      hint ? html`<p class="hint" part="hint" id="${field}-hint">${hint}</p>` : nothing
    }${
      error
        ? html`<p class="error" part="error" id="${field}-error">${this.#say(error)}</p>`
        : nothing
    }`;
  }

  #renderLabel(field: ProfileField, label: string, optional: boolean): TemplateResult {
    return html`<label part="label" for=${field}
      >${label}${
        optional ? html` <span class="optional">${this.term('profile.optional')}</span>` : nothing
      }</label
    >`;
  }

  #renderInput(
    me: Me,
    field: Exclude<ProfileField, 'language'>,
    options: {
      label: string;
      type?: string;
      autocomplete: string;
      hint?: string;
      required?: boolean;
      optional?: boolean;
    },
  ): TemplateResult {
    const invalid = this.#errors[field] !== undefined;
    return html`<div part="field" class="field">
      ${this.#renderLabel(field, options.label, options.optional ?? false)}
      <input
        part="input"
        id=${field}
        name=${field}
        type=${options.type ?? 'text'}
        autocomplete=${options.autocomplete}
        maxlength=${ifDefined(TEXT_LIMITS[field])}
        ?required=${options.required ?? false}
        spellcheck="false"
        .value=${live(this.#value(me, field))}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.#describedBy(field, options.hint !== undefined))}
      />
      ${this.#renderMessages(field, options.hint)}
    </div>`;
  }

  #renderLanguage(me: Me): TemplateResult {
    const value = this.#value(me, 'language');
    const invalid = this.#errors.language !== undefined;
    return html`<div part="field" class="field">
      ${this.#renderLabel('language', this.term('profile.language'), false)}
      <select
        part="input"
        id="language"
        name="language"
        .value=${live(value)}
        aria-invalid=${invalid ? 'true' : 'false'}
        aria-describedby=${ifDefined(this.#describedBy('language', true))}
      >
        ${LANGUAGES.map(
          (code) =>
            html`<option value=${code} lang=${code} ?selected=${code === value}>
              ${translate(code, '$name', undefined)}
            </option>`,
        )}
      </select>
      ${this.#renderMessages('language', this.term('profile.language.hint'))}
    </div>`;
  }
}
