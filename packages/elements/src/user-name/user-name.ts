import type { AwayStatus } from '@baylink/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import { awayStyles } from './away.styles.ts';
import { awayDetails, isAway } from './away-format.ts';
import { AwayStatusController } from './away-status-controller.ts';
import { clockIcon } from './clock-icon.ts';
import { userNameStyles } from './user-name.styles.ts';

/** Every part of the element, for `exportparts` on elements that nest it. */
export const USER_NAME_PARTS = ['base', 'name', 'clock', 'tooltip'] as const;

/** How long the bubble waits before it closes, so the pointer can move from the clock onto it. */
const HIDE_DELAY = 150;

const supportsPopover =
  typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

/**
 * @summary A user's name as hosts render it everywhere (article 000, "Using the Away Status"):
 * when that user is away, in yellow with a small clock right next to it; hovering or focusing
 * the clock shows a yellow bubble with who covers and the return date ("Covered by Service Team
 * until Tue 8:00 AM").
 *
 * The name is the element's own text if it has any (`<bay-user-name user-id="…">Sam</bay-user-name>`),
 * else its `name` attribute, else the name the account's presence list gives (so
 * `<bay-user-name user-id="…"></bay-user-name>` alone works). Without `user-id` it shows the
 * signed-in user.
 *
 * It follows the user live through `client.presence`, the one presence store of the page: a
 * list of 500 names costs one load and one subscription per name, and no request per element.
 * A status reads as off from its return moment on.
 *
 * Screen readers hear the away state, not only a colour: the clock is an image named "Away",
 * described by the bubble's text. The clock takes keyboard focus; the bubble shows on hover and
 * on focus, stays while the pointer is over the clock or over the bubble itself, and Escape
 * closes it (WCAG 1.4.13). The bubble sits in the top layer (a popover), so no
 * `overflow: hidden` container of the host clips it.
 *
 * @slot - The name to show (optional).
 *
 * @csspart base - The wrapper (yellow while away).
 * @csspart name - The name.
 * @csspart clock - The clock icon, shown while away (focusable).
 * @csspart tooltip - The yellow bubble with the cover and the return date.
 *
 * @cssproperty --bay-away-color - The yellow of the underline, the clock and the bubble's border (default #e0a800).
 * @cssproperty --bay-away-bg - The highlight behind an away name, and the bubble (default #fff3bf).
 * @cssproperty --bay-away-text - The text on it (default #3d2e00).
 * @cssproperty --bay-user-name-tooltip-width - The bubble's widest (default 24rem).
 */
export class BayUserName extends BaylinkElement {
  static override styles = [BaylinkElement.styles, awayStyles, userNameStyles];

  /** The user whose name this is (without it, the signed-in user). */
  @property({ attribute: 'user-id', reflect: true }) accessor userId: string | undefined =
    undefined;

  /** The name to show when the element has no text of its own (else the account's). */
  @property() accessor name: string | undefined = undefined;

  @state() accessor #open = false;

  readonly #away = new AwayStatusController(this, () => ({
    client: this.activeClient,
    userId: this.userId || undefined,
  }));

  #hoverClock = false;
  #hoverTip = false;
  #focused = false;
  #hideTimer: ReturnType<typeof setTimeout> | undefined;
  #listening = false;

  /** The user's away status as the presence store has it (undefined until loaded). */
  get status(): AwayStatus | undefined {
    return this.#away.status;
  }

  /** Whether the user is away now. */
  get away(): boolean {
    return isAway(this.#away.status);
  }

  /** Whether the bubble is showing. */
  get tooltipOpen(): boolean {
    return this.#open;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#hideTimer);
    this.#hoverClock = false;
    this.#hoverTip = false;
    this.#focused = false;
    this.#open = false;
    this.#listen(false);
  }

  /** Shows the bubble (as hovering or focusing the clock does), while the user is away. */
  showTooltip(): void {
    clearTimeout(this.#hideTimer);
    if (this.away) this.#open = true;
  }

  /** Hides the bubble (as Escape does). */
  hideTooltip(): void {
    clearTimeout(this.#hideTimer);
    this.#open = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.#open && !this.away) this.#open = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#syncTooltip();
  }

  /** Whether the element has text or elements of its own to show as the name. */
  #hasOwnName(): boolean {
    for (const node of this.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE) return true;
      if (node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '') return true;
    }
    return false;
  }

  get #tooltip(): HTMLElement | null | undefined {
    return this.shadowRoot?.querySelector<HTMLElement>('[part~="tooltip"]');
  }

  get #clock(): HTMLElement | null | undefined {
    return this.shadowRoot?.querySelector<HTMLElement>('[part~="clock"]');
  }

  #syncTooltip(): void {
    const tip = this.#tooltip;
    this.#listen(this.#open && !!tip);
    if (!tip) return;
    if (supportsPopover) {
      const shown = tip.matches(':popover-open');
      if (this.#open && !shown && this.isConnected) {
        tip.showPopover();
        this.#position();
      } else if (!this.#open && shown) {
        tip.hidePopover();
      }
    } else {
      tip.classList.toggle('open', this.#open);
      if (this.#open) this.#position();
    }
  }

  /** Places the bubble under the clock (above it when there is no room), inside the viewport. */
  #position = (): void => {
    const tip = this.#tooltip;
    const clock = this.#clock;
    if (!tip || !clock) return;
    const anchor = clock.getBoundingClientRect();
    const box = tip.getBoundingClientRect();
    const gap = 6;
    const margin = 4;
    let placement: 'below' | 'above' = 'below';
    let top = anchor.bottom + gap;
    if (top + box.height > window.innerHeight - margin && anchor.top - gap - box.height >= margin) {
      placement = 'above';
      top = anchor.top - gap - box.height;
    }
    const left = Math.min(
      Math.max(margin, anchor.left + anchor.width / 2 - box.width / 2),
      Math.max(margin, window.innerWidth - box.width - margin),
    );
    tip.dataset.placement = placement;
    tip.style.top = `${Math.round(top)}px`;
    tip.style.left = `${Math.round(left)}px`;
  };

  /** While the bubble shows: Escape anywhere closes it; scrolling and resizing move it along. */
  #listen(on: boolean): void {
    if (on === this.#listening) return;
    this.#listening = on;
    const method = on ? 'addEventListener' : 'removeEventListener';
    document[method]('keydown', this.#onDocumentKeyDown as EventListener, true);
    window[method]('scroll', this.#position, true);
    window[method]('resize', this.#position);
  }

  #onDocumentKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.#open) return;
    this.hideTooltip();
    // Escape closed the bubble: it should not also close a dialog around the name.
    if (this.#focused) {
      event.preventDefault();
      event.stopPropagation();
    }
  };

  #scheduleHide(): void {
    clearTimeout(this.#hideTimer);
    this.#hideTimer = setTimeout(() => {
      if (!this.#hoverClock && !this.#hoverTip && !this.#focused) this.#open = false;
    }, HIDE_DELAY);
  }

  #onClockEnter = (event: PointerEvent): void => {
    // A tap focuses the clock, which shows the bubble; hover is for mice and pens.
    if (event.pointerType === 'touch') return;
    this.#hoverClock = true;
    this.showTooltip();
  };

  #onClockLeave = (event: PointerEvent): void => {
    if (event.pointerType === 'touch') return;
    this.#hoverClock = false;
    this.#scheduleHide();
  };

  #onTipEnter = (): void => {
    this.#hoverTip = true;
    clearTimeout(this.#hideTimer);
  };

  #onTipLeave = (): void => {
    this.#hoverTip = false;
    this.#scheduleHide();
  };

  #onFocus = (): void => {
    this.#focused = true;
    this.showTooltip();
  };

  #onBlur = (): void => {
    this.#focused = false;
    this.#scheduleHide();
  };

  #onSlotChange = (): void => {
    this.requestUpdate();
  };

  protected override render(): TemplateResult {
    const status = this.#away.status;
    const away = isAway(status);
    const ownName = this.#hasOwnName();
    const fallback = ownName ? nothing : (this.name ?? status?.name ?? '');
    const name = html`<span part="name" class="name"
      ><slot @slotchange=${this.#onSlotChange}></slot>${fallback}</span
    >`;
    if (!away || !status) {
      return html`<span part="base" class="base" lang=${this.resolvedLang} dir=${this.resolvedDir}
        >${name}</span
      >`;
    }
    const label = this.term('userName.away');
    const details = awayDetails(
      (key, ...params) => this.term(key, ...params),
      this.resolvedLang,
      status,
    );
    return html`<span
      part="base"
      class="base away"
      lang=${this.resolvedLang}
      dir=${this.resolvedDir}
      >${name}<span
        part="clock"
        class="clock"
        role="img"
        tabindex="0"
        aria-label=${label}
        aria-describedby=${ifDefined(details === label ? undefined : 'tooltip')}
        @pointerenter=${this.#onClockEnter}
        @pointerleave=${this.#onClockLeave}
        @focus=${this.#onFocus}
        @blur=${this.#onBlur}
        >${clockIcon}</span
      ><span
        part="tooltip"
        id="tooltip"
        class="tooltip"
        role="tooltip"
        popover=${ifDefined(supportsPopover ? 'manual' : undefined)}
        @pointerenter=${this.#onTipEnter}
        @pointerleave=${this.#onTipLeave}
        >${details}</span
      ></span
    >`;
  }
}
