// Plain values of the contract, with no zod import, so browser bundles can use them for free.

export const LANGUAGES = ['en', 'fr'] as const;
export const ROLES = ['admin', 'member'] as const;
export const CAPABILITIES = ['message_customers'] as const;

export const PROFILE_LIMITS = {
  name: 120,
  jobPosition: 120,
  referenceId: 128,
  photoBytes: 5 * 1024 * 1024,
  photoSize: 512,
} as const;

/** Image types accepted for a profile photo (sniffed from the bytes, not trusted from the name). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** API keys start with this prefix, which lets a browser client refuse one early. */
export const API_KEY_PREFIX = 'bl_sk_';

/** The `aud` claim every user token must carry. */
export const TOKEN_AUDIENCE = 'baylink';
/** The one signing algorithm accepted for user tokens. */
export const TOKEN_ALGORITHM = 'HS256';
/** The longest lifetime a user token may have (`exp - iat`), in seconds: 12 hours. */
export const MAX_TOKEN_TTL_SECONDS = 12 * 60 * 60;
/** Tolerated clock difference between the host's backend and the API, in seconds. */
export const TOKEN_CLOCK_TOLERANCE_SECONDS = 30;

/** Seconds between heartbeat comments on an idle stream. */
export const STREAM_HEARTBEAT_SECONDS = 15;
/** How long stream events are kept for catch-up, in hours. */
export const STREAM_RETENTION_HOURS = 72;
/** The kinds of event `GET /v1/stream` sends (the SSE `event:` field). */
export const STREAM_EVENT_KINDS = [
  'notification.created',
  'notifications.changed',
  'presence.changed',
  'resync',
] as const;
export type StreamEventKind = (typeof STREAM_EVENT_KINDS)[number];

/** The article's password rule: at least 6 characters, letters and numbers included. */
export const PASSWORD_DEFAULT_POLICY = {
  minLength: 6,
  requireLetter: true,
  requireDigit: true,
  requireMixedCase: false,
  requireSymbol: false,
} as const;

/** The longest signature, in characters. */
export const SIGNATURE_MAX_LENGTH = 500;

/**
 * Why a routing decision gave a conversation to whom:
 * - `not_away`: the user is not away, they keep it;
 * - `replied`: the user answered this conversation while away, it stays theirs;
 * - `no_assignee`: the user is away but named nobody to cover, it stays theirs;
 * - `assignee`: the user covering (available) gets it;
 * - `assignee_away`: the user covering is away too, it stays with the user (no chains);
 * - `team_member`: the team covering has an available member, the least recently assigned gets it;
 * - `team_unavailable`: every member of the team covering is away (or it has none), it stays.
 */
export const ROUTING_REASONS = [
  'not_away',
  'replied',
  'no_assignee',
  'assignee',
  'assignee_away',
  'team_member',
  'team_unavailable',
] as const;
export type RoutingReasonKey = (typeof ROUTING_REASONS)[number];

/** Channels the delivery worker sends (in-app needs no delivery). */
export const DELIVERY_CHANNELS = ['web_push', 'email', 'mobile'] as const;
/** queued → sending → sent | failed (will retry) | dead (gave up; an admin may retry). */
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'dead'] as const;
/** Push services whose endpoints are accepted by default (a host suffix matches its subdomains). */
export const DEFAULT_PUSH_SERVICE_HOSTS = [
  'fcm.googleapis.com',
  'android.googleapis.com',
  'updates.push.services.mozilla.com',
  'push.services.mozilla.com',
  'push.apple.com',
  'notify.windows.com',
] as const;
/** Webhook signature headers (the SDK's `verifyWebhook` reads them). */
export const WEBHOOK_HEADERS = {
  id: 'baylink-delivery-id',
  timestamp: 'baylink-timestamp',
  signature: 'baylink-signature',
} as const;
/** How old a webhook's timestamp may be before a receiver refuses it, in seconds. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
