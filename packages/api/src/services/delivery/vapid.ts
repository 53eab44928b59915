import { createECDH } from 'node:crypto';
import type { Sql } from 'postgres';
import webpush from 'web-push';

/** The application server's identity towards push services (RFC 8292). */
export interface VapidKeys {
  /** The P-256 public key, uncompressed, base64url (what browsers subscribe with). */
  publicKey: string;
  /** The P-256 private key, base64url. */
  privateKey: string;
  /** `mailto:` or `https:`: who a push service may contact about our traffic. */
  subject: string;
}

/** The subject when `VAPID_SUBJECT` is not set. Apple wants a real one in production. */
export const DEFAULT_VAPID_SUBJECT = 'mailto:admin@baylink.localhost';

/** The `server_secrets` row holding the generated pair. */
const SECRET_NAME = 'vapid';

const SUBJECT = /^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/;

/** Why a key pair cannot be used, or null when it is a matching P-256 pair. */
export function vapidKeysProblem(publicKey: string, privateKey: string): string | null {
  const publicBytes = Buffer.from(publicKey, 'base64url');
  const privateBytes = Buffer.from(privateKey, 'base64url');
  if (publicBytes.length !== 65 || publicBytes[0] !== 4) {
    return 'The VAPID public key must be an uncompressed P-256 point (65 bytes)';
  }
  if (privateBytes.length !== 32) return 'The VAPID private key must be 32 bytes';
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(privateBytes);
    if (!ecdh.getPublicKey().equals(publicBytes)) {
      return 'The VAPID public key does not belong to the private key';
    }
  } catch {
    return 'The VAPID private key is not a valid P-256 key';
  }
  return null;
}

/**
 * The VAPID keys every process of a deployment uses. Keys given (the environment's
 * `VAPID_PUBLIC_KEY` and `VAPID_PRIVATE_KEY`) are checked and used; without them a pair is
 * generated once and stored in `server_secrets`: the first process to start inserts its pair
 * (`on conflict do nothing`), and every process then reads the one stored, so concurrent first
 * starts agree. Keep the pair for good: browsers' subscriptions are bound to its public key.
 */
export async function loadVapidKeys(
  sql: Sql,
  given: { publicKey?: string | undefined; privateKey?: string | undefined; subject?: string } = {},
): Promise<VapidKeys> {
  const subject = given.subject ?? DEFAULT_VAPID_SUBJECT;
  if (!SUBJECT.test(subject)) {
    throw new Error('The VAPID subject must be a mailto: address or an https: URL');
  }
  if (given.publicKey || given.privateKey) {
    if (!given.publicKey || !given.privateKey) throw new Error('Set both VAPID keys or neither');
    const problem = vapidKeysProblem(given.publicKey, given.privateKey);
    if (problem) throw new Error(problem);
    return { publicKey: given.publicKey, privateKey: given.privateKey, subject };
  }
  const candidate = webpush.generateVAPIDKeys();
  await sql`
    insert into server_secrets (name, value)
    values (${SECRET_NAME}, ${JSON.stringify({ publicKey: candidate.publicKey, privateKey: candidate.privateKey })})
    on conflict (name) do nothing`;
  const [row] = await sql<{ value: string }[]>`
    select value from server_secrets where name = ${SECRET_NAME}`;
  if (!row) throw new Error('The VAPID keys could not be stored');
  const stored = JSON.parse(row.value) as { publicKey?: unknown; privateKey?: unknown };
  if (typeof stored.publicKey !== 'string' || typeof stored.privateKey !== 'string') {
    throw new Error('The stored VAPID keys are unreadable');
  }
  const problem = vapidKeysProblem(stored.publicKey, stored.privateKey);
  if (problem) throw new Error(`The stored VAPID keys are unusable: ${problem}`);
  return { publicKey: stored.publicKey, privateKey: stored.privateKey, subject };
}

export interface VapidSignerOptions {
  /** Seconds a token is valid (RFC 8292 allows at most 24 hours). Default 12 hours. */
  lifetimeSeconds?: number;
  /** A token is replaced this many seconds before it expires. Default 1 hour. */
  renewBeforeSeconds?: number;
  /** The clock, in milliseconds since the epoch (tests move it). */
  now?: () => number;
}

/**
 * Signs the VAPID JWT once per push service origin and reuses it until it is near expiry:
 * an ES256 signature costs far more than a push's encryption, and push services accept the same
 * token for every request until its `exp`. Tokens are held per origin (the JWT's `aud`).
 */
export class VapidSigner {
  readonly #vapid: VapidKeys;
  readonly #lifetime: number;
  readonly #renewBefore: number;
  readonly #now: () => number;
  readonly #tokens = new Map<string, { authorization: string; expiresAt: number }>();
  /** How many tokens were signed (for tests and the benchmark). */
  signatures = 0;

  constructor(vapid: VapidKeys, options: VapidSignerOptions = {}) {
    this.#vapid = vapid;
    this.#lifetime = options.lifetimeSeconds ?? 12 * 3600;
    this.#renewBefore = options.renewBeforeSeconds ?? 3600;
    this.#now = options.now ?? Date.now;
    if (this.#renewBefore >= this.#lifetime) throw new Error('Renew tokens before they expire');
  }

  /** The `Authorization: vapid t=…, k=…` value for pushes to `origin` (`https://host[:port]`). */
  authorization(origin: string): string {
    const now = Math.floor(this.#now() / 1000);
    const held = this.#tokens.get(origin);
    if (held && held.expiresAt - this.#renewBefore > now) return held.authorization;
    const expiresAt = now + this.#lifetime;
    const { Authorization } = webpush.getVapidHeaders(
      origin,
      this.#vapid.subject,
      this.#vapid.publicKey,
      this.#vapid.privateKey,
      'aes128gcm',
      expiresAt,
    );
    this.signatures++;
    if (this.#tokens.size >= 1000) this.#prune(now);
    this.#tokens.set(origin, { authorization: Authorization, expiresAt });
    return Authorization;
  }

  /** Drops the token of an origin (after a 401 or 403: the next push signs a fresh one). */
  forget(origin: string): void {
    this.#tokens.delete(origin);
  }

  #prune(now: number) {
    for (const [origin, token] of this.#tokens) {
      if (token.expiresAt - this.#renewBefore <= now) this.#tokens.delete(origin);
    }
    // Still full (a thousand live origins): start over rather than grow without bound.
    if (this.#tokens.size >= 1000) this.#tokens.clear();
  }
}
