/**
 * What the settings sections share (internal): their messages, how a refused save lands on the
 * form (the API's 400 details on their fields, the rest in the alert), the general failure
 * message, the `bay-error` report, and focus on the first field in error.
 */
import { type BaylinkError, type ErrorDetail, isBaylinkError } from '@baylink/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import {
  BayErrorEvent,
  type ErrorOperation,
  type SettingsSectionName,
} from '../internal/events.ts';
import {
  type StringsByLanguage,
  type TranslationKey,
  type TranslationParams,
  translate,
} from '../internal/localize.ts';

/**
 * A message to show: a translation key (re-rendered when the language changes; a parameter may
 * be a function of the language, for values formatted with `Intl`) or the server's text.
 */
export type SectionMessage =
  | { key: TranslationKey; params?: Record<string, string | number | ((lang: string) => string)> }
  | { text: string };

/** A message's words in `lang`, with the host's `strings`. */
export function sayMessage(
  lang: string,
  strings: StringsByLanguage | undefined,
  message: SectionMessage,
): string {
  if ('text' in message) return message.text;
  const values = message.params
    ? Object.fromEntries(
        Object.entries(message.params).map(([name, value]) => [
          name,
          typeof value === 'function' ? value(lang) : value,
        ]),
      )
    : undefined;
  const params = (values ? [values] : []) as TranslationParams<TranslationKey>;
  return translate(lang, message.key, strings, ...params);
}

/** The hint for a failure everyone has words for: the network, or a session that ended. */
export function failureHint(
  error: BaylinkError | undefined | null,
): 'error.network' | 'error.unauthorized' | undefined {
  if (error?.status === 0 && error.code === 'network_error') return 'error.network';
  if (error?.status === 401) return 'error.unauthorized';
  return undefined;
}

/** A failure that belongs to no field: the network, an ended session, or `fallback`. */
export function generalFailure(
  error: BaylinkError | undefined | null,
  fallback: TranslationKey,
): { key: TranslationKey } {
  return { key: failureHint(error) ?? fallback };
}

/** The API's 400 details split between the form's fields and the rest (`path: message`). */
export interface PlacedDetails<F extends string, M> {
  errors: Partial<Record<F, M>>;
  unplaced: string[];
}

/**
 * Puts each of `details` on the field `fieldOf` finds for its path (the first detail of a field
 * wins over later ones, and over what `errors` already holds); the others become lines of the
 * alert.
 */
export function placeDetails<F extends string, M>(
  details: readonly ErrorDetail[],
  fieldOf: (path: string) => F | undefined,
  message: (field: F, detail: ErrorDetail) => M,
  errors: Partial<Record<F, M>> = {},
): PlacedDetails<F, M> {
  const unplaced: string[] = [];
  for (const detail of details) {
    const field = fieldOf(detail.path);
    if (field) errors[field] ??= message(field, detail);
    else unplaced.push(detail.path ? `${detail.path}: ${detail.message}` : detail.message);
  }
  return { errors, unplaced };
}

/**
 * The alert for a refused save once its details are placed: none when every detail found its
 * field, "check the fields" when some did or some could not be placed, `general()` otherwise.
 */
export function failureAlert<F extends string, M>(
  { errors, unplaced }: PlacedDetails<F, M>,
  checkFields: M,
  general: () => M,
): M | undefined {
  const placed = Object.keys(errors).length > 0;
  if (placed && unplaced.length === 0) return undefined;
  return placed || unplaced.length > 0 ? checkFields : general();
}

/** Tells the host page that a call failed (`bay-error`); a failure not the SDK's is logged. */
export function reportError(
  host: EventTarget,
  section: SettingsSectionName,
  operation: ErrorOperation,
  error: unknown,
): void {
  if (!isBaylinkError(error)) {
    console.error(error);
    return;
  }
  host.dispatchEvent(new BayErrorEvent({ section, operation, error }));
}

/**
 * Once `host` has rendered, focuses the first of `fields` (in the form's order) that has an
 * error: the control named after it, or the one `selector` names.
 */
export async function focusFirstInvalid<F extends string>(
  host: { updateComplete: Promise<unknown>; renderRoot: ParentNode },
  fields: readonly F[],
  errors: () => Partial<Record<F, unknown>>,
  selector: (field: F) => string = (field) => `[name="${field}"]`,
): Promise<void> {
  await host.updateComplete;
  const shown = errors();
  const first = fields.find((field) => shown[field]);
  if (first) host.renderRoot.querySelector<HTMLElement>(selector(first))?.focus();
}

/** A form's alert region: the message, and the details no field could show as a list. */
export function renderAlert(
  message: string,
  list: readonly string[],
  part = 'alert',
): TemplateResult {
  return html`<div class="alert" part=${part} role="alert">${message}${
    list.length > 0
      ? html`<ul>
              ${list.map((item) => html`<li>${item}</li>`)}
            </ul>`
      : nothing
  }</div>`;
}

/**
 * A form's actions: its Save button (`aria-disabled` while `disabled`; `label` says "Saving…"
 * while it saves) and the polite status beside it.
 */
export function renderSaveActions(
  label: string,
  disabled: boolean,
  status: string,
): TemplateResult {
  return html`<div class="actions">
        <button
          type="submit"
          class="primary"
          part="save-button"
          aria-disabled=${disabled ? 'true' : 'false'}
        >
          ${label}
        </button>
        <p class="status" part="status" role="status">${status}</p>
      </div>`;
}
