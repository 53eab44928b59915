import {
  type AwayAssignee,
  type AwayModule,
  type AwayNotice,
  type AwayState,
  type AwayStatus,
  type AwayUntil,
  BaylinkError,
  type ErrorDetail,
  type Me,
  type PresenceModule,
  type PresenceState,
  type RoutingDecision,
  type RoutingDecisionPage,
  type RoutingDecisionQuery,
  type RoutingReason,
  type SetAwayStatus,
  type StreamEvent,
  type TeamSummary,
  type TeamsModule,
  type UserSummary,
} from '@baylink/sdk';
import {
  RouteRequest as RouteRequestSchema,
  SetAwayStatus as SetAwayStatusSchema,
} from '@baylink/sdk/contract';
import { MemoryStore, type NotificationInit } from './memory-notifications.ts';

/**
 * The away side of the memory client: every user's away status in memory, validated and changed
 * like `PUT /v1/me/away` and `PUT /v1/users/:id/away` (the until must be in the future and goes
 * with `away: true` only; the assignee exists in the account and is not the user themself),
 * turning itself off at "away until" with a timer (the scheduled return), routing decisions by
 * the API's rules, the account's teams, and the two SDK stores: `away.store` (the signed-in
 * user's status) and `presence.store` (everyone's, loaded once on its first subscriber). Every
 * change reaches the stores and the stream's subscribers as a `presence.changed` event.
 */

export type AwayMethod =
  | 'away.get'
  | 'away.set'
  | 'away.clear'
  | 'away.getFor'
  | 'away.setFor'
  | 'away.clearFor'
  | 'away.route'
  | 'away.decisions'
  | 'presence.refresh'
  | 'teams.list';

/** A user's away status to start with (names, version and times are filled in). */
export interface AwayInit {
  away: boolean;
  /** When it was turned on (default: an hour ago while away). */
  since?: string;
  /** When it turns itself off (its `at` may be any instant, even a few milliseconds ahead). */
  until?: AwayUntil | null;
  assignee?: { kind: 'user' | 'team'; id: string } | null;
}

type Answer = <T>(method: AwayMethod, args: unknown[], answer: () => T) => Promise<T>;

/** `presence.changed`, as the stream brings it. */
export type PresenceChangedEvent = Extract<StreamEvent, { kind: 'presence.changed' }>;

export interface MemoryAwayOptions {
  /** The signed-in user's profile as stored now. */
  me: () => Me;
  /** The other users of the account (the signed-in user is added if missing). */
  users: () => UserSummary[];
  teams: TeamSummary[];
  away?: Record<string, AwayInit>;
  /** Start with the signed-in user's status loaded (`ready`) rather than `idle`. */
  loaded: boolean;
  /** Sends a stream event to the realtime subscribers. */
  emit: (event: PresenceChangedEvent) => void;
  /** Puts a notification into the signed-in user's inbox, live; returns its id. */
  notify: (notification: NotificationInit) => string;
}

interface Entry {
  away: boolean;
  since: string | null;
  until: AwayUntil | null;
  assignee: { kind: 'user' | 'team'; id: string } | null;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

const OFF: Entry = {
  away: false,
  since: null,
  until: null,
  assignee: null,
  version: 0,
  updatedAt: null,
  updatedBy: null,
};

/** The longest delay `setTimeout` takes (about 24.8 days); longer waits are chained. */
const MAX_TIMER = 2 ** 31 - 1;
const DAY = 86_400_000;

// ─── Demo account ────────────────────────────────────────────────────────────────────────────

/** Teammates of the default memory client (the signed-in user is Alex Martin). */
export const DEMO_TEAMMATES: UserSummary[] = [
  {
    id: '00000000-0000-4000-8000-000000000002',
    name: 'Sam Okafor',
    jobPosition: 'Service advisor',
    language: 'en',
    photoUrl: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    name: 'Jordan Lee',
    jobPosition: 'Service advisor',
    language: 'en',
    photoUrl: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000004',
    name: 'Chloé Bouchard',
    jobPosition: 'Service manager',
    language: 'fr',
    photoUrl: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000005',
    name: 'Priya Patel',
    jobPosition: 'Parts counter',
    language: 'en',
    photoUrl: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000006',
    name: 'Marc Gagnon',
    jobPosition: 'Parts manager',
    language: 'fr',
    photoUrl: null,
  },
];

/** Teams of the default memory client: "Service Team" (the signed-in user in it) and "Parts". */
export function demoTeams(meId: string): TeamSummary[] {
  return [
    {
      id: '00000000-0000-4000-8000-0000000000b1',
      name: 'Service Team',
      memberIds: [
        meId,
        '00000000-0000-4000-8000-000000000002',
        '00000000-0000-4000-8000-000000000003',
      ],
    },
    {
      id: '00000000-0000-4000-8000-0000000000b2',
      name: 'Parts',
      memberIds: ['00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000006'],
    },
  ];
}

// ─── Time zones ──────────────────────────────────────────────────────────────────────────────

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const value = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  const local = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return local - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant of a local date and time of day in a zone, by the API's rule: a time skipped by a
 * spring-forward change moves forward by the gap; a time that occurs twice is the first of the two.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const local = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(local - DAY, timeZone);
  const after = offsetAt(local + DAY, timeZone);
  const exact = [local - before, local - after]
    .filter((instant) => instant + offsetAt(instant, timeZone) === local)
    .sort((a, b) => a - b);
  return new Date(exact[0] ?? local - before);
}

/** "Away until" as the API stores it, for an instant, read in a zone (for stories and tests). */
export function awayUntilAt(instant: Date | number, timeZone = localTimeZone()): AwayUntil {
  const at = new Date(instant);
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(at);
  const value = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((part) => part.type === type)?.value ?? '00';
  return {
    at: at.toISOString(),
    date: `${value('year')}-${value('month')}-${value('day')}`,
    time: `${value('hour')}:${value('minute')}`,
    timeZone,
  };
}

function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

// ─── Errors ──────────────────────────────────────────────────────────────────────────────────

function invalid(details: ErrorDetail[]): BaylinkError {
  return new BaylinkError({
    status: 400,
    code: 'validation_failed',
    message: `Invalid input: ${details.map((detail) => detail.path).join(', ')}`,
    details,
  });
}

/** The API's 400 for a schema failure: one detail per issue, named by its path. */
function fromZod(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): BaylinkError {
  return invalid(
    error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    })),
  );
}

function notFound(what: string): BaylinkError {
  return new BaylinkError({ status: 404, code: 'not_found', message: `${what} was not found` });
}

let sequence = 0;

/** A UUID (v4 shape), from `crypto.randomUUID` where it exists (secure contexts). */
function uuid(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  sequence += 1;
  return `00000000-0000-4000-9000-${sequence.toString(16).padStart(12, '0')}`;
}

// ─── The memory away module ──────────────────────────────────────────────────────────────────

export class MemoryAway {
  readonly away: AwayModule;
  readonly presence: PresenceModule;
  readonly teams: TeamsModule;

  readonly #answer: Answer;
  readonly #me: () => Me;
  readonly #users: () => UserSummary[];
  readonly #teams: TeamSummary[];
  readonly #emit: (event: PresenceChangedEvent) => void;
  readonly #notify: (notification: NotificationInit) => string;
  readonly #entries = new Map<string, Entry>();
  readonly #snapshots = new Map<string, AwayStatus>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #awayStore: MemoryStore<AwayState>;
  readonly #presenceStore: MemoryStore<PresenceState>;
  #presenceLoad: Promise<void> | undefined;
  readonly #decisions: RoutingDecision[] = [];
  /** `userId␀conversationId` of conversations the user answered while away. */
  readonly #replied = new Set<string>();
  /** When each user last got a conversation by reassignment (for "least recently assigned"). */
  readonly #lastAssigned = new Map<string, number>();
  #assignments = 0;
  #eventId = 0;
  #cleared = false;

  constructor(answer: Answer, options: MemoryAwayOptions) {
    this.#answer = answer;
    this.#me = options.me;
    this.#users = options.users;
    this.#teams = options.teams.map((team) => ({ ...team, memberIds: [...team.memberIds] }));
    this.#emit = options.emit;
    this.#notify = options.notify;
    const now = Date.now();
    for (const [userId, init] of Object.entries(options.away ?? {})) {
      this.#entries.set(userId, {
        away: init.away,
        since: init.away ? (init.since ?? new Date(now - 3_600_000).toISOString()) : null,
        until: init.away ? (init.until ?? null) : null,
        assignee: init.assignee ?? null,
        version: 1,
        updatedAt: init.since ?? new Date(now - 3_600_000).toISOString(),
        updatedBy: userId,
      });
    }
    // A status whose return has already passed starts off, as the API would read it.
    for (const [userId, entry] of this.#entries) {
      if (this.#due(entry, now)) this.#entries.set(userId, this.#ended(entry, null));
    }

    this.#awayStore = new MemoryStore<AwayState>(
      options.loaded
        ? { status: 'ready', away: this.#snapshot(this.#meId()), error: null }
        : { status: 'idle', away: null, error: null },
      () => {
        if (this.#awayStore.getState().status === 'idle') this.away.get().catch(() => {});
      },
    );
    this.#presenceStore = new MemoryStore<PresenceState>(
      { status: 'idle', users: new Map(), error: null },
      () => {
        if (this.#presenceStore.getState().status === 'idle')
          this.presence.refresh().catch(() => {});
      },
    );
    for (const userId of this.#entries.keys()) this.#schedule(userId);

    this.away = {
      store: this.#awayStore,
      get: () => this.#loadOwn(),
      set: (input) =>
        this.#mutateOwn('away.set', [input], () => this.#apply(this.#meId(), input, this.#meId())),
      clear: () =>
        this.#mutateOwn('away.clear', [], () =>
          this.#apply(this.#meId(), { away: false }, this.#meId()),
        ),
      getFor: (userId) =>
        this.#answer('away.getFor', [userId], () => {
          this.#expireDue();
          this.#user(userId);
          return this.#snapshot(userId);
        }),
      setFor: (userId, input) =>
        this.#answer('away.setFor', [userId, input], () => {
          this.#requireAdmin(userId);
          return this.#apply(userId, input, this.#meId());
        }),
      clearFor: (userId) =>
        this.#answer('away.clearFor', [userId], () => {
          this.#requireAdmin(userId);
          return this.#apply(userId, { away: false }, this.#meId());
        }),
      route: (input) => this.#answer('away.route', [input], () => this.#route(input)),
      decisions: (query) =>
        this.#answer('away.decisions', [query], () => this.#listDecisions(query ?? {})),
    };

    this.presence = {
      store: this.#presenceStore,
      get: (userId) => {
        this.#expireDue();
        return this.#presenceStore.getState().users.get(userId);
      },
      subscribeUser: (userId, listener) => {
        let last = this.#presenceStore.getState().users.get(userId);
        listener(last);
        return this.#presenceStore.subscribe((state) => {
          const next = state.users.get(userId);
          if (next === last) return;
          last = next;
          listener(next);
        });
      },
      refresh: () => this.#refreshPresence(),
      check: (userId) => this.#check(userId),
    };

    this.teams = {
      list: () =>
        this.#answer('teams.list', [], () =>
          [...this.#teams]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((team) => ({ ...team, memberIds: [...team.memberIds] })),
        ),
    };
  }

  /** Listeners of the away and presence stores (to check that elements unsubscribe). */
  get listenerCount(): number {
    return this.#awayStore.listenerCount + this.#presenceStore.listenerCount;
  }

  /** Every routing decision made so far, newest first. */
  get decisions(): RoutingDecision[] {
    return this.#decisions.map((decision) => ({ ...decision }));
  }

  /** A user's status as stored now (the automatic return applied). */
  statusOf(userId: string): AwayStatus {
    this.#expireDue();
    this.#user(userId);
    return this.#snapshot(userId);
  }

  /**
   * A change made elsewhere (another tab or device, or an admin): validated like the API (a
   * `BaylinkError` is thrown for bad input), then the stores update and the stream brings
   * `presence.changed`, as if it had come from the server.
   */
  setAway(userId: string, input: SetAwayStatus): AwayStatus {
    this.#user(userId);
    return this.#apply(userId, input, userId);
  }

  /** The automatic return arriving from the server: the user's status turns off now. */
  endAway(userId: string): AwayStatus {
    this.#user(userId);
    const entry = this.#entry(userId);
    if (entry.away) this.#change(userId, this.#ended(entry, null));
    return this.#snapshot(userId);
  }

  clear(): void {
    this.#cleared = true;
    this.#awayStore.clear();
    this.#presenceStore.clear();
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #meId(): string {
    return this.#me().id;
  }

  /** Every user of the account: the signed-in user and the others, by id. */
  #accountUsers(): Map<string, UserSummary> {
    const me = this.#me();
    const users = new Map<string, UserSummary>();
    users.set(me.id, {
      id: me.id,
      name: me.name,
      jobPosition: me.jobPosition,
      language: me.language,
      photoUrl: me.photoUrl,
    });
    for (const user of this.#users()) if (user.id !== me.id) users.set(user.id, user);
    return users;
  }

  #user(userId: string): UserSummary {
    const user = this.#accountUsers().get(userId);
    if (!user) throw notFound('The user');
    return user;
  }

  #requireAdmin(userId: string): void {
    if (userId !== this.#meId() && this.#me().role !== 'admin') {
      throw new BaylinkError({
        status: 403,
        code: 'forbidden',
        message: 'Only an admin may change a teammate’s away status',
      });
    }
    this.#user(userId);
  }

  #entry(userId: string): Entry {
    return this.#entries.get(userId) ?? OFF;
  }

  #nameOf(kind: 'user' | 'team', id: string): string {
    if (kind === 'team') return this.#teams.find((team) => team.id === id)?.name ?? '';
    return this.#accountUsers().get(id)?.name ?? '';
  }

  /** The status as everyone sees it; the same object while nothing about it changed. */
  #snapshot(userId: string): AwayStatus {
    const entry = this.#entry(userId);
    const name = this.#nameOf('user', userId);
    const assignee: AwayAssignee | null = entry.assignee
      ? { ...entry.assignee, name: this.#nameOf(entry.assignee.kind, entry.assignee.id) }
      : null;
    const cached = this.#snapshots.get(userId);
    if (
      cached &&
      cached.version === entry.version &&
      cached.name === name &&
      cached.assignee?.name === assignee?.name
    ) {
      return cached;
    }
    const snapshot: AwayStatus = {
      userId,
      name,
      away: entry.away,
      since: entry.since,
      until: entry.until ? { ...entry.until } : null,
      assignee,
      version: entry.version,
      updatedAt: entry.updatedAt,
      updatedBy: entry.updatedBy,
    };
    this.#snapshots.set(userId, snapshot);
    return snapshot;
  }

  #presenceMap(): Map<string, AwayStatus> {
    const users = new Map<string, AwayStatus>();
    for (const userId of this.#accountUsers().keys()) users.set(userId, this.#snapshot(userId));
    return users;
  }

  #due(entry: Entry, now = Date.now()): boolean {
    return entry.away && entry.until !== null && Date.parse(entry.until.at) <= now;
  }

  #ended(entry: Entry, by: string | null): Entry {
    return { ...entry, away: false, since: null, until: null, updatedBy: by };
  }

  /** Ends every status whose "away until" has passed (the lazy half of the automatic return). */
  #expireDue(): void {
    const now = Date.now();
    for (const [userId, entry] of [...this.#entries]) {
      if (this.#due(entry, now)) this.#change(userId, this.#ended(entry, null));
    }
  }

  /** The scheduled half of the automatic return: a timer at the user's "away until". */
  #schedule(userId: string): void {
    clearTimeout(this.#timers.get(userId));
    this.#timers.delete(userId);
    const entry = this.#entry(userId);
    if (this.#cleared || !entry.away || !entry.until) return;
    const delay = Math.max(0, Date.parse(entry.until.at) - Date.now());
    this.#timers.set(
      userId,
      setTimeout(
        () => {
          this.#timers.delete(userId);
          const current = this.#entry(userId);
          if (this.#due(current)) this.#change(userId, this.#ended(current, null));
          else this.#schedule(userId);
        },
        Math.min(delay, MAX_TIMER),
      ),
    );
  }

  /** Stores a new status (a new version), then tells the stores and the stream. */
  #change(userId: string, next: Omit<Entry, 'version' | 'updatedAt'>): AwayStatus {
    const previous = this.#entry(userId);
    this.#entries.set(userId, {
      ...next,
      version: previous.version + 1,
      updatedAt: new Date().toISOString(),
    });
    this.#schedule(userId);
    const snapshot = this.#snapshot(userId);
    if (this.#cleared) return snapshot;
    const presence = this.#presenceStore.getState();
    if (presence.status === 'ready') {
      const users = new Map(presence.users);
      users.set(userId, snapshot);
      this.#presenceStore.set({ ...presence, users });
    }
    // The signed-in user's whole status arrived: the store has it, loaded or not before.
    if (userId === this.#meId())
      this.#awayStore.set({ status: 'ready', away: snapshot, error: null });
    this.#eventId += 1;
    this.#emit({ id: `presence-${this.#eventId}`, kind: 'presence.changed', data: snapshot });
    return snapshot;
  }

  /** `PUT …/away`: validates the whole status, then stores it. */
  #apply(userId: string, input: SetAwayStatus, by: string): AwayStatus {
    this.#expireDue();
    const parsed = SetAwayStatusSchema.safeParse(input);
    if (!parsed.success) throw fromZod(parsed.error);
    const { away, assignee, until } = parsed.data;
    const details: ErrorDetail[] = [];
    let storedUntil: AwayUntil | null = null;
    if (until && !away) {
      details.push({ path: 'until', message: '“Away until” only goes with away: true' });
    } else if (until) {
      const at = zonedInstant(until.date, until.time, until.timeZone);
      if (at.getTime() <= Date.now()) {
        details.push({ path: 'until', message: 'The return must be in the future' });
      } else {
        storedUntil = { at: at.toISOString(), ...until };
      }
    }
    if (assignee) {
      if (assignee.kind === 'user' && assignee.id === userId) {
        details.push({ path: 'assignee.id', message: 'Users cannot cover for themselves' });
      } else if (assignee.kind === 'user' && !this.#accountUsers().has(assignee.id)) {
        details.push({ path: 'assignee.id', message: 'No user of the account has this id' });
      } else if (assignee.kind === 'team' && !this.#teams.some((team) => team.id === assignee.id)) {
        details.push({ path: 'assignee.id', message: 'No team of the account has this id' });
      }
    }
    if (details.length > 0) throw invalid(details);
    const previous = this.#entry(userId);
    const now = new Date().toISOString();
    if (away) {
      return this.#change(userId, {
        away: true,
        since: previous.away ? previous.since : now,
        until: storedUntil,
        assignee: assignee ? { kind: assignee.kind, id: assignee.id } : null,
        updatedBy: by,
      });
    }
    return this.#change(userId, {
      away: false,
      since: null,
      until: null,
      // Turning off keeps the cover for next time, unless the request names another one.
      assignee:
        assignee === undefined
          ? previous.assignee
          : assignee && { kind: assignee.kind, id: assignee.id },
      updatedBy: by,
    });
  }

  async #loadOwn(): Promise<AwayStatus> {
    const state = this.#awayStore.getState();
    if (!state.away) this.#awayStore.set({ ...state, status: 'loading' });
    try {
      return await this.#answer('away.get', [], () => {
        this.#expireDue();
        const away = this.#snapshot(this.#meId());
        this.#awayStore.set({ status: 'ready', away, error: null });
        return away;
      });
    } catch (error) {
      const current = this.#awayStore.getState();
      this.#awayStore.set({
        ...current,
        status: current.away ? 'ready' : 'error',
        error: error as BaylinkError,
      });
      throw error;
    }
  }

  async #mutateOwn(
    method: 'away.set' | 'away.clear',
    args: unknown[],
    change: () => AwayStatus,
  ): Promise<AwayStatus> {
    try {
      const away = await this.#answer(method, args, change);
      // The store follows even when it had not loaded yet: the answer is the whole status.
      this.#awayStore.set({ status: 'ready', away, error: null });
      return away;
    } catch (error) {
      this.#awayStore.set({ ...this.#awayStore.getState(), error: error as BaylinkError });
      throw error;
    }
  }

  #refreshPresence(): Promise<void> {
    const state = this.#presenceStore.getState();
    if (state.status !== 'ready') this.#presenceStore.set({ ...state, status: 'loading' });
    const load = this.#answer('presence.refresh', [], () => {
      this.#expireDue();
      this.#presenceStore.set({ status: 'ready', users: this.#presenceMap(), error: null });
    }).catch((error: unknown) => {
      const current = this.#presenceStore.getState();
      this.#presenceStore.set({
        ...current,
        status: current.status === 'loading' ? 'error' : current.status,
        error: error as BaylinkError,
      });
      throw error;
    });
    this.#presenceLoad = load;
    void load
      .finally(() => {
        if (this.#presenceLoad === load) this.#presenceLoad = undefined;
      })
      .catch(() => {});
    return load;
  }

  async #check(userId: string): Promise<AwayNotice> {
    const status = this.#presenceStore.getState().status;
    if (status === 'loading' && this.#presenceLoad) await this.#presenceLoad;
    else if (status !== 'ready') await this.#refreshPresence();
    this.#expireDue();
    const entry = this.#presenceStore.getState().users.get(userId);
    if (!entry) throw notFound('The user');
    const cover = entry.away ? entry.assignee : null;
    return {
      userId,
      name: entry.name,
      away: entry.away,
      since: entry.since,
      until: entry.until,
      cover,
      coverAway: cover ? this.#coverUnavailable(cover, userId) : false,
    };
  }

  /** Whether the cover cannot take conversations now (away, or a team with nobody available). */
  #coverUnavailable(cover: { kind: 'user' | 'team'; id: string }, userId: string): boolean {
    if (cover.kind === 'user') return this.#entry(cover.id).away;
    return this.#availableMembers(cover.id, userId).length === 0;
  }

  #availableMembers(teamId: string, userId: string): string[] {
    const users = this.#accountUsers();
    const team = this.#teams.find((candidate) => candidate.id === teamId);
    return (team?.memberIds ?? []).filter(
      (id) => id !== userId && users.has(id) && !this.#entry(id).away,
    );
  }

  /** Who gets a new conversation meant for a user, and why: the API's rules. */
  #route(input: unknown): RoutingDecision {
    const parsed = RouteRequestSchema.safeParse(input);
    if (!parsed.success) throw fromZod(parsed.error);
    const request = parsed.data;
    this.#expireDue();
    const users = this.#accountUsers();
    const me = this.#me();
    const userId =
      request.userId ??
      (request.referenceId === me.referenceId
        ? me.id
        : [...users.values()].find(
            (user) =>
              (user as UserSummary & { referenceId?: string | null }).referenceId ===
              request.referenceId,
          )?.id);
    if (!userId || !users.has(userId)) throw notFound('The user');
    const key = `${userId}\u0000${request.conversationId}`;
    if (request.replied) this.#replied.add(key);
    const entry = this.#entry(userId);
    const cover = entry.assignee;
    let reason: RoutingReason;
    let assigneeId = userId;
    let via: AwayAssignee | null = null;
    if (!entry.away) reason = 'not_away';
    else if (this.#replied.has(key)) reason = 'replied';
    else if (!cover) reason = 'no_assignee';
    else {
      via = { ...cover, name: this.#nameOf(cover.kind, cover.id) };
      if (cover.kind === 'user') {
        if (this.#entry(cover.id).away) reason = 'assignee_away';
        else {
          reason = 'assignee';
          assigneeId = cover.id;
        }
      } else {
        const members = this.#availableMembers(cover.id, userId);
        // Least recently assigned first; never assigned before anyone; ties in team order.
        const chosen = [...members].sort(
          (a, b) => (this.#lastAssigned.get(a) ?? -1) - (this.#lastAssigned.get(b) ?? -1),
        )[0];
        if (chosen) {
          reason = 'team_member';
          assigneeId = chosen;
        } else reason = 'team_unavailable';
      }
    }
    const reassigned = assigneeId !== userId;
    let notificationId: string | null = null;
    if (reassigned) {
      this.#assignments += 1;
      this.#lastAssigned.set(assigneeId, this.#assignments);
      notificationId =
        assigneeId === me.id ? this.#notify(this.#assignedNotification(request, userId)) : uuid();
    }
    const decision: RoutingDecision = {
      id: uuid(),
      conversationId: request.conversationId,
      userId,
      assigneeId,
      assigneeName: users.get(assigneeId)?.name ?? '',
      reassigned,
      reason,
      via,
      notificationId,
      requestedBy: me.id,
      decidedAt: new Date().toISOString(),
    };
    this.#decisions.unshift(decision);
    return { ...decision };
  }

  #assignedNotification(
    request: { conversationId: string; title?: string | undefined; link?: string | undefined },
    userId: string,
  ): NotificationInit {
    const name = this.#nameOf('user', userId);
    const french = this.#me().language === 'fr';
    return {
      type: 'conversations.assigned',
      category: 'conversations',
      title: request.title ?? `Conversation ${request.conversationId}`,
      body: french
        ? `${name} est absent·e : cette conversation vous est assignée.`
        : `${name} is away: this conversation is assigned to you.`,
      link: request.link ?? null,
      actor: { userId, name },
    };
  }

  #listDecisions(query: RoutingDecisionQuery): RoutingDecisionPage {
    if (this.#me().role !== 'admin') {
      throw new BaylinkError({
        status: 403,
        code: 'forbidden',
        message: 'Only an admin may read routing decisions',
      });
    }
    const limit = query.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
      throw invalid([{ path: 'limit', message: 'Expected an integer from 1 to 200' }]);
    }
    const matching = this.#decisions.filter(
      (decision) =>
        (query.userId === undefined || decision.userId === query.userId) &&
        (query.assigneeId === undefined || decision.assigneeId === query.assigneeId) &&
        (query.conversationId === undefined || decision.conversationId === query.conversationId),
    );
    const start = query.cursor ? Number(query.cursor) : 0;
    if (!Number.isInteger(start) || start < 0) {
      throw invalid([{ path: 'cursor', message: 'Unknown cursor' }]);
    }
    const items = matching.slice(start, start + limit).map((decision) => ({ ...decision }));
    const next = start + limit;
    return { items, nextCursor: next < matching.length ? String(next) : null };
  }
}
