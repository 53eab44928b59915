import { z } from 'zod';
import { Id, Timestamp, TimeZone } from './common.ts';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from './constants.ts';

// ─── Web push: the browser's subscription, the devices list, the service worker's calls ────

const Base64Url = z
  .string()
  .min(16)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'Must be base64url');

/**
 * What `PushSubscription.toJSON()` gives in the browser. The endpoint must be an `https:` URL of
 * a known push service (FCM, Mozilla, Apple, Microsoft by default; `PUSH_ALLOWED_HOSTS` changes
 * the list); private and loopback addresses are refused.
 */
export const PushSubscriptionInput = z
  .object({
    endpoint: z.url({ protocol: /^https$/ }).max(2000),
    expirationTime: z.number().nullable().optional(),
    keys: z.object({ p256dh: Base64Url, auth: Base64Url.min(16).max(64) }).strict(),
  })
  .strict()
  .meta({ id: 'PushSubscriptionInput' });
export type PushSubscriptionInput = z.input<typeof PushSubscriptionInput>;

/** `POST /v1/me/push-subscriptions`: registers (or refreshes) this browser for the signed-in user. */
export const RegisterPushSubscription = z
  .object({ subscription: PushSubscriptionInput })
  .strict()
  .meta({ id: 'RegisterPushSubscription' });
export type RegisterPushSubscription = z.input<typeof RegisterPushSubscription>;

/** One browser or device that receives the user's browser notifications. */
export const PushDevice = z
  .object({
    id: Id,
    /** "Chrome on Windows", from the User-Agent at registration. */
    label: z.string(),
    browser: z.string().nullable(),
    os: z.string().nullable(),
    /** The push service's origin, such as `https://fcm.googleapis.com`. */
    service: z.string(),
    createdAt: Timestamp,
    /** The last time a push reached the push service for it (null: never yet). */
    lastUsedAt: Timestamp.nullable(),
  })
  .meta({ id: 'PushDevice' });
export type PushDevice = z.infer<typeof PushDevice>;

export const PushDeviceList = z
  .object({ items: z.array(PushDevice) })
  .meta({ id: 'PushDeviceList' });
export type PushDeviceList = z.infer<typeof PushDeviceList>;

/**
 * The answer to a registration: the device, and a device token (shown once) that lets the
 * service worker — which holds no user token — renew the subscription on
 * `pushsubscriptionchange` and mark a clicked notification read.
 */
export const PushRegistration = z
  .object({ device: PushDevice, deviceToken: z.string() })
  .meta({ id: 'PushRegistration' });
export type PushRegistration = z.infer<typeof PushRegistration>;

/** `GET /v1/push/config` (public): the VAPID application server key browsers subscribe with. */
export const PushConfig = z.object({ publicKey: z.string() }).meta({ id: 'PushConfig' });
export type PushConfig = z.infer<typeof PushConfig>;

/** `POST /v1/me/push-subscriptions/{id}/test`: what happened to the test notification. */
export const PushTestResult = z
  .object({
    /** `sent`: the push service accepted it; `gone`: the subscription expired and was removed. */
    outcome: z.enum(['sent', 'gone', 'failed']),
    /** The push service's HTTP status, or null when it could not be reached. */
    status: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'PushTestResult' });
export type PushTestResult = z.infer<typeof PushTestResult>;

/** `POST /v1/push/device/renew` (device token): the new subscription after `pushsubscriptionchange`. */
export const RenewPushSubscription = z
  .object({ subscription: PushSubscriptionInput })
  .strict()
  .meta({ id: 'RenewPushSubscription' });
export type RenewPushSubscription = z.input<typeof RenewPushSubscription>;

/** `POST /v1/push/device/read` (device token): the notification clicked in the system tray. */
export const PushMarkRead = z.object({ notificationId: Id }).strict().meta({ id: 'PushMarkRead' });
export type PushMarkRead = z.input<typeof PushMarkRead>;

/**
 * What every push carries (JSON, encrypted, well under 3 KB): a pointer and what the system
 * notification shows. The service worker reads it; hosts that write their own worker can too.
 */
export const PushPayload = z
  .object({
    v: z.literal(1),
    /** The notification's id (null for a test push). */
    id: Id.nullable(),
    type: z.string(),
    title: z.string(),
    body: z.string().nullable(),
    /** Notifications with the same tag replace each other on the device. */
    tag: z.string(),
    /** Where a click goes (the host app's deep link), or null. */
    link: z.string().nullable(),
    icon: z.string().nullable(),
    /** The API the service worker calls back (mark read, renew). */
    api: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'PushPayload' });
export type PushPayload = z.infer<typeof PushPayload>;

// ─── Quiet hours (push and mobile wait; required types break through) ──────────────────────

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24-hour clock)');

export const QuietHours = z
  .object({
    enabled: z.boolean(),
    /** Start and end in the user's time zone; an end before the start spans midnight (22:00–07:00). */
    start: z.string(),
    end: z.string(),
    timeZone: z.string(),
    /** Days the hours apply, 0 = Sunday … 6 = Saturday (of the day the quiet period starts). */
    days: z.array(z.number().int().min(0).max(6)),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'QuietHours' });
export type QuietHours = z.infer<typeof QuietHours>;

export const UpdateQuietHours = z
  .object({
    enabled: z.boolean(),
    start: HourMinute,
    end: HourMinute,
    timeZone: TimeZone,
    days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
  })
  .strict()
  .refine((hours) => hours.start !== hours.end, {
    message: 'The quiet hours must end at another time than they start',
    path: ['end'],
  })
  .meta({ id: 'UpdateQuietHours' });
export type UpdateQuietHours = z.input<typeof UpdateQuietHours>;

// ─── Deliveries: what the worker did with each channel of each notification ──────────────

export const DeliveryChannel = z.enum(DELIVERY_CHANNELS).meta({ id: 'DeliveryChannel' });
export type DeliveryChannel = z.infer<typeof DeliveryChannel>;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES).meta({ id: 'DeliveryStatus' });
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const Delivery = z
  .object({
    id: Id,
    notificationId: Id,
    userId: Id,
    /** The notification's type and title (in the recipient's language). */
    type: z.string(),
    title: z.string(),
    channel: DeliveryChannel,
    /** Where it goes, for people: a device label, an email address, or `webhook`. */
    destination: z.string(),
    status: DeliveryStatus,
    attempts: z.number().int(),
    nextAttemptAt: Timestamp.nullable(),
    lastAttemptAt: Timestamp.nullable(),
    lastError: z.string().nullable(),
    /** Held by the user's quiet hours until `nextAttemptAt`. */
    held: z.boolean(),
    sentAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Delivery' });
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryQuery = z.object({
  status: DeliveryStatus.optional(),
  channel: DeliveryChannel.optional(),
  userId: Id.optional(),
  notificationId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type DeliveryQuery = z.input<typeof DeliveryQuery>;

export const DeliveryPage = z
  .object({ items: z.array(Delivery), nextCursor: z.string().nullable() })
  .meta({ id: 'DeliveryPage' });
export type DeliveryPage = z.infer<typeof DeliveryPage>;

/** `POST …/deliveries/retry`: failed or dead deliveries to try again now (others are skipped). */
export const RetryDeliveries = z
  .object({ ids: z.array(Id).min(1).max(500) })
  .strict()
  .meta({ id: 'RetryDeliveries' });
export type RetryDeliveries = z.input<typeof RetryDeliveries>;

export const RetryDeliveriesResult = z
  .object({ retried: z.array(Id), skipped: z.array(Id) })
  .meta({ id: 'RetryDeliveriesResult' });
export type RetryDeliveriesResult = z.infer<typeof RetryDeliveriesResult>;

// ─── The mobile webhook (the host's mobile backend receives mobile deliveries) ──────────────

/** `PUT /v1/integrator/mobile-webhook` (API key). */
export const SetMobileWebhook = z
  .object({ url: z.url({ protocol: /^https?$/ }).max(2000) })
  .strict()
  .meta({ id: 'SetMobileWebhook' });
export type SetMobileWebhook = z.input<typeof SetMobileWebhook>;

export const MobileWebhook = z
  .object({
    url: z.string(),
    /** The signing secret (`whsec_…`): in full only when created or rotated, else its last 4 characters. */
    secret: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'MobileWebhook' });
export type MobileWebhook = z.infer<typeof MobileWebhook>;

/**
 * The JSON body POSTed to the mobile webhook. Headers: `Baylink-Delivery-Id` (the same on every
 * retry of one delivery: deduplicate on it), `Baylink-Timestamp` (Unix seconds) and
 * `Baylink-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>`.
 */
export const MobileWebhookPayload = z
  .object({
    id: Id,
    kind: z.literal('notification'),
    accountId: Id,
    user: z.object({ id: Id, referenceId: z.string().nullable(), language: z.string() }),
    notification: z.object({
      id: Id,
      type: z.string(),
      category: z.string(),
      title: z.string(),
      body: z.string().nullable(),
      link: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
      createdAt: Timestamp,
    }),
    /** True for mentions and assignments (send as high priority). */
    urgent: z.boolean(),
    sentAt: Timestamp,
  })
  .meta({ id: 'MobileWebhookPayload' });
export type MobileWebhookPayload = z.infer<typeof MobileWebhookPayload>;

export { DELIVERY_CHANNELS, DELIVERY_STATUSES };
