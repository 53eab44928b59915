import type { BaylinkClient } from '@baylink/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { awaySettingsSection } from './away-section.ts';
import { notificationsSettingsSection } from './notifications-section.ts';
import { passwordSettingsSection } from './password-section.ts';
import { PROFILE_SECTION_PARTS } from './profile-section.ts';
import { BaySettingsDirtyEvent, BaySettingsNavigateEvent } from './settings-events.ts';
import { settingsPanelStyles } from './settings-panel.styles.ts';
import { type SettingsSection, sectionAttributes, sectionExportParts } from './settings-section.ts';
import { signatureSettingsSection } from './signature-section.ts';

export type { SettingsSection };

export const profileSettingsSection: SettingsSection = {
  name: 'profile',
  label: 'settings.section.profile',
  render(panel) {
    const { lang, theme } = sectionAttributes(panel);
    return html`<bay-profile-section
      part="section"
      exportparts=${sectionExportParts(PROFILE_SECTION_PARTS)}
      heading-level="3"
      lang=${lang}
      theme=${theme}
      .client=${panel.client}
      .strings=${panel.strings}
    ></bay-profile-section>`;
  },
};

/** A section element as the panel sees it: `dirty` is the unsaved-changes protocol. */
type SectionElement = HTMLElement & { dirty?: unknown };

/** A navigation the user has to confirm because the current section has unsaved changes. */
interface PendingNavigation {
  /** The section asked for (`undefined`: the first one). */
  to: string | undefined;
  /** `user`: the panel's navigation; `property`: the host set `section`. */
  origin: 'user' | 'property';
}

/**
 * @summary The signed-in user's settings ("Your settings"): Profile, Password (for accounts
 * that use Baylink's own sign-in), Signature, Away Status and Notifications, each in a section
 * of its own.
 *
 * It takes the SDK client from the enclosing `<bay-provider>` or from its `client` property, and
 * renders in the user's preferred language unless a `lang` attribute says otherwise.
 *
 * **Navigation.** With two sections or more, tabs sit above the section (Left/Right move between
 * them, Home/End jump to the first and last, Enter or Space opens one: manual activation, so
 * browsing the tabs never prompts about unsaved changes). When the panel is narrower than 40rem
 * (a phone: it measures itself, not the viewport) the tabs become a list; choosing an entry
 * drills into the section, and a back button returns to the list.
 *
 * **Deep links.** The `section` attribute (reflected) names the section shown; an unknown name
 * shows the first. When the user picks a section, `bay-settings-navigate` is dispatched
 * (cancelable) so the host can put it in its URL; set `section` back from the URL.
 *
 * **Unsaved changes.** Sections expose a `dirty` property and dispatch `bay-settings-dirty` when
 * it changes (see `SettingsSection`). Leaving a dirty section, from the navigation or by setting
 * `section`, first asks "Discard changes?" in a modal dialog inside the panel (Stay keeps the
 * section and its edits; Leave switches); while a section is dirty, the page's `beforeunload`
 * is hooked so the browser asks before closing or reloading.
 *
 * **Which sections.** `sections="profile notifications"` shows only those, in that order.
 * Sections that do not apply to the user hide themselves (`SettingsSection.available`).
 *
 * @event {BaySettingsNavigateEvent} bay-settings-navigate - The user picked a section;
 * cancelable. `detail: { from, to }`.
 * @event {BaySettingsDirtyEvent} bay-settings-dirty - A section's unsaved-changes state changed.
 * `detail: { dirty }`.
 * @event {BaySettingsChangeEvent} bay-settings-change - A section saved a change.
 * `detail: { section, me }`.
 * @event {BayErrorEvent} bay-error - A call to the API failed. `detail: { section, operation, error }`.
 *
 * @csspart base - The panel's box.
 * @csspart header - The header holding the "Your settings" heading.
 * @csspart heading - The "Your settings" heading.
 * @csspart nav - The sections' navigation: the tab list and the phone list (two sections or more).
 * @csspart tabs - The tab list (wide panels).
 * @csspart tab - Each tab.
 * @csspart list - The list of sections (narrow panels, before drilling in).
 * @csspart list-item - Each entry of that list.
 * @csspart back-button - The button back to the list (narrow panels, inside a section).
 * @csspart panel - The box around the current section.
 * @csspart section - The current section's element.
 * @csspart dialog - The "Discard changes?" dialog.
 * @csspart stay-button - Its "Stay" button.
 * @csspart leave-button - Its "Leave" button.
 * @csspart section-base - The section's wrapper (its `base` part).
 * @csspart section-header - The section's heading (its `header` part).
 * @csspart photo - Re-exported from the profile section, as are its other parts (avatar,
 * upload-button, save-button…), and from the notifications section (matrix, switch…).
 *
 * @cssproperty --bay-settings-panel-background - The panel's background (default `--bay-color-surface`).
 * @cssproperty --bay-settings-panel-border - The panel's border (default 1px solid `--bay-color-border`).
 * @cssproperty --bay-settings-panel-radius - The panel's corner radius (default `--bay-radius`).
 * @cssproperty --bay-settings-panel-padding - The space inside the panel.
 * @cssproperty --bay-settings-panel-max-width - The panel's widest width (default 64rem).
 * @cssproperty --bay-settings-panel-heading-size - The heading's font size (default 1.5em).
 * @cssproperty --bay-color-accent - Buttons, the current tab and focus ring; with the other
 * `--bay-*` tokens (`--bay-color-surface`, `--bay-color-text`, `--bay-color-text-muted`,
 * `--bay-color-border`, `--bay-color-danger`, `--bay-color-success`, `--bay-color-on-accent`,
 * `--bay-font-family`, `--bay-font-size`, `--bay-radius`, `--bay-spacing`).
 */
export class BaySettingsPanel extends BaylinkElement {
  static override styles = [BaylinkElement.styles, settingsPanelStyles];

  /**
   * The sections a panel can show, in navigation order (article 000's: Profile, Password,
   * Signature, Away Status, Notifications). Later sections join by adding their descriptor here.
   */
  static sections: SettingsSection[] = [
    profileSettingsSection,
    passwordSettingsSection,
    signatureSettingsSection,
    awaySettingsSection,
    notificationsSettingsSection,
  ];

  #section: string | undefined = undefined;

  /**
   * The section shown (`profile`, `notifications`…); an unknown name shows the first. Setting it
   * while the current section has unsaved changes asks the user first: the property keeps its
   * value until they choose Leave.
   */
  @property({ reflect: true })
  set section(value: string | null | undefined) {
    const next = value || undefined;
    if (next === this.#section) return;
    if (this.#bypassGuard || next === this.#approved || !this.#mustConfirm(next)) {
      this.#apply(next);
      return;
    }
    this.#ask({ to: next, origin: 'property' });
  }

  get section(): string | undefined {
    return this.#section;
  }

  /**
   * Only these sections, in this order: `sections="notifications profile"` (space-separated
   * names). Unknown names are ignored; without it (or empty) every registered section shows.
   */
  @property() accessor sections: string | undefined = undefined;

  /** Whether a narrow (phone) panel shows the current section rather than the list. */
  @state() accessor #drilled = false;
  @state() accessor #pending: PendingNavigation | undefined = undefined;
  /** The tab that has keyboard focus in the tab list (roving tabindex). */
  @state() accessor #focusedTab: string | undefined = undefined;

  #bypassGuard = false;
  /** A target the user already confirmed leaving for (the host cancelled the navigate event). */
  #approved: string | undefined;
  #dirty = false;
  #unloadHooked = false;
  #availabilityClient: BaylinkClient | undefined;
  #availability = new Map<string, boolean | 'pending'>();

  constructor() {
    super();
    this.addEventListener(BaySettingsDirtyEvent.type, this.#syncDirty);
    // `input` is composed: edits inside a section's shadow root reach the panel.
    this.addEventListener('input', this.#syncDirty);
    this.addEventListener('bay-settings-change', this.#syncDirty);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#hookUnload(false);
  }

  /** The sections this panel shows: registered, picked by `sections`, and applying to the user. */
  get availableSections(): SettingsSection[] {
    return this.#requestedSections().filter((entry) => this.#availabilityOf(entry) === true);
  }

  /** The section shown now (`undefined` while a deep-linked section is still being checked). */
  get currentSection(): SettingsSection | undefined {
    return this.#resolve(this.section);
  }

  /** Whether the section shown holds unsaved changes. */
  get dirty(): boolean {
    return this.#readDirty();
  }

  /** The element of the section shown. */
  get sectionElement(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('[part~="section"]');
  }

  #requestedSections(): SettingsSection[] {
    const registered = (this.constructor as typeof BaySettingsPanel).sections;
    const names = this.sections?.split(/\s+/).filter(Boolean) ?? [];
    if (names.length === 0) return registered;
    const picked: SettingsSection[] = [];
    for (const name of names) {
      const entry = registered.find((candidate) => candidate.name === name);
      if (entry && !picked.includes(entry)) picked.push(entry);
    }
    return picked;
  }

  /** `true`, `false`, or `'pending'` while the section's `available` has not answered. */
  #availabilityOf(entry: SettingsSection): boolean | 'pending' {
    if (!entry.available) return true;
    const client = this.activeClient;
    if (client !== this.#availabilityClient) {
      this.#availabilityClient = client;
      this.#availability = new Map();
    }
    if (!client) return 'pending';
    const known = this.#availability.get(entry.name);
    if (known !== undefined) return known;
    let answer: boolean | Promise<boolean>;
    try {
      answer = entry.available(client);
    } catch {
      answer = false;
    }
    if (typeof answer === 'boolean') {
      this.#availability.set(entry.name, answer);
      return answer;
    }
    const answers = this.#availability;
    answers.set(entry.name, 'pending');
    const settle = (value: boolean) => {
      if (this.#availability !== answers) return;
      answers.set(entry.name, value);
      this.requestUpdate();
    };
    answer.then(
      (value) => settle(value === true),
      () => settle(false),
    );
    return 'pending';
  }

  /** The section shown for `name`: that one if shown, else the first (unless it is being checked). */
  #resolve(name: string | undefined): SettingsSection | undefined {
    const shown = this.availableSections;
    const named = shown.find((entry) => entry.name === name);
    if (named) return named;
    const requested = this.#requestedSections().find((entry) => entry.name === name);
    if (requested && this.#availabilityOf(requested) === 'pending') return undefined;
    return shown[0];
  }

  #readDirty(): boolean {
    return (this.sectionElement as SectionElement | null)?.dirty === true;
  }

  #syncDirty = (): void => {
    const dirty = this.#readDirty();
    if (dirty === this.#dirty) return;
    this.#dirty = dirty;
    this.#hookUnload(dirty);
  };

  #hookUnload(on: boolean): void {
    if (on === this.#unloadHooked) return;
    this.#unloadHooked = on;
    if (on) window.addEventListener('beforeunload', this.#onBeforeUnload);
    else window.removeEventListener('beforeunload', this.#onBeforeUnload);
  }

  #onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!this.#readDirty()) return;
    event.preventDefault();
    // Older browsers need returnValue set to show their prompt.
    event.returnValue = '';
  };

  /** Whether going to `name` leaves a section that holds unsaved changes. */
  #mustConfirm(name: string | undefined): boolean {
    if (!this.hasUpdated || !this.isConnected) return false;
    const current = this.currentSection;
    if (!current || this.#resolve(name) === current) return false;
    return this.#readDirty();
  }

  #apply(name: string | undefined): void {
    this.#section = name;
    this.#approved = undefined;
    if (name !== undefined) this.#drilled = true;
  }

  /** Sets `section` from inside, past the guard, so Lit reflects it. */
  #setSection(name: string | undefined): void {
    this.#bypassGuard = true;
    try {
      this.section = name;
    } finally {
      this.#bypassGuard = false;
    }
  }

  #ask(pending: PendingNavigation): void {
    this.#pending = pending;
  }

  /** The user picked a section in the tabs or the list. */
  async #navigate(name: string, from: 'tab' | 'list'): Promise<void> {
    if (this.#pending) return;
    if (name === this.currentSection?.name) {
      if (from === 'list') await this.#drillIn();
      return;
    }
    if (this.#readDirty()) {
      this.#ask({ to: name, origin: 'user' });
      return;
    }
    await this.#commit(name, from);
  }

  /** Tells the host, then shows `name` unless the host took over. */
  async #commit(name: string, from: 'tab' | 'list' | 'dialog'): Promise<void> {
    const event = new BaySettingsNavigateEvent({ from: this.currentSection?.name, to: name });
    this.dispatchEvent(event);
    if (event.defaultPrevented) {
      // The host routes and sets `section` itself; the user has confirmed already.
      if (from === 'dialog') this.#approved = name;
      return;
    }
    this.#setSection(name);
    this.#focusedTab = name;
    await this.updateComplete;
    this.#syncDirty();
    if (from === 'list' || (from === 'dialog' && this.#isNarrow())) await this.#drillIn();
    else this.#tab(name)?.focus();
  }

  async #drillIn(): Promise<void> {
    this.#drilled = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.panel')?.focus();
  }

  async #back(): Promise<void> {
    const current = this.currentSection?.name;
    this.#drilled = false;
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLElement>(`.list [data-section="${CSS.escape(current ?? '')}"]`)
      ?.focus();
  }

  #isNarrow(): boolean {
    const list = this.renderRoot.querySelector<HTMLElement>('.list');
    return list !== null && getComputedStyle(list).display !== 'none';
  }

  #tab(name: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(
      `[role="tab"][data-section="${CSS.escape(name)}"]`,
    );
  }

  #stay(): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    // A refused `section` goes back to the attribute too.
    if (pending.origin === 'property') this.requestUpdate('section', pending.to);
  }

  async #leave(): Promise<void> {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    if (pending.origin === 'property') {
      this.#setSection(pending.to);
      await this.updateComplete;
      this.#syncDirty();
      return;
    }
    if (pending.to !== undefined) await this.#commit(pending.to, 'dialog');
  }

  #onTabKeydown(event: KeyboardEvent, names: string[]): void {
    const index = names.indexOf((event.target as HTMLElement).dataset.section ?? '');
    if (index === -1) return;
    const rtl = this.resolvedDir === 'rtl';
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowRight':
        next = rtl ? index - 1 : index + 1;
        break;
      case 'ArrowLeft':
        next = rtl ? index + 1 : index - 1;
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = names.length - 1;
        break;
      default:
        return;
    }
    event.preventDefault();
    const name = names[(next + names.length) % names.length];
    if (name === undefined) return;
    this.#focusedTab = name;
    this.#tab(name)?.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const names = this.availableSections.map((entry) => entry.name);
    if (this.#focusedTab === undefined || !names.includes(this.#focusedTab)) {
      this.#focusedTab = this.currentSection?.name;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog');
    if (dialog) {
      if (this.#pending && !dialog.open && this.isConnected) dialog.showModal();
      else if (!this.#pending && dialog.open) dialog.close();
    }
    this.#syncDirty();
  }

  protected override render(): TemplateResult {
    const sections = this.availableSections;
    const current = this.currentSection;
    const navigable = sections.length > 1;
    const drilled = !navigable || this.#drilled;
    return html`<section
      part="base"
      class="base ${navigable ? 'navigable' : ''} ${drilled ? 'drilled' : ''}"
      aria-labelledby="heading"
      lang=${this.resolvedLang}
      dir=${this.resolvedDir}
    >
      <div part="header" class="header">
        <h2 part="heading" id="heading">${this.term('settings.heading')}</h2>
      </div>
      ${navigable ? this.#renderNavigation(sections, current) : nothing}
      ${
        navigable
          ? html`<button type="button" part="back-button" class="back" @click=${this.#back}>
              <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                <path d="M10 3 5 8l5 5" fill="none" stroke="currentColor" stroke-width="2" />
              </svg>
              ${this.term('settings.back')}
            </button>`
          : nothing
      }
      <div
        part="panel"
        class="panel"
        id="panel"
        role=${navigable ? 'tabpanel' : nothing}
        aria-labelledby=${navigable && current ? `tab-${current.name}` : nothing}
        tabindex="-1"
      >
        ${current ? current.render(this) : this.#renderWaiting()}
      </div>
      ${this.#renderDialog()}
    </section>`;
  }

  /** While the section asked for (or every section) is still checking whether it applies. */
  #renderWaiting(): TemplateResult | typeof nothing {
    const waiting = this.#requestedSections().some(
      (entry) => this.#availabilityOf(entry) === 'pending',
    );
    return waiting
      ? html`<p class="hint" role="status">${this.term('settings.loading')}</p>`
      : nothing;
  }

  #renderNavigation(sections: SettingsSection[], current: SettingsSection | undefined) {
    const names = sections.map((entry) => entry.name);
    return html`<div
        part="nav tabs"
        class="tabs"
        role="tablist"
        aria-label=${this.term('settings.nav')}
        @keydown=${(event: KeyboardEvent) => this.#onTabKeydown(event, names)}
      >
        ${sections.map((entry) => {
          const selected = entry === current;
          return html`<button
            type="button"
            part="tab"
            role="tab"
            id="tab-${entry.name}"
            data-section=${entry.name}
            aria-selected=${selected ? 'true' : 'false'}
            aria-controls=${selected ? 'panel' : nothing}
            tabindex=${entry.name === this.#focusedTab ? '0' : '-1'}
            @click=${() => void this.#navigate(entry.name, 'tab')}
          >
            ${this.term(entry.label)}
          </button>`;
        })}
      </div>
      <nav part="nav list" class="list" aria-label=${this.term('settings.nav')}>
        <ul>
          ${sections.map(
            (entry) =>
              html`<li>
                <button
                  type="button"
                  part="list-item"
                  data-section=${entry.name}
                  aria-current=${entry === current && this.section !== undefined ? 'page' : 'false'}
                  @click=${() => void this.#navigate(entry.name, 'list')}
                >
                  <span>${this.term(entry.label)}</span>
                  <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                    <path d="m6 3 5 5-5 5" fill="none" stroke="currentColor" stroke-width="2" />
                  </svg>
                </button>
              </li>`,
          )}
        </ul>
      </nav>`;
  }

  #renderDialog(): TemplateResult {
    const from = this.currentSection;
    return html`<dialog
      part="dialog"
      class="dialog"
      role="alertdialog"
      aria-labelledby="discard-title"
      aria-describedby="discard-body"
      @cancel=${(event: Event) => {
        event.preventDefault();
        this.#stay();
      }}
    >
      ${
        this.#pending
          ? html`<h3 id="discard-title">${this.term('settings.discard.title')}</h3>
              <p id="discard-body">
                ${this.term('settings.discard.body', {
                  section: from ? this.term(from.label) : '',
                })}
              </p>
              <div class="dialog-actions">
                <button type="button" part="stay-button" class="primary" autofocus @click=${this.#stay}>
                  ${this.term('settings.discard.stay')}
                </button>
                <button type="button" part="leave-button" class="danger" @click=${this.#leave}>
                  ${this.term('settings.discard.leave')}
                </button>
              </div>`
          : nothing
      }
    </dialog>`;
  }
}
