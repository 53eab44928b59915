import { z } from 'zod';
import { CATALOG_TYPES, CATEGORY_KEYS, CHANNELS } from './catalog-data.ts';
import { ExternalId, Id, Language, Timestamp } from './common.ts';

// ─── Catalog ────────────────────────────────────────────────────────────────────────────────

export const Channel = z.enum(CHANNELS).meta({ id: 'Channel' });
export type Channel = z.infer<typeof Channel>;

export const TypeKey = z
  .string()
  .refine((key) => CATALOG_TYPES.has(key), { message: 'Unknown notification type' });
export const CategoryKey = z
  .string()
  .refine((key) => CATEGORY_KEYS.includes(key), { message: 'Unknown notification category' });

const ChannelFlags = z.object({
  in_app: z.boolean(),
  web_push: z.boolean(),
  email: z.boolean(),
  mobile: z.boolean(),
});

/** The catalog in one language (`GET /v1/catalog?lang=fr`). */
export const Catalog = z
  .object({
    language: Language,
    channels: z.array(z.object({ key: Channel, label: z.string() })),
    categories: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        types: z.array(
          z.object({
            key: z.string(),
            category: z.string(),
            label: z.string(),
            description: z.string(),
            channels: z.array(Channel),
            required: z.array(Channel),
            defaults: ChannelFlags,
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'Catalog' });
export type Catalog = z.infer<typeof Catalog>;

export const CatalogQuery = z.object({ lang: Language.optional() });

// ─── Preferences ────────────────────────────────────────────────────────────────────────────

// partialRecord: with enum keys, zod 4's z.record requires every key.
const PartialFlags = z.partialRecord(Channel, z.boolean()).meta({ id: 'ChannelOverrides' });

/**
 * A user's overrides of the catalog defaults, from the widest to the narrowest: a channel
 * switch (off turns the channel off everywhere), a category × channel switch, a type × channel
 * switch. Effective value of (type, channel): false if the type cannot use the channel; true if
 * the channel is required for the type; false if the channel switch is off; else the type's
 * override, else the category's, else the catalog default.
 */
export const PreferenceOverrides = z
  .object({
    channels: PartialFlags,
    categories: z.record(z.string(), PartialFlags),
    types: z.record(z.string(), PartialFlags),
  })
  .meta({ id: 'PreferenceOverrides' });
export type PreferenceOverrides = z.infer<typeof PreferenceOverrides>;

export const Preferences = z
  .object({
    overrides: PreferenceOverrides,
    /** For every catalog type, whether each channel is on once overrides are applied. */
    effective: z.record(z.string(), ChannelFlags),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Preferences' });
export type Preferences = z.infer<typeof Preferences>;

/**
 * One change. `enabled: null` removes the override (back to the wider level or the default).
 * Setting a category also clears the overrides of its types for the same channels, so a row
 * switch in the settings matrix takes effect for the whole row.
 */
export const PreferenceChange = z
  .discriminatedUnion('scope', [
    z
      .object({ scope: z.literal('channel'), channel: Channel, enabled: z.boolean().nullable() })
      .strict(),
    z
      .object({
        scope: z.literal('category'),
        key: CategoryKey,
        channel: Channel.optional(),
        enabled: z.boolean().nullable(),
      })
      .strict(),
    z
      .object({
        scope: z.literal('type'),
        key: TypeKey,
        channel: Channel.optional(),
        enabled: z.boolean().nullable(),
      })
      .strict(),
  ])
  .meta({ id: 'PreferenceChange' });
export type PreferenceChange = z.infer<typeof PreferenceChange>;

/** `PATCH /v1/me/preferences`: apply changes in order, or reset everything to the defaults. */
export const UpdatePreferences = z
  .object({
    changes: z.array(PreferenceChange).max(200).default([]),
    reset: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'UpdatePreferences' });
export type UpdatePreferences = z.input<typeof UpdatePreferences>;

// ─── Events (ingestion) ─────────────────────────────────────────────────────────────────────

/** The most explicit recipients (user ids plus reference ids) one event may name. */
export const MAX_EXPLICIT_RECIPIENTS = 1000;

export const TopicKey = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9:_.\-/]{0,127}$/,
    'Use letters, digits and : _ . - / (at most 128)',
  );

export const LocalizedText = z.union([
  z.string().trim().min(1).max(2000),
  z
    .object({
      en: z.string().trim().min(1).max(2000).optional(),
      fr: z.string().trim().min(1).max(2000).optional(),
    })
    .strict()
    .refine((text) => text.en !== undefined || text.fr !== undefined, {
      message: 'Give the text in at least one language',
    }),
]);
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Recipients = z
  .object({
    userIds: z.array(Id).max(MAX_EXPLICIT_RECIPIENTS).optional(),
    referenceIds: z.array(ExternalId).max(MAX_EXPLICIT_RECIPIENTS).optional(),
    teamIds: z.array(Id).max(50).optional(),
    /** "The participants of X": users subscribed to a topic such as `repair-order:4521`. */
    topics: z.array(TopicKey).max(50).optional(),
  })
  .strict()
  .refine(
    (r) =>
      (r.userIds?.length ?? 0) +
        (r.referenceIds?.length ?? 0) +
        (r.teamIds?.length ?? 0) +
        (r.topics?.length ?? 0) >
      0,
    { message: 'Name at least one recipient' },
  )
  .refine(
    (r) => (r.userIds?.length ?? 0) + (r.referenceIds?.length ?? 0) <= MAX_EXPLICIT_RECIPIENTS,
    { message: `At most ${MAX_EXPLICIT_RECIPIENTS} user ids and reference ids together` },
  )
  .meta({ id: 'Recipients' });
export type Recipients = z.infer<typeof Recipients>;

export const Actor = z
  .object({
    userId: Id.optional(),
    referenceId: ExternalId.optional(),
    /** A display name for an actor who is not a Baylink user (a customer, a system). */
    name: z.string().trim().min(1).max(120).optional(),
  })
  .strict()
  .refine((a) => a.userId || a.referenceId || a.name, { message: 'Name the actor' })
  .meta({ id: 'Actor' });

const DataValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

/** `POST /v1/events` (API key, `Idempotency-Key` header). */
export const CreateEvent = z
  .object({
    accountId: Id,
    type: TypeKey,
    recipients: Recipients,
    actor: Actor.optional(),
    /** Without a title the type's label is used, in each recipient's language. */
    title: LocalizedText.optional(),
    body: LocalizedText.optional(),
    /** Deep link into the host app, opened when the notification is clicked. */
    link: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    data: z.record(z.string().max(64), DataValue).optional(),
    /** Leave the actor out of the recipients (default true). */
    excludeActor: z.boolean().default(true),
  })
  .strict()
  .meta({ id: 'CreateEvent' });
export type CreateEvent = z.input<typeof CreateEvent>;

export const EventAccepted = z
  .object({
    id: Id,
    accountId: Id,
    type: z.string(),
    /** Distinct users the recipients resolved to. */
    recipients: z.number().int(),
    /** In-app notifications written (recipients whose preferences allow in-app). */
    inApp: z.number().int(),
    /** Deliveries queued for the other channels. */
    deliveriesQueued: z.number().int(),
    createdAt: Timestamp,
  })
  .meta({ id: 'EventAccepted' });
export type EventAccepted = z.infer<typeof EventAccepted>;

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
export const IDEMPOTENCY_TTL_HOURS = 24;

// ─── Topics (participants of X) ─────────────────────────────────────────────────────────────

export const TopicSubscribersChange = z
  .object({
    userIds: z.array(Id).max(1000).optional(),
    referenceIds: z.array(ExternalId).max(1000).optional(),
  })
  .strict()
  .meta({ id: 'TopicSubscribersChange' });
export type TopicSubscribersChange = z.input<typeof TopicSubscribersChange>;
export const TopicSubscribers = z
  .object({ topic: z.string(), userIds: z.array(Id) })
  .meta({ id: 'TopicSubscribers' });
export type TopicSubscribers = z.infer<typeof TopicSubscribers>;

// ─── Inbox ──────────────────────────────────────────────────────────────────────────────────

export const Notification = z
  .object({
    id: Id,
    type: z.string(),
    category: z.string(),
    title: z.string(),
    body: z.string().nullable(),
    link: z.string().nullable(),
    actor: z.object({ userId: Id.nullable(), name: z.string().nullable() }).nullable(),
    data: z.record(z.string(), DataValue),
    createdAt: Timestamp,
    seenAt: Timestamp.nullable(),
    readAt: Timestamp.nullable(),
    archivedAt: Timestamp.nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof Notification>;

export const NotificationCounts = z
  .object({ unread: z.number().int(), unseen: z.number().int() })
  .meta({ id: 'NotificationCounts' });
export type NotificationCounts = z.infer<typeof NotificationCounts>;

export const READ_FILTERS = ['all', 'unread', 'read'] as const;

export const InboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).optional(),
  category: CategoryKey.optional(),
  read: z.enum(READ_FILTERS).default('all'),
  archived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
export type InboxQuery = z.input<typeof InboxQuery>;

export const InboxPage = z
  .object({
    items: z.array(Notification),
    /** Opaque keyset cursor of the next (older) page, or null at the end. */
    nextCursor: z.string().nullable(),
    counts: NotificationCounts,
  })
  .meta({ id: 'InboxPage' });
export type InboxPage = z.infer<typeof InboxPage>;

/** `PATCH /v1/me/notifications/{id}`: seen (only ever set), read or unread, archived or not. */
export const UpdateNotification = z
  .object({
    seen: z.literal(true).optional(),
    read: z.boolean().optional(),
    archived: z.boolean().optional(),
  })
  .strict()
  .refine((marks) => Object.keys(marks).length > 0, { message: 'Give seen, read or archived' })
  .meta({ id: 'UpdateNotification' });
export type UpdateNotification = z.infer<typeof UpdateNotification>;

export const BULK_ACTIONS = ['seen', 'read', 'unread', 'archive', 'unarchive'] as const;

/** `POST /v1/me/notifications/bulk`. */
export const BulkUpdate = z
  .object({ action: z.enum(BULK_ACTIONS), ids: z.array(Id).min(1).max(200) })
  .strict()
  .meta({ id: 'BulkUpdate' });
export type BulkUpdate = z.infer<typeof BulkUpdate>;

/** `POST /v1/me/notifications/read-all`: mark read everything the active filter shows. */
export const ReadAll = z
  .object({ category: CategoryKey.optional(), archived: z.boolean().default(false) })
  .strict()
  .meta({ id: 'ReadAll' });
export type ReadAll = z.input<typeof ReadAll>;

export const NotificationChanges = z
  .object({
    items: z.array(
      z.object({
        id: Id,
        seenAt: Timestamp.nullable(),
        readAt: Timestamp.nullable(),
        archivedAt: Timestamp.nullable(),
      }),
    ),
    /** Set by read-all: every notification matching it is now read. */
    readAllBefore: z
      .object({ at: Timestamp, category: z.string().nullable(), archived: z.boolean() })
      .nullable(),
    counts: NotificationCounts,
  })
  .meta({ id: 'NotificationChanges' });
export type NotificationChanges = z.infer<typeof NotificationChanges>;
