import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { Context } from 'hono';
import type { Sql } from 'postgres';
import { ApiError } from '../lib/errors.ts';

/** At most `limit` attempts per `windowSeconds`. */
export interface RateRule {
  limit: number;
  windowSeconds: number;
}

/** The limits of Baylink's own identity routes. */
export interface RateLimitRules {
  /** Logins per account and email address. */
  loginPerEmail: RateRule;
  /** Logins per client address (generous: a dealership's staff share one public address). */
  loginPerIp: RateRule;
  /** Reset requests per account and email address. */
  resetPerEmail: RateRule;
  /** Reset requests per client address. */
  resetPerIp: RateRule;
  /** Reset confirmations per client address. */
  resetConfirmPerIp: RateRule;
  /** Password changes per signed-in user. */
  changePerUser: RateRule;
}

export const DEFAULT_RATE_LIMITS: RateLimitRules = {
  loginPerEmail: { limit: 10, windowSeconds: 15 * 60 },
  loginPerIp: { limit: 200, windowSeconds: 15 * 60 },
  resetPerEmail: { limit: 5, windowSeconds: 60 * 60 },
  resetPerIp: { limit: 50, windowSeconds: 60 * 60 },
  resetConfirmPerIp: { limit: 50, windowSeconds: 15 * 60 },
  changePerUser: { limit: 10, windowSeconds: 15 * 60 },
};

/** One counter to take a hit on: the rule it follows and what it counts (hashed into the key). */
export interface RateCheck {
  rule: keyof RateLimitRules;
  subject: string;
}

export interface RateOutcome {
  /** False when any counter went past its limit. */
  allowed: boolean;
  /** The headers to send: the tightest counter's numbers (`RateLimit-*`, and `Retry-After` on 429). */
  headers: Record<string, string>;
}

/**
 * Fixed-window rate limits kept in Postgres, so they hold across every API process: each check
 * is one `insert … on conflict do update` that counts the hit and returns the count, for all
 * the request's counters at once. Windows are aligned to the clock (the app's, replaceable in
 * tests), so a counter resets at the window's end; a burst may reach twice the limit across a
 * boundary, which these limits allow for. Refused attempts count too, so hammering does not
 * shorten the wait.
 */
export class RateLimiter {
  readonly rules: RateLimitRules;

  constructor(
    readonly sql: Sql,
    readonly now: () => Date,
    rules: Partial<RateLimitRules> = {},
  ) {
    this.rules = { ...DEFAULT_RATE_LIMITS, ...rules };
  }

  async hit(checks: RateCheck[]): Promise<RateOutcome> {
    const now = this.now().getTime();
    const rows = checks.map((check) => {
      const rule = this.rules[check.rule];
      const windowMs = rule.windowSeconds * 1000;
      const start = Math.floor(now / windowMs) * windowMs;
      const digest = createHash('sha256').update(check.subject).digest('base64url').slice(0, 32);
      return {
        key: `${check.rule}:${digest}`,
        rule,
        start: new Date(start).toISOString(),
        end: new Date(start + windowMs).toISOString(),
        endMs: start + windowMs,
      };
    });
    // Two checks of one request on the same key would make the upsert touch a row twice.
    const unique = [...new Map(rows.map((row) => [row.key, row])).values()];
    const counted = await this.sql<{ key: string; hits: number }[]>`
      insert into rate_limit_buckets as b (key, window_start, hits, expires_at)
      select key, window_start, 1, expires_at
      from unnest(
        ${unique.map((r) => r.key)}::text[],
        ${unique.map((r) => r.start)}::timestamptz[],
        ${unique.map((r) => r.end)}::timestamptz[]
      ) as t (key, window_start, expires_at)
      on conflict (key) do update set
        hits = case when b.window_start >= excluded.window_start then b.hits + 1 else 1 end,
        window_start = greatest(b.window_start, excluded.window_start),
        expires_at = greatest(b.expires_at, excluded.expires_at)
      returning key, hits`;
    const hits = new Map(counted.map((row) => [row.key, row.hits]));

    let allowed = true;
    let tightest: { limit: number; remaining: number; reset: number } | undefined;
    let retryAfter = 0;
    for (const row of unique) {
      const count = hits.get(row.key) ?? 1;
      const reset = Math.max(1, Math.ceil((row.endMs - now) / 1000));
      const remaining = Math.max(0, row.rule.limit - count);
      if (count > row.rule.limit) {
        allowed = false;
        retryAfter = Math.max(retryAfter, reset);
      }
      if (
        !tightest ||
        remaining < tightest.remaining ||
        (remaining === tightest.remaining && reset > tightest.reset)
      ) {
        tightest = { limit: row.rule.limit, remaining, reset };
      }
    }
    if (Math.random() < 0.02) void this.sweep().catch(() => {});

    const headers: Record<string, string> = {};
    if (tightest) {
      headers['RateLimit-Limit'] = String(tightest.limit);
      headers['RateLimit-Remaining'] = String(tightest.remaining);
      headers['RateLimit-Reset'] = String(allowed ? tightest.reset : retryAfter);
    }
    if (!allowed) headers['Retry-After'] = String(retryAfter);
    return { allowed, headers };
  }

  /**
   * Counts the hits, sets the `RateLimit-*` headers on the response, and throws 429
   * `rate_limited` (with `Retry-After`) when a limit is passed.
   */
  async enforce(c: Context, checks: RateCheck[]): Promise<void> {
    const outcome = await this.hit(checks);
    if (!outcome.allowed) {
      throw new ApiError(
        429,
        'rate_limited',
        `Too many attempts. Try again in ${describeWait(Number(outcome.headers['Retry-After']))}.`,
        undefined,
        outcome.headers,
      );
    }
    for (const [name, value] of Object.entries(outcome.headers)) c.header(name, value);
  }

  /** Deletes a batch of dead counters (run now and then by `hit`). */
  async sweep(): Promise<number> {
    const deleted = await this.sql`
      delete from rate_limit_buckets where key in (
        select key from rate_limit_buckets where expires_at < ${this.now().toISOString()}
        order by expires_at limit 1000)`;
    return deleted.count;
  }
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * The client's address: the socket's peer, or, behind `trustProxy` proxies of our own, the
 * address the outermost of them saw (counted from the right of `X-Forwarded-For`, which a client
 * can prepend to but not append to). IPv6 addresses count per /64, the block one machine gets.
 */
export function clientAddress(c: Context, trustProxy = 0): string {
  let address: string | undefined;
  if (trustProxy > 0) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    address = hops[hops.length - trustProxy] ?? hops[0];
  }
  if (!address) {
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
      ?.incoming;
    address = incoming?.socket?.remoteAddress;
  }
  if (!address) return 'unknown';
  return ipBlock(address);
}

function ipBlock(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIP(address) !== 6) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
