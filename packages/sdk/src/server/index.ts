export { BaylinkError, isBaylinkError } from '../client/error.ts';
export type {
  Account,
  CreateAccount,
  CreateTeam,
  Integrator,
  Team,
  UpdateAccount,
  UpdateIntegrator,
  UpdateTeam,
  UpdateUser,
  UpsertUser,
  User,
} from '../contract/admin.ts';
export { WEBHOOK_HEADERS, WEBHOOK_TOLERANCE_SECONDS } from '../contract/constants.ts';
export type {
  Delivery,
  DeliveryChannel,
  DeliveryPage,
  DeliveryQuery,
  DeliveryStatus,
  MobileWebhook,
  MobileWebhookPayload,
  RetryDeliveriesResult,
  SetMobileWebhook,
} from '../contract/delivery.ts';
export type { ErrorCode, ErrorDetail } from '../contract/errors.ts';
export type {
  Catalog,
  CreateEvent,
  EventAccepted,
  TopicSubscribers,
} from '../contract/notifications.ts';
export {
  type AccountsModule,
  createServerClient,
  type EventsModule,
  type IntegratorModule,
  type MobileWebhookModule,
  type SendEventOptions,
  type ServerCatalogModule,
  type ServerClient,
  type ServerClientOptions,
  type ServerDeliveriesModule,
  type TeamsModule,
  type TopicsModule,
  type UsersModule,
} from './create-server-client.ts';
export { type MintUserTokenOptions, mintUserToken } from './tokens.ts';
export {
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookHeaders,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from './webhooks.ts';
