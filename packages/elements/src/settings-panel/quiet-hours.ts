import {
  type BaylinkClient,
  type BaylinkError,
  isBaylinkError,
  type QuietHours,
  type UpdateQuietHours,
} from '@baylink/sdk';
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { BaylinkElement } from '../internal/baylink-element.ts';
import type { PlainTranslationKey } from '../internal/localize.ts';
import { formatTimeZone } from './away-section.ts';
import {
  failureAlert,
  failureHint,
  focusFirstInvalid,
  placeDetails,
  renderAlert,
} from './section-support.ts';

/** The quiet hours' parts. */
export const QUIET_HOURS_PARTS = [
  'quiet-hours',
  'quiet-header',
  'quiet-rule',
  'quiet-form',
  'quiet-switch',
  'quiet-switch-label',
  'quiet-time',
  'quiet-zone',
  'quiet-days',
  'quiet-day',
  'quiet-summary',
  'quiet-error',
  'quiet-save-button',
  'quiet-status',
  'quiet-alert',
  'quiet-retry-button',
] as const;

/** The quiet hours' fields, as the API names them in a 400's details. */
type QuietField = 'enabled' | 'start' | 'end' | 'days' | 'timeZone';
/** In the form's order, so the first in error gets focus. */
const QUIET_FIELDS: readonly QuietField[] = ['enabled', 'start', 'end', 'timeZone', 'days'];

/** A quiet-hours message: a translation key (follows the language) or the server's text. */
type QuietMessage = { key: PlainTranslationKey } | { text: string };

/** What the user changed in the quiet hours form (`undefined`: as saved). */
interface QuietDraft {
  enabled?: boolean;
  start?: string;
  end?: string;
  days?: number[];
}

const HOUR_MINUTE = /^([01]\d|2[0-3]):[0-5]\d$/;
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

function sameDays(a: readonly number[], b: readonly number[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((day, index) => day === right[index]);
}

/** The first day of the week in `lang` (0 = Sunday, 1 = Monday), from `Intl` where it says. */
function firstDayOfWeek(lang: string): number {
  try {
    const locale = new Intl.Locale(lang) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const info = locale.getWeekInfo?.() ?? locale.weekInfo;
    if (info) return info.firstDay % 7;
  } catch {
    // Fall through to the language's habit.
  }
  return lang.startsWith('fr') ? 1 : 0;
}

/** A weekday's name (0 = Sunday) in `lang`. */
function weekdayName(lang: string, day: number, width: 'long' | 'short'): string {
  return new Intl.DateTimeFormat(lang, { weekday: width, timeZone: 'UTC' }).format(
    Date.UTC(2024, 0, 7 + day),
  );
}

/** "22:00" as people read it in `lang` ("10:00 PM", « 22 h 00 »). */
function formatClock(lang: string, value: string): string {
  const [hour = 0, minute = 0] = value.split(':').map(Number);
  return new Intl.DateTimeFormat(lang, {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
  }).format(Date.UTC(2024, 0, 1, hour, minute));
}

/** The element that shows the quiet hours: its client, language, zone, rendering. */
export type QuietHoursHost = BaylinkElement & { readonly resolvedTimeZone: string };

/** What the controller keeps. */
interface QuietState {
  saved: QuietHours | undefined;
  loadError: BaylinkError | null | undefined;
  draft: QuietDraft;
  errors: Partial<Record<QuietField, QuietMessage>>;
  saving: boolean;
  status: QuietMessage | undefined;
  alert: QuietMessage | undefined;
  alertList: string[];
}

/**
 * The quiet hours of `<bay-notifications-section>` (beyond the articles): a switch, the start
 * and end times, the days, in the host's `resolvedTimeZone`, saved with their own button. The
 * section renders them under its devices and forwards `dirty`, `quietHours`, `discard()` and
 * `saveQuietHours()` here; `sync()` follows its client.
 */
export class QuietHoursController {
  readonly #host: QuietHoursHost;
  #client: BaylinkClient | undefined;
  readonly #state: QuietState;

  constructor(host: QuietHoursHost) {
    this.#host = host;
    // Every change re-renders the host, as a `@state` would (none of these is ever NaN).
    this.#state = new Proxy<QuietState>(
      {
        saved: undefined,
        loadError: undefined,
        draft: {},
        errors: {},
        saving: false,
        status: undefined,
        alert: undefined,
        alertList: [],
      },
      {
        set(state, key, value) {
          const changed = Reflect.get(state, key) !== value;
          Reflect.set(state, key, value);
          if (changed) host.requestUpdate();
          return true;
        },
      },
    );
  }

  /** The quiet hours as saved, once loaded. */
  get saved(): QuietHours | undefined {
    return this.#state.saved;
  }

  /** Whether the form holds edits that are not saved. */
  get dirty(): boolean {
    const saved = this.#state.saved;
    if (!saved) return false;
    const draft = this.#state.draft;
    return (
      (draft.enabled !== undefined && draft.enabled !== saved.enabled) ||
      (draft.start !== undefined && draft.start !== saved.start) ||
      (draft.end !== undefined && draft.end !== saved.end) ||
      (draft.days !== undefined && !sameDays(draft.days, saved.days))
    );
  }

  /** Follows the host's client (from its `willUpdate`): another client starts afresh and loads. */
  sync(client: BaylinkClient | undefined): void {
    if (client === this.#client) return;
    this.#client = client;
    this.#reset();
    this.#state.saved = undefined;
    this.#state.loadError = undefined;
    if (client) void this.#load(client);
  }

  async #load(client: BaylinkClient): Promise<void> {
    this.#state.loadError = undefined;
    try {
      const saved = await client.quietHours.get();
      if (client === this.#host.activeClient) this.#state.saved = saved;
    } catch (error) {
      if (client === this.#host.activeClient) {
        this.#state.loadError = isBaylinkError(error) ? error : null;
      }
    }
  }

  #reset(): void {
    this.#state.draft = {};
    this.#state.errors = {};
    this.#state.status = undefined;
    this.#state.alert = undefined;
    this.#state.alertList = [];
  }

  /** Drops unsaved quiet-hours edits: the form shows the saved quiet hours again. */
  discard(): void {
    this.#reset();
  }

  /** The quiet hours as the form shows them (saved, or edited). */
  get #shown(): { enabled: boolean; start: string; end: string; days: number[] } {
    const saved = this.#state.saved;
    const draft = this.#state.draft;
    return {
      enabled: draft.enabled ?? saved?.enabled ?? false,
      start: draft.start ?? saved?.start ?? '22:00',
      end: draft.end ?? saved?.end ?? '07:00',
      days: draft.days ?? saved?.days ?? EVERY_DAY,
    };
  }

  /** The form's errors before anything is sent: times, different start and end, a day. */
  #check(shown: {
    start: string;
    end: string;
    days: number[];
  }): Partial<Record<QuietField, QuietMessage>> {
    const errors: Partial<Record<QuietField, QuietMessage>> = {};
    if (!HOUR_MINUTE.test(shown.start)) errors.start = { key: 'quietHours.error.time' };
    if (!HOUR_MINUTE.test(shown.end)) errors.end = { key: 'quietHours.error.time' };
    else if (shown.start === shown.end) errors.end = { key: 'quietHours.error.sameTime' };
    if (shown.days.length === 0) errors.days = { key: 'quietHours.error.days' };
    return errors;
  }

  /**
   * Validates and saves the quiet hours, in the time zone shown. Resolves to whether they were
   * saved; on failure the first field in error has focus.
   */
  async save(): Promise<boolean> {
    const client = this.#host.activeClient;
    const saved = this.#state.saved;
    if (!client || !saved || this.#state.saving) return false;
    // Nothing to save, unless the quiet hours were saved in another time zone than this one.
    const zoneMoved = saved.updatedAt !== null && saved.timeZone !== this.#host.resolvedTimeZone;
    if (!this.dirty && !zoneMoved) return false;
    const shown = this.#shown;
    this.#state.status = undefined;
    this.#state.alert = undefined;
    this.#state.alertList = [];
    this.#state.errors = this.#check(shown);
    if (Object.keys(this.#state.errors).length > 0) {
      await this.#focusFirstInvalid();
      return false;
    }
    const input: UpdateQuietHours = {
      enabled: shown.enabled,
      start: shown.start,
      end: shown.end,
      timeZone: this.#host.resolvedTimeZone,
      days: [...new Set(shown.days)].sort((a, b) => a - b),
    };
    const sent = { ...this.#state.draft };
    this.#state.saving = true;
    try {
      const saved = await client.quietHours.set(input);
      if (client !== this.#host.activeClient) return false;
      this.#state.saved = saved;
      // Keep what the user changed while the request was out; drop what was saved.
      const draft = { ...this.#state.draft };
      for (const key of ['enabled', 'start', 'end', 'days'] as const) {
        if (draft[key] === sent[key]) delete draft[key];
      }
      this.#state.draft = draft;
      this.#state.errors = {};
      this.#state.status = { key: 'quietHours.saved' };
      return true;
    } catch (error) {
      if (client !== this.#host.activeClient) return false;
      this.#showFailure(isBaylinkError(error) ? error : undefined);
      if (Object.keys(this.#state.errors).length > 0) await this.#focusFirstInvalid();
      return false;
    } finally {
      this.#state.saving = false;
    }
  }

  #showFailure(error: BaylinkError | undefined): void {
    const placed = placeDetails<QuietField, QuietMessage>(
      error?.details ?? [],
      // `days.0` belongs to the days.
      (path) => QUIET_FIELDS.find((name) => name === (path.split('.')[0] ?? '')),
      (_field, detail) => ({ text: detail.message }),
    );
    this.#state.errors = placed.errors;
    const alert = failureAlert(placed, { key: 'quietHours.checkFields' }, (): QuietMessage => {
      const hint = failureHint(error);
      return hint
        ? { text: `${this.#host.term('quietHours.saveFailed')} ${this.#host.term(hint)}` }
        : { key: 'quietHours.saveFailed' };
    });
    if (!alert) return;
    this.#state.alert = alert;
    this.#state.alertList = placed.unplaced;
  }

  #focusFirstInvalid(): Promise<void> {
    return focusFirstInvalid(
      this.#host,
      QUIET_FIELDS,
      () => this.#state.errors,
      (field) =>
        field === 'days'
          ? '[name="days"]'
          : field === 'timeZone'
            ? '#quiet-zone'
            : field === 'enabled'
              ? '[name="quietHours"]'
              : `[name="${field}"]`,
    );
  }

  #edit(patch: QuietDraft, fields: QuietField[]): void {
    this.#state.draft = { ...this.#state.draft, ...patch };
    this.#state.status = undefined;
    if (fields.some((field) => this.#state.errors[field])) {
      const errors = { ...this.#state.errors };
      for (const field of fields) delete errors[field];
      // A start equal to the end is about both.
      if (fields.includes('start')) delete errors.end;
      this.#state.errors = errors;
    }
  }

  #say(message: QuietMessage): string {
    return 'text' in message ? message.text : this.#host.term(message.key);
  }

  /** The days in words: "every day", "weekdays", or a list of names in the week's order. */
  #daysText(days: readonly number[]): string {
    const set = new Set(days);
    if (set.size === 7) return this.#host.term('quietHours.days.every');
    if (set.size === 5 && [1, 2, 3, 4, 5].every((day) => set.has(day))) {
      return this.#host.term('quietHours.days.weekdays');
    }
    if (set.size === 2 && set.has(0) && set.has(6))
      return this.#host.term('quietHours.days.weekends');
    const lang = this.#host.resolvedLang;
    const first = firstDayOfWeek(lang);
    const ordered = [...set].sort((a, b) => ((a - first + 7) % 7) - ((b - first + 7) % 7));
    return new Intl.ListFormat(lang, { type: 'conjunction' }).format(
      ordered.map((day) => weekdayName(lang, day, 'long')),
    );
  }

  #summary(shown: { enabled: boolean; start: string; end: string; days: number[] }): string {
    if (!shown.enabled) return this.#host.term('quietHours.summary.off');
    if (!HOUR_MINUTE.test(shown.start) || !HOUR_MINUTE.test(shown.end) || shown.days.length === 0) {
      return '';
    }
    const lang = this.#host.resolvedLang;
    const params = {
      start: formatClock(lang, shown.start),
      end: formatClock(lang, shown.end),
      days: this.#daysText(shown.days),
    };
    return shown.end < shown.start
      ? this.#host.term('quietHours.summary.overnight', params)
      : this.#host.term('quietHours.summary', params);
  }

  /** The quiet hours' region, its heading at `headingLevel`. */
  render(headingLevel: number): TemplateResult {
    const saved = this.#state.saved;
    let body: TemplateResult;
    if (!saved) {
      body =
        this.#state.loadError !== undefined
          ? html`<div class="quiet-failed">
              <p>
                ${this.#host.term('quietHours.loadFailed')}
                ${(() => {
                  const hint = failureHint(this.#state.loadError ?? undefined);
                  return hint ? this.#host.term(hint) : '';
                })()}
              </p>
              <button
                type="button"
                class="button"
                part="quiet-retry-button"
                @click=${() => {
                  const client = this.#host.activeClient;
                  if (client) void this.#load(client);
                }}
              >
                ${this.#host.term('quietHours.retry')}
              </button>
            </div>`
          : html`<p class="hint" role="status">${this.#host.term('quietHours.loading')}</p>`;
    } else {
      body = this.#renderForm(saved);
    }
    return html`<section class="quiet-hours" part="quiet-hours" aria-labelledby="quiet-heading">
      <div
        class="subheading"
        part="quiet-header"
        id="quiet-heading"
        role="heading"
        aria-level=${headingLevel}
      >
        ${this.#host.term('quietHours.heading')}
      </div>
      <p class="hint" part="quiet-rule" id="quiet-rule">${this.#host.term('quietHours.rule')}</p>
      ${body}
    </section>`;
  }

  #renderForm(saved: QuietHours): TemplateResult {
    const shown = this.#shown;
    const errors = this.#state.errors;
    const lang = this.#host.resolvedLang;
    const zone = this.#host.resolvedTimeZone;
    const zoneMoved = saved.updatedAt !== null && saved.timeZone !== zone;
    const saveDisabled = this.#state.saving || !(this.dirty || zoneMoved);
    const first = firstDayOfWeek(lang);
    const week = [0, 1, 2, 3, 4, 5, 6].map((offset) => (first + offset) % 7);
    const error = (field: QuietField) =>
      errors[field]
        ? html`<p class="error" part="quiet-error" id="quiet-${field}-error">
            ${this.#say(errors[field] as QuietMessage)}
          </p>`
        : nothing;
    const describedBy = (field: QuietField, ...others: string[]) =>
      [...others, errors[field] ? `quiet-${field}-error` : undefined].filter(Boolean).join(' ');
    return html`<form
      class="quiet-form"
      part="quiet-form"
      novalidate
      aria-busy=${this.#state.saving ? 'true' : 'false'}
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        void this.save();
      }}
    >
      <div class="switch-row">
        <input
          part="quiet-switch"
          class="toggle"
          type="checkbox"
          role="switch"
          id="quiet-enabled"
          name="quietHours"
          .checked=${live(shown.enabled)}
          aria-describedby=${describedBy('enabled', 'quiet-rule')}
          aria-invalid=${errors.enabled ? 'true' : 'false'}
          @change=${(event: Event) =>
            this.#edit({ enabled: (event.target as HTMLInputElement).checked }, ['enabled'])}
        />
        <label part="quiet-switch-label" for="quiet-enabled">${this.#host.term('quietHours.switch')}</label>
        <span class="toggle-state ${shown.enabled ? 'on' : ''}" aria-hidden="true"
          >${this.#host.term(shown.enabled ? 'quietHours.on' : 'quietHours.off')}</span
        >
        ${error('enabled')}
      </div>
      <fieldset class="quiet-times">
        <legend>${this.#host.term('quietHours.hours')}</legend>
        <div class="quiet-inputs">
          <div class="quiet-input">
            <label for="quiet-start">${this.#host.term('quietHours.start')}</label>
            <input
              part="quiet-time"
              type="time"
              id="quiet-start"
              name="start"
              required
              .value=${live(shown.start)}
              aria-invalid=${errors.start ? 'true' : 'false'}
              aria-describedby=${describedBy('start', 'quiet-zone')}
              @input=${(event: Event) =>
                this.#edit({ start: (event.target as HTMLInputElement).value }, ['start'])}
            />
            ${error('start')}
          </div>
          <div class="quiet-input">
            <label for="quiet-end">${this.#host.term('quietHours.end')}</label>
            <input
              part="quiet-time"
              type="time"
              id="quiet-end"
              name="end"
              required
              .value=${live(shown.end)}
              aria-invalid=${errors.end ? 'true' : 'false'}
              aria-describedby=${describedBy('end', 'quiet-zone', 'quiet-overnight')}
              @input=${(event: Event) =>
                this.#edit({ end: (event.target as HTMLInputElement).value }, ['end'])}
            />
            ${error('end')}
          </div>
        </div>
        <p class="hint" id="quiet-overnight">${this.#host.term('quietHours.overnightHint')}</p>
        <p class="hint" part="quiet-zone" id="quiet-zone" tabindex=${errors.timeZone ? '-1' : nothing}>
          ${this.#host.term('quietHours.timeZone', { zone: formatTimeZone(lang, zone) })}
          ${
            zoneMoved
              ? this.#host.term('quietHours.otherZone', {
                  zone: formatTimeZone(lang, saved.timeZone),
                })
              : nothing
          }
        </p>
        ${error('timeZone')}
      </fieldset>
      <fieldset
        class="quiet-days"
        part="quiet-days"
        aria-describedby=${describedBy('days', 'quiet-days-hint')}
      >
        <legend>${this.#host.term('quietHours.days')}</legend>
        <p class="hint" id="quiet-days-hint">${this.#host.term('quietHours.days.hint')}</p>
        <div class="day-list">
          ${week.map(
            (day) => html`<label class="day" part="quiet-day">
              <input
                type="checkbox"
                name="days"
                value=${day}
                .checked=${live(shown.days.includes(day))}
                aria-invalid=${errors.days ? 'true' : 'false'}
                @change=${(event: Event) => {
                  const checked = (event.target as HTMLInputElement).checked;
                  const days = new Set(this.#shown.days);
                  if (checked) days.add(day);
                  else days.delete(day);
                  this.#edit({ days: [...days].sort((a, b) => a - b) }, ['days']);
                }}
              />
              <span aria-hidden="true">${weekdayName(lang, day, 'short')}</span>
              <span class="visually-hidden">${weekdayName(lang, day, 'long')}</span>
            </label>`,
          )}
        </div>
        ${error('days')}
      </fieldset>
      <p class="quiet-summary" part="quiet-summary">${this.#summary(shown)}</p>
      <div class="quiet-actions">
        <button
          type="submit"
          class="button primary"
          part="quiet-save-button"
          aria-disabled=${saveDisabled ? 'true' : 'false'}
        >
          ${this.#state.saving ? this.#host.term('quietHours.saving') : this.#host.term('quietHours.save')}
        </button>
        <p class="status" part="quiet-status" role="status">${
          this.#state.status ? this.#say(this.#state.status) : ''
        }</p>
      </div>
      ${renderAlert(this.#state.alert ? this.#say(this.#state.alert) : '', this.#state.alertList, 'quiet-alert')}
    </form>`;
  }
}
