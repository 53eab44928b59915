import type {
  AwayAssignee,
  AwayStatus,
  AwayUntil,
  RouteRequest,
  RoutingDecision,
  RoutingDecisionPage,
  SetAwayStatus,
} from '../contract/away.ts';
import type {
  DeliveryPage,
  DeliveryQuery,
  PushConfig,
  PushDevice,
  PushRegistration,
  PushSubscriptionInput,
  PushTestResult,
  QuietHours,
  RetryDeliveriesResult,
  UpdateQuietHours,
} from '../contract/delivery.ts';
import type {
  LoginResponse,
  PasswordSettings,
  Signature,
  SignedMessage,
  UpdateSignature,
} from '../contract/identity.ts';
import type {
  Catalog,
  InboxQuery,
  Notification,
  NotificationCounts,
  PreferenceChange,
  Preferences,
} from '../contract/notifications.ts';
import type { Me, TeamSummary, UpdateMe, UserSummary } from '../contract/profile.ts';
import type { StreamEvent } from '../contract/stream.ts';
import type { BaylinkError } from './error.ts';

export type RequestStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The one observable primitive: read the state, subscribe to changes; subscribe returns its unsubscribe. */
export interface Store<T> {
  getState(): T;
  subscribe(listener: (state: T) => void): () => void;
}

export type TokenSource = () => string | Promise<string>;

export interface ClientOptions {
  /** The API's origin and path prefix, such as `https://api.baylink.example` (no trailing `/v1`). */
  baseUrl: string;
  /** A user token minted by the host's backend. */
  token?: string;
  /** Called for the first token and again after a 401, to fetch a fresh one. */
  getToken?: TokenSource;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
  /** Tuning of the realtime connection (the defaults suit production). */
  realtime?: RealtimeOptions;
  /** Tuning of `client.notifications`. */
  notifications?: NotificationsOptions;
}

export interface NotificationsOptions {
  /** Items per page of the inbox store (default 30, at most 100). */
  pageSize?: number;
  /** How long the first load waits for the stream to connect, in ms (default 2000). */
  connectWaitMs?: number;
}

export interface RealtimeOptions {
  /** The ceiling of the first reconnection delay, in ms (default 1000; a server `retry:` replaces it). */
  initialDelayMs?: number;
  /** The largest reconnection delay, in ms (default 30000). */
  maxDelayMs?: number;
  /** Silence after which the connection counts as dead, in ms (default 2.5 heartbeat intervals). */
  heartbeatTimeoutMs?: number;
  /** How long the connection may be down before `onLostConnection` says `lost`, in ms (default 5000). */
  lostConnectionTimeoutMs?: number;
  /** Share one stream between the user's tabs where Web Locks and BroadcastChannel exist (default true). */
  shareAcrossTabs?: boolean;
}

export interface MeState {
  status: RequestStatus;
  me: Me | null;
  error: BaylinkError | null;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

export interface MeModule {
  /** The signed-in user's profile, kept up to date by every method of this module. */
  readonly store: Store<MeState>;
  /** Fetch the profile (and refresh the store). */
  get(): Promise<Me>;
  /** Save changed fields; rejects with a 400 `BaylinkError` naming bad fields. */
  update(patch: UpdateMe): Promise<Me>;
  /** Upload a JPEG, PNG or WebP photo (at most 5 MB), reporting progress. */
  uploadPhoto(file: Blob, options?: UploadOptions): Promise<Me>;
  deletePhoto(): Promise<Me>;
}

export interface UsersModule {
  /** Users of the signed-in user's account. */
  list(): Promise<UserSummary[]>;
  get(userId: string): Promise<UserSummary>;
}

export interface TeamsModule {
  /** Teams of the signed-in user's account, by name, with their member ids. */
  list(): Promise<TeamSummary[]>;
}

/** The realtime connection's public face (one connection serves every module). */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** A debounced notice: `lost` once the connection has been down a while, `restored` when it is back. */
export type ConnectionEvent = 'lost' | 'restored';

export interface RealtimeModule {
  /** The connection status; the connection opens when the first listener subscribes to events. */
  readonly status: Store<ConnectionStatus>;
  /** Listens to every stream event (deduplicated by id, in order). Returns its unsubscribe. */
  subscribe(listener: (event: StreamEvent) => void): () => void;
  /**
   * `lost` when the connection has been down longer than `lostConnectionTimeoutMs` (short
   * blips say nothing), then `restored` when it is back. Returns its unsubscribe.
   */
  onLostConnection(listener: (event: ConnectionEvent) => void): () => void;
  /** Why the last attempt failed, while reconnecting; null once connected. */
  readonly lastError: BaylinkError | null;
}

/** The inbox filter the store shows: category, read state, archived or not. */
export interface InboxFilter {
  category?: string | undefined;
  read?: 'all' | 'unread' | 'read';
  archived?: boolean;
}

export interface NotificationsState {
  status: RequestStatus;
  /** Newest first, for the current filter. */
  items: Notification[];
  filter: InboxFilter;
  counts: NotificationCounts;
  hasMore: boolean;
  loadingMore: boolean;
  error: BaylinkError | null;
}

export interface NotificationsModule {
  /** The inbox for the current filter, kept live from the stream and in step across tabs. */
  readonly store: Store<NotificationsState>;
  /** Shows another filter (reloads the first page). */
  setFilter(filter: InboxFilter): Promise<void>;
  /** Loads the next (older) page. */
  fetchMore(): Promise<void>;
  /** Reloads the first page and the counts. */
  refresh(): Promise<void>;
  /** One page, without touching the store. */
  list(
    query?: InboxQuery,
  ): Promise<{ items: Notification[]; nextCursor: string | null; counts: NotificationCounts }>;
  counts(): Promise<NotificationCounts>;
  /** Optimistic: the store changes at once and rolls back if the API refuses. */
  markSeen(ids: string[]): Promise<void>;
  markRead(ids: string[]): Promise<void>;
  markUnread(ids: string[]): Promise<void>;
  archive(ids: string[]): Promise<void>;
  unarchive(ids: string[]): Promise<void>;
  /** Marks read everything the current filter shows. */
  markAllRead(): Promise<void>;
  /** Called for each notification that arrives live (for toasts and screen-reader announcements). */
  onArrival(listener: (notification: Notification) => void): () => void;
}

export interface CatalogModule {
  /** The catalog in a language (default: the signed-in user's), cached per language. */
  get(language?: 'en' | 'fr'): Promise<Catalog>;
}

export interface PreferencesState {
  status: RequestStatus;
  preferences: Preferences | null;
  error: BaylinkError | null;
}

export interface PreferencesModule {
  readonly store: Store<PreferencesState>;
  get(): Promise<Preferences>;
  /** Optimistic: applies the changes to the store at once, rolls back if the API refuses. */
  update(changes: PreferenceChange[]): Promise<Preferences>;
  reset(): Promise<Preferences>;
}

/** Baylink's own identity, for accounts that do not sign their users in through the host. */
export interface AuthModule {
  /** Signs in with email and password; the client then uses the returned token. */
  login(input: { accountId: string; email: string; password: string }): Promise<LoginResponse>;
  /** Asks for a reset mail. Resolves the same way whether or not the address exists. */
  requestReset(input: { accountId: string; email: string; resetUrl: string }): Promise<void>;
  /** Sets a new password with the token from the reset link (single use, expires). */
  resetPassword(input: { token: string; password: string; confirmation: string }): Promise<void>;
  /** The signed-in user's password settings: whether the section applies and the account's rule. */
  settings(): Promise<PasswordSettings>;
  changePassword(input: { current: string; password: string; confirmation: string }): Promise<void>;
}

export interface SignatureState {
  status: RequestStatus;
  signature: Signature | null;
  error: BaylinkError | null;
}

export interface SignatureModule {
  readonly store: Store<SignatureState>;
  get(): Promise<Signature>;
  update(patch: UpdateSignature): Promise<Signature>;
  /** The message body with the user's signature appended, the way the API does it for hosts. */
  apply(body: string): Promise<SignedMessage>;
}

export interface AwayState {
  status: RequestStatus;
  /** The signed-in user's status (live: the stream, other tabs and devices, the automatic return). */
  away: AwayStatus | null;
  error: BaylinkError | null;
}

export interface RoutingDecisionQuery {
  userId?: string;
  assigneeId?: string;
  conversationId?: string;
  limit?: number;
  cursor?: string;
}

export interface AwayModule {
  /** The signed-in user's own status; loads when its first subscriber arrives, then stays live. */
  readonly store: Store<AwayState>;
  get(): Promise<AwayStatus>;
  /** Sets the whole status (`away`, optional `assignee` and `until`); 400 names a bad field. */
  set(input: SetAwayStatus): Promise<AwayStatus>;
  /** Turns the status off (the assignee is kept for next time). */
  clear(): Promise<AwayStatus>;
  /** A teammate's status. */
  getFor(userId: string): Promise<AwayStatus>;
  /** Admins: set or clear a teammate's status (403 for other users). */
  setFor(userId: string, input: SetAwayStatus): Promise<AwayStatus>;
  clearFor(userId: string): Promise<AwayStatus>;
  /** Who gets a new conversation meant for a user now, and why (recorded for audit). */
  route(input: RouteRequest): Promise<RoutingDecision>;
  /** Admins: the recorded decisions, newest first. */
  decisions(query?: RoutingDecisionQuery): Promise<RoutingDecisionPage>;
}

export interface PresenceState {
  status: RequestStatus;
  /** Every user of the account by id, with their away status as of now. */
  users: ReadonlyMap<string, AwayStatus>;
  error: BaylinkError | null;
}

/**
 * What a composer shows before mentioning or assigning someone: "Alex is away until Friday —
 * covered by Sam". `route` says who a new conversation would go to now.
 */
export interface AwayNotice {
  userId: string;
  name: string;
  away: boolean;
  since: string | null;
  until: AwayUntil | null;
  /** Who covers while away (null when not away or nobody was named). */
  cover: AwayAssignee | null;
  /** True when the user covering is away too (conversations then stay with the user). */
  coverAway: boolean;
}

export interface PresenceModule {
  /**
   * One store for every name on the page: the away status of every user of the account, loaded
   * once when the first subscriber arrives and kept live from the stream. A status whose `until`
   * passes turns off on time, even before the server's event arrives.
   */
  readonly store: Store<PresenceState>;
  /** One user's entry, synchronously (undefined until loaded or for an unknown id). */
  get(userId: string): AwayStatus | undefined;
  /** Listens to one user's entry only (called at once with the current value). */
  subscribeUser(userId: string, listener: (status: AwayStatus | undefined) => void): () => void;
  /** Loads (or reloads) the whole list. */
  refresh(): Promise<void>;
  /** The away-aware mention helper: the user's state and cover, from the store (loading it if needed). */
  check(userId: string): Promise<AwayNotice>;
}

/** Why this browser cannot receive browser notifications from this page. */
export type PushUnsupportedReason =
  /** Not a secure context (https or localhost). */
  | 'insecure-context'
  /** No service worker, PushManager or Notification API in this browser. */
  | 'no-push-api'
  /** iPhone and iPad: only a web app added to the Home Screen may ask (iOS 16.4+). */
  | 'ios-needs-home-screen'
  /** Inside a cross-origin iframe browsers refuse the permission prompt. */
  | 'cross-origin-frame';

export interface BrowserPushState {
  supported: boolean;
  reason: PushUnsupportedReason | null;
  /** The browser's permission for this origin (`unsupported` when not supported). */
  permission: 'default' | 'granted' | 'denied' | 'unsupported';
  /** True when this browser holds a subscription registered with Baylink. */
  subscribed: boolean;
  /** The Baylink device id of this browser's subscription, if registered. */
  deviceId: string | null;
}

export interface BrowserPushOptions {
  /** The service worker's URL on the host page's origin (default `/baylink-sw.js`). */
  serviceWorkerUrl?: string;
  /** Its scope (default: the browser's default for that URL). */
  scope?: string;
}

export interface PushModule {
  /** The VAPID application server key (cached). */
  config(): Promise<PushConfig>;
  /** Registers a browser subscription (`PushSubscription.toJSON()`) for the signed-in user. */
  register(subscription: PushSubscriptionInput): Promise<PushRegistration>;
  /** The user's browsers and devices that receive browser notifications. */
  devices(): Promise<PushDevice[]>;
  revoke(deviceId: string): Promise<void>;
  /** Sends a test notification to one device now and says what the push service answered. */
  test(deviceId: string): Promise<PushTestResult>;
  /** This browser's state (support, permission, subscription). Never prompts. */
  browserState(options?: BrowserPushOptions): Promise<BrowserPushState>;
  /**
   * Asks for permission (call it from a click: browsers refuse prompts without one), registers
   * the service worker, subscribes and registers the subscription with Baylink.
   */
  enableThisBrowser(options?: BrowserPushOptions): Promise<BrowserPushState>;
  /** Unsubscribes this browser and revokes its device. */
  disableThisBrowser(options?: BrowserPushOptions): Promise<BrowserPushState>;
}

export interface DeliveriesModule {
  /** Admins: deliveries of the account, newest first (filter by status, channel, user). */
  list(query?: DeliveryQuery): Promise<DeliveryPage>;
  /** Admins: try failed or dead deliveries again now. */
  retry(ids: string[]): Promise<RetryDeliveriesResult>;
}

export interface QuietHoursModule {
  get(): Promise<QuietHours>;
  set(input: UpdateQuietHours): Promise<QuietHours>;
}

export interface BaylinkClient {
  readonly baseUrl: string;
  readonly me: MeModule;
  readonly users: UsersModule;
  readonly teams: TeamsModule;
  readonly realtime: RealtimeModule;
  readonly notifications: NotificationsModule;
  readonly catalog: CatalogModule;
  readonly preferences: PreferencesModule;
  readonly auth: AuthModule;
  readonly signature: SignatureModule;
  readonly away: AwayModule;
  readonly presence: PresenceModule;
  readonly push: PushModule;
  readonly deliveries: DeliveriesModule;
  readonly quietHours: QuietHoursModule;
  /** Stop background work and drop subscriptions. */
  destroy(): void;
}
