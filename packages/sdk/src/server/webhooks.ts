import { WEBHOOK_HEADERS, WEBHOOK_TOLERANCE_SECONDS } from '../contract/constants.ts';
import type { MobileWebhookPayload } from '../contract/delivery.ts';

export type WebhookVerificationErrorCode =
  /** No signature matched the body with the secret (or the header had no `v1=` value). */
  | 'invalid_signature'
  /** The timestamp is further from now than the tolerance (a replay, or a clock far off). */
  | 'timestamp_out_of_range'
  /** `Baylink-Signature` or `Baylink-Timestamp` is absent. */
  | 'missing_header'
  /** Signed, but not a webhook payload (not JSON, or not the shape Baylink sends). */
  | 'invalid_body';

/** Why `verifyWebhook` refused a request. Answer it with a 400 and do nothing else. */
export class WebhookVerificationError extends Error {
  readonly code: WebhookVerificationErrorCode;
  constructor(code: WebhookVerificationErrorCode, message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
    this.code = code;
  }
}

/** Node's `IncomingHttpHeaders`, a plain record, or a fetch `Headers`. */
export type WebhookHeaders =
  | Headers
  | Record<string, string | readonly string[] | undefined | null>;

export interface VerifyWebhookOptions {
  /**
   * Your webhook's signing secret (`whsec_…`). Pass several while you move between two (the
   * header is accepted when any of them signed it).
   */
  secret: string | readonly string[];
  /** The raw body as received: the exact bytes, before any JSON parsing. */
  body: string | Uint8Array;
  headers: WebhookHeaders;
  /** How far the timestamp may be from now, either way, in seconds (default 300). */
  toleranceSeconds?: number;
  /** The clock (tests). */
  now?: Date;
}

function header(headers: WebhookHeaders, name: string): string | null {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const record = headers as Record<string, string | readonly string[] | undefined | null>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : value.join(',');
}

const encoder = new TextEncoder();

function hexBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[0-9a-f]{64}$/i.test(hex)) return null;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

function looksLikePayload(value: unknown): value is MobileWebhookPayload {
  if (typeof value !== 'object' || value === null) return false;
  const payload = value as Record<string, unknown>;
  const notification = payload.notification as Record<string, unknown> | null | undefined;
  const user = payload.user as Record<string, unknown> | null | undefined;
  return (
    typeof payload.id === 'string' &&
    payload.kind === 'notification' &&
    typeof payload.accountId === 'string' &&
    typeof payload.urgent === 'boolean' &&
    typeof user === 'object' &&
    user !== null &&
    typeof user.id === 'string' &&
    typeof notification === 'object' &&
    notification !== null &&
    typeof notification.id === 'string' &&
    typeof notification.type === 'string' &&
    typeof notification.title === 'string'
  );
}

/**
 * Checks a mobile webhook request from Baylink and answers its payload. Throws a
 * `WebhookVerificationError` when a header is missing, no `v1=` signature matches
 * HMAC-SHA256(secret, `"<timestamp>.<body>"`) (compared in constant time), the timestamp is
 * more than `toleranceSeconds` away from now (either way), or the body is not a payload.
 * Uses WebCrypto only: Node 18+, Deno, Bun and edge runtimes.
 *
 * ```ts
 * app.post('/baylink/mobile', express.raw({ type: 'application/json' }), async (req, res) => {
 *   try {
 *     const payload = await verifyWebhook({ secret: process.env.BAYLINK_WEBHOOK_SECRET!, body: req.body, headers: req.headers });
 *     await sendToPhones(payload); // deduplicate on payload.id: a retry carries the same id
 *     res.sendStatus(204);
 *   } catch (error) {
 *     if (error instanceof WebhookVerificationError) res.status(400).send(error.code);
 *     else throw error;
 *   }
 * });
 * ```
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<MobileWebhookPayload> {
  const signatureHeader = header(options.headers, WEBHOOK_HEADERS.signature);
  const timestampHeader = header(options.headers, WEBHOOK_HEADERS.timestamp);
  if (!signatureHeader || !timestampHeader) {
    throw new WebhookVerificationError(
      'missing_header',
      `The request has no ${signatureHeader ? 'Baylink-Timestamp' : 'Baylink-Signature'} header`,
    );
  }
  const secrets = (typeof options.secret === 'string' ? [options.secret] : options.secret).filter(
    (secret) => typeof secret === 'string' && secret.length > 0,
  );
  if (secrets.length === 0) throw new TypeError('verifyWebhook needs your webhook secret');

  const timestamp = timestampHeader.trim();
  const seconds = /^\d{1,12}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Number.isNaN(seconds) || Math.abs(now - seconds) > tolerance) {
    throw new WebhookVerificationError(
      'timestamp_out_of_range',
      `The timestamp is more than ${tolerance} seconds away from now`,
    );
  }

  const body = typeof options.body === 'string' ? encoder.encode(options.body) : options.body;
  const signed = concat(encoder.encode(`${timestamp}.`), body);
  const signatures = signatureHeader
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith('v1='))
    .map((part) => hexBytes(part.slice(3)))
    .filter((bytes): bytes is Uint8Array<ArrayBuffer> => bytes !== null);

  let verified = false;
  for (const secret of secrets) {
    const key = await globalThis.crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    for (const signature of signatures) {
      // HMAC verification in WebCrypto compares in constant time.
      if (await globalThis.crypto.subtle.verify('HMAC', key, signature, signed)) verified = true;
    }
  }
  if (!verified) {
    throw new WebhookVerificationError(
      'invalid_signature',
      'No signature matches the body with the secret',
    );
  }

  let payload: unknown;
  try {
    payload = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new WebhookVerificationError('invalid_body', 'The body is not JSON');
  }
  if (!looksLikePayload(payload)) {
    throw new WebhookVerificationError('invalid_body', 'The body is not a Baylink webhook payload');
  }
  const deliveryId = header(options.headers, WEBHOOK_HEADERS.id);
  if (deliveryId !== null && deliveryId !== payload.id) {
    throw new WebhookVerificationError(
      'invalid_body',
      'The Baylink-Delivery-Id header does not match the payload',
    );
  }
  return payload;
}
