import { createHash } from 'node:crypto';
import { CATALOG_TYPES, type Language, type PushPayload } from '@baylink/sdk/contract';
import type { DeliveryJob } from './types.ts';

/**
 * The most a payload's JSON may weigh, in bytes. Push services accept 4,096 bytes of encrypted
 * body (the aes128gcm header and tag add 103); we stay well under 3 KB so a payload never nears
 * that limit and stays a pointer rather than a copy of the notification.
 */
export const PUSH_PAYLOAD_MAX_BYTES = 2560;
/** What a system notification shows anyway: longer texts are cut with an ellipsis first. */
const TITLE_MAX_CHARS = 120;
const BODY_MAX_CHARS = 400;
/** A title is never cut shorter than this to make room (the link goes first). */
const TITLE_MIN_CHARS = 40;

/** How long a push service keeps a push for a device that is offline, in seconds. */
export const PUSH_TTL_SECONDS = {
  /** Most notifications: a browser that comes back within a day still shows them. */
  normal: 24 * 3600,
  /** Mentions, assignments, errors, direct messages: news for an hour, then the inbox holds them. */
  high: 3600,
  /** "Send a test notification": the user is looking at the screen now. */
  test: 5 * 60,
} as const;

export type PushUrgency = 'high' | 'normal';

/** What a push carries and the headers that go with it. */
export interface PushMessage {
  payload: PushPayload;
  /** `TTL` header, in seconds. */
  ttl: number;
  /** `Urgency` header. */
  urgency: PushUrgency;
  /** `Topic` header: pushes with the same topic replace each other at the push service. */
  topic: string;
}

/** The catalog's web push urgency of a type: high for mentions, assignments, errors and DMs. */
export const pushUrgency = (type: string): PushUrgency =>
  CATALOG_TYPES.get(type)?.urgency ?? 'normal';

export const pushTtl = (urgency: PushUrgency) => PUSH_TTL_SECONDS[urgency];

/**
 * The `data` keys that name the item a notification is about, first present first: the
 * notifications of one type about one item share a tag (and a topic), so a newer one replaces
 * the older on the device and at the push service.
 */
export const PUSH_ITEM_KEYS = ['conversationId', 'spaceId', 'workOrderId', 'threadId'] as const;

/** `baylink:<type>:<item>`: the item of `data` (see PUSH_ITEM_KEYS), else the notification's id. */
export function pushTag(type: string, data: Record<string, unknown>, notificationId: string) {
  let item: string = notificationId;
  for (const key of PUSH_ITEM_KEYS) {
    const value = data[key];
    if ((typeof value === 'string' && value !== '') || typeof value === 'number') {
      item = String(value);
      break;
    }
  }
  // A host's ids may be long: a long one is replaced by its hash (the tag stays short and equal).
  if (item.length > 64) item = createHash('sha256').update(item).digest('base64url').slice(0, 22);
  return `baylink:${type}:${item}`;
}

/** The `Topic` header of a tag: 32 base64url characters (192 bits of its SHA-256). */
export const pushTopic = (tag: string) =>
  createHash('sha256').update(tag).digest('base64url').slice(0, 32);

/** Cuts a text to `max` characters (whole code points), ending with an ellipsis when cut. */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}

const bytes = (payload: PushPayload) => Buffer.byteLength(JSON.stringify(payload));

/**
 * Fits a payload under PUSH_PAYLOAD_MAX_BYTES: the title and body are cut to what a system
 * notification shows, then the body is shortened, then the title down to 40 characters, and only
 * then is the link left out (a 2,000-character link still fits beside a short title).
 */
export function fitPayload(payload: PushPayload): PushPayload {
  const fitted: PushPayload = {
    ...payload,
    title: cut(payload.title, TITLE_MAX_CHARS),
    body: payload.body === null ? null : cut(payload.body, BODY_MAX_CHARS),
  };
  let over = bytes(fitted) - PUSH_PAYLOAD_MAX_BYTES;
  if (over <= 0) return fitted;
  if (fitted.body !== null) {
    // Each character is at least one byte and at most six in JSON (`\uXXXX`): shorten until it fits.
    let length = Array.from(fitted.body).length;
    while (over > 0 && length > 0) {
      length = Math.max(0, length - Math.max(1, Math.ceil(over / 6)));
      fitted.body = length === 0 ? null : cut(payload.body ?? '', length);
      over = bytes(fitted) - PUSH_PAYLOAD_MAX_BYTES;
    }
  }
  let titleLength = Array.from(fitted.title).length;
  while (over > 0 && titleLength > TITLE_MIN_CHARS) {
    titleLength = Math.max(TITLE_MIN_CHARS, titleLength - Math.max(1, Math.ceil(over / 6)));
    fitted.title = cut(payload.title, titleLength);
    over = bytes(fitted) - PUSH_PAYLOAD_MAX_BYTES;
  }
  if (over > 0) fitted.link = null;
  return fitted;
}

/** The push of a notification delivery: its payload (in the recipient's language) and headers. */
export function notificationPush(
  job: Pick<DeliveryJob, 'notification'>,
  options: { api: string; icon: string | null },
): PushMessage {
  const { notification } = job;
  const tag = pushTag(notification.type, notification.data, notification.id);
  const urgency = pushUrgency(notification.type);
  return {
    payload: fitPayload({
      v: 1,
      id: notification.id,
      type: notification.type,
      title: notification.title,
      body: notification.body,
      tag,
      link: notification.link,
      icon: options.icon,
      api: options.api,
      createdAt: notification.createdAt,
    }),
    ttl: pushTtl(urgency),
    urgency,
    topic: pushTopic(tag),
  };
}

const TEST_TEXT: Record<Language, { title: string; body: string }> = {
  en: {
    title: 'Browser notifications are on',
    body: 'This browser will show your Baylink notifications.',
  },
  fr: {
    title: 'Les notifications du navigateur sont activées',
    body: 'Ce navigateur affichera vos notifications Baylink.',
  },
};

/** The test push of `POST /v1/me/push-subscriptions/{id}/test`, in the user's language. */
export function testPush(
  language: Language,
  options: { api: string; icon: string | null; now: Date },
): PushMessage {
  const text = TEST_TEXT[language] ?? TEST_TEXT.en;
  const tag = 'baylink:test';
  return {
    payload: {
      v: 1,
      id: null,
      type: 'baylink.test',
      title: text.title,
      body: text.body,
      tag,
      link: null,
      icon: options.icon,
      api: options.api,
      createdAt: options.now.toISOString(),
    },
    ttl: PUSH_TTL_SECONDS.test,
    urgency: 'high',
    topic: pushTopic(tag),
  };
}
