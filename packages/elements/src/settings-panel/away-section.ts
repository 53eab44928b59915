import {
  type AwayAssignee,
  type AwayState,
  type AwayStatus,
  type BaylinkClient,
  isBaylinkError,
  type PresenceState,
  type SetAwayStatus,
  type TeamSummary,
} from '@baylink/sdk';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { BaySettingsChangeEvent } from '../internal/events.ts';
import { formStyles } from '../internal/form.styles.ts';
import type { PlainTranslationKey } from '../internal/localize.ts';
import { StoreController } from '../internal/store-controller.ts';
import { awaySectionStyles } from './away-section.styles.ts';
import { normalize } from './notifications-matrix.ts';
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

// ─── Time zones: "away until" is a date and a time of day in a zone ─────────────────────────

const DAY = 86_400_000;

/** The browser's time zone (`America/Toronto`), as `Intl` resolves it; `UTC` when unknown. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const partFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock in `timeZone` at `instant`: `{ date: 'YYYY-MM-DD', time: 'HH:MM' }`. */
export function zonedParts(instant: number, timeZone: string): { date: string; time: string } {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partFormats.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const part of format.formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const { date, time } = zonedParts(instant, timeZone);
  return Date.parse(`${date}T${time}:00Z`) - Math.floor(instant / 60_000) * 60_000;
}

/**
 * The instant at which `timeZone`'s wall clock reads `date` `time` (`NaN` for a bad date). A time
 * skipped by a spring-forward change moves forward by the gap, as the API does; a time that
 * occurs twice is the first of the two.
 */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const wall = Date.parse(`${date}T${time}:00Z`);
  // `Date.parse` rolls 2026-02-30 over to March: a date that does not exist is refused.
  if (Number.isNaN(wall) || new Date(wall).toISOString().slice(0, 16) !== `${date}T${time}`)
    return Number.NaN;
  const before = offsetAt(wall - DAY, timeZone);
  const after = offsetAt(wall + DAY, timeZone);
  // The first reading of the wall time: with the offset in force before a change, if it fits.
  const early = wall - before;
  if (offsetAt(early, timeZone) === before) return early;
  const late = wall - after;
  if (offsetAt(late, timeZone) === after) return late;
  // Skipped (spring forward): the same wall time with the earlier offset, which lands after the gap.
  return early;
}

/**
 * A moment as people say it, in the viewer's zone and language: the weekday and time within a
 * week ("Mon 9:12 AM", « lun. 09:12 »), with the date further away ("Mon, Mar 3, 9:12 AM").
 */
export function formatMoment(
  lang: string,
  instant: number,
  timeZone: string,
  now: number = Date.now(),
): string {
  if (Number.isNaN(instant)) return '';
  const day = (time: number) => Date.parse(`${zonedParts(time, timeZone).date}T00:00:00Z`);
  const days = Math.round((day(instant) - day(now)) / DAY);
  const options: Intl.DateTimeFormatOptions = {
    timeZone,
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
  };
  if (Math.abs(days) >= 7) {
    options.month = 'short';
    options.day = 'numeric';
    if (
      zonedParts(instant, timeZone).date.slice(0, 4) !== zonedParts(now, timeZone).date.slice(0, 4)
    )
      options.year = 'numeric';
  }
  return new Intl.DateTimeFormat(lang, options).format(instant);
}

/** A zone as people read it: "Eastern Time (America/Toronto)". */
export function formatTimeZone(lang: string, timeZone: string): string {
  try {
    const name = new Intl.DateTimeFormat(lang, { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(Date.now())
      .find((part) => part.type === 'timeZoneName')?.value;
    return name && name !== timeZone ? `${name} (${timeZone})` : timeZone;
  } catch {
    return timeZone;
  }
}

// ─── The assignee picker's entries ──────────────────────────────────────────────────────────

/** One entry of the "Assign to" list. */
export interface AssigneeOption {
  /** `none`, `team:<id>` or `user:<id>`. */
  key: string;
  kind: 'none' | 'team' | 'user';
  /** Who it assigns to (`null` for nobody). */
  assignee: AwayAssignee | null;
  /** The user's job position, or the team's "2 of 3 available". */
  detail: string;
  /** A user who is away themselves (conversations would stay with the away user). */
  away: boolean;
  /** When that user comes back, if they said. */
  awayUntil: number | null;
  /** A team none of whose members is available now. */
  unavailable: boolean;
  /** The text filtering looks in. */
  searchText: string;
}

/** The entries whose name or detail hold every word typed (accents and case aside). */
export function filterOptions(options: AssigneeOption[], query: string): AssigneeOption[] {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return options;
  return options.filter((option) => words.every((word) => option.searchText.includes(word)));
}

function optionKey(assignee: Pick<AwayAssignee, 'kind' | 'id'> | null): string {
  return assignee ? `${assignee.kind}:${assignee.id}` : 'none';
}

function domId(key: string): string {
  return `option-${key.replace(':', '-')}`;
}

// ─── The section ────────────────────────────────────────────────────────────────────────────

/** Every part of the section, for `exportparts` on elements that nest it. */
export const AWAY_SECTION_PARTS = [
  'base',
  'header',
  'intro',
  'form',
  'switch',
  'switch-label',
  'switch-state',
  'summary',
  'field',
  'label',
  'hint',
  'combobox',
  'toggle-button',
  'listbox',
  'group-label',
  'option',
  'option-name',
  'option-detail',
  'option-away',
  'count',
  'warning',
  'until',
  'date-input',
  'time-input',
  'clear-button',
  'time-zone',
  'converted',
  'error',
  'rules',
  'rules-heading',
  'rule',
  'preview',
  'preview-heading',
  'preview-name',
  'preview-state',
  'save-button',
  'status',
  'alert',
  'notice',
  'notice-button',
] as const;

type Field = 'away' | 'assignee' | 'date' | 'time';
const FIELDS: readonly Field[] = ['away', 'assignee', 'date', 'time'];

/** The API's 400 detail paths, by the field that shows them. */
function fieldOf(path: string | undefined): Field | undefined {
  if (!path) return undefined;
  if (path === 'away') return 'away';
  if (path === 'assignee' || path.startsWith('assignee.')) return 'assignee';
  if (path === 'until.time') return 'time';
  if (path === 'until' || path.startsWith('until.')) return 'date';
  return undefined;
}

interface Directory {
  client: BaylinkClient;
  teams: TeamSummary[];
  /** Job positions by user id (empty when the users could not be listed). */
  positions: Map<string, string | null>;
}

/**
 * @summary The "Away Status" settings (article 000, "Using the Away Status"): the "Away mode"
 * switch, who new conversations go to while away ("Assign to": nobody, a team or a person), the
 * return date and time ("Away until", "Time of the day"), the rules in plain words, and a preview
 * of what teammates see. "Save away status" sends it all.
 *
 * "Assign to" is a searchable combobox: type to filter, Up/Down to move, Enter to choose, Escape
 * to close. People who are away themselves show a clock and their return; choosing one warns
 * that conversations will then stay with you (no chains). The return moment is entered in the
 * viewer's time zone (shown under the fields, and sent with it); one entered elsewhere shows
 * converted. The status follows changes made elsewhere (another tab, an administrator, the
 * automatic return) while the form holds no edits; with edits, a notice says so and keeps them.
 *
 * Fields and rules side by side when the element is at least 44rem wide, stacked below (its own
 * width: a container query).
 *
 * @event {BaySettingsChangeEvent} bay-settings-change - The status was saved.
 * `detail: { section: 'away', away, me }`.
 * @event {BaySettingsDirtyEvent} bay-settings-dirty - `dirty` changed. `detail: { dirty }`.
 * @event {BayErrorEvent} bay-error - A call to the API failed (the user has been told).
 * `detail: { section: 'away', operation, error }`.
 *
 * @csspart base - The section's wrapper.
 * @csspart header - The "Away status" heading.
 * @csspart intro - The paragraph that explains the away status.
 * @csspart form - The form.
 * @csspart switch - The "Away mode" switch (a checkbox with `role="switch"`).
 * @csspart switch-label - Its label.
 * @csspart switch-state - The visible "On" / "Off".
 * @csspart summary - "You have been away since …" or "You are available".
 * @csspart field - A field's wrapper ("Assign to", the return date).
 * @csspart label - A field's label.
 * @csspart hint - Help text of a field.
 * @csspart combobox - The "Assign to" text box.
 * @csspart toggle-button - The button that opens its list.
 * @csspart listbox - The list of choices.
 * @csspart group-label - "Teams", "People".
 * @csspart option - One choice (also `option-active` for the one the keyboard is on).
 * @csspart option-name - A choice's name.
 * @csspart option-detail - A job position, or how many of a team are available.
 * @csspart option-away - The clock and "Away until …" of a person who is away.
 * @csspart count - How many choices match what is typed.
 * @csspart warning - Why conversations would stay with you (an away person, a team with nobody available).
 * @csspart until - The return date and time group.
 * @csspart date-input - "Away until".
 * @csspart time-input - "Time of the day".
 * @csspart clear-button - Clears the return date.
 * @csspart time-zone - The time zone the fields are in.
 * @csspart converted - How a return entered in another time zone was entered.
 * @csspart error - A field's error message.
 * @csspart rules - The "How it works" box.
 * @csspart rules-heading - Its heading.
 * @csspart rule - One rule.
 * @csspart preview - The "What your team sees" card.
 * @csspart preview-heading - Its heading.
 * @csspart preview-name - The name as teammates see it (yellow with a clock while away).
 * @csspart preview-state - "Available", or who covers and until when.
 * @csspart save-button - "Save away status".
 * @csspart status - The polite live region (saved, changed elsewhere).
 * @csspart alert - The alert region for failures that belong to no field.
 * @csspart notice - "Changed elsewhere" while the form holds edits.
 * @csspart notice-button - Its "Show the current status" button.
 *
 * @cssproperty --bay-away-section-background - Background (default `--bay-color-surface`).
 * @cssproperty --bay-away-section-switch-on - The switch's colour when on (default `--bay-color-accent`).
 * @cssproperty --bay-away-section-highlight - The away yellow (warnings, the away name; default #ffe58f, dark #5c4a00).
 * @cssproperty --bay-away-section-on-highlight - Text on it (default #3d2e00, dark #fff3c4).
 * @cssproperty --bay-away-section-aside-width - Width of the rules column in two columns (default 20rem).
 */
export class BayAwaySection extends BaylinkElement {
  static override styles = [BaylinkElement.styles, formStyles, awaySectionStyles];

  /** The heading's level in the page's outline (2 by default; the settings panel uses 3). */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  /**
   * The time zone the return date is entered and shown in (an IANA name); by default the
   * browser's. Set it when the host knows better (the user's zone in the host app).
   */
  @property({ attribute: 'time-zone' }) accessor timeZone: string | undefined = undefined;

  @state() accessor #draftAway: boolean | undefined = undefined;
  /** `undefined`: not changed; `null`: nobody. */
  @state() accessor #draftAssignee: AwayAssignee | null | undefined = undefined;
  @state() accessor #draftDate: string | undefined = undefined;
  @state() accessor #draftTime: string | undefined = undefined;
  @state() accessor #errors: Partial<Record<Field, Message>> = {};
  @state() accessor #saving = false;
  @state() accessor #status: Message | undefined = undefined;
  @state() accessor #alert: Message | undefined = undefined;
  @state() accessor #alertList: string[] = [];
  /** The status changed elsewhere while the form held edits. */
  @state() accessor #changedElsewhere = false;
  /** The picker: open or not, what is typed (`undefined`: not filtering), the keyboard's option. */
  @state() accessor #open = false;
  @state() accessor #query: string | undefined = undefined;
  @state() accessor #activeKey: string | undefined = undefined;

  readonly #awayStore = new StoreController<AwayState>(this, () => this.activeClient?.away.store);
  readonly #presenceStore = new StoreController<PresenceState>(
    this,
    () => this.activeClient?.presence.store,
  );
  /** The account's teams and the users' job positions, once per client. */
  readonly #directory = new Task(this, {
    task: async ([client]: readonly [BaylinkClient | undefined]): Promise<
      Directory | undefined
    > => {
      if (!client) return undefined;
      const [teams, users] = await Promise.all([
        client.teams.list(),
        // Job positions only add detail: the list works without them.
        client.users.list().catch(() => []),
      ]);
      return {
        client,
        teams,
        positions: new Map(users.map((user) => [user.id, user.jobPosition])),
      };
    },
    args: () => [this.activeClient] as const,
  });

  #formClient: BaylinkClient | undefined;
  #reportedDirty = false;
  /** The status version the form last caught up with (changes past it came from elsewhere). */
  #seenVersion: number | undefined;

  /** The signed-in user's status as saved, once loaded. */
  get status(): AwayStatus | null {
    return this.#awayStore.value?.away ?? null;
  }

  /** The zone the return date is entered and shown in. */
  get resolvedTimeZone(): string {
    const zone = this.timeZone;
    if (zone) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return zone;
      } catch {
        // An unknown zone: the browser's.
      }
    }
    return browserTimeZone();
  }

  /** The switch as shown (saved or changed). */
  get away(): boolean {
    return this.#draftAway ?? this.status?.away ?? false;
  }

  /** Who covers, as shown (`null`: nobody). */
  get assignee(): AwayAssignee | null {
    return this.#draftAssignee !== undefined
      ? this.#draftAssignee
      : (this.status?.assignee ?? null);
  }

  /** The "Away until" date as shown (`YYYY-MM-DD`, or empty). */
  get untilDate(): string {
    return this.#draftDate ?? this.#savedUntil().date;
  }

  /** The "Time of the day" as shown (`HH:MM`, or empty). */
  get untilTime(): string {
    return this.#draftTime ?? this.#savedUntil().time;
  }

  /** Whether the form differs from the saved status. */
  get dirty(): boolean {
    const saved = this.status;
    if (!saved) return false;
    if (this.away !== saved.away) return true;
    if (!this.away) return false;
    const until = this.#savedUntil();
    return (
      optionKey(this.assignee) !== optionKey(saved.assignee) ||
      this.untilDate !== until.date ||
      this.untilTime !== until.time
    );
  }

  /** What "Save away status" would send now. */
  get input(): SetAwayStatus {
    const assignee = this.assignee;
    const away = this.away;
    return {
      away,
      assignee: assignee ? { kind: assignee.kind, id: assignee.id } : null,
      until:
        away && this.untilDate !== '' && this.untilTime !== ''
          ? { date: this.untilDate, time: this.untilTime, timeZone: this.resolvedTimeZone }
          : null,
    };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (client !== this.#formClient) {
      // Another client may be another user: start from a clean form.
      this.#formClient = client;
      this.#seenVersion = undefined;
      this.#reset();
    }
    this.#followStatus();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dirty = this.dirty;
    if (dirty !== this.#reportedDirty) {
      this.#reportedDirty = dirty;
      this.dispatchEvent(new BaySettingsDirtyEvent({ dirty }));
    }
    if (this.#open && this.#activeKey) {
      this.renderRoot
        .querySelector(`#${domId(this.#activeKey)}`)
        ?.scrollIntoView({ block: 'nearest' });
    }
  }

  /** Drops unsaved changes: the form shows the saved status again. */
  discard(): void {
    this.#reset();
  }

  /**
   * Checks and saves the form. Resolves to whether it was saved; on failure the field in error
   * has focus.
   */
  async save(): Promise<boolean> {
    const client = this.activeClient;
    const saved = this.status;
    if (!client || !saved || this.#saving || !this.dirty) return false;
    this.#status = undefined;
    this.#alert = undefined;
    this.#alertList = [];
    this.#errors = this.#check();
    if (Object.keys(this.#errors).length > 0) {
      await this.#focusFirstInvalid();
      return false;
    }
    const input = this.input;
    const sent = {
      away: this.#draftAway,
      assignee: this.#draftAssignee,
      date: this.#draftDate,
      time: this.#draftTime,
    };
    this.#saving = true;
    try {
      const away = await client.away.set(input);
      if (client !== this.activeClient) return false;
      this.#seenVersion = Math.max(this.#seenVersion ?? 0, away.version);
      // Keep what the user changed while the request was out; drop what was saved.
      if (this.#draftAway === sent.away) this.#draftAway = undefined;
      if (this.#draftAssignee === sent.assignee) this.#draftAssignee = undefined;
      if (this.#draftDate === sent.date) this.#draftDate = undefined;
      if (this.#draftTime === sent.time) this.#draftTime = undefined;
      this.#errors = {};
      this.#changedElsewhere = false;
      this.#status = { key: away.away ? 'away.saved.on' : 'away.saved.off' };
      const me = this.meStore.value?.me ?? (await client.me.get().catch(() => null));
      if (me) this.dispatchEvent(new BaySettingsChangeEvent({ section: 'away', me, away }));
      return true;
    } catch (error) {
      if (client !== this.activeClient) return false;
      reportError(this, 'away', 'save', error);
      this.#showSaveFailure(error);
      if (Object.keys(this.#errors).length > 0) await this.#focusFirstInvalid();
      return false;
    } finally {
      this.#saving = false;
    }
  }

  #reset(): void {
    this.#draftAway = undefined;
    this.#draftAssignee = undefined;
    this.#draftDate = undefined;
    this.#draftTime = undefined;
    this.#errors = {};
    this.#status = undefined;
    this.#alert = undefined;
    this.#alertList = [];
    this.#changedElsewhere = false;
    this.#open = false;
    this.#query = undefined;
  }

  /**
   * Catches up with the saved status: a change made elsewhere (another tab, an administrator,
   * the automatic return) shows at once when the form holds no edits, and raises a notice
   * otherwise.
   */
  #followStatus(): void {
    const saved = this.status;
    if (!saved) return;
    const seen = this.#seenVersion;
    if (seen === undefined) {
      this.#seenVersion = saved.version;
      return;
    }
    if (saved.version <= seen) return;
    this.#seenVersion = saved.version;
    // Our own save lands in the store before `set()` resolves.
    if (this.#saving) return;
    if (this.dirty) {
      this.#changedElsewhere = true;
      return;
    }
    const ended = !saved.away && saved.updatedBy === null;
    this.#draftAway = undefined;
    this.#draftAssignee = undefined;
    this.#draftDate = undefined;
    this.#draftTime = undefined;
    this.#errors = {};
    this.#changedElsewhere = false;
    this.#status = { key: ended ? 'away.live.ended' : 'away.live.changed' };
  }

  /** The saved return as the fields show it: in the viewer's zone (converted if entered elsewhere). */
  #savedUntil(): { date: string; time: string } {
    const until = this.status?.away ? this.status.until : null;
    if (!until) return { date: '', time: '' };
    if (until.timeZone === this.resolvedTimeZone) return { date: until.date, time: until.time };
    return zonedParts(Date.parse(until.at), this.resolvedTimeZone);
  }

  /** What the browser can tell before asking the API. */
  #check(): Partial<Record<Field, Message>> {
    if (!this.away) return {};
    const date = this.untilDate;
    const time = this.untilTime;
    if (date === '' && time === '') return {};
    if (date === '') return { date: { key: 'away.error.dateMissing' } };
    if (time === '') return { time: { key: 'away.error.timeMissing' } };
    const until = this.#savedUntil();
    // A saved return that passed is the API's to end; only new entries are checked here.
    if (date === until.date && time === until.time) return {};
    const instant = zonedInstant(date, time, this.resolvedTimeZone);
    if (Number.isNaN(instant)) return { date: { key: 'away.error.invalidDate' } };
    if (instant <= Date.now()) {
      const today = zonedParts(Date.now(), this.resolvedTimeZone).date;
      return date < today
        ? { date: { key: 'away.error.past' } }
        : { time: { key: 'away.error.past' } };
    }
    return {};
  }

  #say(message: Message): string {
    return sayMessage(this.resolvedLang, this.strings, message);
  }

  #moment(instant: number): string {
    return formatMoment(this.resolvedLang, instant, this.resolvedTimeZone);
  }

  #showSaveFailure(error: unknown): void {
    const failure = isBaylinkError(error) ? error : undefined;
    const placed = placeDetails(
      failure?.details ?? [],
      fieldOf,
      (_field, detail): Message => ({ text: detail.message }),
    );
    this.#errors = placed.errors;
    const alert = failureAlert(placed, { key: 'away.checkFields' }, () =>
      generalFailure(failure, 'away.saveFailed'),
    );
    if (!alert) return;
    this.#alert = alert;
    this.#alertList = placed.unplaced;
  }

  #focusFirstInvalid(): Promise<void> {
    return focusFirstInvalid(this, FIELDS, () => this.#errors);
  }

  #clearError(field: Field): void {
    if (!this.#errors[field]) return;
    const { [field]: _cleared, ...others } = this.#errors;
    this.#errors = others;
  }

  // ─── The picker's data ────────────────────────────────────────────────────────────────────

  /** The signed-in user's id (left out of the list: nobody covers for themself). */
  #selfId(): string | undefined {
    return this.status?.userId ?? this.meStore.value?.me?.id;
  }

  #directoryFor(client: BaylinkClient | undefined): Directory | undefined {
    const value = this.#directory.value;
    return value && value.client === client ? value : undefined;
  }

  /** Every entry of "Assign to", in order: nobody, the teams, the people (by name). */
  #options(): AssigneeOption[] {
    const lang = this.resolvedLang;
    const self = this.#selfId();
    const users = this.#presenceStore.value?.users ?? new Map<string, AwayStatus>();
    const directory = this.#directoryFor(this.activeClient);
    const collator = new Intl.Collator(lang, { sensitivity: 'base' });
    const nobody = this.term('away.assignee.nobody');
    const options: AssigneeOption[] = [
      {
        key: 'none',
        kind: 'none',
        assignee: null,
        detail: '',
        away: false,
        awayUntil: null,
        unavailable: false,
        searchText: normalize(nobody),
      },
    ];
    const teamWord = this.term('away.assignee.team');
    for (const team of [...(directory?.teams ?? [])].sort((a, b) =>
      collator.compare(a.name, b.name),
    )) {
      const members = team.memberIds.filter((id) => id !== self);
      const available = members.filter((id) => users.get(id)?.away !== true).length;
      const plural = new Intl.PluralRules(lang).select(available) === 'one' ? 'one' : 'other';
      const detail = this.term(`away.assignee.available.${plural}`, {
        count: this.#number(available),
        total: this.#number(members.length),
      });
      options.push({
        key: `team:${team.id}`,
        kind: 'team',
        assignee: { kind: 'team', id: team.id, name: team.name },
        detail,
        away: false,
        awayUntil: null,
        unavailable: available === 0,
        searchText: normalize(`${team.name} ${teamWord}`),
      });
    }
    const people = [...users.values()]
      .filter((user) => user.userId !== self)
      .sort((a, b) => collator.compare(a.name, b.name));
    for (const user of people) {
      const position = directory?.positions.get(user.userId) ?? '';
      options.push({
        key: `user:${user.userId}`,
        kind: 'user',
        assignee: { kind: 'user', id: user.userId, name: user.name },
        detail: position ?? '',
        away: user.away,
        awayUntil: user.away && user.until ? Date.parse(user.until.at) : null,
        unavailable: false,
        searchText: normalize(`${user.name} ${position ?? ''}`),
      });
    }
    return options;
  }

  #filtered(options: AssigneeOption[] = this.#options()): AssigneeOption[] {
    return filterOptions(options, this.#query ?? '');
  }

  #number(value: number): string {
    return new Intl.NumberFormat(this.resolvedLang).format(value);
  }

  /** The text of the combobox when nothing is being typed: the choice's name. */
  #choiceLabel(): string {
    const assignee = this.assignee;
    return assignee ? assignee.name : this.term('away.assignee.nobody');
  }

  // ─── The picker's behaviour (WAI-ARIA combobox with a listbox) ────────────────────────────

  #openList(where: 'choice' | 'first' | 'last' = 'choice'): void {
    const options = this.#filtered();
    this.#open = true;
    const choice = optionKey(this.assignee);
    if (where === 'last') this.#activeKey = options.at(-1)?.key;
    else if (where === 'first' || !options.some((option) => option.key === choice))
      this.#activeKey = options[0]?.key;
    else this.#activeKey = choice;
  }

  #closeList(): void {
    this.#open = false;
    this.#query = undefined;
    this.#activeKey = undefined;
  }

  #move(step: 1 | -1): void {
    const options = this.#filtered();
    if (options.length === 0) return;
    const index = options.findIndex((option) => option.key === this.#activeKey);
    const next = index === -1 ? (step === 1 ? 0 : options.length - 1) : index + step;
    this.#activeKey = options[(next + options.length) % options.length]?.key;
  }

  #choose(option: AssigneeOption): void {
    this.#draftAssignee = option.assignee;
    this.#status = undefined;
    this.#clearError('assignee');
    this.#closeList();
  }

  #onComboInput(event: Event): void {
    this.#query = (event.target as HTMLInputElement).value;
    this.#open = true;
    this.#activeKey = this.#filtered()[0]?.key;
  }

  #onComboKeyDown(event: KeyboardEvent): void {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.#open) this.#openList();
        else if (!event.altKey) this.#move(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!this.#open) this.#openList('last');
        else if (!event.altKey) this.#move(-1);
        break;
      case 'Enter': {
        // Never submits the form from here: Enter opens the list or takes the option.
        event.preventDefault();
        if (!this.#open) {
          this.#openList();
          break;
        }
        const option = this.#filtered().find((entry) => entry.key === this.#activeKey);
        if (option) this.#choose(option);
        break;
      }
      case 'Escape':
        if (this.#open || this.#query !== undefined) {
          event.preventDefault();
          event.stopPropagation();
          this.#closeList();
        }
        break;
      case 'Tab':
        this.#closeList();
        break;
      default:
    }
  }

  #onComboBlur(): void {
    if (this.#open || this.#query !== undefined) this.#closeList();
  }

  #onComboClick(): void {
    if (!this.#open) this.#openList();
  }

  #onToggleList(): void {
    if (this.#open) this.#closeList();
    else this.#openList();
    this.renderRoot.querySelector<HTMLInputElement>('[name="assignee"]')?.focus();
  }

  // ─── Other inputs ─────────────────────────────────────────────────────────────────────────

  #onSwitch(event: Event): void {
    this.#draftAway = (event.target as HTMLInputElement).checked;
    this.#status = undefined;
    this.#clearError('away');
  }

  #onDate(event: Event): void {
    this.#draftDate = (event.target as HTMLInputElement).value;
    this.#status = undefined;
    this.#clearError('date');
  }

  #onTime(event: Event): void {
    this.#draftTime = (event.target as HTMLInputElement).value;
    this.#status = undefined;
    this.#clearError('time');
  }

  async #onClearUntil(): Promise<void> {
    if (this.untilDate === '' && this.untilTime === '') return;
    this.#draftDate = '';
    this.#draftTime = '';
    this.#status = undefined;
    this.#clearError('date');
    this.#clearError('time');
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('[name="date"]')?.focus();
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.save();
  }

  #retryLoad(): void {
    this.activeClient?.away.get().catch(() => {});
  }

  #retryDirectory(): void {
    void this.#directory.run();
    this.activeClient?.presence.refresh().catch(() => {});
  }

  // ─── Rendering ────────────────────────────────────────────────────────────────────────────

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
        aria-level=${this.#level(0)}
      >
        ${this.term('away.heading')}
      </div>
      ${this.#renderBody()}
    </section>`;
  }

  #level(below: number): number {
    return Math.min(6, Math.max(1, this.headingLevel + below));
  }

  #renderBody(): TemplateResult {
    if (!this.activeClient) {
      return html`<p class="hint">${this.term('away.notConnected')}</p>`;
    }
    const state = this.#awayStore.value;
    if (!state?.away) {
      if (state?.status === 'error') {
        return html`<div class="alert" role="alert" part="alert">
            ${this.#say(generalFailure(state.error, 'away.loadFailed'))}
          </div>
          <div class="actions">
            <button type="button" @click=${this.#retryLoad}>${this.term('away.retry')}</button>
          </div>`;
      }
      return html`<p class="hint" role="status">${this.term('away.loading')}</p>`;
    }
    return html`<p class="intro" part="intro">${this.term('away.intro')}</p>
      <div class="layout">
        ${this.#renderForm(state.away)}
        <div class="aside">${this.#renderPreview()} ${this.#renderRules()}</div>
      </div>`;
  }

  #renderSummary(saved: AwayStatus): TemplateResult {
    let text: string;
    if (!saved.away) text = this.term('away.summary.available');
    else if (!saved.since) text = this.term('away.summary.away');
    else {
      const since = this.#moment(Date.parse(saved.since));
      text = saved.until
        ? this.term('away.summary.sinceUntil', {
            since,
            until: this.#moment(Date.parse(saved.until.at)),
          })
        : this.term('away.summary.since', { since });
    }
    return html`<p part="summary" class="summary ${saved.away ? 'away' : ''}" id="summary">
      ${saved.away ? clockIcon() : nothing}<span>${text}</span>
    </p>`;
  }

  #renderForm(saved: AwayStatus): TemplateResult {
    const away = this.away;
    const saveDisabled = this.#saving || !this.dirty;
    const awayError = this.#errors.away;
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
          id="away"
          name="away"
          .checked=${live(away)}
          aria-describedby=${awayError ? 'summary away-error' : 'summary'}
          aria-invalid=${awayError ? 'true' : 'false'}
          @change=${this.#onSwitch}
        />
        <label part="switch-label" for="away">${this.term('away.switch')}</label>
        <span part="switch-state" class="switch-state ${away ? 'on' : 'off'}" aria-hidden="true"
          >${this.term(away ? 'away.switch.on' : 'away.switch.off')}</span
        >
        ${
          awayError
            ? html`<p class="error" part="error" id="away-error">${this.#say(awayError)}</p>`
            : nothing
        }
      </div>
      ${this.#renderSummary(saved)}
      <div class="notice-region" role="status">
        ${
          this.#changedElsewhere && this.dirty
            ? html`<div class="notice" part="notice">
                <p>
                  ${this.term(saved.away ? 'away.elsewhere.on' : 'away.elsewhere.off')}
                </p>
                <button type="button" part="notice-button" @click=${() => this.discard()}>
                  ${this.term('away.elsewhere.show')}
                </button>
              </div>`
            : nothing
        }
      </div>
      ${away ? html`${this.#renderPicker()} ${this.#renderUntil(saved)}` : nothing}
      ${renderSaveActions(
        this.#saving ? this.term('away.saving') : this.term('away.save'),
        saveDisabled,
        this.#status ? this.#say(this.#status) : '',
      )}
      ${renderAlert(this.#alert ? this.#say(this.#alert) : '', this.#alertList)}
    </form>`;
  }

  #renderPicker(): TemplateResult {
    const all = this.#options();
    const options = this.#filtered(all);
    const open = this.#open;
    const error = this.#errors.assignee;
    const query = this.#query;
    const presence = this.#presenceStore.value;
    const loading =
      this.#directory.status === TaskStatus.PENDING ||
      presence?.status === 'loading' ||
      presence?.status === 'idle';
    const failed =
      this.#directory.status === TaskStatus.ERROR ||
      (presence?.status === 'error' && presence.users.size === 0);
    const warning = this.#warning(all);
    const active = open ? options.find((option) => option.key === this.#activeKey) : undefined;
    const choice = optionKey(this.assignee);
    const teams = options.filter((option) => option.kind === 'team');
    const people = options.filter((option) => option.kind === 'user');
    const nobody = options.find((option) => option.kind === 'none');
    const describedBy = [
      'assignee-hint',
      warning ? 'assignee-warning' : undefined,
      error ? 'assignee-error' : undefined,
    ]
      .filter(Boolean)
      .join(' ');
    const plural =
      new Intl.PluralRules(this.resolvedLang).select(options.length) === 'one' ? 'one' : 'other';
    const count =
      open && query !== undefined && query.trim() !== ''
        ? options.length === 0
          ? this.term('away.assignee.noMatch', { query: query.trim() })
          : this.term(`away.assignee.count.${plural}`, { count: this.#number(options.length) })
        : '';
    return html`<div part="field" class="field picker">
      <label part="label" id="assignee-label" for="assignee">${this.term('away.assignee')}</label>
      <p part="hint" class="hint" id="assignee-hint">${this.term('away.assignee.hint')}</p>
      <div class="combo ${open ? 'open' : ''}">
        <input
          part="combobox"
          id="assignee"
          name="assignee"
          type="text"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          aria-autocomplete="list"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls="assignee-list"
          aria-activedescendant=${ifDefined(active ? domId(active.key) : undefined)}
          aria-describedby=${describedBy}
          aria-invalid=${error ? 'true' : 'false'}
          .value=${live(query ?? this.#choiceLabel())}
          @input=${this.#onComboInput}
          @keydown=${this.#onComboKeyDown}
          @blur=${this.#onComboBlur}
          @click=${this.#onComboClick}
        />
        <button
          type="button"
          part="toggle-button"
          class="combo-toggle"
          tabindex="-1"
          aria-label=${this.term('away.assignee.toggle')}
          aria-controls="assignee-list"
          aria-expanded=${open ? 'true' : 'false'}
          @mousedown=${(event: Event) => event.preventDefault()}
          @click=${this.#onToggleList}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path d="m4 6 4 4 4-4" fill="none" stroke="currentColor" stroke-width="2" />
          </svg>
        </button>
        <div class="popup" ?hidden=${!open}>
          <ul
            part="listbox"
            class="listbox"
            id="assignee-list"
            role="listbox"
            aria-labelledby="assignee-label"
          >
            ${nobody ? this.#renderOption(nobody, active, choice) : nothing}
            ${this.#renderGroup('teams', this.term('away.assignee.teams'), teams, active, choice)}
            ${this.#renderGroup('people', this.term('away.assignee.people'), people, active, choice)}
          </ul>
          ${
            loading && !failed
              ? html`<p class="popup-note">${this.term('away.assignee.loading')}</p>`
              : nothing
          }
          ${
            open && options.length === 0
              ? html`<p class="popup-note" aria-hidden="true">${count}</p>`
              : nothing
          }
        </div>
      </div>
      <p part="count" class="visually-hidden" role="status">${count}</p>
      ${
        failed
          ? html`<div class="directory-failed">
              <p class="hint">${this.term('away.assignee.loadFailed')}</p>
              <button type="button" @click=${this.#retryDirectory}>${this.term('away.retry')}</button>
            </div>`
          : nothing
      }
      <div class="warning-region" aria-live="polite">
        ${
          warning
            ? html`<p part="warning" class="warning" id="assignee-warning">
                ${clockIcon()}<span>${warning}</span>
              </p>`
            : nothing
        }
      </div>
      ${error ? html`<p class="error" part="error" id="assignee-error">${this.#say(error)}</p>` : nothing}
    </div>`;
  }

  /** Why conversations would stay with the user despite the choice (the no-chains rule). */
  #warning(options: AssigneeOption[]): string | undefined {
    const assignee = this.assignee;
    if (!assignee) return undefined;
    const option = options.find((entry) => entry.key === optionKey(assignee));
    if (!option) return undefined;
    if (option.kind === 'user' && option.away) {
      return option.awayUntil !== null
        ? this.term('away.warning.userAwayUntil', {
            name: assignee.name,
            until: this.#moment(option.awayUntil),
          })
        : this.term('away.warning.userAway', { name: assignee.name });
    }
    if (option.kind === 'team' && option.unavailable) {
      return this.term('away.warning.teamAway', { name: assignee.name });
    }
    return undefined;
  }

  #renderGroup(
    id: string,
    label: string,
    options: AssigneeOption[],
    active: AssigneeOption | undefined,
    choice: string,
  ): TemplateResult | typeof nothing {
    if (options.length === 0) return nothing;
    return html`<li role="presentation">
      <ul role="group" class="group" aria-labelledby="group-${id}">
        <li role="presentation" part="group-label" class="group-label" id="group-${id}">
          ${label}
        </li>
        ${options.map((option) => this.#renderOption(option, active, choice))}
      </ul>
    </li>`;
  }

  #renderOption(
    option: AssigneeOption,
    active: AssigneeOption | undefined,
    choice: string,
  ): TemplateResult {
    const isActive = option === active;
    const chosen = option.key === choice;
    const name = option.assignee?.name ?? this.term('away.assignee.nobody');
    return html`<li
      role="option"
      id=${domId(option.key)}
      part="option ${isActive ? 'option-active' : ''}"
      class="option ${option.kind} ${isActive ? 'active' : ''} ${chosen ? 'chosen' : ''}"
      aria-selected=${isActive ? 'true' : 'false'}
      data-key=${option.key}
      @mousedown=${(event: Event) => event.preventDefault()}
      @click=${() => this.#choose(option)}
    >
      <span class="check" aria-hidden="true">${chosen ? checkIcon() : nothing}</span>
      <span class="option-text">
        <span part="option-name" class="option-name">${name}</span>
        ${
          option.detail
            ? html`<span part="option-detail" class="option-detail">${option.detail}</span>`
            : nothing
        }
        ${
          option.away
            ? html`<span part="option-away" class="option-away"
                >${clockIcon()}<span
                  >${
                    option.awayUntil !== null
                      ? this.term('away.assignee.awayUntil', {
                          until: this.#moment(option.awayUntil),
                        })
                      : this.term('away.assignee.away')
                  }</span
                ></span
              >`
            : nothing
        }
      </span>
    </li>`;
  }

  #renderUntil(saved: AwayStatus): TemplateResult {
    const zone = this.resolvedTimeZone;
    const date = this.untilDate;
    const time = this.untilTime;
    const dateError = this.#errors.date;
    const timeError = this.#errors.time;
    const until = saved.away ? saved.until : null;
    const converted =
      until &&
      until.timeZone !== zone &&
      this.#draftDate === undefined &&
      this.#draftTime === undefined
        ? this.term('away.until.converted', {
            moment: formatMoment(this.resolvedLang, Date.parse(until.at), until.timeZone),
            zone: formatTimeZone(this.resolvedLang, until.timeZone),
          })
        : undefined;
    const empty = date === '' && time === '';
    const describe = (error: Message | undefined, id: string) =>
      [
        'until-hint',
        'until-zone',
        converted ? 'until-converted' : undefined,
        error ? id : undefined,
      ]
        .filter(Boolean)
        .join(' ');
    return html`<fieldset part="field until" class="field until">
      <legend part="label">${this.term('away.until')}</legend>
      <p part="hint" class="hint" id="until-hint">${this.term('away.until.hint')}</p>
      <div class="until-inputs">
        <div class="until-input">
          <label for="date">${this.term('away.until.date')}</label>
          <input
            part="date-input"
            type="date"
            id="date"
            name="date"
            min=${zonedParts(Date.now(), zone).date}
            .value=${live(date)}
            aria-invalid=${dateError ? 'true' : 'false'}
            aria-describedby=${describe(dateError, 'date-error')}
            @input=${this.#onDate}
            @change=${this.#onDate}
          />
          ${
            dateError
              ? html`<p class="error" part="error" id="date-error">${this.#say(dateError)}</p>`
              : nothing
          }
        </div>
        <div class="until-input">
          <label for="time">${this.term('away.until.time')}</label>
          <input
            part="time-input"
            type="time"
            id="time"
            name="time"
            .value=${live(time)}
            aria-invalid=${timeError ? 'true' : 'false'}
            aria-describedby=${describe(timeError, 'time-error')}
            @input=${this.#onTime}
            @change=${this.#onTime}
          />
          ${
            timeError
              ? html`<p class="error" part="error" id="time-error">${this.#say(timeError)}</p>`
              : nothing
          }
        </div>
        <button
          type="button"
          part="clear-button"
          class="clear"
          aria-label=${this.term('away.until.clearLabel')}
          aria-disabled=${empty ? 'true' : 'false'}
          @click=${this.#onClearUntil}
        >
          ${this.term('away.until.clear')}
        </button>
      </div>
      <p part="time-zone" class="hint" id="until-zone">
        ${this.term('away.until.timeZone', { zone: formatTimeZone(this.resolvedLang, zone) })}
      </p>
      ${
        converted
          ? html`<p part="converted" class="hint" id="until-converted">${converted}</p>`
          : nothing
      }
    </fieldset>`;
  }

  #renderPreview(): TemplateResult {
    const away = this.away;
    const name = this.meStore.value?.me?.name ?? this.status?.name ?? '';
    const assignee = this.assignee;
    const instant =
      away && this.untilDate !== '' && this.untilTime !== ''
        ? zonedInstant(this.untilDate, this.untilTime, this.resolvedTimeZone)
        : Number.NaN;
    const until = Number.isNaN(instant) ? undefined : this.#moment(instant);
    let detail: string;
    if (!away) detail = this.term('away.preview.available');
    else if (assignee && until)
      detail = this.term('away.preview.coveredUntil', { name: assignee.name, until });
    else if (assignee) detail = this.term('away.preview.covered', { name: assignee.name });
    else if (until) detail = this.term('away.preview.until', { until });
    else detail = this.term('away.preview.away');
    return html`<figure part="preview" class="preview" aria-labelledby="preview-heading">
      <figcaption part="preview-heading" id="preview-heading" class="preview-heading">
        ${this.term('away.preview')}
      </figcaption>
      <p class="preview-line">
        <span part="preview-name" class="preview-name ${away ? 'away' : ''}"
          >${name}${away ? clockIcon() : nothing}</span
        >
        <span part="preview-state" class="preview-state">${detail}</span>
      </p>
    </figure>`;
  }

  #renderRules(): TemplateResult {
    const rules: PlainTranslationKey[] = [
      'away.rules.assignee',
      'away.rules.chain',
      'away.rules.team',
      'away.rules.replied',
      'away.rules.return',
    ];
    return html`<section part="rules" class="rules" aria-labelledby="rules-heading">
      <div
        part="rules-heading"
        class="rules-heading"
        id="rules-heading"
        role="heading"
        aria-level=${this.#level(1)}
      >
        ${this.term('away.rules')}
      </div>
      <ul>
        ${rules.map((key) => html`<li part="rule">${this.term(key)}</li>`)}
      </ul>
    </section>`;
  }
}

function clockIcon(): TemplateResult {
  return html`<svg class="clock" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
    <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" stroke-width="1.5" />
    <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" stroke-width="1.5" />
  </svg>`;
}

function checkIcon(): TemplateResult {
  return html`<svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
    <path d="m3 8.5 3 3 7-7" fill="none" stroke="currentColor" stroke-width="2" />
  </svg>`;
}

// ─── Its entry in the settings panel ────────────────────────────────────────────────────────

/**
 * The Away Status entry of `<bay-settings-panel>`. It registers nothing: the panel imports
 * `bay-away-section.ts` beside it.
 */
export const awaySettingsSection: SettingsSection = {
  name: 'away',
  label: 'settings.section.away',
  render(panel) {
    const { lang, theme } = sectionAttributes(panel);
    return html`<bay-away-section
      part="section"
      exportparts=${sectionExportParts(AWAY_SECTION_PARTS)}
      heading-level="3"
      lang=${lang}
      theme=${theme}
      .client=${panel.client}
      .strings=${panel.strings}
    ></bay-away-section>`;
  },
};
