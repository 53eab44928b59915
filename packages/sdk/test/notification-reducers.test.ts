import { describe, expect, it } from 'vitest';
import {
  actionChanges,
  applyChanges,
  applyCreated,
  applyUndo,
  countsAfter,
  matchesFilter,
  undoFor,
} from '../src/client/notifications/reducers.ts';
import type { Notification, NotificationsState } from '../src/index.ts';

let n = 0;
function notification(overrides: Partial<Notification> = {}): Notification {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    type: 'conversations.new_message',
    category: 'conversations',
    title: `Notification ${n}`,
    body: null,
    link: null,
    actor: null,
    data: {},
    createdAt: new Date(Date.UTC(2026, 0, 1, 12, 0, n)).toISOString(),
    seenAt: null,
    readAt: null,
    archivedAt: null,
    ...overrides,
  };
}

function state(
  items: Notification[],
  overrides: Partial<NotificationsState> = {},
): NotificationsState {
  return {
    status: 'ready',
    items,
    filter: { category: undefined, read: 'all', archived: false },
    counts: {
      unread: items.filter((i) => !i.readAt).length,
      unseen: items.filter((i) => !i.seenAt).length,
    },
    hasMore: false,
    loadingMore: false,
    error: null,
    ...overrides,
  };
}

describe('the inbox reducers', () => {
  it('match a filter by category, read state and archived state', () => {
    const item = notification();
    expect(matchesFilter(item, {})).toBe(true);
    expect(matchesFilter(item, { category: 'reviews' })).toBe(false);
    expect(matchesFilter(item, { read: 'read' })).toBe(false);
    expect(matchesFilter(item, { read: 'unread' })).toBe(true);
    expect(matchesFilter(item, { archived: true })).toBe(false);
    expect(matchesFilter({ ...item, archivedAt: item.createdAt }, { archived: true })).toBe(true);
  });

  it('prepend a new notification that fits the filter and count it', () => {
    const older = notification();
    const newer = notification();
    const next = applyCreated(state([older]), newer);
    expect(next.items.map((i) => i.id)).toEqual([newer.id, older.id]);
    expect(next.counts).toEqual({ unread: 2, unseen: 2 });
  });

  it('count but do not show a notification outside the filter, and ignore a replay', () => {
    const shown = notification();
    const base = state([shown], { filter: { category: 'reviews' } });
    const next = applyCreated(base, notification());
    expect(next.items).toEqual([shown]);
    expect(next.counts.unread).toBe(2);
    expect(applyCreated(next, shown)).toBe(next);
  });

  it('place a late arrival by its creation time, not at the top', () => {
    const a = notification();
    const b = notification();
    const c = notification();
    const next = applyCreated(state([c, a]), b);
    expect(next.items.map((i) => i.id)).toEqual([c.id, b.id, a.id]);
  });

  it('patch item states from a change, take its counts, and drop items archived out of view', () => {
    const a = notification();
    const b = notification();
    const at = '2026-01-02T00:00:00.000Z';
    const next = applyChanges(state([b, a]), {
      items: [
        { id: a.id, seenAt: at, readAt: at, archivedAt: null },
        { id: b.id, seenAt: at, readAt: null, archivedAt: at },
      ],
      readAllBefore: null,
      counts: { unread: 0, unseen: 0 },
    });
    expect(next.items).toEqual([{ ...a, seenAt: at, readAt: at }]);
    expect(next.counts).toEqual({ unread: 0, unseen: 0 });
  });

  it('keep an item that becomes read in the unread view, so it does not vanish under a click', () => {
    const a = notification();
    const next = applyChanges(state([a], { filter: { read: 'unread' } }), {
      items: [{ id: a.id, seenAt: null, readAt: a.createdAt, archivedAt: null }],
    });
    expect(next.items[0]?.readAt).toBe(a.createdAt);
  });

  it('mark read what a read-all covers: up to its time, in its category and archived state', () => {
    const old = notification();
    const otherCategory = notification({ category: 'reviews' });
    const later = notification();
    const at = new Date(Date.parse(otherCategory.createdAt) + 500).toISOString();
    const next = applyChanges(state([later, otherCategory, old]), {
      items: [],
      readAllBefore: { at, category: 'conversations', archived: false },
      counts: { unread: 2, unseen: 3 },
    });
    expect(next.items.map((i) => i.readAt)).toEqual([null, null, at]);
    expect(next.counts).toEqual({ unread: 2, unseen: 3 });
  });

  it('compute optimistic item states and counts for an action', () => {
    const a = notification();
    const b = notification({
      seenAt: '2026-01-01T00:00:00.000Z',
      readAt: '2026-01-01T00:00:00.000Z',
    });
    const now = '2026-02-01T00:00:00.000Z';
    const s = state([b, a]);
    const changes = actionChanges(s.items, [a.id, b.id, 'not-loaded'], 'read', now);
    expect(changes).toEqual([{ id: a.id, seenAt: now, readAt: now, archivedAt: null }]);
    expect(s.counts).toEqual({ unread: 1, unseen: 1 });
    expect(countsAfter(s.counts, s.items, changes)).toEqual({ unread: 0, unseen: 0 });
    const unread = actionChanges(s.items, [b.id], 'unread', now);
    expect(unread).toEqual([{ id: b.id, seenAt: b.seenAt, readAt: null, archivedAt: null }]);
    expect(countsAfter(s.counts, s.items, unread)).toEqual({ unread: 2, unseen: 1 });
  });

  it('undo an optimistic change without undoing what arrived meanwhile', () => {
    const a = notification();
    const b = notification();
    const now = '2026-02-01T00:00:00.000Z';
    const before = state([b, a]);
    const changes = actionChanges(before.items, [a.id, b.id], 'archive', now);
    const optimistic = applyChanges(before, {
      items: changes,
      counts: countsAfter(before.counts, before.items, changes),
    });
    expect(optimistic.items).toEqual([]);
    expect(optimistic.counts).toEqual({ unread: 0, unseen: 0 });
    const undo = undoFor(before, optimistic);
    // Meanwhile a new notification arrives from the stream.
    const fresh = notification();
    const meanwhile = applyCreated(optimistic, fresh);
    const undone = applyUndo(meanwhile, undo);
    expect(undone.items.map((i) => i.id)).toEqual([fresh.id, b.id, a.id]);
    expect(undone.items.every((i) => i.archivedAt === null)).toBe(true);
    expect(undone.counts).toEqual({ unread: 3, unseen: 3 });
  });

  it('leave alone an item the server changed again before the undo', () => {
    const a = notification();
    const now = '2026-02-01T00:00:00.000Z';
    const before = state([a]);
    const changes = actionChanges(before.items, [a.id], 'read', now);
    const optimistic = applyChanges(before, { items: changes });
    const undo = undoFor(before, optimistic);
    const server = applyChanges(optimistic, {
      items: [{ id: a.id, seenAt: now, readAt: '2026-02-01T00:00:01.000Z', archivedAt: null }],
    });
    expect(applyUndo(server, undo).items[0]?.readAt).toBe('2026-02-01T00:00:01.000Z');
  });
});
