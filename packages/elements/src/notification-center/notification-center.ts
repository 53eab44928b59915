import type { BaylinkClient } from '@baylink/sdk';
// The flow layout is imported statically (and passed to the virtualizer): the virtualizer would
// otherwise load it with a dynamic import, which would split the bundle into chunks.
import { flow } from '@lit-labs/virtualizer/layouts/flow.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { html, nothing, type PropertyValues, svg, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BaylinkElement } from '../internal/baylink-element.ts';
import type { PlainTranslationKey } from '../internal/localize.ts';
import { StoreController } from '../internal/store-controller.ts';
import { BayNotificationOpenEvent } from './events.ts';
import { badgeText, dayGroup, formatFullDate, formatRelativeTime, initials } from './format.ts';
import { notificationCenterStyles } from './notification-center.styles.ts';
import type {
  ConnectionStatus,
  InboxFilter,
  InboxNotification,
  LocalizedCatalog,
  NotificationsState,
} from './sdk-types.ts';

/** Every part of the element, for `exportparts` on elements that nest it. */
export const NOTIFICATION_CENTER_PARTS = [
  'base',
  'bell',
  'badge',
  'panel',
  'header',
  'heading',
  'mark-all-button',
  'close-button',
  'tabs',
  'tab',
  'filter',
  'list',
  'item',
  'item-title',
  'item-body',
  'item-time',
  'item-actor',
  'unread-dot',
  'read-toggle',
  'archive-button',
  'empty',
  'error',
  'retry-button',
  'status',
  'notice',
] as const;

/** A row of the virtualized feed: a notification, and the day label when it opens a new day. */
interface Row {
  notification: InboxNotification;
  day: string | undefined;
}

/** Visible unseen notifications are marked seen in one call after this quiet time. */
const SEEN_BATCH_MS = 250;
/** Load the next page when the last visible row is this close to the end. */
const FETCH_MORE_THRESHOLD = 8;
/** Arrivals within this time are announced together ("3 new notifications"). */
const ANNOUNCE_BATCH_MS = 400;

const bellIcon = svg`<path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" d="M6 9a6 6 0 1 1 12 0c0 4.5 1.7 6.4 2.5 7.2.3.3.1.8-.3.8H3.8c-.4 0-.6-.5-.3-.8C4.3 15.4 6 13.5 6 9Z M10 20.5a2.2 2.2 0 0 0 4 0"/>`;
const closeIcon = svg`<path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M6 6l12 12M18 6 6 18"/>`;
const readIcon = svg`<path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="m5 12.5 4.5 4.5L19 7.5"/>`;
const unreadIcon = svg`<circle cx="12" cy="12" r="5" fill="none" stroke="currentColor" stroke-width="2"/>`;
const archiveIcon = svg`<path fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" d="M4 7h16v3H4zM5.5 10v8.5h13V10M10 13.5h4"/>`;
const emptyIcon = svg`<path fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" d="M6 9a6 6 0 1 1 12 0c0 4.5 1.7 6.4 2.5 7.2.3.3.1.8-.3.8H3.8c-.4 0-.6-.5-.3-.8C4.3 15.4 6 13.5 6 9Z M10 20.5a2.2 2.2 0 0 0 4 0 M9 10l2 2 4-4"/>`;
const errorIcon = svg`<path fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" d="M12 3 2.5 20h19L12 3Zm0 6v5m0 3v.01"/>`;

const FLOW = flow();

const supportsPopover =
  typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

/**
 * @summary The signed-in user's notifications: a bell with the unread count, opening a panel
 * with the feed grouped by day.
 *
 * The bell's badge shows the unread count (capped at "99+", hidden at 0) and its accessible name
 * says it ("Notifications, 3 unread"). It opens a panel anchored to the bell (a popover in the
 * top layer, so no container of the host clips it; light dismiss), or a full-screen sheet on a
 * phone (viewport 40rem wide or less). The panel has "Mark all as read" (for what the current
 * tab and category show), All/Unread tabs, a category filter from the catalog in the user's
 * language, and the feed, newest first, grouped by day with relative times ("2 min ago",
 * « il y a 2 min »). The feed is virtualized (only the rows in view are in the DOM) and loads
 * older pages as the user scrolls; each item has a read/unread toggle and an archive button.
 * Notifications shown in the open panel are marked seen. New notifications update the badge
 * live and are announced politely to screen readers; "Reconnecting…" shows while the realtime
 * connection is lost.
 *
 * Clicking an item (or Enter on it) marks it read and dispatches `bay-notification-open` with
 * its link: the element never navigates, the host does.
 *
 * Keyboard: the bell toggles the panel (Enter or Space); Escape closes it and puts focus back on
 * the bell; Tab goes through the header's controls, then to the current item and its buttons;
 * Up and Down arrows move between items, Home and End jump to the first and last loaded ones,
 * Enter opens the focused one.
 *
 * @event {BayNotificationOpenEvent} bay-notification-open - The user opened a notification.
 * `detail: { notification, link }`. Cancelable: `preventDefault()` keeps the panel open.
 *
 * @csspart base - The wrapper of the bell and the panel.
 * @csspart bell - The bell button.
 * @csspart badge - The unread count on the bell.
 * @csspart panel - The popover (or the phone's sheet).
 * @csspart header - The panel's header (title, actions, tabs, filter).
 * @csspart heading - The "Notifications" title.
 * @csspart mark-all-button - The "Mark all as read" button.
 * @csspart close-button - The button that closes the panel.
 * @csspart tabs - The All/Unread tab list.
 * @csspart tab - Each tab.
 * @csspart filter - The category `<select>`.
 * @csspart list - The scrolling feed (the tab panel).
 * @csspart item - Each notification.
 * @csspart item-title - A notification's title.
 * @csspart item-body - A notification's body.
 * @csspart item-time - A notification's relative time (`<time>`).
 * @csspart item-actor - Who caused the notification.
 * @csspart unread-dot - The dot of an unread notification.
 * @csspart read-toggle - The "Mark as read" / "Mark as unread" button of an item.
 * @csspart archive-button - The "Archive" button of an item.
 * @csspart empty - The empty state.
 * @csspart error - The error state.
 * @csspart retry-button - "Try again" in the error state and under the feed.
 * @csspart status - The "Reconnecting…" indicator.
 * @csspart notice - A change that could not be saved.
 *
 * @cssproperty --bay-notification-center-width - The panel's width on a desktop (default 26rem).
 * @cssproperty --bay-notification-center-height - The panel's height on a desktop (default 36rem).
 * @cssproperty --bay-notification-center-background - The panel's background (default `--bay-color-surface-raised`).
 * @cssproperty --bay-notification-center-radius - The panel's corner radius (default `--bay-radius`).
 * @cssproperty --bay-notification-center-shadow - The panel's shadow.
 * @cssproperty --bay-notification-center-bell-size - The bell button's size (default 2.5rem).
 * @cssproperty --bay-notification-center-bell-color - The bell icon's colour (default the text colour around it).
 * @cssproperty --bay-notification-center-badge-background - The badge's colour (default `--bay-color-danger`).
 * @cssproperty --bay-notification-center-badge-color - The badge's text colour.
 * @cssproperty --bay-notification-center-unread-color - The unread dot (default `--bay-color-accent`).
 * @cssproperty --bay-notification-center-unread-background - The background of unread items.
 * @cssproperty --bay-color-accent - With the other `--bay-*` tokens (`--bay-color-surface`,
 * `--bay-color-surface-raised`, `--bay-color-surface-sunken`, `--bay-color-text`,
 * `--bay-color-text-muted`, `--bay-color-border`, `--bay-color-danger`, `--bay-color-focus`,
 * `--bay-font-family`, `--bay-font-size`, `--bay-radius`).
 */
export class BayNotificationCenter extends BaylinkElement {
  static override styles = [BaylinkElement.styles, notificationCenterStyles];

  /** Whether the panel is open. Set it to open or close the panel from script. */
  @property({ type: Boolean, reflect: true }) accessor open = false;

  @state() accessor #activeIndex = 0;
  @state() accessor #announcement = '';
  @state() accessor #notice: PlainTranslationKey | undefined = undefined;
  @state() accessor #catalog: LocalizedCatalog | undefined = undefined;
  @state() accessor #now = Date.now();

  readonly #inbox = new StoreController<NotificationsState>(
    this,
    () => this.activeClient?.notifications.store,
  );
  readonly #connection = new StoreController<ConnectionStatus>(
    this,
    () => this.activeClient?.realtime.status,
  );

  #arrivalClient: BaylinkClient | undefined;
  #stopArrivals: (() => void) | undefined;
  #loadRequestedFor: BaylinkClient | undefined;
  #catalogKey: string | undefined;
  #pendingArrivals: InboxNotification[] = [];
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  #seenTimer: ReturnType<typeof setTimeout> | undefined;
  #seenQueue = new Set<string>();
  #seenSent = new Set<string>();
  #fetchingMore = false;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #focusWasInside = false;
  #rowsCache: { items: InboxNotification[]; lang: string; day: number; rows: Row[] } | undefined;
  #visible: { first: number; last: number } = { first: -1, last: -1 };

  /** The notifications store's state, once the client has one. */
  get inbox(): NotificationsState | undefined {
    return this.#inbox.value;
  }

  /** Opens the panel. */
  show(): void {
    this.open = true;
  }

  /** Closes the panel. */
  hide(): void {
    this.open = false;
  }

  /** Opens or closes the panel. */
  toggle(): void {
    this.open = !this.open;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#followArrivals();
    window.addEventListener('resize', this.#reposition);
    window.addEventListener('scroll', this.#reposition, { capture: true, passive: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopArrivals?.();
    this.#stopArrivals = undefined;
    this.#arrivalClient = undefined;
    window.removeEventListener('resize', this.#reposition);
    window.removeEventListener('scroll', this.#reposition, { capture: true });
    clearTimeout(this.#announceTimer);
    clearTimeout(this.#seenTimer);
    this.#flushSeen();
    this.#stopTicker();
    this.open = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#followArrivals();
    const client = this.activeClient;
    if (client) this.#loadCatalog(client, this.resolvedLang);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const client = this.activeClient;
    if (client && this.#loadRequestedFor !== client) {
      // Another client may be another user: start afresh.
      this.#loadRequestedFor = client;
      this.#seenSent.clear();
      this.#seenQueue.clear();
      this.#activeIndex = 0;
      // The SDK's store loads when first followed; load here only if it has not started.
      if (this.#inbox.value?.status === 'idle') client.notifications.refresh().catch(() => {});
    }
    if (changed.has('open')) this.#syncPopover();
  }

  /** Follows `notifications.onArrival` of the active client while connected. */
  #followArrivals(): void {
    const client = this.isConnected ? this.activeClient : undefined;
    if (client === this.#arrivalClient) return;
    this.#stopArrivals?.();
    this.#arrivalClient = client;
    this.#stopArrivals = client?.notifications.onArrival((notification) =>
      this.#arrived(notification),
    );
  }

  #catalogClient: BaylinkClient | undefined;

  #loadCatalog(client: BaylinkClient, lang: string): void {
    if (this.#catalogClient === client && this.#catalogKey === lang) return;
    this.#catalogClient = client;
    this.#catalogKey = lang;
    const language = lang === 'fr' ? 'fr' : 'en';
    client.catalog
      .get(language)
      .then((catalog) => {
        if (this.#catalogClient === client && this.#catalogKey === lang) this.#catalog = catalog;
      })
      .catch(() => {
        // Without the catalog the filter offers "All categories" only; try again next time.
        if (this.#catalogClient === client) this.#catalogKey = undefined;
      });
  }

  get #panel(): HTMLElement | null | undefined {
    return this.shadowRoot?.querySelector<HTMLElement>('.panel');
  }

  get #bell(): HTMLButtonElement | null | undefined {
    return this.shadowRoot?.querySelector<HTMLButtonElement>('.bell');
  }

  #syncPopover(): void {
    const panel = this.#panel;
    if (!panel) return;
    if (supportsPopover) {
      const shown = panel.matches(':popover-open');
      if (this.open && !shown && this.isConnected) {
        this.#reposition();
        try {
          (panel.showPopover as (options?: { source?: HTMLElement }) => void)({
            source: this.#bell ?? undefined,
          });
        } catch {
          panel.showPopover();
        }
      } else if (!this.open && shown) {
        panel.hidePopover();
      }
    } else {
      panel.classList.toggle('open', this.open);
      if (this.open) this.#reposition();
    }
    if (this.open) this.#startTicker();
    else this.#stopTicker();
  }

  #onBeforeToggle = (event: Event): void => {
    const toggle = event as ToggleEvent;
    if (toggle.newState === 'open') {
      this.#reposition();
      return;
    }
    this.#focusWasInside = this.#panel?.matches(':focus-within') ?? false;
  };

  #onToggle = (event: Event): void => {
    const toggle = event as ToggleEvent;
    const open = toggle.newState === 'open';
    if (this.open !== open) this.open = open;
    if (!open) {
      this.#flushSeen();
      if (this.#focusWasInside) this.#bell?.focus();
      this.#focusWasInside = false;
    } else {
      this.#now = Date.now();
    }
  };

  /** Without the Popover API, the bell toggles the panel itself. */
  #onBellClick = (): void => {
    if (!supportsPopover) this.toggle();
  };

  #onPanelKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open) {
      event.preventDefault();
      event.stopPropagation();
      this.#focusWasInside = true;
      this.hide();
      this.#bell?.focus();
    }
  };

  #onBellKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.open) {
      event.preventDefault();
      this.hide();
    }
  };

  /** Anchors the panel under the bell (end-aligned), inside the viewport. */
  #reposition = (): void => {
    if (!this.open && !(this.#panel?.matches(':popover-open') ?? false)) return;
    const bell = this.#bell;
    const panel = this.#panel;
    if (!bell || !panel) return;
    const rect = bell.getBoundingClientRect();
    const margin = 8;
    panel.style.setProperty('--_bay-nc-top', `${Math.round(rect.bottom + 6)}px`);
    if (this.resolvedDir === 'rtl') {
      panel.style.setProperty('--_bay-nc-left', `${Math.max(margin, Math.round(rect.left))}px`);
      panel.style.setProperty('--_bay-nc-right', 'auto');
    } else {
      const right = Math.max(margin, Math.round(window.innerWidth - rect.right));
      panel.style.setProperty('--_bay-nc-right', `${right}px`);
      panel.style.setProperty('--_bay-nc-left', 'auto');
    }
  };

  #startTicker(): void {
    if (this.#ticker) return;
    this.#ticker = setInterval(() => {
      this.#now = Date.now();
    }, 30_000);
  }

  #stopTicker(): void {
    clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  // ── Live arrivals ─────────────────────────────────────────────────────────────────

  #arrived(notification: InboxNotification): void {
    this.#pendingArrivals.push(notification);
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => this.#announceArrivals(), ANNOUNCE_BATCH_MS);
  }

  #announceArrivals(): void {
    const arrivals = this.#pendingArrivals;
    this.#pendingArrivals = [];
    const first = arrivals[0];
    if (!first) return;
    const text =
      arrivals.length === 1
        ? this.term('notifications.arrived.one', { title: first.title })
        : this.term('notifications.arrived.other', { count: arrivals.length });
    this.#announce(text);
  }

  /** Puts a message in the polite live region (cleared first, so a repeat is spoken again). */
  #announce(text: string): void {
    this.#announcement = '';
    requestAnimationFrame(() => {
      this.#announcement = text;
    });
  }

  // ── Actions ───────────────────────────────────────────────────────────────────────

  async #run(action: () => Promise<void>, done?: PlainTranslationKey): Promise<void> {
    this.#notice = undefined;
    try {
      await action();
      if (done) this.#announce(this.term(done));
    } catch {
      this.#notice = 'notifications.actionFailed';
      this.#announce(this.term('notifications.actionFailed'));
    }
  }

  #setFilter(patch: Partial<InboxFilter>): void {
    const client = this.activeClient;
    const current = this.#inbox.value?.filter ?? {};
    if (!client) return;
    this.#activeIndex = 0;
    this.#visible = { first: -1, last: -1 };
    this.shadowRoot?.querySelector('.scroller')?.scrollTo({ top: 0 });
    client.notifications.setFilter({ ...current, ...patch }).catch(() => {});
  }

  #markAllRead = (): void => {
    const client = this.activeClient;
    if (client)
      void this.#run(() => client.notifications.markAllRead(), 'notifications.markedAllRead');
  };

  #retry = (): void => {
    this.activeClient?.notifications.refresh().catch(() => {});
  };

  #retryMore = (): void => {
    this.#fetchMore(true);
  };

  #toggleRead(notification: InboxNotification): void {
    const client = this.activeClient;
    if (!client) return;
    void this.#run(() =>
      notification.readAt === null
        ? client.notifications.markRead([notification.id])
        : client.notifications.markUnread([notification.id]),
    );
  }

  #archive(notification: InboxNotification, index: number): void {
    const client = this.activeClient;
    if (!client) return;
    const rows = this.#rows();
    // Keep focus in the list: on the next item, or the previous one at the end.
    const focusWasHere = this.shadowRoot?.activeElement?.closest('.row') !== null;
    void this.#run(() => client.notifications.archive([notification.id]), 'notifications.archived');
    if (focusWasHere) {
      const next = Math.min(index, Math.max(0, rows.length - 2));
      void this.#focusItem(next);
    }
  }

  /** Opens a notification: marks it read and tells the host, which navigates. */
  #openItem(notification: InboxNotification): void {
    const client = this.activeClient;
    if (client && notification.readAt === null) {
      void this.#run(() => client.notifications.markRead([notification.id]));
    }
    const event = new BayNotificationOpenEvent({ notification, link: notification.link });
    this.dispatchEvent(event);
    if (!event.defaultPrevented && notification.link) this.hide();
  }

  // ── Seen and infinite scroll ──────────────────────────────────────────────────────

  #onVisibilityChanged = (event: Event): void => {
    const { first, last } = event as Event & { first: number; last: number };
    this.#visible = { first, last };
    this.#markVisibleSeen();
    const state = this.#inbox.value;
    if (state && last >= state.items.length - FETCH_MORE_THRESHOLD) this.#fetchMore();
  };

  #markVisibleSeen(): void {
    if (!this.open) return;
    const items = this.#inbox.value?.items ?? [];
    const { first, last } = this.#visible;
    if (first < 0) return;
    for (let index = first; index <= last && index < items.length; index += 1) {
      const notification = items[index];
      if (notification && notification.seenAt === null && !this.#seenSent.has(notification.id)) {
        this.#seenQueue.add(notification.id);
      }
    }
    if (this.#seenQueue.size === 0) return;
    clearTimeout(this.#seenTimer);
    this.#seenTimer = setTimeout(() => this.#flushSeen(), SEEN_BATCH_MS);
  }

  #flushSeen(): void {
    clearTimeout(this.#seenTimer);
    const client = this.activeClient;
    const ids = [...this.#seenQueue];
    this.#seenQueue.clear();
    if (!client || ids.length === 0) return;
    for (const id of ids) this.#seenSent.add(id);
    client.notifications.markSeen(ids).catch(() => {
      for (const id of ids) this.#seenSent.delete(id);
    });
  }

  #fetchMore(force = false): void {
    const state = this.#inbox.value;
    const client = this.activeClient;
    if (!client || !state || state.status !== 'ready' || !state.hasMore) return;
    if (this.#fetchingMore || state.loadingMore || (state.error && !force)) return;
    this.#fetchingMore = true;
    client.notifications
      .fetchMore()
      .catch(() => {})
      .finally(() => {
        this.#fetchingMore = false;
      });
  }

  // ── Keyboard in the list ──────────────────────────────────────────────────────────

  #onFeedKeydown = (event: KeyboardEvent): void => {
    const row = (event.target as Element).closest<HTMLElement>('.row');
    if (!row || event.target !== row) return;
    const index = Number(row.dataset.index);
    const count = this.#rows().length;
    let next: number | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = Math.min(count - 1, index + 1);
        break;
      case 'ArrowUp':
        next = Math.max(0, index - 1);
        break;
      case 'Home':
        next = 0;
        break;
      case 'End':
        next = count - 1;
        break;
      case 'Enter':
      case ' ': {
        event.preventDefault();
        const notification = this.#rows()[index]?.notification;
        if (notification) this.#openItem(notification);
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    void this.#focusItem(next);
  };

  /** Moves the roving focus to an item, scrolling it into view (and into the DOM) first. */
  async #focusItem(index: number): Promise<void> {
    if (index < 0) return;
    this.#activeIndex = index;
    await this.updateComplete;
    const row = await this.#reveal(index);
    row?.focus({ preventScroll: true });
  }

  /**
   * Scrolls the feed until the row of `index` is rendered and in view. Rows out of view are not
   * in the DOM, so it jumps to the row's estimated place and then steps a screen at a time.
   * (The virtualizer's own `element(i).scrollIntoView()` pins the layout, which left the feed
   * empty when the row was the last one.)
   */
  async #reveal(index: number): Promise<HTMLElement | undefined> {
    const scroller = this.shadowRoot?.querySelector<HTMLElement>('.scroller');
    if (!scroller) return undefined;
    const find = () =>
      this.shadowRoot?.querySelector<HTMLElement>(`.row[data-index="${index}"]`) ?? undefined;
    const count = this.#rows().length;
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const row = find();
      if (row) {
        const box = scroller.getBoundingClientRect();
        const rect = row.getBoundingClientRect();
        if (rect.top < box.top) scroller.scrollTop -= box.top - rect.top;
        else if (rect.bottom > box.bottom) scroller.scrollTop += rect.bottom - box.bottom;
        return row;
      }
      const shown = [...scroller.querySelectorAll<HTMLElement>('.row')].map((r) =>
        Number(r.dataset.index),
      );
      if (attempt === 0 || shown.length === 0) {
        scroller.scrollTop = (index / Math.max(1, count)) * scroller.scrollHeight;
      } else if (index > Math.max(...shown)) {
        scroller.scrollTop += scroller.clientHeight;
      } else {
        scroller.scrollTop -= scroller.clientHeight;
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return find();
  }

  #onTabKeydown = (event: KeyboardEvent): void => {
    const keys = ['ArrowLeft', 'ArrowRight', 'Home', 'End'];
    if (!keys.includes(event.key)) return;
    event.preventDefault();
    const current = this.#inbox.value?.filter.read === 'unread' ? 'unread' : 'all';
    let next: 'all' | 'unread';
    if (event.key === 'Home') next = 'all';
    else if (event.key === 'End') next = 'unread';
    else next = current === 'all' ? 'unread' : 'all';
    if (next !== current) this.#setFilter({ read: next });
    void this.updateComplete.then(() =>
      this.shadowRoot?.querySelector<HTMLElement>(`#tab-${next}`)?.focus(),
    );
  };

  // ── Rendering ─────────────────────────────────────────────────────────────────────

  /** The feed's rows, recomputed only when the items, the language or the day change. */
  #rows(): Row[] {
    const items = this.#inbox.value?.items ?? [];
    const lang = this.resolvedLang;
    const day = new Date(this.#now).setHours(0, 0, 0, 0);
    const cache = this.#rowsCache;
    if (cache && cache.items === items && cache.lang === lang && cache.day === day)
      return cache.rows;
    let previous: string | undefined;
    const rows = items.map((notification) => {
      const group = dayGroup(lang, notification.createdAt, this.#now);
      const label =
        group.label === 'today'
          ? this.term('notifications.today')
          : group.label === 'yesterday'
            ? this.term('notifications.yesterday')
            : group.label;
      const row: Row = { notification, day: group.key !== previous ? label : undefined };
      previous = group.key;
      return row;
    });
    this.#rowsCache = { items, lang, day, rows };
    return rows;
  }

  protected override render(): TemplateResult {
    const state = this.#inbox.value;
    const unread = state?.counts.unread ?? 0;
    const lang = this.resolvedLang;
    const plural = new Intl.PluralRules(lang).select(unread) === 'one' ? 'one' : 'other';
    const bellLabel =
      unread > 0
        ? this.term(`notifications.bell.unread.${plural}`, { count: unread })
        : this.term('notifications.heading');
    const reconnecting = this.#connection.value === 'reconnecting';
    return html`<div part="base" class="base" lang=${lang} dir=${this.resolvedDir}>
      <button
        part="bell"
        class="bell"
        type="button"
        popovertarget="panel"
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${this.#onBellClick}
        @keydown=${this.#onBellKeydown}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">${bellIcon}</svg>
        <span class="visually-hidden">${bellLabel}</span>
        <span part="badge" class="badge" aria-hidden="true" ?hidden=${unread === 0}
          >${badgeText(unread)}</span
        >
        ${reconnecting ? html`<span class="bell-offline" aria-hidden="true"></span>` : nothing}
      </button>
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        ${this.#announcement}
      </div>
      <div
        id="panel"
        part="panel"
        class="panel"
        popover="auto"
        role="dialog"
        aria-labelledby="heading"
        @beforetoggle=${this.#onBeforeToggle}
        @toggle=${this.#onToggle}
        @keydown=${this.#onPanelKeydown}
      >
        ${this.#renderHeader(state, reconnecting)}
        ${this.#notice ? html`<p part="notice" class="notice">${this.term(this.#notice)}</p>` : nothing}
        ${this.open ? this.#renderBody(state) : nothing}
      </div>
    </div>`;
  }

  #renderHeader(state: NotificationsState | undefined, reconnecting: boolean): TemplateResult {
    const read = state?.filter.read === 'unread' ? 'unread' : 'all';
    const category = state?.filter.category ?? '';
    const tab = (name: 'all' | 'unread', label: PlainTranslationKey) =>
      html`<button
        part="tab"
        class="tab"
        id="tab-${name}"
        type="button"
        role="tab"
        aria-selected=${read === name ? 'true' : 'false'}
        aria-controls="list"
        tabindex=${read === name ? 0 : -1}
        @click=${() => {
          if (read !== name) this.#setFilter({ read: name });
        }}
      >
        ${this.term(label)}
      </button>`;
    return html`<div part="header" class="header">
      <div class="header-row">
        <h2 part="heading" class="heading" id="heading">${this.term('notifications.heading')}</h2>
        <span part="status" class="status" role="status"
          >${reconnecting ? this.term('notifications.reconnecting') : ''}</span
        >
        <button
          part="mark-all-button"
          class="text-button"
          type="button"
          ?disabled=${!state || state.counts.unread === 0}
          @click=${this.#markAllRead}
        >
          ${this.term('notifications.markAllRead')}
        </button>
        <button
          part="close-button"
          class="icon-button"
          type="button"
          aria-label=${this.term('notifications.close')}
          title=${this.term('notifications.close')}
          @click=${() => {
            this.#focusWasInside = true;
            this.hide();
            this.#bell?.focus();
          }}
        >
          <svg viewBox="0 0 24 24" aria-hidden="true">${closeIcon}</svg>
        </button>
      </div>
      <div class="controls">
        <div
          part="tabs"
          class="tabs"
          role="tablist"
          aria-label=${this.term('notifications.tabs')}
          @keydown=${this.#onTabKeydown}
        >
          ${tab('all', 'notifications.tab.all')} ${tab('unread', 'notifications.tab.unread')}
        </div>
        <label class="visually-hidden" for="category">${this.term('notifications.filter')}</label>
        <select
          part="filter"
          class="filter"
          id="category"
          name="category"
          .value=${category}
          @change=${(event: Event) => {
            const value = (event.target as HTMLSelectElement).value;
            this.#setFilter({ category: value === '' ? undefined : value });
          }}
        >
          <option value="" ?selected=${category === ''}>${this.term('notifications.filter.all')}</option>
          ${(this.#catalog?.categories ?? []).map(
            (entry) =>
              html`<option value=${entry.key} ?selected=${entry.key === category}>
                ${entry.label}
              </option>`,
          )}
        </select>
      </div>
    </div>`;
  }

  #renderBody(state: NotificationsState | undefined): TemplateResult {
    const read = state?.filter.read === 'unread' ? 'unread' : 'all';
    const labelledBy = `tab-${read}`;
    if (!this.activeClient) {
      return html`<div part="list" class="scroller" id="list" role="tabpanel" aria-labelledby=${labelledBy}>
        <div part="empty" class="empty">
          <p class="empty-title">${this.term('notifications.notConnected')}</p>
        </div>
      </div>`;
    }
    if (!state || state.status === 'idle' || state.status === 'loading') {
      return html`<div
        part="list"
        class="scroller"
        id="list"
        role="tabpanel"
        aria-labelledby=${labelledBy}
        aria-busy="true"
      >
        <p class="visually-hidden" role="status">${this.term('notifications.loading')}</p>
        ${[0, 1, 2, 3, 4].map(
          (index) => html`<div class="skeleton" aria-hidden="true">
            <span class="bone circle"></span>
            <span class="lines">
              <span class="bone line"></span>
              <span class="bone line ${index % 2 ? 'short' : ''}"></span>
            </span>
          </div>`,
        )}
      </div>`;
    }
    if (state.status === 'error') {
      return html`<div part="list" class="scroller" id="list" role="tabpanel" aria-labelledby=${labelledBy}>
        <div part="error" class="error" role="alert">
          <svg viewBox="0 0 24 24" aria-hidden="true">${errorIcon}</svg>
          <p class="error-title">${this.term('notifications.loadFailed')}</p>
          <button part="retry-button" class="retry" type="button" @click=${this.#retry}>
            ${this.term('notifications.retry')}
          </button>
        </div>
      </div>`;
    }
    const rows = this.#rows();
    if (rows.length === 0) {
      return html`<div
        part="list"
        class="scroller"
        id="list"
        role="tabpanel"
        aria-labelledby=${labelledBy}
        tabindex="0"
      >
        <div part="empty" class="empty">
          <svg viewBox="0 0 24 24" aria-hidden="true">${emptyIcon}</svg>
          <p class="empty-title">
            ${this.term(read === 'unread' ? 'notifications.empty.unread' : 'notifications.empty.all')}
          </p>
          <p class="empty-hint">${this.term('notifications.empty.hint')}</p>
        </div>
      </div>`;
    }
    const active = Math.min(this.#activeIndex, rows.length - 1);
    return html`<div part="list" class="scroller" id="list" role="tabpanel" aria-labelledby=${labelledBy}>
      <div
        class="feed"
        role="feed"
        aria-label=${this.term('notifications.list')}
        aria-busy=${state.loadingMore ? 'true' : 'false'}
        @visibilityChanged=${this.#onVisibilityChanged}
        @keydown=${this.#onFeedKeydown}
      >
        ${virtualize({
          items: rows,
          layout: FLOW,
          keyFunction: (row: Row) => row.notification.id,
          renderItem: (row: Row, index: number) =>
            this.#renderItem(row, index, index === active, rows.length, state.hasMore),
        })}
      </div>
      ${
        state.loadingMore
          ? html`<p class="footer" role="status">${this.term('notifications.loadingMore')}</p>`
          : state.error && state.hasMore
            ? html`<div class="footer" role="alert">
              ${this.term('notifications.moreFailed')}
              <button part="retry-button" class="text-button" type="button" @click=${this.#retryMore}>
                ${this.term('notifications.retry')}
              </button>
            </div>`
            : nothing
      }
    </div>`;
  }

  #renderItem(
    row: Row,
    index: number,
    active: boolean,
    count: number,
    hasMore: boolean,
  ): TemplateResult {
    const n = row.notification;
    const unread = n.readAt === null;
    const lang = this.resolvedLang;
    const actor = n.actor?.name ?? '';
    const id = n.id;
    return html`<article
      class="row ${unread ? 'unread' : 'read'}"
      data-index=${index}
      data-id=${id}
      tabindex=${active ? 0 : -1}
      aria-labelledby="title-${id}"
      aria-describedby="meta-${id} ${n.body ? `body-${id}` : ''}"
      aria-posinset=${index + 1}
      aria-setsize=${hasMore ? -1 : count}
      @focus=${() => {
        if (this.#activeIndex !== index) this.#activeIndex = index;
      }}
      @click=${(event: Event) => {
        if ((event.target as Element).closest('.actions')) return;
        this.#openItem(n);
      }}
    >
      ${row.day ? html`<div class="day" aria-hidden="true">${row.day}</div>` : nothing}
      <div part="item" class="item">
        <span part="unread-dot" class="unread-dot ${unread ? '' : 'read'}"></span>
        <span class="avatar" aria-hidden="true">${initials(actor)}</span>
        <div class="text">
          <span part="item-title" class="title" id="title-${id}">${n.title}</span>
          ${n.body ? html`<span part="item-body" class="body" id="body-${id}">${n.body}</span>` : nothing}
          <span class="meta" id="meta-${id}"
            >${unread ? html`<span class="visually-hidden">${this.term('notifications.unread')}. </span>` : nothing}${
              actor ? html`<span part="item-actor">${actor}</span> · ` : nothing
            }<time part="item-time" datetime=${n.createdAt} title=${formatFullDate(lang, n.createdAt)}
              >${formatRelativeTime(lang, n.createdAt, this.#now)}</time
            ></span
          >
        </div>
        <div class="actions">
          <button
            part="read-toggle"
            class="icon-button"
            type="button"
            tabindex=${active ? 0 : -1}
            aria-label=${this.term(unread ? 'notifications.markRead' : 'notifications.markUnread')}
            title=${this.term(unread ? 'notifications.markRead' : 'notifications.markUnread')}
            @click=${() => this.#toggleRead(n)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">${unread ? readIcon : unreadIcon}</svg>
          </button>
          <button
            part="archive-button"
            class="icon-button"
            type="button"
            tabindex=${active ? 0 : -1}
            aria-label=${this.term('notifications.archive')}
            title=${this.term('notifications.archive')}
            @click=${() => this.#archive(n, index)}
          >
            <svg viewBox="0 0 24 24" aria-hidden="true">${archiveIcon}</svg>
          </button>
        </div>
      </div>
    </article>`;
  }
}
