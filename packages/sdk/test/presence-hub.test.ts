import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectiveStatus, PresenceHub } from '../src/client/presence.ts';
import type { AwayStatus, RealtimeModule, StreamEvent } from '../src/index.ts';

// The presence hub's rules on their own: merging by version whatever the arrival order, the
// local return at `until`, one stream subscription however many listeners. The stream is a
// plain event emitter here; the whole path against the real API is in
// packages/api/test/sdk-away.test.ts.

const ALEX = '00000000-0000-4000-8000-000000000001';
const SAM = '00000000-0000-4000-8000-000000000002';

function status(overrides: Partial<AwayStatus> = {}): AwayStatus {
  return {
    userId: ALEX,
    name: 'Alex Martin',
    away: false,
    since: null,
    until: null,
    assignee: null,
    version: 0,
    updatedAt: null,
    updatedBy: null,
    ...overrides,
  };
}

function untilIn(ms: number) {
  return { at: new Date(Date.now() + ms).toISOString(), date: '', time: '', timeZone: 'UTC' };
}

function fakeRealtime() {
  const listeners = new Set<(event: StreamEvent) => void>();
  const realtime = {
    subscribe(listener: (event: StreamEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send(event: StreamEvent) {
      for (const listener of [...listeners]) listener(event);
    },
    get listeners() {
      return listeners.size;
    },
  };
  return realtime as typeof realtime & RealtimeModule;
}

let seq = 0;
const presenceEvent = (data: AwayStatus): StreamEvent => ({
  id: String(++seq),
  kind: 'presence.changed',
  data,
});

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-11-22T12:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('effectiveStatus', () => {
  it('reads a status whose until has passed as off, keeping the assignee', () => {
    const assignee = { kind: 'team' as const, id: SAM, name: 'Service Team' };
    const past = status({
      away: true,
      since: '2026-11-20T08:00:00Z',
      until: untilIn(-1),
      assignee,
      version: 3,
    });
    expect(effectiveStatus(past)).toMatchObject({
      away: false,
      since: null,
      until: null,
      assignee,
      version: 3,
    });
    const ahead = status({ away: true, until: untilIn(60_000), version: 3 });
    expect(effectiveStatus(ahead)).toBe(ahead);
  });
});

describe('PresenceHub', () => {
  it('keeps the newest version whatever order answers and events arrive in', () => {
    const hub = new PresenceHub(fakeRealtime());
    hub.merge([status({ away: true, version: 5 })]);
    expect(hub.merge([status({ away: false, version: 4 })])).toEqual([]);
    expect(hub.get(ALEX)?.away).toBe(true);
    expect(hub.merge([status({ away: false, version: 6 })])).toEqual([ALEX]);
    expect(hub.get(ALEX)?.away).toBe(false);
  });

  it('turns a status off locally at its until and tells that user’s listeners', () => {
    const hub = new PresenceHub(fakeRealtime());
    hub.merge([
      status({ away: true, until: untilIn(90_000), version: 1 }),
      status({ userId: SAM, name: 'Sam', away: true, until: untilIn(180_000), version: 1 }),
    ]);
    const alex: (boolean | undefined)[] = [];
    const sam: (boolean | undefined)[] = [];
    hub.subscribeUser(ALEX, (s) => alex.push(s?.away));
    hub.subscribeUser(SAM, (s) => sam.push(s?.away));
    vi.advanceTimersByTime(89_000);
    expect(alex).toEqual([true]);
    vi.advanceTimersByTime(2_000);
    expect(alex).toEqual([true, false]);
    expect(sam).toEqual([true]);
    vi.advanceTimersByTime(90_000);
    expect(sam).toEqual([true, false]);
  });

  it('opens one stream subscription for many listeners and closes it after the last', () => {
    const realtime = fakeRealtime();
    const hub = new PresenceHub(realtime);
    const stops = Array.from({ length: 500 }, (_, i) =>
      hub.subscribeUser(i % 2 ? ALEX : SAM, () => {}),
    );
    expect(realtime.listeners).toBe(1);
    const seen: (boolean | undefined)[] = [];
    hub.subscribeUser(ALEX, (s) => seen.push(s?.away));
    realtime.send(presenceEvent(status({ away: true, version: 1 })));
    expect(seen).toEqual([undefined, true]);
    for (const stop of stops) stop();
    expect(realtime.listeners).toBe(1);
    hub.destroy();
    expect(realtime.listeners).toBe(0);
  });

  it('calls only the listeners of the user who changed', () => {
    const realtime = fakeRealtime();
    const hub = new PresenceHub(realtime);
    let samCalls = 0;
    hub.subscribeUser(SAM, () => samCalls++);
    realtime.send(presenceEvent(status({ away: true, version: 1 })));
    realtime.send(presenceEvent(status({ away: false, version: 2 })));
    expect(samCalls).toBe(1);
  });

  it('drops users a full list no longer has', () => {
    const hub = new PresenceHub(fakeRealtime());
    hub.merge([status(), status({ userId: SAM, name: 'Sam' })]);
    hub.merge([status()], { replaceAll: true });
    expect(hub.get(SAM)).toBeUndefined();
    expect([...hub.snapshot().keys()]).toEqual([ALEX]);
  });
});
