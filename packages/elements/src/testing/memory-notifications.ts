import { BaylinkError, type Store } from '@baylink/sdk';
import { CATALOG, CHANNEL_LABELS, CHANNELS } from '@baylink/sdk/contract';
import type {
  CatalogModule,
  ConnectionStatus,
  InboxCounts,
  InboxFilter,
  InboxListQuery,
  InboxNotification,
  LocalizedCatalog,
  NotificationsModule,
  NotificationsState,
  PreferenceChangeInput,
  PreferencesModule,
  PreferencesState,
  RealtimeEvent,
  RealtimeModule,
  UserPreferences,
} from '../notification-center/sdk-types.ts';

/**
 * The notifications side of the memory client: an inbox, a simulated realtime connection, the
 * catalog and the preferences, all in memory, answering like the API and the SDK's stores do
 * (filters, keyset pages, counts, optimistic changes rolled back on failure, live arrivals).
 */

export type NotificationMethod =
  | 'notifications.setFilter'
  | 'notifications.fetchMore'
  | 'notifications.refresh'
  | 'notifications.list'
  | 'notifications.counts'
  | 'notifications.markSeen'
  | 'notifications.markRead'
  | 'notifications.markUnread'
  | 'notifications.archive'
  | 'notifications.unarchive'
  | 'notifications.markAllRead'
  | 'catalog.get'
  | 'preferences.get'
  | 'preferences.update'
  | 'preferences.reset';

/** How the memory client runs a call: records it, waits, may fail, then answers. */
export type Answer = <T>(
  method: NotificationMethod,
  args: unknown[],
  answer: () => T,
) => Promise<T>;

/** A notification to add: every field is optional (the rest takes demo values). */
export type NotificationInit = Partial<InboxNotification>;

export interface GenerateOptions {
  /** Milliseconds between two generated notifications, newest first (default 7 minutes). */
  spacing?: number;
  /** The newest one's time (default now). */
  from?: Date;
  /** Share of them already read, from 0 to 1 (default 0.5). */
  readRatio?: number;
  /** Only these categories (default every category in turn). */
  categories?: string[];
  /** The language of generated titles and bodies (default the user's). */
  language?: 'en' | 'fr';
}

export class MemoryStore<T> implements Store<T> {
  #state: T;
  readonly #listeners = new Set<(state: T) => void>();
  readonly #onFirstSubscribe: () => void;

  constructor(initial: T, onFirstSubscribe: () => void = () => {}) {
    this.#state = initial;
    this.#onFirstSubscribe = onFirstSubscribe;
  }

  getState(): T {
    return this.#state;
  }

  set(next: T): void {
    this.#state = next;
    for (const listener of [...this.#listeners]) listener(next);
  }

  subscribe(listener: (state: T) => void): () => void {
    this.#listeners.add(listener);
    this.#onFirstSubscribe();
    return () => {
      this.#listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  clear(): void {
    this.#listeners.clear();
  }
}

const ACTORS = [
  'Sophie Tremblay',
  'Marcus Reed',
  'Isabelle Gagnon',
  'Dylan Park',
  'Jean-Philippe Roy',
  'Aisha Khan',
  'Caroline Bouchard',
  'Tom Wilson',
];

const CUSTOMERS = ['Émilie Côté', 'Daniel Brooks', 'Nadia Haddad', 'Kevin Lavoie', 'Grace Liu'];

const EMPTY_COUNTS: InboxCounts = { unread: 0, unseen: 0 };

let sequence = 0;

/** A UUID (v4 shape), from `crypto.randomUUID` where it exists. */
function uuid(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  sequence += 1;
  const hex = sequence.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

/** Demo wording for a catalog type, in a language. */
function sampleText(
  typeKey: string,
  index: number,
  language: 'en' | 'fr',
): { title: string; body: string } {
  const type = findType(typeKey);
  const customer = CUSTOMERS[index % CUSTOMERS.length] ?? 'A customer';
  const order = 4500 + (index % 400);
  const label = type ? type.label[language] : typeKey;
  return {
    title: `${label} · ${customer}`,
    body:
      language === 'fr'
        ? `Bon de travail n° ${order} : ${type?.description.fr ?? ''}`.trim()
        : `Work order #${order}: ${type?.description.en ?? ''}`.trim(),
  };
}

function findType(key: string) {
  for (const category of CATALOG) {
    const type = category.types.find((candidate) => candidate.key === key);
    if (type) return type;
  }
  return undefined;
}

function matches(notification: InboxNotification, filter: InboxFilter): boolean {
  if ((notification.archivedAt !== null) !== (filter.archived ?? false)) return false;
  if (filter.category && notification.category !== filter.category) return false;
  if (filter.read === 'unread' && notification.readAt !== null) return false;
  if (filter.read === 'read' && notification.readAt === null) return false;
  return true;
}

function newestFirst(a: InboxNotification, b: InboxNotification): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : -1;
}

export interface MemoryNotificationsOptions {
  /** The language of generated texts and of the catalog by default. */
  language: () => 'en' | 'fr';
  /** Items per page (default 30). */
  pageSize?: number;
  /** Notifications already in the inbox. */
  notifications?: NotificationInit[];
  /** The connection status to start with (default `connected`). */
  connection?: ConnectionStatus;
}

/**
 * The in-memory inbox and its modules. `MemoryClient` exposes `realtime`, `notifications`,
 * `catalog` and `preferences` from here, and the test helpers (`addNotifications`,
 * `pushNotification`, `generateNotifications`, `setConnectionStatus`).
 */
export class MemoryNotifications {
  readonly realtime: RealtimeModule;
  readonly notifications: NotificationsModule;
  readonly catalog: CatalogModule;
  readonly preferences: PreferencesModule;
  pageSize: number;

  readonly #answer: Answer;
  readonly #language: () => 'en' | 'fr';
  /** Every notification, newest first. */
  #all: InboxNotification[] = [];
  readonly #byId = new Map<string, InboxNotification>();
  /** Ids the store shows now, in order. */
  #shown: string[] = [];
  #hasMore = false;
  readonly #store: MemoryStore<NotificationsState>;
  readonly #status: MemoryStore<ConnectionStatus>;
  readonly #preferencesStore: MemoryStore<PreferencesState>;
  readonly #streamListeners = new Set<(event: RealtimeEvent) => void>();
  readonly #arrivalListeners = new Set<(notification: InboxNotification) => void>();
  readonly #connectionListeners = new Set<(event: 'lost' | 'restored') => void>();
  #lastError: BaylinkError | null = null;
  #eventId = 0;
  #overrides: Overrides = emptyOverrides();
  #preferencesUpdatedAt: string | null = null;

  constructor(answer: Answer, options: MemoryNotificationsOptions) {
    this.#answer = answer;
    this.#language = options.language;
    this.pageSize = options.pageSize ?? 30;
    this.#store = new MemoryStore<NotificationsState>(
      {
        status: 'idle',
        items: [],
        filter: { read: 'all', archived: false },
        counts: EMPTY_COUNTS,
        hasMore: false,
        loadingMore: false,
        error: null,
      },
      () => {
        if (this.#store.getState().status === 'idle') this.notifications.refresh().catch(() => {});
      },
    );
    this.#status = new MemoryStore<ConnectionStatus>(options.connection ?? 'connected');
    this.#preferencesStore = new MemoryStore<PreferencesState>(
      { status: 'idle', preferences: null, error: null },
      () => {
        if (this.#preferencesStore.getState().status === 'idle')
          this.preferences.get().catch(() => {});
      },
    );
    if (options.notifications) this.addNotifications(options.notifications);

    const inbox = this;
    this.realtime = {
      status: this.#status,
      subscribe: (listener) => {
        this.#streamListeners.add(listener);
        return () => {
          this.#streamListeners.delete(listener);
        };
      },
      onLostConnection: (listener) => {
        this.#connectionListeners.add(listener);
        return () => {
          this.#connectionListeners.delete(listener);
        };
      },
      get lastError() {
        return inbox.#lastError;
      },
    };

    this.notifications = {
      store: this.#store,
      setFilter: (filter) => this.#reload('notifications.setFilter', [filter], { ...filter }),
      refresh: () => this.#reload('notifications.refresh', [], this.#store.getState().filter),
      fetchMore: () => this.#fetchMore(),
      list: (query) => this.#answer('notifications.list', [query], () => this.#page(query ?? {})),
      counts: () => this.#answer('notifications.counts', [], () => this.#counts()),
      markSeen: (ids) => this.#mutate('notifications.markSeen', ids, { seenAt: 'now' }),
      markRead: (ids) =>
        this.#mutate('notifications.markRead', ids, { readAt: 'now', seenAt: 'keep-or-now' }),
      markUnread: (ids) => this.#mutate('notifications.markUnread', ids, { readAt: null }),
      archive: (ids) => this.#mutate('notifications.archive', ids, { archivedAt: 'now' }),
      unarchive: (ids) => this.#mutate('notifications.unarchive', ids, { archivedAt: null }),
      markAllRead: () => {
        const filter = this.#store.getState().filter;
        const ids = this.#all
          .filter((n) => n.readAt === null && matches(n, { ...filter, read: 'all' }))
          .map((n) => n.id);
        return this.#mutate('notifications.markAllRead', ids, {
          readAt: 'now',
          seenAt: 'keep-or-now',
        });
      },
      onArrival: (listener) => {
        this.#arrivalListeners.add(listener);
        return () => {
          this.#arrivalListeners.delete(listener);
        };
      },
    };

    this.catalog = {
      get: (language) =>
        this.#answer('catalog.get', [language], () =>
          localizedCatalog(language ?? this.#language()),
        ),
    };

    this.preferences = {
      store: this.#preferencesStore,
      get: () => this.#loadPreferences(),
      update: (changes) => this.#updatePreferences(changes),
      reset: () => this.#resetPreferences(),
    };
  }

  /** How many listeners the notification stores, the stream and arrivals have. */
  get listenerCount(): number {
    return (
      this.#store.listenerCount +
      this.#status.listenerCount +
      this.#preferencesStore.listenerCount +
      this.#streamListeners.size +
      this.#arrivalListeners.size +
      this.#connectionListeners.size
    );
  }

  /** Every notification in the inbox (archived ones too), newest first. */
  get inbox(): InboxNotification[] {
    return this.#all.map((n) => ({ ...n }));
  }

  /** Adds notifications as if they had been there before (no live event). */
  addNotifications(inits: NotificationInit[]): InboxNotification[] {
    const created = inits.map((init, index) => this.#create(init, index));
    for (const notification of created) this.#byId.set(notification.id, notification);
    this.#all = [...this.#all, ...created].sort(newestFirst);
    if (this.#store.getState().status === 'ready') {
      this.#recompute(Math.max(this.#shown.length, this.pageSize));
    }
    return created.map((n) => ({ ...n }));
  }

  /**
   * Adds `count` notifications of every category in turn, newest first, spaced in time (for the
   * "many" story and the 10,000-item test). Returns how many the inbox holds.
   */
  generateNotifications(count: number, options: GenerateOptions = {}): number {
    const spacing = options.spacing ?? 7 * 60_000;
    const from = (options.from ?? new Date()).getTime();
    const readRatio = options.readRatio ?? 0.5;
    const language = options.language ?? this.#language();
    const categories = CATALOG.filter(
      (category) => !options.categories || options.categories.includes(category.key),
    );
    const inits: NotificationInit[] = [];
    for (let index = 0; index < count; index += 1) {
      const category = categories[index % categories.length];
      if (!category) break;
      const type = category.types[Math.floor(index / categories.length) % category.types.length];
      if (!type) continue;
      const createdAt = new Date(from - index * spacing).toISOString();
      const read = (index * 7919) % 100 < readRatio * 100 && index > 2;
      inits.push({
        type: type.key,
        category: category.key,
        ...sampleText(type.key, index, language),
        actor: { userId: null, name: ACTORS[index % ACTORS.length] ?? null },
        createdAt,
        seenAt: read ? createdAt : null,
        readAt: read ? createdAt : null,
      });
    }
    this.addNotifications(inits);
    return this.#all.length;
  }

  /**
   * A notification arrives live, as the stream would bring it: the inbox, the counts and the
   * store change, stream subscribers get `notification.created` and arrival listeners are told.
   */
  pushNotification(init: NotificationInit = {}): InboxNotification {
    const notification = this.#create({ createdAt: new Date().toISOString(), ...init }, 0);
    this.#byId.set(notification.id, notification);
    this.#all = [notification, ...this.#all].sort(newestFirst);
    const state = this.#store.getState();
    if (state.status === 'ready' && matches(notification, state.filter)) {
      this.#shown = [notification.id, ...this.#shown];
    }
    this.#publish();
    this.#emit({
      id: this.#nextEventId(),
      kind: 'notification.created',
      data: { ...notification },
    });
    for (const listener of [...this.#arrivalListeners]) listener({ ...notification });
    return { ...notification };
  }

  /** Sets the realtime connection's status (`reconnecting` to show the indicator). */
  setConnectionStatus(status: ConnectionStatus): void {
    const before = this.#status.getState();
    const down = (value: ConnectionStatus) => value === 'reconnecting' || value === 'disconnected';
    this.#lastError =
      status === 'reconnecting'
        ? new BaylinkError({
            status: 0,
            code: 'network_error',
            message: 'The Baylink API could not be reached',
          })
        : null;
    this.#status.set(status);
    let event: 'lost' | 'restored' | undefined;
    if (down(status) && !down(before)) event = 'lost';
    if (status === 'connected' && down(before)) event = 'restored';
    if (event) for (const listener of [...this.#connectionListeners]) listener(event);
  }

  clear(): void {
    this.#store.clear();
    this.#status.clear();
    this.#preferencesStore.clear();
    this.#streamListeners.clear();
    this.#arrivalListeners.clear();
    this.#connectionListeners.clear();
  }

  #nextEventId(): string {
    this.#eventId += 1;
    return String(this.#eventId);
  }

  #emit(event: RealtimeEvent): void {
    for (const listener of [...this.#streamListeners]) listener(event);
  }

  #create(init: NotificationInit, index: number): InboxNotification {
    const type = findType(init.type ?? '') ?? CATALOG[0]?.types[0];
    const typeKey = type?.key ?? 'conversations.new_message';
    const text = sampleText(typeKey, index, this.#language());
    return {
      id: init.id ?? uuid(),
      type: typeKey,
      category: init.category ?? type?.category ?? 'conversations',
      title: init.title ?? text.title,
      body: init.body === undefined ? text.body : init.body,
      link:
        init.link === undefined ? `https://dms.example.com/work-orders/${4500 + index}` : init.link,
      actor:
        init.actor === undefined
          ? { userId: null, name: ACTORS[index % ACTORS.length] ?? null }
          : init.actor,
      data: init.data ?? {},
      createdAt: init.createdAt ?? new Date().toISOString(),
      seenAt: init.seenAt ?? null,
      readAt: init.readAt ?? null,
      archivedAt: init.archivedAt ?? null,
    };
  }

  #counts(): InboxCounts {
    let unread = 0;
    let unseen = 0;
    for (const n of this.#all) {
      if (n.archivedAt !== null) continue;
      if (n.readAt === null) unread += 1;
      if (n.seenAt === null) unseen += 1;
    }
    return { unread, unseen };
  }

  #page(query: InboxListQuery) {
    const filter: InboxFilter = {
      category: query.category,
      read: query.read ?? 'all',
      archived: String(query.archived) === 'true',
    };
    const limit = Number(query.limit ?? 30);
    const matching = this.#all.filter((n) => matches(n, filter));
    const start = query.cursor ? matching.findIndex((n) => n.id === query.cursor) + 1 : 0;
    const items = matching.slice(start, start + limit).map((n) => ({ ...n }));
    const last = items[items.length - 1];
    const nextCursor = last && start + limit < matching.length ? last.id : null;
    return { items, nextCursor, counts: this.#counts() };
  }

  /** Recomputes what the store shows for its filter: the first `count` matching items. */
  #recompute(count: number): void {
    const filter = this.#store.getState().filter;
    const matching = this.#all.filter((n) => matches(n, filter));
    this.#shown = matching.slice(0, count).map((n) => n.id);
    this.#hasMore = matching.length > this.#shown.length;
    this.#publish();
  }

  #publish(patch: Partial<NotificationsState> = {}): void {
    const state = this.#store.getState();
    this.#store.set({
      ...state,
      items: this.#shown
        .map((id) => this.#byId.get(id))
        .filter((n): n is InboxNotification => n !== undefined)
        .map((n) => ({ ...n })),
      counts: this.#counts(),
      hasMore: this.#hasMore,
      ...patch,
    });
  }

  async #reload(method: NotificationMethod, args: unknown[], filter: InboxFilter): Promise<void> {
    const previous = this.#store.getState();
    this.#store.set({ ...previous, filter, status: 'loading', error: null, loadingMore: false });
    try {
      await this.#answer(method, args, () => undefined);
    } catch (error) {
      this.#store.set({ ...this.#store.getState(), status: 'error', error: error as BaylinkError });
      throw error;
    }
    this.#store.set({ ...this.#store.getState(), status: 'ready', error: null });
    this.#recompute(this.pageSize);
  }

  async #fetchMore(): Promise<void> {
    const state = this.#store.getState();
    if (state.status !== 'ready' || state.loadingMore || !this.#hasMore) {
      // Recorded all the same, so tests see that the element asked.
      await this.#answer('notifications.fetchMore', [], () => undefined).catch(() => {});
      return;
    }
    this.#store.set({ ...state, loadingMore: true, error: null });
    try {
      await this.#answer('notifications.fetchMore', [], () => undefined);
    } catch (error) {
      this.#store.set({
        ...this.#store.getState(),
        loadingMore: false,
        error: error as BaylinkError,
      });
      throw error;
    }
    this.#store.set({ ...this.#store.getState(), loadingMore: false });
    this.#recompute(this.#shown.length + this.pageSize);
  }

  /** Applies a change at once (optimistic), asks, and puts everything back if it fails. */
  async #mutate(
    method: NotificationMethod,
    ids: string[],
    change: {
      seenAt?: 'now' | 'keep-or-now' | null;
      readAt?: 'now' | null;
      archivedAt?: 'now' | null;
    },
  ): Promise<void> {
    const now = new Date().toISOString();
    const before = new Map<string, InboxNotification>();
    const changed: InboxNotification[] = [];
    for (const id of ids) {
      const current = this.#byId.get(id);
      if (!current) continue;
      before.set(id, { ...current });
      const next = { ...current };
      if (change.seenAt === 'now') next.seenAt = current.seenAt ?? now;
      if (change.seenAt === 'keep-or-now') next.seenAt = current.seenAt ?? now;
      if (change.readAt === 'now') next.readAt = current.readAt ?? now;
      if (change.readAt === null) next.readAt = null;
      if (change.archivedAt === 'now') next.archivedAt = current.archivedAt ?? now;
      if (change.archivedAt === null) next.archivedAt = null;
      changed.push(next);
    }
    const apply = (list: InboxNotification[]) => {
      for (const n of list) this.#byId.set(n.id, n);
      this.#all = this.#all.map((n) => this.#byId.get(n.id) ?? n);
      if (change.archivedAt !== undefined) {
        // Archiving moves items out of (or into) the view.
        const filter = this.#store.getState().filter;
        this.#shown = this.#shown.filter((id) => {
          const n = this.#byId.get(id);
          return n !== undefined && (n.archivedAt !== null) === (filter.archived ?? false);
        });
      }
      this.#publish();
    };
    apply(changed);
    try {
      await this.#answer(method, [ids], () => undefined);
    } catch (error) {
      const shownBefore = this.#shown;
      apply([...before.values()]);
      if (change.archivedAt !== undefined) {
        this.#shown = shownBefore;
        this.#recompute(Math.max(this.#shown.length + before.size, this.pageSize));
      }
      throw error;
    }
    this.#emit({
      id: this.#nextEventId(),
      kind: 'notifications.changed',
      data: {
        items: changed.map(({ id, seenAt, readAt, archivedAt }) => ({
          id,
          seenAt,
          readAt,
          archivedAt,
        })),
        readAllBefore: null,
        counts: this.#counts(),
      },
    });
  }

  #effective(): UserPreferences['effective'] {
    const effective: UserPreferences['effective'] = {};
    const overrides = this.#overrides;
    for (const category of CATALOG) {
      for (const type of category.types) {
        const flags = { in_app: false, web_push: false, email: false, mobile: false };
        for (const channel of CHANNELS) {
          let on: boolean;
          if (!type.channels.includes(channel)) on = false;
          else if (type.required.includes(channel)) on = true;
          else if (overrides.channels[channel] === false) on = false;
          else
            on =
              overrides.types[type.key]?.[channel] ??
              overrides.categories[category.key]?.[channel] ??
              type.defaults[channel];
          flags[channel] = on;
        }
        effective[type.key] = flags;
      }
    }
    return effective;
  }

  #preferencesValue(): UserPreferences {
    return {
      // The contract's record type names every channel; overrides hold only the ones set.
      overrides: structuredClone(this.#overrides) as unknown as UserPreferences['overrides'],
      effective: this.#effective(),
      updatedAt: this.#preferencesUpdatedAt,
    };
  }

  async #loadPreferences(): Promise<UserPreferences> {
    const state = this.#preferencesStore.getState();
    if (!state.preferences) this.#preferencesStore.set({ ...state, status: 'loading' });
    try {
      const value = await this.#answer('preferences.get', [], () => this.#preferencesValue());
      this.#preferencesStore.set({ status: 'ready', preferences: value, error: null });
      return value;
    } catch (error) {
      const current = this.#preferencesStore.getState();
      this.#preferencesStore.set({
        ...current,
        status: current.preferences ? 'ready' : 'error',
        error: error as BaylinkError,
      });
      throw error;
    }
  }

  async #updatePreferences(changes: PreferenceChangeInput[]): Promise<UserPreferences> {
    const before = structuredClone(this.#overrides);
    const previousState = this.#preferencesStore.getState();
    for (const change of changes) {
      const channels = 'channel' in change && change.channel ? [change.channel] : [...CHANNELS];
      if (change.scope === 'channel') {
        setFlag(this.#overrides.channels, change.channel, change.enabled);
        continue;
      }
      const known =
        change.scope === 'category'
          ? CATALOG.some((c) => c.key === change.key)
          : findType(change.key) !== undefined;
      if (!known) {
        this.#overrides = before;
        throw new BaylinkError({
          status: 400,
          code: 'validation_failed',
          message: 'The request is not valid',
          details: [{ path: 'changes', message: `Unknown ${change.scope} ${change.key}` }],
        });
      }
      const table =
        change.scope === 'category' ? this.#overrides.categories : this.#overrides.types;
      const flags = table[change.key] ?? {};
      table[change.key] = flags;
      for (const channel of channels) setFlag(flags, channel, change.enabled);
      if (change.scope === 'category') {
        const category = CATALOG.find((c) => c.key === change.key);
        for (const type of category?.types ?? []) {
          const typeFlags = this.#overrides.types[type.key];
          if (!typeFlags) continue;
          for (const channel of channels) delete typeFlags[channel];
        }
      }
    }
    const optimistic = this.#preferencesValue();
    this.#preferencesStore.set({ status: 'ready', preferences: optimistic, error: null });
    try {
      return await this.#answer('preferences.update', [changes], () => {
        this.#preferencesUpdatedAt = new Date().toISOString();
        const value = this.#preferencesValue();
        this.#preferencesStore.set({ status: 'ready', preferences: value, error: null });
        return value;
      });
    } catch (error) {
      this.#overrides = before;
      this.#preferencesStore.set({ ...previousState, error: error as BaylinkError });
      throw error;
    }
  }

  #resetPreferences(): Promise<UserPreferences> {
    return this.#answer('preferences.reset', [], () => {
      this.#overrides = emptyOverrides();
      this.#preferencesUpdatedAt = new Date().toISOString();
      const value = this.#preferencesValue();
      this.#preferencesStore.set({ status: 'ready', preferences: value, error: null });
      return value;
    });
  }
}

type Flags = Partial<Record<(typeof CHANNELS)[number], boolean>>;
interface Overrides {
  channels: Flags;
  categories: Record<string, Flags>;
  types: Record<string, Flags>;
}

function emptyOverrides(): Overrides {
  return { channels: {}, categories: {}, types: {} };
}

function setFlag(flags: Flags, channel: (typeof CHANNELS)[number], enabled: boolean | null): void {
  if (enabled === null) delete flags[channel];
  else flags[channel] = enabled;
}

/** The catalog in one language, shaped like `GET /v1/catalog?lang=`. */
export function localizedCatalog(language: 'en' | 'fr'): LocalizedCatalog {
  return {
    language,
    channels: CHANNELS.map((key) => ({ key, label: CHANNEL_LABELS[key][language] })),
    categories: CATALOG.map((category) => ({
      key: category.key,
      label: category.label[language],
      types: category.types.map((type) => ({
        key: type.key,
        category: type.category,
        label: type.label[language],
        description: type.description[language],
        channels: [...type.channels],
        required: [...type.required],
        defaults: { ...type.defaults },
      })),
    })),
  };
}

/** Every category key of the catalog, in order. */
export const MEMORY_CATEGORY_KEYS: readonly string[] = CATALOG.map((category) => category.key);
