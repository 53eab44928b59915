import type {
  InboxPage,
  InboxQuery,
  Notification,
  NotificationChanges,
  NotificationCounts,
} from '../../contract/notifications.ts';
import type { StreamEvent } from '../../contract/stream.ts';
import type { BaylinkError } from '../error.ts';
import type { RealtimeInternals } from '../realtime/realtime.ts';
import { ValueStore } from '../store.ts';
import type { Transport } from '../transport.ts';
import type {
  InboxFilter,
  NotificationsModule,
  NotificationsOptions,
  NotificationsState,
  RealtimeModule,
} from '../types.ts';
import {
  actionChanges,
  applyChanges,
  applyCreated,
  applyUndo,
  countsAfter,
  type InboxAction,
  type ItemState,
  normalizeFilter,
  undoChanges,
  undoFor,
} from './reducers.ts';

const BASE = '/v1/me/notifications';
const BULK_LIMIT = 200;
/** How many notification ids are remembered to tell a replay from a new arrival. */
const KNOWN_LIMIT = 5000;
/** The BroadcastChannel topic of optimistic changes, so other tabs update before the echo. */
const TAB_TOPIC = 'notifications.changes';

type Changes = Partial<Pick<NotificationChanges, 'items' | 'readAllBefore' | 'counts'>>;

const PATCH_BODIES: Record<InboxAction, Record<string, boolean>> = {
  seen: { seen: true },
  read: { read: true },
  unread: { read: false },
  archive: { archived: true },
  unarchive: { archived: false },
};

/**
 * `client.notifications`: the inbox of the current filter as a store (newest first, counts,
 * paging), loaded when its first subscriber arrives and kept live from the stream; mutations
 * change the store at once, are confirmed by the API and rolled back if it refuses.
 */
export function createNotificationsModule(
  transport: Transport,
  realtime: RealtimeModule & RealtimeInternals,
  options: NotificationsOptions = {},
): NotificationsModule & { destroy(): void } {
  const pageSize = Math.min(100, Math.max(1, options.pageSize ?? 30));
  const connectWaitMs = options.connectWaitMs ?? 2000;
  const store = new ValueStore<NotificationsState>({
    status: 'idle',
    items: [],
    filter: normalizeFilter(),
    counts: { unread: 0, unseen: 0 },
    hasMore: false,
    loadingMore: false,
    error: null,
  });
  const arrivalListeners = new Set<(notification: Notification) => void>();
  /** Ids of notifications already shown or announced, so a replay is not announced twice. */
  const known = new Set<string>();
  let nextCursor: string | null = null;
  /** Bumped by every first-page load; answers of older loads are dropped. */
  let loadGeneration = 0;
  /** Stream events that came while a first page was loading, applied once it is in. */
  let buffered: StreamEvent[] | null = null;
  let users = 0;
  let stopStream: (() => void) | undefined;
  let stopTabs: (() => void) | undefined;
  let destroyed = false;

  const remember = (items: readonly Notification[]) => {
    for (const item of items) known.add(item.id);
    // Bounded: the oldest ids go first (a Set iterates in insertion order).
    for (const id of known) {
      if (known.size <= KNOWN_LIMIT) break;
      known.delete(id);
    }
  };

  const query = (filter: InboxFilter, cursor?: string | null) => {
    const f = normalizeFilter(filter);
    const params = new URLSearchParams({ limit: String(pageSize) });
    if (cursor) params.set('cursor', cursor);
    if (f.category) params.set('category', f.category);
    if (f.read !== 'all') params.set('read', f.read);
    if (f.archived) params.set('archived', 'true');
    return `${BASE}?${params}`;
  };

  const applyEvent = (event: StreamEvent) => {
    switch (event.kind) {
      case 'notification.created':
        store.setState((state) => applyCreated(state, event.data));
        break;
      case 'notifications.changed':
        store.setState((state) => applyChanges(state, event.data));
        break;
      case 'resync':
        refresh().catch(() => {});
        break;
    }
  };

  const onStreamEvent = (event: StreamEvent) => {
    if (event.kind === 'notification.created') {
      const n = event.data;
      if (!n || typeof n.id !== 'string' || known.has(n.id)) return;
      remember([n]);
      for (const listener of [...arrivalListeners]) {
        try {
          listener(n);
        } catch (error) {
          setTimeout(() => {
            throw error;
          });
        }
      }
    }
    if (buffered && event.kind !== 'resync') buffered.push(event);
    else applyEvent(event);
  };

  const onTabChanges = (payload: unknown) => {
    const changes = payload as Changes;
    if (!changes || typeof changes !== 'object') return;
    store.setState((state) => applyChanges(state, changes));
  };

  /** Loads the first page of the current filter (the store keeps its items while it does). */
  const loadFirstPage = async (): Promise<void> => {
    const generation = ++loadGeneration;
    buffered ??= [];
    const filter = store.getState().filter;
    store.setState((state) => ({
      ...state,
      status: state.status === 'ready' ? 'ready' : 'loading',
    }));
    try {
      const page = await transport.request<InboxPage>(query(filter));
      if (generation !== loadGeneration || destroyed) return;
      nextCursor = page.nextCursor;
      remember(page.items);
      const pending = buffered ?? [];
      buffered = null;
      store.setState((state) => ({
        ...state,
        status: 'ready',
        items: page.items,
        counts: page.counts,
        hasMore: page.nextCursor !== null,
        loadingMore: false,
        error: null,
      }));
      for (const event of pending) applyEvent(event);
    } catch (error) {
      if (generation !== loadGeneration || destroyed) return;
      const pending = buffered ?? [];
      buffered = null;
      store.setState((state) => ({
        ...state,
        status: state.status === 'ready' ? 'ready' : 'error',
        error: error as BaylinkError,
      }));
      for (const event of pending) applyEvent(event);
      throw error;
    }
  };

  const refresh = () => loadFirstPage();

  const whenConnected = () =>
    new Promise<void>((resolve) => {
      if (realtime.status.getState() === 'connected') return resolve();
      let off = () => {};
      const timer = setTimeout(done, connectWaitMs);
      function done() {
        clearTimeout(timer);
        off();
        resolve();
      }
      off = realtime.status.subscribe((status) => {
        if (status === 'connected') done();
      });
    });

  const activate = () => {
    stopStream = realtime.subscribe(onStreamEvent);
    stopTabs = realtime.onBroadcast(TAB_TOPIC, onTabChanges);
    // Load (or, back after a pause, reload: what the store holds may be stale) once the stream
    // is open, or after a short wait, so an event between the page and the stream is not lost.
    buffered ??= [];
    if (store.getState().status !== 'ready') store.setState((s) => ({ ...s, status: 'loading' }));
    whenConnected()
      .then(() => (users > 0 && !destroyed ? loadFirstPage() : undefined))
      .catch(() => {});
  };

  const deactivate = () => {
    stopStream?.();
    stopTabs?.();
    stopStream = undefined;
    stopTabs = undefined;
  };

  const use = () => {
    if (destroyed) return () => {};
    users++;
    if (users === 1) activate();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      users--;
      if (users === 0) deactivate();
    };
  };

  const lazyStore = {
    getState: () => store.getState(),
    subscribe(listener: (state: NotificationsState) => void) {
      const unsubscribe = store.subscribe(listener);
      const release = use();
      return () => {
        unsubscribe();
        release();
      };
    },
  };

  /** Applies changes here at once and tells the other tabs; returns how to undo them. */
  const optimistic = (changes: Changes) => {
    const previous = store.getState();
    const next = applyChanges(previous, changes);
    const undo = undoFor(previous, next);
    store.setState(next);
    realtime.broadcast(TAB_TOPIC, { ...changes, counts: next.counts });
    return undo;
  };

  const absorb = (result: unknown) => {
    if (!result || typeof result !== 'object') return;
    const record = result as Partial<NotificationChanges> & Partial<Notification>;
    const changes: Changes = {};
    if (Array.isArray(record.items)) changes.items = record.items;
    else if (typeof record.id === 'string' && 'readAt' in record) {
      changes.items = [
        {
          id: record.id,
          seenAt: record.seenAt ?? null,
          readAt: record.readAt ?? null,
          archivedAt: record.archivedAt ?? null,
        },
      ];
    }
    if (record.readAllBefore) changes.readAllBefore = record.readAllBefore;
    if (record.counts) changes.counts = record.counts;
    store.setState((state) => ({ ...applyChanges(state, changes), error: null }));
  };

  const fail = (undo: ReturnType<typeof undoFor>, error: unknown): never => {
    store.setState((state) => ({ ...applyUndo(state, undo), error: error as BaylinkError }));
    const after = store.getState();
    realtime.broadcast(TAB_TOPIC, { items: undoChanges(undo), counts: after.counts });
    throw error;
  };

  const mutate = async (ids: string[], action: InboxAction) => {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const state = store.getState();
    const items: ItemState[] = actionChanges(state.items, unique, action, new Date().toISOString());
    const undo = optimistic({ items, counts: countsAfter(state.counts, state.items, items) });
    try {
      if (unique.length === 1) {
        absorb(
          await transport.request(`${BASE}/${encodeURIComponent(unique[0]!)}`, {
            method: 'PATCH',
            body: PATCH_BODIES[action],
          }),
        );
      } else {
        for (let i = 0; i < unique.length; i += BULK_LIMIT) {
          absorb(
            await transport.request(`${BASE}/bulk`, {
              method: 'POST',
              body: { action, ids: unique.slice(i, i + BULK_LIMIT) },
            }),
          );
        }
      }
    } catch (error) {
      fail(undo, error);
    }
  };

  const module: NotificationsModule & { destroy(): void } = {
    store: lazyStore,
    async setFilter(filter: InboxFilter) {
      const next = normalizeFilter(filter);
      nextCursor = null;
      store.setState((state) => ({
        ...state,
        filter: next,
        items: [],
        hasMore: false,
        loadingMore: false,
        status: 'loading',
        error: null,
      }));
      await loadFirstPage();
    },
    async fetchMore() {
      const state = store.getState();
      if (state.loadingMore || buffered || !nextCursor) return;
      const generation = loadGeneration;
      store.setState((s) => ({ ...s, loadingMore: true }));
      try {
        const page = await transport.request<InboxPage>(query(state.filter, nextCursor));
        if (generation !== loadGeneration || destroyed) return;
        nextCursor = page.nextCursor;
        remember(page.items);
        store.setState((s) => {
          const have = new Set(s.items.map((item) => item.id));
          return {
            ...s,
            items: [...s.items, ...page.items.filter((item) => !have.has(item.id))],
            hasMore: page.nextCursor !== null,
            loadingMore: false,
            error: null,
          };
        });
      } catch (error) {
        if (generation === loadGeneration) {
          store.setState((s) => ({ ...s, loadingMore: false, error: error as BaylinkError }));
        }
        throw error;
      }
    },
    refresh,
    async list(q: InboxQuery = {}) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(q)) {
        if (value !== undefined && value !== null) params.set(key, String(value));
      }
      const search = params.toString();
      return transport.request<InboxPage>(search ? `${BASE}?${search}` : BASE);
    },
    counts() {
      return transport.request<NotificationCounts>(`${BASE}/counts`);
    },
    markSeen: (ids) => mutate(ids, 'seen'),
    markRead: (ids) => mutate(ids, 'read'),
    markUnread: (ids) => mutate(ids, 'unread'),
    archive: (ids) => mutate(ids, 'archive'),
    unarchive: (ids) => mutate(ids, 'unarchive'),
    async markAllRead() {
      const state = store.getState();
      const filter = normalizeFilter(state.filter);
      const readAllBefore = {
        at: new Date().toISOString(),
        category: filter.category ?? null,
        archived: filter.archived,
      };
      const marked = applyChanges(state, { readAllBefore });
      const counts = countsAfter(
        state.counts,
        state.items,
        marked.items.filter((item, i) => item.readAt !== state.items[i]?.readAt),
      );
      // Without a category, nothing outside the archive stays unread.
      if (!filter.category && !filter.archived) counts.unread = 0;
      const undo = optimistic({ readAllBefore, counts });
      try {
        const body: { category?: string; archived: boolean } = { archived: filter.archived };
        if (filter.category) body.category = filter.category;
        absorb(await transport.request(`${BASE}/read-all`, { method: 'POST', body }));
      } catch (error) {
        fail(undo, error);
      }
    },
    onArrival(listener) {
      arrivalListeners.add(listener);
      const release = use();
      return () => {
        arrivalListeners.delete(listener);
        release();
      };
    },
    destroy() {
      destroyed = true;
      deactivate();
      users = 0;
      arrivalListeners.clear();
      store.clear();
    },
  };
  return module;
}
