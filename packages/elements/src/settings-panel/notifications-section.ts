import {
  type BaylinkClient,
  type BaylinkError,
  type BrowserPushState,
  isBaylinkError,
  type QuietHours,
} from '@baylink/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { StoreController } from '../internal/store-controller.ts';
import '../push-permission/bay-push-devices.ts';
import '../push-permission/bay-push-permission.ts';
import type {
  LocalizedCatalog,
  PreferencesState,
  UserPreferences,
} from '../notification-center/sdk-types.ts';
import type { BayPushChangeEvent } from '../push-permission/events.ts';
import { PUSH_DEVICES_PARTS } from '../push-permission/push-devices.ts';
import { PUSH_PERMISSION_PARTS } from '../push-permission/push-permission.ts';
import { browserTimeZone } from './away-section.ts';
import {
  BROWSER_LABELS,
  type BrowserName,
  type BrowserPermission,
  detectBrowser,
  PERMISSION_LABELS,
  REENABLE_STEPS,
  readPermission,
  watchPermission,
} from './browser-permission.ts';
import {
  type AggregateState,
  aggregateState,
  type CatalogType,
  type Channel,
  cellState,
  filterCatalog,
  type MatrixTarget,
  planChanges,
  targetState,
} from './notifications-matrix.ts';
import { notificationsSectionStyles } from './notifications-section.styles.ts';
import { quietHoursStyles } from './quiet-hours.styles.ts';
import { QUIET_HOURS_PARTS, QuietHoursController } from './quiet-hours.ts';
import { failureHint } from './section-support.ts';
import { BaySettingsDirtyEvent } from './settings-events.ts';
import type { SettingsSection } from './settings-section.ts';
import { sectionAttributes, sectionExportParts } from './settings-section.ts';

/** `<bay-push-permission>`'s parts as the section exports them: `push-` before each. */
const PUSH_PARTS = PUSH_PERMISSION_PARTS.map((part) => `push-${part}` as const);
/** `<bay-push-devices>`'s parts as the section exports them: `devices-` before each. */
const DEVICES_PARTS = PUSH_DEVICES_PARTS.map((part) => `devices-${part}` as const);

/** Every part of the section, for `exportparts` on elements that nest it. */
export const NOTIFICATIONS_SECTION_PARTS = [
  'base',
  'header',
  'intro',
  'permission',
  'permission-steps',
  'toolbar',
  'search',
  'count',
  'reset-button',
  'matrix',
  'column-header',
  'permission-state',
  'category',
  'type',
  'type-label',
  'type-description',
  'switch',
  'lock',
  'unsupported',
  'legend',
  'status',
  'alert',
  'reset-dialog',
  'confirm-button',
  'cancel-button',
  ...PUSH_PARTS,
  ...DEVICES_PARTS,
  ...QUIET_HOURS_PARTS,
] as const;

/** The Browser channel, whose column shows the permission state. */
const BROWSER_CHANNEL = 'web_push';

/** A message to show, worded when rendered so it follows the language. */
type Message =
  | { kind: 'saved' }
  | { kind: 'reset-done' }
  | { kind: 'reset-failed'; error: BaylinkError | undefined }
  | { kind: 'save-failed'; target: MatrixTarget; error: BaylinkError | undefined }
  | { kind: 'locked'; channel: Channel };

/** A row of the matrix: the "all types" row, a category row or a type row. */
interface Row {
  id: string;
  kind: 'all' | 'category' | 'type';
  label: string;
  type?: CatalogType;
  categoryKey?: string;
}

/** What a row shows on one channel: a switch (its target and state), a lock, or nothing. */
type CellView =
  | { kind: 'switch'; target: MatrixTarget; state: AggregateState; aggregate: boolean }
  | { kind: 'locked' }
  | { kind: 'unsupported' };

/**
 * @summary The "Manage your notifications" settings: every notification type of the catalog,
 * by category, against the channels In-app, Browser, Email and Mobile.
 *
 * Each cell is a switch; a category row's switches set the whole category on one channel, and
 * the "All notification types" row's switches each set a channel for every type (a mixed state
 * shows when the cells below differ). Channels a type must use are locked on (a lock, and why);
 * channels a type cannot use show no switch. Changes are saved as you toggle: the SDK shows them
 * at once and puts them back if the API refuses, and an alert names what failed. A search box
 * filters types by label and description (the number found is announced), and "Reset to
 * defaults" (confirmed first) goes back to the catalog defaults.
 *
 * **Keyboard**: the matrix is one ARIA grid and one Tab stop: Tab enters it on the last switch
 * used; the arrow keys move between switches (Up/Down keep the column, Left/Right keep the row),
 * Home/End go to the row's first and last switch, Ctrl+Home/Ctrl+End to the grid's; Space or
 * Enter toggles; Tab leaves the grid.
 *
 * The Browser column says whether this browser allows notifications for the site (allowed, not
 * allowed yet, blocked, not supported). Above the matrix, `<bay-push-permission>` turns browser
 * notifications on for this browser (the permission prompt comes only from that click), shows
 * their state, and when blocked the steps to allow them again in the browser in use (Chrome,
 * Edge, Firefox, Safari, iOS, or the article's generic steps). A host that sets
 * `notification-permission` (Baylink in a cross-origin frame, where no prompt is possible) gets
 * the explanation of that permission instead.
 *
 * Below the matrix, `<bay-push-devices>` lists the user's browsers and devices (send a test,
 * remove one), and **quiet hours** (beyond the articles): a switch, the start and end times, the
 * days, in the browser's time zone (or `time-zone`), saved with their own button. During quiet
 * hours browser and mobile notifications wait until the hours end; required ones come through.
 * Unsaved quiet-hours edits make the section `dirty` (the settings panel's protocol).
 *
 * Narrower than 40rem (a phone: it measures itself), the matrix becomes a list per category,
 * each type with its channels as labelled switches.
 *
 * @csspart base - The section's wrapper.
 * @csspart header - The "Manage your notifications" heading.
 * @csspart intro - The text under the heading.
 * @csspart permission - The note about the browser's permission (not allowed yet, blocked, not supported).
 * @csspart permission-steps - The steps to allow notifications again.
 * @csspart toolbar - The row with the search box and "Reset to defaults".
 * @csspart search - The search `<input>`.
 * @csspart count - The number of types found (a polite live region).
 * @csspart reset-button - "Reset to defaults".
 * @csspart matrix - The grid (`<table role="grid">`).
 * @csspart column-header - Each channel's column header.
 * @csspart permission-state - The permission state in the Browser column's header.
 * @csspart category - Each category's row header.
 * @csspart type - Each type's row header (label and description).
 * @csspart type-label - A type's label.
 * @csspart type-description - A type's description.
 * @csspart switch - Every switch (`locked` too for the locked ones, `aggregate` for row and column switches).
 * @csspart lock - The lock icon of a locked switch.
 * @csspart unsupported - The mark of a channel a type cannot use.
 * @csspart legend - The explanation of locked and unavailable cells.
 * @csspart status - The polite "Saved" live region.
 * @csspart alert - The alert naming what could not be saved.
 * @csspart reset-dialog - The "Reset your notification settings?" dialog.
 * @csspart confirm-button - Its confirm button.
 * @csspart cancel-button - Its cancel button.
 * @csspart push-* - The parts of the nested `<bay-push-permission>`, `push-` before each (`push-enable-button`).
 * @csspart devices-* - The parts of the nested `<bay-push-devices>`, `devices-` before each (`devices-revoke-button`).
 * @csspart quiet-hours - The quiet hours' region.
 * @csspart quiet-header - Its heading.
 * @csspart quiet-rule - The rule ("Browser and mobile notifications wait…").
 * @csspart quiet-form - The form.
 * @csspart quiet-switch - The on/off switch (a checkbox with `role="switch"`).
 * @csspart quiet-switch-label - Its label.
 * @csspart quiet-time - The start and end time inputs.
 * @csspart quiet-zone - The time zone line.
 * @csspart quiet-days - The days' group.
 * @csspart quiet-day - Each day's checkbox label.
 * @csspart quiet-summary - The hours in words.
 * @csspart quiet-error - A field's error.
 * @csspart quiet-save-button - "Save quiet hours".
 * @csspart quiet-status - The polite "saved" region.
 * @csspart quiet-alert - The alert for failures.
 * @csspart quiet-retry-button - "Try again" after a failed load.
 *
 * @event {BaySettingsDirtyEvent} bay-settings-dirty - The quiet hours started or stopped holding unsaved edits. `detail: { dirty }`.
 * @event {BayPushChangeEvent} bay-push-change - From the nested `<bay-push-permission>`.
 *
 * @cssproperty --bay-notifications-section-background - Background (default `--bay-color-surface`).
 * @cssproperty --bay-notifications-section-switch-on - A switch's track when on (default `--bay-color-accent`).
 * @cssproperty --bay-notifications-section-row-hover - A row's background under the pointer.
 */
export class BayNotificationsSection extends BaylinkElement {
  static override styles = [BaylinkElement.styles, notificationsSectionStyles, quietHoursStyles];

  /** The heading's level in the page's outline (2 by default; the settings panel uses 3). */
  @property({ attribute: 'heading-level', type: Number }) accessor headingLevel = 2;

  /**
   * The notification permission to explain, when the host knows better than this document
   * (Baylink in a cross-origin iframe: the permission that matters is the top page's). By
   * default it is read from this browser and followed as it changes.
   */
  @property({ attribute: 'notification-permission' }) accessor notificationPermission:
    | BrowserPermission
    | undefined = undefined;

  /** The browser whose steps to show (`chrome`, `edge`, `firefox`, `safari`, `ios`, `other`); detected by default. */
  @property() accessor browser: BrowserName | undefined = undefined;

  /** `<bay-push-permission>`'s service worker URL (default `/baylink-sw.js`, on the host's origin). */
  @property({ attribute: 'service-worker-url' }) accessor serviceWorkerUrl: string | undefined =
    undefined;

  /** The service worker's scope. */
  @property({ attribute: 'service-worker-scope' }) accessor serviceWorkerScope: string | undefined =
    undefined;

  /**
   * The time zone of the quiet hours (an IANA name); by default the browser's. It is shown and
   * sent with them.
   */
  @property({ attribute: 'time-zone' }) accessor timeZone: string | undefined = undefined;

  @state() accessor #catalog: LocalizedCatalog | undefined = undefined;
  @state() accessor #catalogFailed = false;
  @state() accessor #query = '';
  @state() accessor #active: string | undefined = undefined;
  @state() accessor #status: Message | undefined = undefined;
  @state() accessor #alert: Message | undefined = undefined;
  @state() accessor #confirmingReset = false;
  @state() accessor #resetting = false;
  @state() accessor #detectedPermission: BrowserPermission = readPermission();
  /** This browser as `<bay-push-permission>` last read it through the SDK. */
  @state() accessor #pushBrowser: BrowserPushState | null = null;

  readonly #preferences = new StoreController<PreferencesState>(
    this,
    () => this.activeClient?.preferences.store,
  );

  #catalogClient: BaylinkClient | undefined;
  #catalogKey: string | undefined;
  #stateClient: BaylinkClient | undefined;
  #stopWatching: (() => void) | undefined;
  #detectedBrowser: BrowserName | undefined;
  readonly #quietHours = new QuietHoursController(this);
  #reportedDirty = false;

  /**
   * Whether the quiet hours hold edits that are not saved (the settings panel's guard protocol).
   * The matrix saves as you toggle and is never dirty.
   */
  get dirty(): boolean {
    return this.#quietHours.dirty;
  }

  /** The quiet hours as saved, once loaded. */
  get quietHours(): QuietHours | undefined {
    return this.#quietHours.saved;
  }

  /** Drops unsaved quiet-hours edits: the form shows the saved quiet hours again. */
  discard(): void {
    this.#quietHours.discard();
  }

  /**
   * Validates and saves the quiet hours, in the time zone shown. Resolves to whether they were
   * saved; on failure the first field in error has focus.
   */
  saveQuietHours(): Promise<boolean> {
    return this.#quietHours.save();
  }

  /** The zone the quiet hours are shown and saved in. */
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

  /** The preferences as the SDK's store holds them (optimistic changes included). */
  get preferences(): UserPreferences | null {
    return this.#preferences.value?.preferences ?? null;
  }

  /** The catalog shown, in the element's language. */
  get catalog(): LocalizedCatalog | undefined {
    return this.#catalog;
  }

  /**
   * The permission explained in the Browser column: the host's, else this browser's as the SDK
   * reads it (through `<bay-push-permission>`), else `Notification.permission`.
   */
  get permission(): BrowserPermission {
    return this.notificationPermission ?? this.#pushBrowser?.permission ?? this.#detectedPermission;
  }

  /** The browser whose steps are shown. */
  get browserName(): BrowserName {
    this.#detectedBrowser ??= detectBrowser();
    return this.browser ?? this.#detectedBrowser;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#detectedPermission = readPermission();
    this.#stopWatching = watchPermission((permission) => {
      this.#detectedPermission = permission;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopWatching?.();
    this.#stopWatching = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const client = this.activeClient;
    if (client !== this.#stateClient) {
      // Another client may be another user: start afresh.
      this.#stateClient = client;
      this.#status = undefined;
      this.#alert = undefined;
      this.#confirmingReset = false;
      this.#pushBrowser = null;
    }
    if (client) this.#loadCatalog(client, this.resolvedLang);
    this.#quietHours.sync(client);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dirty = this.dirty;
    if (dirty !== this.#reportedDirty) {
      this.#reportedDirty = dirty;
      this.dispatchEvent(new BaySettingsDirtyEvent({ dirty }));
    }
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog');
    if (dialog) {
      if (this.#confirmingReset && !dialog.open && this.isConnected) dialog.showModal();
      else if (!this.#confirmingReset && dialog.open) dialog.close();
    }
  }

  /** Loads the catalog in the language shown (again when the language changes). */
  #loadCatalog(client: BaylinkClient, lang: string): void {
    if (this.#catalogClient === client && this.#catalogKey === lang) return;
    if (this.#catalogClient !== client) this.#catalog = undefined;
    this.#catalogClient = client;
    this.#catalogKey = lang;
    this.#catalogFailed = false;
    client.catalog.get(lang === 'fr' ? 'fr' : 'en').then(
      (catalog) => {
        if (this.#catalogClient === client && this.#catalogKey === lang) this.#catalog = catalog;
      },
      () => {
        // Shown with "Try again"; not retried on every update.
        if (this.#catalogClient === client && this.#catalogKey === lang) this.#catalogFailed = true;
      },
    );
  }

  #retry(): void {
    const client = this.activeClient;
    if (!client) return;
    this.#catalogKey = undefined;
    this.#catalogFailed = false;
    if (this.#preferences.value?.status === 'error') client.preferences.get().catch(() => {});
    this.requestUpdate();
  }

  /** Sets `target` on or off, as its switch's click does. Resolves to whether it was saved. */
  async toggle(target: MatrixTarget, enabled?: boolean): Promise<boolean> {
    const client = this.activeClient;
    const catalog = this.#catalog;
    const preferences = this.preferences;
    if (!client || !catalog || !preferences) return false;
    const current = targetState(catalog, preferences, target);
    if (current === undefined) return false;
    const next = enabled ?? current !== 'true';
    const changes = planChanges(catalog, preferences, target, next);
    this.#status = undefined;
    this.#alert = undefined;
    try {
      await client.preferences.update(changes);
      if (client !== this.activeClient) return false;
      this.#status = { kind: 'saved' };
      return true;
    } catch (error) {
      if (client !== this.activeClient) return false;
      this.#alert = {
        kind: 'save-failed',
        target,
        error: isBaylinkError(error) ? error : undefined,
      };
      return false;
    }
  }

  /** Goes back to the catalog defaults (without asking: the button asks first). */
  async resetToDefaults(): Promise<boolean> {
    const client = this.activeClient;
    if (!client || this.#resetting) return false;
    this.#status = undefined;
    this.#alert = undefined;
    this.#resetting = true;
    try {
      await client.preferences.reset();
      if (client !== this.activeClient) return false;
      this.#status = { kind: 'reset-done' };
      return true;
    } catch (error) {
      if (client !== this.activeClient) return false;
      this.#alert = { kind: 'reset-failed', error: isBaylinkError(error) ? error : undefined };
      return false;
    } finally {
      this.#resetting = false;
    }
  }

  #channelLabel(channel: Channel): string {
    return this.#catalog?.channels.find((entry) => entry.key === channel)?.label ?? channel;
  }

  #rowLabel(target: MatrixTarget): string {
    const catalog = this.#catalog;
    if (target.scope === 'channel') return this.term('preferences.all');
    if (target.scope === 'category') {
      const category = catalog?.categories.find((entry) => entry.key === target.key);
      return this.term('preferences.category.all', { category: category?.label ?? target.key });
    }
    for (const category of catalog?.categories ?? []) {
      const type = category.types.find((entry) => entry.key === target.key);
      if (type) return type.label;
    }
    return target.key;
  }

  #switchLabel(target: MatrixTarget): string {
    return this.term('preferences.switch', {
      row: this.#rowLabel(target),
      channel: this.#channelLabel(target.channel),
    });
  }

  #say(message: Message): string {
    switch (message.kind) {
      case 'saved':
        return this.term('preferences.saved');
      case 'reset-done':
        return this.term('preferences.reset.done');
      case 'locked':
        return this.term('preferences.locked.why', {
          channel: this.#channelLabel(message.channel),
        });
      case 'reset-failed':
      case 'save-failed': {
        const main =
          message.kind === 'reset-failed'
            ? this.term('preferences.reset.failed')
            : this.term('preferences.saveFailed', { what: this.#switchLabel(message.target) });
        const hint = failureHint(message.error);
        return hint ? `${main} ${this.term(hint)}` : main;
      }
    }
  }

  // ── Keyboard: one Tab stop, arrows between switches ──────────────────────────────────────

  /** The grid's switches by row, each row indexed by channel (null: no switch there). */
  #gridControls(): (HTMLElement | null)[][] {
    const table = this.renderRoot.querySelector('table');
    if (!table) return [];
    const channels = this.#catalog?.channels.map((entry) => entry.key) ?? [];
    return Array.from(table.querySelectorAll<HTMLTableRowElement>('tr[data-row]')).map((row) =>
      channels.map((channel) =>
        row.querySelector<HTMLElement>(`button[data-channel="${channel}"]`),
      ),
    );
  }

  #onGridKeydown(event: KeyboardEvent): void {
    const target = event.target as HTMLElement;
    if (!target.matches('button[data-channel]')) return;
    const grid = this.#gridControls();
    const row = grid.findIndex((cells) => cells.includes(target));
    if (row === -1) return;
    const cells = grid[row] ?? [];
    const column = cells.indexOf(target);
    const rtl = this.resolvedDir === 'rtl';
    const inRow = (list: (HTMLElement | null)[], from: number, step: number) => {
      for (let index = from + step; index >= 0 && index < list.length; index += step) {
        const found = list[index];
        if (found) return found;
      }
      return undefined;
    };
    const inColumn = (step: number) => {
      for (let index = row + step; index >= 0 && index < grid.length; index += step) {
        const found = grid[index]?.[column];
        if (found) return found;
      }
      return undefined;
    };
    const first = (list: (HTMLElement | null)[]) => list.find(Boolean) ?? undefined;
    const last = (list: (HTMLElement | null)[]) => [...list].reverse().find(Boolean) ?? undefined;
    let next: HTMLElement | null | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = inRow(cells, column, rtl ? -1 : 1);
        break;
      case 'ArrowLeft':
        next = inRow(cells, column, rtl ? 1 : -1);
        break;
      case 'ArrowDown':
        next = inColumn(1);
        break;
      case 'ArrowUp':
        next = inColumn(-1);
        break;
      case 'Home':
        next = event.ctrlKey ? first(grid.flat()) : first(cells);
        break;
      case 'End':
        next = event.ctrlKey ? last(grid.flat()) : last(cells);
        break;
      default:
        return;
    }
    event.preventDefault();
    if (!next) return;
    this.#active = this.#cellId(next);
    next.focus();
  }

  #cellId(control: HTMLElement): string {
    return `${control.dataset.row}|${control.dataset.channel}`;
  }

  #onGridFocusIn(event: FocusEvent): void {
    const target = event.target as HTMLElement;
    if (target.matches('button[data-channel]')) this.#active = this.#cellId(target);
  }

  // ── Rendering ────────────────────────────────────────────────────────────────────────────

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
        ${this.term('preferences.heading')}
      </div>
      ${this.#renderBody()}
    </section>`;
  }

  #renderBody(): TemplateResult {
    if (!this.activeClient) {
      return html`<p class="hint">${this.term('preferences.notConnected')}</p>`;
    }
    const state = this.#preferences.value;
    const preferences = state?.preferences;
    const catalog = this.#catalog;
    if (this.#catalogFailed || (!preferences && state?.status === 'error')) {
      const hint = failureHint(state?.error ?? undefined);
      return html`<div class="alert" role="alert" part="alert">
          ${this.term('preferences.loadFailed')} ${hint ? this.term(hint) : ''}
        </div>
        <div>
          <button type="button" class="button" @click=${this.#retry}>
            ${this.term('preferences.retry')}
          </button>
        </div>`;
    }
    if (!preferences || !catalog) {
      return html`<p class="hint" role="status">${this.term('preferences.loading')}</p>`;
    }
    const filtered = filterCatalog(catalog, this.#query);
    return html`<p class="intro" part="intro">${this.term('preferences.intro')}</p>
      ${this.notificationPermission === undefined ? this.#renderPushPermission() : this.#renderPermissionNote()}
      <div class="toolbar" part="toolbar">
        <div class="search">
          <label for="search">${this.term('preferences.search')}</label>
          <input
            id="search"
            part="search"
            type="search"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="count"
            .value=${live(this.#query)}
            @input=${(event: Event) => {
              this.#query = (event.target as HTMLInputElement).value;
            }}
          />
        </div>
        <button
          type="button"
          class="button"
          part="reset-button"
          aria-disabled=${this.#resetting ? 'true' : 'false'}
          @click=${() => {
            if (!this.#resetting) this.#confirmingReset = true;
          }}
        >
          ${this.term('preferences.reset')}
        </button>
      </div>
      <p class="count" part="count" id="count" role="status">
        ${this.#query.trim() === '' ? '' : this.#countText(filtered.count)}
      </p>
      ${filtered.count > 0 ? this.#renderMatrix(catalog, preferences, filtered.categories) : nothing}
      ${this.#renderLegend(catalog)}
      <p class="status" part="status" role="status">
        ${this.#status ? this.#say(this.#status) : ''}
      </p>
      <div class="alert" part="alert" role="alert">${this.#alert ? this.#say(this.#alert) : ''}</div>
      ${this.#renderResetDialog()} ${this.#renderDevices()} ${this.#quietHours.render(this.#childHeadingLevel())}`;
  }

  #childHeadingLevel(): number {
    return Math.min(6, Math.max(1, this.headingLevel) + 1);
  }

  #renderPushPermission(): TemplateResult {
    return html`<bay-push-permission
      class="push-permission"
      exportparts=${PUSH_PERMISSION_PARTS.map((part) => `${part}:push-${part}`).join(', ')}
      heading-level=${this.#childHeadingLevel()}
      lang=${this.resolvedLang}
      theme=${ifDefined(this.theme)}
      service-worker-url=${ifDefined(this.serviceWorkerUrl)}
      scope=${ifDefined(this.serviceWorkerScope)}
      browser=${ifDefined(this.browser)}
      .client=${this.activeClient}
      .strings=${this.strings}
      @bay-push-change=${(event: BayPushChangeEvent) => {
        this.#pushBrowser = event.detail.browser;
      }}
    ></bay-push-permission>`;
  }

  #renderDevices(): TemplateResult {
    return html`<bay-push-devices
      class="push-devices"
      exportparts=${PUSH_DEVICES_PARTS.map((part) => `${part}:devices-${part}`).join(', ')}
      heading-level=${this.#childHeadingLevel()}
      lang=${this.resolvedLang}
      theme=${ifDefined(this.theme)}
      service-worker-url=${ifDefined(this.serviceWorkerUrl)}
      scope=${ifDefined(this.serviceWorkerScope)}
      .client=${this.activeClient}
      .strings=${this.strings}
    ></bay-push-devices>`;
  }

  #countText(count: number): string {
    if (count === 0) return this.term('preferences.results.none', { query: this.#query.trim() });
    const rule = new Intl.PluralRules(this.resolvedLang).select(count);
    return rule === 'one'
      ? this.term('preferences.results.one', { count })
      : this.term('preferences.results.other', { count });
  }

  #renderPermissionNote(): TemplateResult | typeof nothing {
    const permission = this.permission;
    if (permission === 'granted') return nothing;
    if (permission === 'default' || permission === 'unsupported') {
      return html`<p class="note" part="permission" data-permission=${permission}>
        ${this.#infoIcon()}
        <span>${this.term(
          permission === 'default'
            ? 'preferences.permission.defaultNote'
            : 'preferences.permission.unsupportedNote',
        )}</span>
      </p>`;
    }
    const browser = this.browserName;
    return html`<div class="note blocked" part="permission" data-permission="denied" data-browser=${browser}>
      ${this.#infoIcon()}
      <div>
        <p class="note-title">${this.term('preferences.permission.deniedTitle')}</p>
        <p>
          ${this.term('preferences.permission.deniedIntro', {
            browser: BROWSER_LABELS[browser] ?? this.term('preferences.permission.yourBrowser'),
          })}
        </p>
        <ol part="permission-steps">
          ${REENABLE_STEPS[browser].map((key) => html`<li>${this.term(key)}</li>`)}
        </ol>
      </div>
    </div>`;
  }

  #infoIcon(): TemplateResult {
    return html`<svg class="note-icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <circle cx="10" cy="10" r="8.25" fill="none" stroke="currentColor" stroke-width="1.5" />
      <path d="M10 9v5M10 6v.5" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
    </svg>`;
  }

  /** The rows, grouped: the "all types" row, then each category's row and its types. */
  #rows(categories: ReturnType<typeof filterCatalog>['categories']): Row[][] {
    const all: Row = { id: 'all', kind: 'all', label: this.term('preferences.all') };
    return [
      [all],
      ...categories.map(({ category, types }) => [
        {
          id: `c:${category.key}`,
          kind: 'category' as const,
          label: category.label,
          categoryKey: category.key,
        },
        ...types.map((type) => ({
          id: `t:${type.key}`,
          kind: 'type' as const,
          label: type.label,
          type,
          categoryKey: category.key,
        })),
      ]),
    ];
  }

  /** What a row's switch on `channel` is: its target and state, or a locked/unsupported mark. */
  #cell(
    catalog: LocalizedCatalog,
    preferences: UserPreferences,
    row: Row,
    channel: Channel,
  ): CellView {
    if (row.kind === 'type' && row.type) {
      const cell = cellState(row.type, channel, preferences);
      if (cell === 'locked') return { kind: 'locked' };
      if (cell === 'unsupported') return { kind: 'unsupported' };
      return {
        kind: 'switch',
        target: { scope: 'type', key: row.type.key, channel },
        state: cell === 'on' ? 'true' : 'false',
        aggregate: false,
      };
    }
    const types =
      row.kind === 'all'
        ? catalog.categories.flatMap((category) => category.types)
        : (catalog.categories.find((category) => category.key === row.categoryKey)?.types ?? []);
    const state = aggregateState(types, channel, preferences);
    if (state === undefined) {
      return types.some((type) => type.required.includes(channel))
        ? { kind: 'locked' }
        : { kind: 'unsupported' };
    }
    const target: MatrixTarget =
      row.kind === 'all'
        ? { scope: 'channel', channel }
        : { scope: 'category', key: row.categoryKey ?? '', channel };
    return { kind: 'switch', target, state, aggregate: true };
  }

  #renderMatrix(
    catalog: LocalizedCatalog,
    preferences: UserPreferences,
    categories: ReturnType<typeof filterCatalog>['categories'],
  ): TemplateResult {
    const channels = catalog.channels.map((entry) => entry.key);
    const groups = this.#rows(categories);
    // The roving Tab stop: the last switch used, else the first one.
    const ids: string[] = [];
    for (const group of groups) {
      for (const row of group) {
        for (const channel of channels) {
          if (this.#cell(catalog, preferences, row, channel).kind !== 'unsupported') {
            ids.push(`${row.id}|${channel}`);
          }
        }
      }
    }
    const active = this.#active && ids.includes(this.#active) ? this.#active : ids[0];
    return html`<table
      role="grid"
      part="matrix"
      class="matrix"
      aria-labelledby="heading"
      aria-describedby="legend"
      @keydown=${this.#onGridKeydown}
      @focusin=${this.#onGridFocusIn}
    >
      <thead>
        <tr role="row">
          <th role="columnheader" scope="col" class="type-column">
            ${this.term('preferences.typeColumn')}
          </th>
          ${catalog.channels.map(
            (channel) =>
              html`<th role="columnheader" scope="col" part="column-header" id="column-${channel.key}">
                <span class="channel-label">${channel.label}</span>
                ${channel.key === BROWSER_CHANNEL ? this.#renderPermissionState() : nothing}
              </th>`,
          )}
        </tr>
      </thead>
      ${groups.map(
        (group) =>
          html`<tbody class=${group[0]?.kind === 'all' ? 'all' : 'category'}>
            ${group.map((row) => this.#renderRow(catalog, preferences, row, channels, active))}
          </tbody>`,
      )}
    </table>`;
  }

  #renderPermissionState(): TemplateResult {
    const permission = this.permission;
    return html`<span class="permission-state" part="permission-state" data-permission=${permission}>
      ${this.term(PERMISSION_LABELS[permission])}
    </span>`;
  }

  #renderRow(
    catalog: LocalizedCatalog,
    preferences: UserPreferences,
    row: Row,
    channels: Channel[],
    active: string | undefined,
  ): TemplateResult {
    const header =
      row.kind === 'type' && row.type
        ? html`<th role="rowheader" scope="row" part="type" class="type">
            <span class="type-label" part="type-label" id="label-${row.type.key}">${row.label}</span>
            <span class="type-description" part="type-description" id="description-${row.type.key}"
              >${row.type.description}</span
            >
          </th>`
        : html`<th role="rowheader" scope="row" part=${row.kind === 'category' ? 'category' : nothing} class="group">
            ${row.label}
          </th>`;
    return html`<tr role="row" class="row-${row.kind}" data-row=${row.id}>
      ${header}
      ${channels.map((channel) => {
        const cell = this.#cell(catalog, preferences, row, channel);
        return html`<td role="gridcell" class=${cell.kind === 'unsupported' ? 'empty' : ''}>
          ${this.#renderCell(row, channel, cell, active)}
        </td>`;
      })}
    </tr>`;
  }

  #renderCell(
    row: Row,
    channel: Channel,
    cell: CellView,
    active: string | undefined,
  ): TemplateResult {
    const channelLabel = this.#channelLabel(channel);
    if (cell.kind === 'unsupported') {
      return html`<span class="unsupported" part="unsupported">
        <span aria-hidden="true">—</span>
        <span class="visually-hidden">${this.term('preferences.unsupported')}</span>
      </span>`;
    }
    const id = `${row.id}|${channel}`;
    const tabindex = id === active ? '0' : '-1';
    if (cell.kind === 'locked') {
      const label = this.term('preferences.switch', { row: row.label, channel: channelLabel });
      const why = this.term('preferences.locked.why', { channel: channelLabel });
      return html`<button
        type="button"
        class="switch locked"
        part="switch locked"
        role="switch"
        aria-checked="true"
        aria-disabled="true"
        aria-label=${label}
        aria-describedby="locked-${channel}"
        title=${why}
        data-row=${row.id}
        data-channel=${channel}
        tabindex=${tabindex}
        @click=${() => {
          this.#status = { kind: 'locked', channel };
        }}
      >
        <span class="track" aria-hidden="true">
          <span class="thumb">
            <svg part="lock" viewBox="0 0 16 16" width="12" height="12">
              <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
              <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
            </svg>
          </span>
        </span>
        <span class="switch-text" aria-hidden="true">${channelLabel}</span>
      </button>`;
    }
    const label = this.#switchLabel(cell.target);
    return html`<button
      type="button"
      class="switch ${cell.aggregate ? 'aggregate' : ''}"
      part=${cell.aggregate ? 'switch aggregate' : 'switch'}
      role=${cell.aggregate ? 'checkbox' : 'switch'}
      aria-checked=${cell.state}
      aria-label=${label}
      aria-describedby=${row.kind === 'type' && row.type ? `description-${row.type.key}` : nothing}
      data-row=${row.id}
      data-channel=${channel}
      tabindex=${tabindex}
      @click=${() => void this.toggle(cell.target)}
    >
      <span class="track" aria-hidden="true"><span class="thumb"></span></span>
      <span class="switch-text" aria-hidden="true">${channelLabel}</span>
    </button>`;
  }

  #renderLegend(catalog: LocalizedCatalog): TemplateResult {
    return html`<div class="legend" part="legend" id="legend">
      <p>
        <svg class="legend-lock" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
          <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
        </svg>
        ${this.term('preferences.legend.locked')}
      </p>
      <p><span class="legend-dash" aria-hidden="true">—</span> ${this.term('preferences.unsupported')}.</p>
      ${catalog.channels.map(
        (channel) =>
          html`<span class="visually-hidden" id="locked-${channel.key}"
            >${this.term('preferences.locked.why', { channel: channel.label })}</span
          >`,
      )}
    </div>`;
  }

  #renderResetDialog(): TemplateResult {
    const close = () => {
      this.#confirmingReset = false;
      this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('[part~="reset-button"]')?.focus(),
      );
    };
    return html`<dialog
      part="reset-dialog"
      class="dialog"
      role="alertdialog"
      aria-labelledby="reset-title"
      aria-describedby="reset-body"
      @cancel=${(event: Event) => {
        event.preventDefault();
        close();
      }}
    >
      ${
        this.#confirmingReset
          ? html`<p class="dialog-title" id="reset-title">${this.term('preferences.reset.title')}</p>
              <p id="reset-body">${this.term('preferences.reset.body')}</p>
              <div class="dialog-actions">
                <button type="button" class="button" part="cancel-button" autofocus @click=${close}>
                  ${this.term('preferences.reset.cancel')}
                </button>
                <button
                  type="button"
                  class="button danger"
                  part="confirm-button"
                  @click=${() => {
                    close();
                    void this.resetToDefaults();
                  }}
                >
                  ${this.term('preferences.reset.confirm')}
                </button>
              </div>`
          : nothing
      }
    </dialog>`;
  }
}

/** The Notifications section of `<bay-settings-panel>`. */
export const notificationsSettingsSection: SettingsSection = {
  name: 'notifications',
  label: 'settings.section.notifications',
  render(panel) {
    const { lang, theme } = sectionAttributes(panel);
    return html`<bay-notifications-section
      part="section"
      exportparts=${sectionExportParts(NOTIFICATIONS_SECTION_PARTS)}
      heading-level="3"
      lang=${lang}
      theme=${theme}
      .client=${panel.client}
      .strings=${panel.strings}
    ></bay-notifications-section>`;
  },
};
