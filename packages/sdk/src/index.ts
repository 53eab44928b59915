export { createClient } from './client/create-client.ts';
export { BaylinkError, isBaylinkError } from './client/error.ts';
export { type BackoffOptions, backoffDelay } from './client/realtime/backoff.ts';
export {
  createSseParser,
  type SseHandlers,
  type SseMessage,
  type SseParser,
} from './client/realtime/sse-parser.ts';
export type {
  AuthModule,
  AwayModule,
  AwayNotice,
  AwayState,
  BaylinkClient,
  CatalogModule,
  ClientOptions,
  ConnectionEvent,
  ConnectionStatus,
  InboxFilter,
  MeModule,
  MeState,
  NotificationsModule,
  NotificationsOptions,
  NotificationsState,
  PreferencesModule,
  PreferencesState,
  PresenceModule,
  PresenceState,
  RealtimeModule,
  RealtimeOptions,
  RequestStatus,
  RoutingDecisionQuery,
  SignatureModule,
  SignatureState,
  Store,
  TeamsModule,
  TokenSource,
  UploadOptions,
  UploadProgress,
  UsersModule,
} from './client/types.ts';
export type {
  AwayAssignee,
  AwayAssigneeInput,
  AwayStatus,
  AwayUntil,
  AwayUntilInput,
  PresenceList,
  RouteRequest,
  RoutingDecision,
  RoutingDecisionPage,
  RoutingReason,
  SetAwayStatus,
} from './contract/away.ts';
export type { Capability, Language, Role } from './contract/common.ts';
export {
  API_KEY_PREFIX,
  CAPABILITIES,
  LANGUAGES,
  PASSWORD_DEFAULT_POLICY,
  PHOTO_TYPES,
  PROFILE_LIMITS,
  ROLES,
  ROUTING_REASONS,
  SIGNATURE_MAX_LENGTH,
  STREAM_EVENT_KINDS,
  STREAM_HEARTBEAT_SECONDS,
  type StreamEventKind,
} from './contract/constants.ts';
export type { ErrorBody, ErrorCode, ErrorDetail } from './contract/errors.ts';
export type {
  LoginResponse,
  PasswordPolicy,
  PasswordSettings,
  Signature,
  SignedMessage,
  UpdateSignature,
} from './contract/identity.ts';
export type {
  Catalog,
  Channel,
  InboxPage,
  InboxQuery,
  Notification,
  NotificationChanges,
  NotificationCounts,
  PreferenceChange,
  PreferenceOverrides,
  Preferences,
} from './contract/notifications.ts';
export type {
  Me,
  TeamSummary,
  UpdateMe,
  UserList,
  UserSummary,
} from './contract/profile.ts';
export type { StreamEvent } from './contract/stream.ts';
