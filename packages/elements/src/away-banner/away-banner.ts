import { type AwayState, type AwayStatus, isBaylinkError } from '@baylink/sdk';
import { html, nothing, type PropertyValues, svg, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { BayErrorEvent } from '../internal/events.ts';
import type { PlainTranslationKey } from '../internal/localize.ts';
import { StoreController } from '../internal/store-controller.ts';
import { awayStyles } from '../user-name/away.styles.ts';
import { formatReturn, isAway } from '../user-name/away-format.ts';
import { clockIcon } from '../user-name/clock-icon.ts';
import { awayBannerStyles } from './away-banner.styles.ts';
import { BayAwayDismissEvent, BayAwayOpenSettingsEvent } from './events.ts';

/** Every part of the banner, for `exportparts` on elements that nest it. */
export const AWAY_BANNER_PARTS = [
  'base',
  'banner',
  'icon',
  'message',
  'actions',
  'turn-off',
  'settings-link',
  'dismiss',
  'error',
  'status',
] as const;

/** How long after the banner appears its message goes to the live region, in ms. */
const ANNOUNCE_DELAY = 150;
/** `sessionStorage` keys of dismissed banners: `bay-away-banner:<user id>:<since>`. */
const STORAGE_PREFIX = 'bay-away-banner';

/** Dismissals of this page, for browsers that refuse `sessionStorage` (private modes). */
const dismissedHere = new Set<string>();

function dismissalKey(status: AwayStatus): string {
  return `${STORAGE_PREFIX}:${status.userId}:${status.since ?? ''}`;
}

function isDismissed(status: AwayStatus): boolean {
  const key = dismissalKey(status);
  if (dismissedHere.has(key)) return true;
  try {
    return sessionStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

function rememberDismissal(status: AwayStatus): void {
  const key = dismissalKey(status);
  dismissedHere.add(key);
  try {
    sessionStorage.setItem(key, new Date().toISOString());
  } catch {
    // Private modes may refuse storage: the page remembers it until it unloads.
  }
}

const closeIcon = svg`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M4 4l8 8M12 4l-8 8" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round"/></svg>`;

/**
 * @summary The yellow reminder of article 000: while the signed-in user is away, a bubble at the
 * top centre of the screen says so, until when and who gets new conversations ("You are away
 * until Tue 8:00 AM. New conversations go to Service Team."), with "Turn off away status" and a
 * link to the Away Status settings.
 *
 * It follows `client.away.store` live: it appears and disappears with the stream's events, a
 * change made in another tab or device, and the automatic return at "away until" (on time, even
 * before the server's event). Dismissing it hides it for this browser session and this away
 * period only: a new away period shows it again.
 *
 * Screen readers find it as a region named "Away status"; its message is announced politely
 * when it appears, and it never takes focus. On a phone it spans the screen's width, minus
 * margins. `inline` puts it in the page's flow instead of over it.
 *
 * @event {BayAwayDismissEvent} bay-away-dismiss - The user chose to hide it (cancelable: the
 * banner then stays). `detail: { userId, since }`.
 * @event {BayAwayOpenSettingsEvent} bay-away-open-settings - The user chose the settings link
 * (cancelable: with `settings-href`, cancelling stops the navigation). `detail: { section: 'away', href }`.
 * @event {BayErrorEvent} bay-error - Turning away off failed (the banner says so).
 * `detail: { section: 'away', operation: 'save', error }`.
 *
 * @csspart base - The wrapper (the live region and the banner).
 * @csspart banner - The yellow bubble (a region).
 * @csspart icon - The clock.
 * @csspart message - "You are away until … New conversations go to …".
 * @csspart actions - The button and the link.
 * @csspart turn-off - The "Turn off away status" button.
 * @csspart settings-link - The link (a button without `settings-href`) to the Away Status settings.
 * @csspart dismiss - The button that hides the banner for the session.
 * @csspart error - Why turning off failed.
 * @csspart status - The polite live region (visually hidden).
 *
 * @cssproperty --bay-away-banner-top - Distance from the top of the viewport (default 0.75rem).
 * @cssproperty --bay-away-banner-z-index - Stacking order over the host's screen (default 1000).
 * @cssproperty --bay-away-banner-max-width - The widest it gets on a large screen (default 48rem).
 * @cssproperty --bay-away-color - The yellow of the border and clock (default #e0a800).
 * @cssproperty --bay-away-bg - The bubble (default #fff3bf).
 * @cssproperty --bay-away-text - The text on it (default #3d2e00).
 */
export class BayAwayBanner extends BaylinkElement {
  static override styles = [BaylinkElement.styles, awayStyles, awayBannerStyles];

  /** In the page's flow, where the element is, rather than fixed at the top of the screen. */
  @property({ type: Boolean, reflect: true }) accessor inline = false;

  /**
   * Where the settings link goes (`#settings/away`, `/settings?section=away`). Without it the
   * link is a button that only dispatches `bay-away-open-settings`.
   */
  @property({ attribute: 'settings-href' }) accessor settingsHref: string | undefined = undefined;

  @state() accessor #turningOff = false;
  @state() accessor #error: PlainTranslationKey | undefined = undefined;
  @state() accessor #announcement = '';
  /** Bumped when a dismissal is stored, so the banner renders again. */
  @state() accessor #dismissals = 0;

  readonly #awayStore = new StoreController<AwayState>(this, () => this.activeClient?.away.store);
  #shownKey: string | undefined;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  #returnTimer: ReturnType<typeof setTimeout> | undefined;
  #returnAt: string | undefined;

  /** The signed-in user's away status, once loaded. */
  get status(): AwayStatus | null {
    return this.#awayStore.value?.away ?? null;
  }

  /** Whether the banner shows: the user is away now and did not hide it this session. */
  get shown(): boolean {
    const status = this.status;
    return !!status && isAway(status) && !isDismissed(status);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#announceTimer);
    clearTimeout(this.#returnTimer);
    this.#returnAt = undefined;
    this.#shownKey = undefined;
  }

  /**
   * Turns the away status off (`client.away.clear()`); the banner goes once the status is off.
   * Resolves to whether it worked; on failure the banner stays and says why.
   */
  async turnOff(): Promise<boolean> {
    const client = this.activeClient;
    if (!client || this.#turningOff) return false;
    this.#turningOff = true;
    this.#error = undefined;
    try {
      await client.away.clear();
      if (client !== this.activeClient) return false;
      this.#announcement = this.term('awayBanner.turnedOff');
      return true;
    } catch (error) {
      if (client !== this.activeClient) return false;
      if (isBaylinkError(error)) {
        this.dispatchEvent(new BayErrorEvent({ section: 'away', operation: 'save', error }));
      } else console.error(error);
      this.#error =
        isBaylinkError(error) && error.status === 0 && error.code === 'network_error'
          ? 'error.network'
          : 'awayBanner.turnOffFailed';
      return false;
    } finally {
      this.#turningOff = false;
    }
  }

  /**
   * Hides the banner for this session and away period, as its button does: dispatches
   * `bay-away-dismiss` first; resolves to `false` when a listener cancelled it.
   */
  dismiss(): boolean {
    const status = this.status;
    if (!status) return false;
    const event = new BayAwayDismissEvent({ userId: status.userId, since: status.since });
    if (!this.dispatchEvent(event)) return false;
    rememberDismissal(status);
    this.#dismissals += 1;
    return true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const status = this.status;
    const key = this.shown && status ? dismissalKey(status) : undefined;
    if (key === this.#shownKey) return;
    this.#shownKey = key;
    clearTimeout(this.#announceTimer);
    if (key !== undefined) {
      // Said once the live region is in the accessibility tree, so screen readers notice it.
      this.#announceTimer = setTimeout(() => {
        const current = this.status;
        if (current && this.shown) this.#announcement = this.#message(current);
      }, ANNOUNCE_DELAY);
    } else {
      // A status that is no longer shown takes its failure message with it.
      this.#error = undefined;
      if (this.#announcement !== this.term('awayBanner.turnedOff')) this.#announcement = '';
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#scheduleReturn();
  }

  /** Re-renders at "away until", so the banner goes on time even before the server says so. */
  #scheduleReturn(): void {
    const status = this.status;
    const at = status && isAway(status) ? status.until?.at : undefined;
    if (at === this.#returnAt) return;
    clearTimeout(this.#returnTimer);
    this.#returnAt = at;
    if (!at) return;
    const delay = Math.min(Math.max(0, Date.parse(at) - Date.now()), 2 ** 31 - 1);
    this.#returnTimer = setTimeout(() => {
      this.#returnAt = undefined;
      this.requestUpdate();
    }, delay);
  }

  #message(status: AwayStatus): string {
    const lang = this.resolvedLang;
    const away = status.until
      ? this.term('awayBanner.awayUntil', { until: formatReturn(lang, status.until.at) })
      : this.term('awayBanner.away');
    const cover = status.assignee?.name;
    return cover ? `${away} ${this.term('awayBanner.cover', { cover })}` : away;
  }

  #onTurnOff = (): void => {
    if (this.#turningOff) return;
    void this.turnOff();
  };

  #onDismiss = (): void => {
    this.dismiss();
  };

  #onSettings = (event: Event): void => {
    const open = new BayAwayOpenSettingsEvent({
      section: 'away',
      href: this.settingsHref ?? null,
    });
    if (!this.dispatchEvent(open)) event.preventDefault();
  };

  #renderBanner(status: AwayStatus): TemplateResult {
    const settings = this.term('awayBanner.settings');
    return html`<section part="banner" class="banner" aria-label=${this.term('awayBanner.label')}>
      <span part="icon" class="icon">${clockIcon}</span>
      <p part="message" class="message">${this.#message(status)}</p>
      <div part="actions" class="actions">
        <button
          part="turn-off"
          class="turn-off"
          type="button"
          aria-disabled=${this.#turningOff ? 'true' : 'false'}
          @click=${this.#onTurnOff}
        >
          ${this.#turningOff ? html`<span class="spinner" aria-hidden="true"></span>` : nothing}
          ${this.term(this.#turningOff ? 'awayBanner.turningOff' : 'awayBanner.turnOff')}
        </button>
        ${
          this.settingsHref
            ? html`<a
                part="settings-link"
                class="settings-link"
                href=${this.settingsHref}
                @click=${this.#onSettings}
                >${settings}</a
              >`
            : html`<button
                part="settings-link"
                class="settings-link"
                type="button"
                @click=${this.#onSettings}
              >
                ${settings}
              </button>`
        }
      </div>
      <button
        part="dismiss"
        class="dismiss"
        type="button"
        aria-label=${this.term('awayBanner.dismiss')}
        title=${this.term('awayBanner.dismiss')}
        @click=${this.#onDismiss}
      >
        ${closeIcon}
      </button>
      ${
        this.#error
          ? html`<p part="error" class="error" role="alert">${this.term(this.#error)}</p>`
          : nothing
      }
    </section>`;
  }

  protected override render(): TemplateResult {
    void this.#dismissals;
    const status = this.status;
    return html`<div part="base" class="base" lang=${this.resolvedLang} dir=${this.resolvedDir}>
      <div part="status" class="visually-hidden" role="status">${this.#announcement}</div>
      ${status && this.shown ? this.#renderBanner(status) : nothing}
    </div>`;
  }
}
