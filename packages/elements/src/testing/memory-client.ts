import {
  type AwayStatus,
  type BaylinkClient,
  BaylinkError,
  type BrowserPushState,
  type Delivery,
  type ErrorDetail,
  LANGUAGES,
  type Me,
  type MeModule,
  type MeState,
  PHOTO_TYPES,
  PROFILE_LIMITS,
  type PushDevice,
  type QuietHours,
  type SetAwayStatus,
  type TeamSummary,
  type UpdateMe,
  type UploadOptions,
  type UserSummary,
} from '@baylink/sdk';
import type {
  ConnectionStatus,
  InboxNotification,
  RealtimeEvent,
} from '../notification-center/sdk-types.ts';
import {
  type AuthMethod,
  MemoryAuth,
  type MemoryAuthOptions,
  type MemoryResetMail,
} from './memory-auth.ts';
import {
  type AwayInit,
  type AwayMethod,
  DEMO_TEAMMATES,
  demoTeams,
  MemoryAway,
} from './memory-away.ts';
import {
  type GenerateOptions,
  MemoryNotifications,
  MemoryStore,
  type NotificationInit,
  type NotificationMethod,
} from './memory-notifications.ts';
import {
  type BrowserPushInit,
  type DeliveryInit,
  type MemoryPrompt,
  MemoryPush,
  type PushDeviceInit,
  type PushMethod,
  type QuietHoursInit,
  type SimulatedPermission,
} from './memory-push.ts';
import { MemorySignature, type SignatureInit, type SignatureMethod } from './memory-signature.ts';

export { awayUntilAt, DEMO_TEAMMATES, zonedInstant } from './memory-away.ts';
export { demoPushDevices, deviceLabelFor } from './memory-push.ts';
export type {
  AuthMethod,
  AwayInit,
  AwayMethod,
  BrowserPushInit,
  DeliveryInit,
  GenerateOptions,
  MemoryAuthOptions,
  MemoryPrompt,
  MemoryResetMail,
  NotificationInit,
  NotificationMethod,
  PushDeviceInit,
  PushMethod,
  QuietHoursInit,
  SignatureInit,
  SignatureMethod,
  SimulatedPermission,
};

/**
 * An in-memory Baylink client for stories, element tests and demos: it keeps one user's profile
 * and inbox in memory, answers like the API (same validation, same errors), simulates upload
 * progress with timers, and can be told to fail a call or to take its time. For the
 * notification center it also pushes live notifications (`pushNotification`), fills the inbox
 * (`generateNotifications(10_000)`) and simulates the realtime connection dropping
 * (`setConnectionStatus('reconnecting')`). For the away status it keeps every user's status,
 * turns it off at "away until" with a timer, routes conversations by the API's rules, and
 * simulates changes from elsewhere (`setAway`, `endAway`). For browser notifications it keeps the
 * user's devices and simulates this browser (`setBrowserPush({ supported, reason, permission,
 * prompt })`: a prompt outside a click is ignored, as Firefox and Safari do), and it keeps the
 * quiet hours and the account's deliveries, validated like the API.
 *
 * ```ts
 * import { createMemoryClient } from '@baylink/elements/testing';
 * const client = createMemoryClient({ me: { name: 'Marie Tremblay', language: 'fr' } });
 * client.failNext({ status: 400, code: 'validation_failed', details: [{ path: 'email', message: 'Taken' }] });
 * client.generateNotifications(50);
 * client.pushNotification({ type: 'conversations.mention', title: 'Dylan mentioned you' });
 * client.failNext({ status: 500 }, 'notifications.refresh');
 * client.setAway(client.profile.id, { away: true, assignee: { kind: 'team', id: client.teamList[0].id } });
 * ```
 *
 * It is exported from `@baylink/elements/testing` only, never from the main bundle.
 */

export type MemoryMethod =
  | 'get'
  | 'update'
  | 'uploadPhoto'
  | 'deletePhoto'
  | 'users.list'
  | 'users.get'
  | NotificationMethod
  | SignatureMethod
  | AuthMethod
  | AwayMethod
  | PushMethod;

export interface MemoryCall {
  method: MemoryMethod;
  args: unknown[];
}

export interface FailureInit {
  status?: number;
  code?: string;
  message?: string;
  details?: ErrorDetail[];
}

export interface MemoryClientOptions {
  /** Fields of the signed-in user's profile (the rest takes demo values). */
  me?: Partial<Me>;
  /**
   * Teammates returned by `users.list()` (default: five demo teammates, `DEMO_TEAMMATES`, plus
   * the signed-in user). Every one of them, and the signed-in user, has an away status.
   */
  users?: UserSummary[];
  /**
   * Teams of the account (`teams.list()`). Default with the default users: "Service Team" (the
   * signed-in user, Sam Okafor, Jordan Lee) and "Parts" (Priya Patel, Marc Gagnon); none when
   * `users` is given.
   */
  teams?: TeamSummary[];
  /**
   * Away statuses to start with, by user id (the others start off). A status whose `until.at`
   * has passed starts off; one ahead turns itself off at that instant.
   */
  away?: Record<string, AwayInit>;
  /** Milliseconds each call takes before it answers (default 0). */
  latency?: number;
  /** Milliseconds an upload takes, reported through `onProgress` in steps (default 400). */
  uploadDuration?: number;
  /** Number of progress reports during an upload (default 10). */
  uploadSteps?: number;
  /** Start with the profile loaded (`ready`) rather than `idle` (default true). */
  loaded?: boolean;
  /** Reported as `client.baseUrl` (default `memory://baylink`). */
  baseUrl?: string;
  /** Notifications already in the inbox (see also `generateNotifications`). */
  notifications?: NotificationInit[];
  /** Inbox items per page (default 30). */
  pageSize?: number;
  /** The realtime connection's status to start with (default `connected`). */
  connection?: ConnectionStatus;
  /** The user's signature (default: on and empty, so the profile name signs). */
  signature?: SignatureInit;
  /** Baylink passwords: on or off for the account, its rule, the user's password (`client.auth`). */
  auth?: MemoryAuthOptions;
  /**
   * This browser for `client.push` (default: supported, permission not asked yet, the prompt
   * answers "Allow"); change it later with `setBrowserPush`.
   */
  browserPush?: BrowserPushInit;
  /** The user's devices that receive browser notifications (default none; see `demoPushDevices`). */
  pushDevices?: PushDeviceInit[];
  /** The user's quiet hours (default the API's: off, 22:00–07:00, every day, the account's zone). */
  quietHours?: QuietHoursInit;
  /** The account's time zone, the quiet hours' default zone (default `America/Toronto`). */
  accountTimeZone?: string;
  /** The account's deliveries for `client.deliveries` (admins only, as with the API). */
  deliveries?: DeliveryInit[];
}

const DEFAULT_ME: Me = {
  id: '00000000-0000-4000-8000-000000000001',
  accountId: '00000000-0000-4000-8000-0000000000a1',
  name: 'Alex Martin',
  email: 'alex.martin@example.com',
  language: 'en',
  jobPosition: 'Service advisor',
  referenceId: null,
  photoUrl: null,
  role: 'member',
  capabilities: ['message_customers'],
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface PendingFailure {
  error: BaylinkError;
  method: MemoryMethod | undefined;
}

export class MemoryClient implements BaylinkClient {
  readonly baseUrl: string;
  readonly me: MeModule;
  readonly users: BaylinkClient['users'];
  readonly realtime: BaylinkClient['realtime'];
  readonly notifications: BaylinkClient['notifications'];
  readonly catalog: BaylinkClient['catalog'];
  readonly preferences: BaylinkClient['preferences'];
  readonly signature: BaylinkClient['signature'];
  readonly auth: BaylinkClient['auth'];
  readonly teams: BaylinkClient['teams'];
  readonly away: BaylinkClient['away'];
  readonly presence: BaylinkClient['presence'];
  readonly push: BaylinkClient['push'];
  readonly quietHours: BaylinkClient['quietHours'];
  readonly deliveries: BaylinkClient['deliveries'];
  /** Every call made, in order, with its arguments. */
  readonly calls: MemoryCall[] = [];
  /** Milliseconds each call takes. */
  latency: number;
  uploadDuration: number;
  uploadSteps: number;
  #destroyed = false;
  #profile: Me;
  readonly #users: UserSummary[];
  readonly #store: MemoryStore<MeState>;
  readonly #failures: PendingFailure[] = [];
  readonly #held = new Set<() => void>();
  #holding = false;
  readonly #objectUrls: string[] = [];
  readonly #inbox: MemoryNotifications;
  readonly #signature: MemorySignature;
  readonly #auth: MemoryAuth;
  readonly #away: MemoryAway;
  readonly #push: MemoryPush;
  readonly #teamList: TeamSummary[];
  /** Stream listeners, which also get the away module's `presence.changed` events. */
  readonly #streamListeners = new Set<(event: RealtimeEvent) => void>();

  constructor(options: MemoryClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? 'memory://baylink';
    this.latency = options.latency ?? 0;
    this.uploadDuration = options.uploadDuration ?? 400;
    this.uploadSteps = Math.max(1, options.uploadSteps ?? 10);
    this.#profile = { ...DEFAULT_ME, ...options.me };
    this.#users = options.users ?? [
      {
        id: this.#profile.id,
        name: this.#profile.name,
        jobPosition: this.#profile.jobPosition,
        language: this.#profile.language,
        photoUrl: this.#profile.photoUrl,
      },
      ...DEMO_TEAMMATES.filter((user) => user.id !== this.#profile.id),
    ];
    this.#teamList = options.teams ?? (options.users ? [] : demoTeams(this.#profile.id));
    const loaded = options.loaded ?? true;
    this.#store = new MemoryStore<MeState>(
      { status: loaded ? 'ready' : 'idle', me: loaded ? this.#profile : null, error: null },
      () => {
        if (this.#store.getState().status === 'idle') this.me.get().catch(() => {});
      },
    );
    this.me = {
      store: this.#store,
      get: () => this.#load(),
      update: (patch) => this.#update(patch),
      uploadPhoto: (file, uploadOptions) => this.#uploadPhoto(file, uploadOptions),
      deletePhoto: () => this.#deletePhoto(),
    };
    this.users = {
      list: () => this.#answer('users.list', [], () => this.#users.map((user) => ({ ...user }))),
      get: (userId) =>
        this.#answer('users.get', [userId], () => {
          const user = this.#users.find((candidate) => candidate.id === userId);
          if (!user)
            throw new BaylinkError({ status: 404, code: 'not_found', message: 'Not found' });
          return { ...user };
        }),
    };
    this.#inbox = new MemoryNotifications(
      (method, args, answer) => this.#answer(method, args, answer),
      {
        language: () => this.#profile.language,
        pageSize: options.pageSize,
        notifications: options.notifications,
        connection: options.connection,
      },
    );
    const inboxRealtime = this.#inbox.realtime;
    const streamListeners = this.#streamListeners;
    // One stream for every module: the inbox's events and the away module's.
    this.realtime = {
      status: inboxRealtime.status,
      subscribe: (listener) => {
        const stop = inboxRealtime.subscribe(listener);
        streamListeners.add(listener);
        return () => {
          stop();
          streamListeners.delete(listener);
        };
      },
      onLostConnection: (listener) => inboxRealtime.onLostConnection(listener),
      get lastError() {
        return inboxRealtime.lastError;
      },
    };
    this.notifications = this.#inbox.notifications;
    this.catalog = this.#inbox.catalog;
    this.preferences = this.#inbox.preferences;
    this.#signature = new MemorySignature(
      (method, args, answer) => this.#answer(method, args, answer),
      {
        me: this.#store,
        name: () => this.#profile.name,
        signature: options.signature,
        loaded,
      },
    );
    this.signature = this.#signature.module;
    this.#auth = new MemoryAuth(
      (method, args, answer) => this.#answer(method, args, answer),
      () => this.#profile,
      options.auth,
    );
    this.auth = this.#auth.auth;
    this.#away = new MemoryAway((method, args, answer) => this.#answer(method, args, answer), {
      me: () => this.#profile,
      users: () => this.#users,
      teams: this.#teamList,
      away: options.away,
      loaded,
      emit: (event) => {
        for (const listener of [...streamListeners]) listener(event);
      },
      notify: (notification) => this.#inbox.pushNotification(notification).id,
    });
    this.away = this.#away.away;
    this.presence = this.#away.presence;
    this.teams = this.#away.teams;
    this.#push = new MemoryPush((method, args, answer) => this.#answer(method, args, answer), {
      me: () => this.#profile,
      browser: options.browserPush,
      devices: options.pushDevices,
      quietHours: options.quietHours,
      accountTimeZone: options.accountTimeZone,
      deliveries: options.deliveries,
    });
    this.push = this.#push.push;
    this.quietHours = this.#push.quietHours;
    this.deliveries = this.#push.deliveries;
  }

  /**
   * Changes the simulated browser behind `client.push`: whether push works here and why not
   * (`reason`: `ios-needs-home-screen`, `cross-origin-frame`, `insecure-context`,
   * `no-push-api`), the permission (as if the user changed it in the browser's site settings)
   * and what the next permission prompt answers (`prompt`). Returns the browser's state.
   */
  setBrowserPush(patch: BrowserPushInit): BrowserPushState {
    return this.#push.setBrowser(patch);
  }

  /** This browser's push state now, as `push.browserState()` answers it (without a call). */
  get browserPush(): BrowserPushState {
    return this.#push.browserState;
  }

  /** Every permission prompt asked so far: whether a click caused it, and its answer. */
  get pushPrompts(): readonly MemoryPrompt[] {
    return this.#push.prompts;
  }

  /** The user's devices as stored now, newest first (without a call). */
  get pushDevices(): PushDevice[] {
    return this.#push.devices;
  }

  /** Adds one of the user's devices, as if registered from another browser earlier. */
  addPushDevice(init: PushDeviceInit): PushDevice {
    return this.#push.addDevice(init);
  }

  /** The quiet hours as stored now (without a call). */
  get storedQuietHours(): QuietHours {
    return this.#push.storedQuietHours;
  }

  /** The account's deliveries as stored now, newest first (without a call). */
  get storedDeliveries(): Delivery[] {
    return this.#push.storedDeliveries;
  }

  /** Adds deliveries to the account (each filled in: a queued web push created now). */
  addDeliveries(deliveries: DeliveryInit[]): Delivery[] {
    return this.#push.addDeliveries(deliveries);
  }

  /**
   * The state behind `client.auth`: `passwordAuth.mails` (reset mails "sent"),
   * `passwordAuth.password`, `passwordAuth.enabled`, `passwordAuth.policy`,
   * `passwordAuth.expireResetLinks()`.
   */
  get passwordAuth(): MemoryAuth {
    return this.#auth;
  }

  /** The account's teams as `teams.list()` answers them (synchronously, for tests and stories). */
  get teamList(): TeamSummary[] {
    return this.#teamList.map((team) => ({ ...team, memberIds: [...team.memberIds] }));
  }

  /**
   * Another tab, device or an admin changed a user's away status: validated like the API (bad
   * input throws the API's `BaylinkError`), then the stores update and stream subscribers get
   * `presence.changed`, as if the server had sent it.
   */
  setAway(userId: string, input: SetAwayStatus): AwayStatus {
    return this.#away.setAway(userId, input);
  }

  /** The automatic return arrives from the server: the user's away status turns off now. */
  endAway(userId: string): AwayStatus {
    return this.#away.endAway(userId);
  }

  /** A user's away status as stored now (not what a store has seen). */
  awayStatusOf(userId: string): AwayStatus {
    return this.#away.statusOf(userId);
  }

  /** The routing decisions made so far, newest first. */
  get routingDecisions() {
    return this.#away.decisions;
  }

  /** Inbox items per page of `notifications.fetchMore()`. */
  get pageSize(): number {
    return this.#inbox.pageSize;
  }

  set pageSize(value: number) {
    this.#inbox.pageSize = value;
  }

  /** Every notification in the inbox (archived ones too), newest first. */
  get inbox(): InboxNotification[] {
    return this.#inbox.inbox;
  }

  /** Adds notifications as if they had been there before (no live event). */
  addNotifications(notifications: NotificationInit[]): InboxNotification[] {
    return this.#inbox.addNotifications(notifications);
  }

  /**
   * Adds `count` demo notifications of every category in turn, newest first, spaced in time.
   * Returns how many the inbox holds.
   */
  generateNotifications(count: number, options?: GenerateOptions): number {
    return this.#inbox.generateNotifications(count, options);
  }

  /**
   * A notification arrives live, as the stream would bring it: the store and counts change,
   * stream subscribers get `notification.created`, `notifications.onArrival` listeners are told.
   */
  pushNotification(notification?: NotificationInit): InboxNotification {
    return this.#inbox.pushNotification(notification);
  }

  /** Sets the realtime status (`reconnecting` shows the notification center's indicator). */
  setConnectionStatus(status: ConnectionStatus): void {
    this.#inbox.setConnectionStatus(status);
  }

  /** The calls made so far of one method. */
  callsOf(method: MemoryMethod): MemoryCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** The profile as stored now (not a copy the store has seen: use `me.store` for that). */
  get profile(): Me {
    return { ...this.#profile };
  }

  /** Whether `destroy()` was called. */
  get destroyed(): boolean {
    return this.#destroyed;
  }

  /**
   * How many listeners the client's stores, stream and arrival hooks have (to check that
   * elements unsubscribe).
   */
  get subscriberCount(): number {
    return (
      this.#store.listenerCount +
      this.#inbox.listenerCount +
      this.#signature.listenerCount +
      this.#away.listenerCount
    );
  }

  /**
   * Makes the next call (or the next call of `method`) reject with this error, as the API would:
   * `failNext({ status: 400, code: 'validation_failed', details: [{ path: 'email', message: '…' }] })`.
   * Without arguments it fails like a lost network connection.
   */
  failNext(init: FailureInit | BaylinkError = {}, method?: MemoryMethod): void {
    const error =
      init instanceof BaylinkError
        ? init
        : new BaylinkError({
            status: init.status ?? 0,
            code: init.code ?? (init.status ? 'internal' : 'network_error'),
            message:
              init.message ??
              (init.status
                ? `The request failed with status ${init.status}`
                : 'The Baylink API could not be reached'),
            details: init.details,
          });
    this.#failures.push({ error, method });
  }

  /** Holds every call until `release()` (for "saving…" states in stories and tests). */
  hold(): void {
    this.#holding = true;
  }

  /** Lets held calls answer. */
  release(): void {
    this.#holding = false;
    for (const resume of [...this.#held]) resume();
    this.#held.clear();
  }

  /** Changes the stored profile as if another tab or an administrator had, and notifies. */
  externalUpdate(patch: Partial<Me>): void {
    this.#profile = { ...this.#profile, ...patch, updatedAt: new Date().toISOString() };
    this.#store.set({ status: 'ready', me: this.#profile, error: null });
  }

  destroy(): void {
    this.#destroyed = true;
    this.#store.clear();
    this.#inbox.clear();
    this.#signature.clear();
    this.#away.clear();
    this.#streamListeners.clear();
    for (const url of this.#objectUrls) URL.revokeObjectURL(url);
    this.#objectUrls.length = 0;
  }

  async #wait(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms > 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            reject(abortError());
          },
          { once: true },
        );
      });
    } else {
      await Promise.resolve();
    }
    if (this.#holding) await new Promise<void>((resolve) => this.#held.add(resolve));
    if (signal?.aborted) throw abortError();
  }

  #takeFailure(method: MemoryMethod): BaylinkError | undefined {
    const index = this.#failures.findIndex(
      (failure) => failure.method === undefined || failure.method === method,
    );
    if (index === -1) return undefined;
    const [failure] = this.#failures.splice(index, 1);
    return failure?.error;
  }

  async #answer<T>(
    method: MemoryMethod,
    args: unknown[],
    answer: () => T,
    signal?: AbortSignal,
  ): Promise<T> {
    this.calls.push({ method, args });
    if (this.#destroyed) {
      throw new BaylinkError({ status: 0, code: 'destroyed', message: 'The client was destroyed' });
    }
    await this.#wait(this.latency, signal);
    const failure = this.#takeFailure(method);
    if (failure) throw failure;
    return answer();
  }

  #settle(next: Me): Me {
    this.#profile = { ...next, updatedAt: new Date().toISOString() };
    this.#store.set({ status: 'ready', me: this.#profile, error: null });
    return { ...this.#profile };
  }

  async #load(): Promise<Me> {
    const state = this.#store.getState();
    if (!state.me) this.#store.set({ ...state, status: 'loading' });
    try {
      return await this.#answer('get', [], () => this.#settle(this.#profile));
    } catch (error) {
      const current = this.#store.getState();
      this.#store.set({
        ...current,
        status: current.me ? 'ready' : 'error',
        error: error as BaylinkError,
      });
      throw error;
    }
  }

  #update(patch: UpdateMe): Promise<Me> {
    return this.#answer('update', [patch], () => {
      const next: Me = { ...this.#profile };
      const details: ErrorDetail[] = [];
      for (const [key, raw] of Object.entries(patch)) {
        const value = typeof raw === 'string' ? raw.trim() : raw;
        switch (key) {
          case 'name':
            if (typeof value !== 'string' || value === '') {
              details.push({ path: 'name', message: 'Name is required' });
            } else if (value.length > PROFILE_LIMITS.name) {
              details.push({ path: 'name', message: `At most ${PROFILE_LIMITS.name} characters` });
            } else next.name = value;
            break;
          case 'email':
            if (typeof value !== 'string' || !EMAIL.test(value) || value.length > 254) {
              details.push({ path: 'email', message: 'Invalid email address' });
            } else next.email = value.toLowerCase();
            break;
          case 'language':
            if (!LANGUAGES.includes(value as Me['language'])) {
              details.push({ path: 'language', message: 'Invalid option: expected "en" or "fr"' });
            } else next.language = value as Me['language'];
            break;
          case 'jobPosition':
          case 'referenceId': {
            const max = PROFILE_LIMITS[key];
            if (value !== null && typeof value !== 'string') {
              details.push({ path: key, message: 'Expected a string' });
            } else if (typeof value === 'string' && value.length > max) {
              details.push({ path: key, message: `At most ${max} characters` });
            } else next[key] = value === '' ? null : value;
            break;
          }
          default:
            details.push({ path: key, message: 'Unrecognized key' });
        }
      }
      if (details.length > 0) {
        throw new BaylinkError({
          status: 400,
          code: 'validation_failed',
          message: 'The request is not valid',
          details,
        });
      }
      return this.#settle(next);
    });
  }

  async #uploadPhoto(file: Blob, options: UploadOptions = {}): Promise<Me> {
    this.calls.push({ method: 'uploadPhoto', args: [file, options] });
    if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) {
      throw new BaylinkError({
        status: 415,
        code: 'unsupported_media_type',
        message: 'The photo must be a JPEG, PNG or WebP image',
      });
    }
    if (file.size > PROFILE_LIMITS.photoBytes) {
      throw new BaylinkError({
        status: 413,
        code: 'payload_too_large',
        message: 'The photo is larger than 5 MB',
      });
    }
    const total = file.size;
    const stepMs = this.uploadDuration / this.uploadSteps;
    for (let step = 1; step <= this.uploadSteps; step += 1) {
      await this.#wait(stepMs, options.signal);
      const failure = step === this.uploadSteps ? undefined : this.#peekUploadFailure(step);
      if (failure) throw failure;
      options.onProgress?.({ loaded: Math.round((total * step) / this.uploadSteps), total });
    }
    await this.#wait(this.latency, options.signal);
    const failure = this.#takeFailure('uploadPhoto');
    if (failure) throw failure;
    const url = URL.createObjectURL(file);
    this.#objectUrls.push(url);
    return this.#settle({ ...this.#profile, photoUrl: url });
  }

  /** A failed upload stops half-way, like a dropped connection would. */
  #peekUploadFailure(step: number): BaylinkError | undefined {
    if (step !== Math.ceil(this.uploadSteps / 2)) return undefined;
    return this.#takeFailure('uploadPhoto');
  }

  #deletePhoto(): Promise<Me> {
    return this.#answer('deletePhoto', [], () =>
      this.#settle({ ...this.#profile, photoUrl: null }),
    );
  }
}

function abortError(): BaylinkError {
  return new BaylinkError({ status: 0, code: 'aborted', message: 'The request was aborted' });
}

/** Creates an in-memory client (see `MemoryClient`). */
export function createMemoryClient(options?: MemoryClientOptions): MemoryClient {
  return new MemoryClient(options);
}

/** A small PNG (a 2×2 square in the given colour), for upload stories and tests. */
export async function createTestImage(
  color = '#1f56c7',
  type: 'image/png' | 'image/jpeg' | 'image/webp' = 'image/png',
): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = 2;
  canvas.height = 2;
  const context = canvas.getContext('2d');
  if (context) {
    context.fillStyle = color;
    context.fillRect(0, 0, 2, 2);
  }
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (result) => (result ? resolve(result) : reject(new Error('toBlob failed'))),
      type,
    ),
  );
  const extension = type.split('/')[1] ?? 'png';
  return new File([blob], `photo.${extension}`, { type: blob.type || type });
}

/** A sample profile photo (an SVG silhouette as a data URL, so it needs no network). */
export const SAMPLE_PHOTO_URL = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120"><rect width="120" height="120" fill="#c7d7f5"/><circle cx="60" cy="46" r="22" fill="#1f56c7"/><path d="M16 120c4-26 22-40 44-40s40 14 44 40z" fill="#1f56c7"/></svg>',
)}`;
