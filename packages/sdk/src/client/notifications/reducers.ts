// Pure functions over the inbox state: how stream events, optimistic changes and their rollback
// change the items and the counts. No I/O, so they are tested on their own.
import type {
  Notification,
  NotificationChanges,
  NotificationCounts,
} from '../../contract/notifications.ts';
import type { InboxFilter, NotificationsState } from '../types.ts';

export type ItemState = Pick<Notification, 'id' | 'seenAt' | 'readAt' | 'archivedAt'>;
export type InboxAction = 'seen' | 'read' | 'unread' | 'archive' | 'unarchive';

/** Counted as unread (and unseen) only while not archived, as the API counts. */
export const isUnread = (n: Pick<Notification, 'readAt' | 'archivedAt'>) =>
  n.readAt === null && n.archivedAt === null;
export const isUnseen = (n: Pick<Notification, 'seenAt' | 'archivedAt'>) =>
  n.seenAt === null && n.archivedAt === null;

export interface NormalizedFilter {
  category: string | undefined;
  read: 'all' | 'unread' | 'read';
  archived: boolean;
}

export function normalizeFilter(filter: InboxFilter = {}): NormalizedFilter {
  return {
    category: filter.category || undefined,
    read: filter.read ?? 'all',
    archived: filter.archived ?? false,
  };
}

/** Whether the notification belongs in a list with this filter. */
export function matchesFilter(n: Notification, filter: InboxFilter): boolean {
  const f = normalizeFilter(filter);
  if (f.category !== undefined && n.category !== f.category) return false;
  if (f.archived !== (n.archivedAt !== null)) return false;
  if (f.read === 'unread' && n.readAt !== null) return false;
  if (f.read === 'read' && n.readAt === null) return false;
  return true;
}

/** Newest first: by creation time, then by id, like the API's keyset order. */
export function compareNewestFirst(a: Notification, b: Notification): number {
  const at = Date.parse(a.createdAt);
  const bt = Date.parse(b.createdAt);
  if (at !== bt) return bt - at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function insertSorted(items: Notification[], n: Notification): Notification[] {
  const next = items.slice();
  let index = next.findIndex((item) => compareNewestFirst(n, item) < 0);
  if (index === -1) index = next.length;
  next.splice(index, 0, n);
  return next;
}

/**
 * A notification that arrived live: counted, and shown when it fits the filter. One the store
 * already holds changes nothing (a replay).
 */
export function applyCreated(state: NotificationsState, n: Notification): NotificationsState {
  if (state.items.some((item) => item.id === n.id)) return state;
  const counts = {
    unread: state.counts.unread + (isUnread(n) ? 1 : 0),
    unseen: state.counts.unseen + (isUnseen(n) ? 1 : 0),
  };
  const items = matchesFilter(n, state.filter) ? insertSorted(state.items, n) : state.items;
  return { ...state, items, counts };
}

/**
 * Changes of state (from the stream, from another tab, or optimistic): item states are set, a
 * read-all marks every matching item read (and seen, as the API does), counts are taken as given. An item that leaves the
 * archived/not-archived view is removed; one that becomes read in the unread view stays, so a
 * click does not pull the row from under the pointer (the next load drops it).
 */
export function applyChanges(
  state: NotificationsState,
  changes: Partial<Pick<NotificationChanges, 'items' | 'readAllBefore' | 'counts'>>,
): NotificationsState {
  const archivedView = normalizeFilter(state.filter).archived;
  let items = state.items;
  if (changes.items && changes.items.length > 0) {
    const byId = new Map(changes.items.map((change) => [change.id, change]));
    items = [];
    for (const item of state.items) {
      const change = byId.get(item.id);
      if (!change) {
        items.push(item);
        continue;
      }
      const next = {
        ...item,
        seenAt: change.seenAt,
        readAt: change.readAt,
        archivedAt: change.archivedAt,
      };
      if ((next.archivedAt !== null) === archivedView) items.push(next);
    }
  }
  const readAll = changes.readAllBefore;
  if (readAll) {
    const before = Date.parse(readAll.at);
    items = items.map((item) =>
      item.readAt === null &&
      Date.parse(item.createdAt) <= before &&
      (readAll.category === null || item.category === readAll.category) &&
      (item.archivedAt !== null) === readAll.archived
        ? { ...item, readAt: readAll.at, seenAt: item.seenAt ?? readAll.at }
        : item,
    );
  }
  return {
    ...state,
    items,
    counts: changes.counts ? { ...changes.counts } : state.counts,
  };
}

/** The item states an action gives the items the store holds, at `now`. */
export function actionChanges(
  items: readonly Notification[],
  ids: readonly string[],
  action: InboxAction,
  now: string,
): ItemState[] {
  const wanted = new Set(ids);
  const changes: ItemState[] = [];
  for (const item of items) {
    if (!wanted.has(item.id)) continue;
    const next: ItemState = {
      id: item.id,
      seenAt: item.seenAt,
      readAt: item.readAt,
      archivedAt: item.archivedAt,
    };
    switch (action) {
      case 'seen':
        next.seenAt ??= now;
        break;
      case 'read':
        next.readAt ??= now;
        next.seenAt ??= now;
        break;
      case 'unread':
        next.readAt = null;
        break;
      case 'archive':
        next.archivedAt ??= now;
        break;
      case 'unarchive':
        next.archivedAt = null;
        break;
    }
    if (
      next.seenAt !== item.seenAt ||
      next.readAt !== item.readAt ||
      next.archivedAt !== item.archivedAt
    ) {
      changes.push(next);
    }
  }
  return changes;
}

/** The counts after items change state, computed from the items the store holds. */
export function countsAfter(
  counts: NotificationCounts,
  items: readonly Notification[],
  changes: readonly ItemState[],
): NotificationCounts {
  const byId = new Map(items.map((item) => [item.id, item]));
  let unread = counts.unread;
  let unseen = counts.unseen;
  for (const change of changes) {
    const item = byId.get(change.id);
    if (!item) continue;
    unread += Number(isUnread(change)) - Number(isUnread(item));
    unseen += Number(isUnseen(change)) - Number(isUnseen(item));
  }
  return { unread: Math.max(0, unread), unseen: Math.max(0, unseen) };
}

/** What an optimistic change did, so it can be undone without undoing anything else. */
export interface Undo {
  /** The items as they were, by id. */
  before: Map<string, Notification>;
  /** The states the optimistic change gave them. */
  after: Map<string, ItemState>;
  /** The change it made to the counts. */
  delta: NotificationCounts;
}

export function undoFor(previous: NotificationsState, next: NotificationsState): Undo {
  const nextById = new Map(next.items.map((item) => [item.id, item]));
  const before = new Map<string, Notification>();
  const after = new Map<string, ItemState>();
  for (const item of previous.items) {
    const changed = nextById.get(item.id);
    if (
      changed &&
      changed.seenAt === item.seenAt &&
      changed.readAt === item.readAt &&
      changed.archivedAt === item.archivedAt
    ) {
      continue;
    }
    before.set(item.id, item);
    if (changed) after.set(item.id, stateOf(changed));
  }
  return {
    before,
    after,
    delta: {
      unread: next.counts.unread - previous.counts.unread,
      unseen: next.counts.unseen - previous.counts.unseen,
    },
  };
}

/**
 * Undoes an optimistic change on the current state: items still in the state it gave them get
 * their old state back, items it removed from the view come back, the counts lose its delta.
 * Changes that arrived since (from the stream) are kept.
 */
export function applyUndo(state: NotificationsState, undo: Undo): NotificationsState {
  const present = new Map(state.items.map((item) => [item.id, item]));
  let items = state.items.map((item) => {
    const old = undo.before.get(item.id);
    const optimistic = undo.after.get(item.id);
    if (!old || !optimistic || !sameState(item, optimistic)) return item;
    return { ...item, seenAt: old.seenAt, readAt: old.readAt, archivedAt: old.archivedAt };
  });
  for (const [id, old] of undo.before) {
    if (!present.has(id) && !undo.after.has(id) && matchesFilter(old, state.filter)) {
      items = insertSorted(items, old);
    }
  }
  return {
    ...state,
    items,
    counts: {
      unread: Math.max(0, state.counts.unread - undo.delta.unread),
      unseen: Math.max(0, state.counts.unseen - undo.delta.unseen),
    },
  };
}

/** The item states to tell other tabs after an undo. */
export function undoChanges(undo: Undo): ItemState[] {
  return [...undo.before.values()].map(stateOf);
}

export function stateOf(n: ItemState): ItemState {
  return { id: n.id, seenAt: n.seenAt, readAt: n.readAt, archivedAt: n.archivedAt };
}

function sameState(a: ItemState, b: ItemState): boolean {
  return a.seenAt === b.seenAt && a.readAt === b.readAt && a.archivedAt === b.archivedAt;
}
