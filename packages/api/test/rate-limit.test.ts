import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../src/services/mailer.ts';
import { RateLimiter } from '../src/services/rate-limit.ts';
import { errorOf } from './support/errors.ts';
import {
  baylinkTenant,
  changePassword,
  FAST_IDENTITY,
  login,
  requestReset,
  setPassword,
} from './support/identity-fixtures.ts';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// Rate limits of login, reset and password change: hit, then lifted when the clock moves on.

const WINDOW = 60;
let t: TestContext;
let tenant: TestTenant;
let mailDir: string;
let clock = Date.UTC(2030, 0, 7, 9, 0, 0); // the start of a minute: windows are clock-aligned

beforeAll(async () => {
  mailDir = await mkdtemp(path.join(tmpdir(), 'baylink-rate-'));
  t = await createTestContext({
    now: () => new Date(clock),
    mailer: createMailer({ dataDir: mailDir, logger: pino({ level: 'silent' }) }),
    identity: {
      ...FAST_IDENTITY,
      trustProxy: 1,
      rateLimits: {
        loginPerEmail: { limit: 3, windowSeconds: WINDOW },
        loginPerIp: { limit: 5, windowSeconds: WINDOW },
        resetPerEmail: { limit: 2, windowSeconds: WINDOW },
        resetPerIp: { limit: 4, windowSeconds: WINDOW },
        changePerUser: { limit: 2, windowSeconds: WINDOW },
      },
    },
  });
  tenant = await baylinkTenant(t);
  await setPassword(t, tenant, tenant.admin.id, 'right-pass1');
  await setPassword(t, tenant, tenant.member.id, 'member-pass1');
});
afterAll(async () => {
  await t.close();
  await rm(mailDir, { recursive: true, force: true });
});

/** Moves the clock to the start of the next window. */
function nextWindow() {
  clock = (Math.floor(clock / (WINDOW * 1000)) + 1) * WINDOW * 1000;
}

const headersOf = (response: Response) => ({
  limit: response.headers.get('ratelimit-limit'),
  remaining: response.headers.get('ratelimit-remaining'),
  reset: response.headers.get('ratelimit-reset'),
  retryAfter: response.headers.get('retry-after'),
});

describe('login', () => {
  it('is limited per account and address: 429 with Retry-After, even for the right password, then lifted', async () => {
    nextWindow();
    clock += 15_000;
    const ip = { 'x-forwarded-for': '203.0.113.10' };
    const attempt = (password: string) =>
      login(t, { accountId: tenant.accountId, email: tenant.admin.email!, password }, ip);

    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(headersOf(await attempt('wrong-pass9')));
    expect(seen.map((h) => h.remaining)).toEqual(['2', '1', '0']);
    expect(seen.every((h) => h.limit === '3' && h.reset === '45' && h.retryAfter === null)).toBe(
      true,
    );

    const limited = await attempt('right-pass1');
    expect(limited.status).toBe(429);
    expect(headersOf(limited)).toEqual({
      limit: '3',
      remaining: '0',
      reset: '45',
      retryAfter: '45',
    });
    const error = await errorOf(limited);
    expect(error.code).toBe('rate_limited');
    expect(error.message).toMatch(/45 seconds/);

    // Another address of the same account is not held back.
    const other = await login(
      t,
      { accountId: tenant.accountId, email: tenant.member.email!, password: 'member-pass1' },
      { 'x-forwarded-for': '203.0.113.11' },
    );
    expect(other.status).toBe(200);

    clock += 44_000;
    expect((await attempt('right-pass1')).status).toBe(429);
    clock += 1_000;
    const lifted = await attempt('right-pass1');
    expect(lifted.status).toBe(200);
    expect(headersOf(lifted)).toMatchObject({ limit: '3', remaining: '2', reset: '60' });
  });

  it('is limited per client address, whatever the email', async () => {
    nextWindow();
    const ip = { 'x-forwarded-for': '198.51.100.7' };
    for (let i = 0; i < 5; i++) {
      const response = await login(
        t,
        { accountId: tenant.accountId, email: `guess-${i}@example.com`, password: 'guess-pass1' },
        ip,
      );
      expect(response.status).toBe(401);
    }
    const limited = await login(
      t,
      { accountId: tenant.accountId, email: tenant.admin.email!, password: 'right-pass1' },
      ip,
    );
    expect(limited.status).toBe(429);
    // Behind our one proxy, the address is the last one it appended: a client's own
    // X-Forwarded-For entries in front of it change nothing.
    const spoofed = await login(
      t,
      { accountId: tenant.accountId, email: tenant.admin.email!, password: 'right-pass1' },
      { 'x-forwarded-for': '10.9.8.7, 198.51.100.7' },
    );
    expect(spoofed.status).toBe(429);
    const elsewhere = await login(
      t,
      { accountId: tenant.accountId, email: tenant.admin.email!, password: 'right-pass1' },
      { 'x-forwarded-for': '198.51.100.8' },
    );
    expect(elsewhere.status).toBe(200);
  });

  it('counts an IPv6 client per /64 block', async () => {
    nextWindow();
    for (let i = 1; i <= 5; i++) {
      const response = await login(
        t,
        { accountId: tenant.accountId, email: `v6-${i}@example.com`, password: 'guess-pass1' },
        { 'x-forwarded-for': `2001:db8:1:2::${i}` },
      );
      expect(response.status).toBe(401);
    }
    const sameBlock = await login(
      t,
      { accountId: tenant.accountId, email: 'v6-6@example.com', password: 'guess-pass1' },
      { 'x-forwarded-for': '2001:db8:1:2:ffff::1' },
    );
    expect(sameBlock.status).toBe(429);
    const otherBlock = await login(
      t,
      { accountId: tenant.accountId, email: 'v6-7@example.com', password: 'guess-pass1' },
      { 'x-forwarded-for': '2001:db8:1:3::1' },
    );
    expect(otherBlock.status).toBe(401);
  });
});

describe('reset requests', () => {
  it('are limited per account and address, known or not, then lifted', async () => {
    nextWindow();
    for (const email of [tenant.member.email!, 'unknown-reset@example.com']) {
      const ip = { 'x-forwarded-for': email.startsWith('unknown') ? '192.0.2.1' : '192.0.2.2' };
      expect((await requestReset(t, { accountId: tenant.accountId, email }, ip)).status).toBe(202);
      expect((await requestReset(t, { accountId: tenant.accountId, email }, ip)).status).toBe(202);
      const limited = await requestReset(t, { accountId: tenant.accountId, email }, ip);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('60');
    }
    nextWindow();
    const lifted = await requestReset(
      t,
      { accountId: tenant.accountId, email: tenant.member.email! },
      { 'x-forwarded-for': '192.0.2.2' },
    );
    expect(lifted.status).toBe(202);
  });

  it('are limited per client address', async () => {
    nextWindow();
    const ip = { 'x-forwarded-for': '192.0.2.50' };
    for (let i = 0; i < 4; i++) {
      const response = await requestReset(
        t,
        { accountId: tenant.accountId, email: `spray-${i}@example.com` },
        ip,
      );
      expect(response.status).toBe(202);
    }
    const limited = await requestReset(
      t,
      { accountId: tenant.accountId, email: 'spray-9@example.com' },
      ip,
    );
    expect(limited.status).toBe(429);
    expect((await errorOf(limited)).code).toBe('rate_limited');
  });
});

describe('password changes', () => {
  it('are limited per user, then lifted', async () => {
    nextWindow();
    const token = await t.token(tenant, tenant.member.id);
    const wrong = { current: 'not-it-1', password: 'next-pass2', confirmation: 'next-pass2' };
    expect((await changePassword(t, token, wrong)).status).toBe(400);
    const second = await changePassword(t, token, wrong);
    expect(second.status).toBe(400);
    expect(second.headers.get('ratelimit-remaining')).toBe('0');
    const limited = await changePassword(t, token, {
      current: 'member-pass1',
      password: 'next-pass2',
      confirmation: 'next-pass2',
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    // Another user of the account is not held back.
    const admin = await t.token(tenant, tenant.admin.id);
    expect((await changePassword(t, admin, wrong)).status).toBe(400);

    nextWindow();
    const lifted = await changePassword(t, await t.token(tenant, tenant.member.id), {
      current: 'member-pass1',
      password: 'next-pass2',
      confirmation: 'next-pass2',
    });
    expect(lifted.status).toBe(200);
  });
});

describe('the limiter', () => {
  it('is shared through Postgres: two limiters (two processes) count into one window', async () => {
    const now = () => new Date(clock);
    const rules = { loginPerEmail: { limit: 3, windowSeconds: 60 } };
    const first = new RateLimiter(t.sql, now, rules);
    const second = new RateLimiter(t.sql, now, rules);
    const check = [{ rule: 'loginPerEmail' as const, subject: `shared-${clock}` }];
    expect((await first.hit(check)).allowed).toBe(true);
    expect((await second.hit(check)).allowed).toBe(true);
    expect((await first.hit(check)).allowed).toBe(true);
    const refused = await second.hit(check);
    expect(refused.allowed).toBe(false);
    expect(refused.headers['RateLimit-Remaining']).toBe('0');
  });

  it('counts concurrent hits exactly', async () => {
    const limiter = new RateLimiter(t.sql, () => new Date(clock), {
      loginPerIp: { limit: 10, windowSeconds: 60 },
    });
    const check = [{ rule: 'loginPerIp' as const, subject: `burst-${clock}` }];
    const outcomes = await Promise.all(Array.from({ length: 25 }, () => limiter.hit(check)));
    expect(outcomes.filter((o) => o.allowed)).toHaveLength(10);
  });

  it('stores no address or email in clear, and sweeps dead counters', async () => {
    const limiter = new RateLimiter(t.sql, () => new Date(clock));
    await limiter.hit([{ rule: 'resetPerEmail', subject: 'acct|secret-person@example.com' }]);
    const rows = await t.sql<{ key: string }[]>`select key from rate_limit_buckets`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => /@|\d+\.\d+\.\d+\.\d+/.test(row.key))).toBe(false);

    const later = new RateLimiter(t.sql, () => new Date(clock + 2 * 3600_000));
    expect(await later.sweep()).toBeGreaterThan(0);
    const [left] = await t.sql<{ n: number }[]>`
      select count(*)::int as n from rate_limit_buckets
      where expires_at < ${new Date(clock + 2 * 3600_000).toISOString()}`;
    expect(left!.n).toBe(0);
  });
});
