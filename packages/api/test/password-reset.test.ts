import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type Mailer } from '../src/services/mailer.ts';
import { errorOf, pathsOf } from './support/errors.ts';
import {
  baylinkTenant,
  changePassword,
  confirmReset,
  FAST_IDENTITY,
  login,
  PORTAL,
  requestReset,
  setPassword,
} from './support/identity-fixtures.ts';
import { type SmtpInbox, startSmtpInbox, tokenFromMail } from './support/smtp-inbox.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// Password reset by an emailed single-use link, through a real SMTP server.

let t: TestContext;
let tenant: TestTenant;
let inbox: SmtpInbox;
let mailer: Mailer;
let dataDir: string;
let clock = Date.now();

beforeAll(async () => {
  inbox = await startSmtpInbox();
  dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-reset-'));
  mailer = createMailer({ smtpUrl: inbox.url, dataDir, logger: pino({ level: 'silent' }) });
  t = await createTestContext({
    // Rate limits have their own suite; here one address asks for many links.
    identity: {
      ...FAST_IDENTITY,
      rateLimits: { resetPerEmail: { limit: 100, windowSeconds: 3600 } },
    },
    mailer,
    now: () => new Date(clock),
  });
  tenant = await baylinkTenant(t);
});
afterAll(async () => {
  await t.close();
  await mailer.close();
  await inbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Asks for a reset of `email` and returns the token of the mail it receives. */
async function resetToken(email: string, accountId = tenant.accountId): Promise<string> {
  const before = inbox.to(email).length;
  const response = await requestReset(t, { accountId, email });
  expect(response.status).toBe(202);
  const { mail } = await inbox.waitFor(email, before + 1);
  return tokenFromMail(mail);
}

describe('POST /v1/auth/password-resets', () => {
  it('answers an unknown address exactly like a known one, and mails only the known one', async () => {
    const local = await baylinkTenant(t);
    const unknown = await requestReset(t, {
      accountId: local.accountId,
      email: 'nobody-here@example.com',
    });
    const known = await requestReset(t, { accountId: local.accountId, email: local.admin.email! });
    expect(unknown.status).toBe(202);
    expect(known.status).toBe(202);
    expect(await unknown.text()).toBe(await known.text());
    for (const name of ['cache-control', 'content-type', 'ratelimit-limit']) {
      expect(unknown.headers.get(name), name).toBe(known.headers.get(name));
    }

    await inbox.waitFor(local.admin.email!);
    // The unknown address was asked first: had anything been sent to it, it would be here by now.
    expect(inbox.to('nobody-here@example.com')).toEqual([]);
    expect(inbox.to(local.admin.email!)).toHaveLength(1);
  });

  it('stores only the hash of the token, which expires in an hour', async () => {
    const token = await resetToken(tenant.admin.email!);
    const rows = await t.sql<{ token_hash: Buffer; expires_at: string; created_at: string }[]>`
      select token_hash, expires_at, created_at from password_reset_tokens
      where account_id = ${tenant.accountId} and user_id = ${tenant.admin.id} and used_at is null`;
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.token_hash)).toEqual(createHash('sha256').update(token).digest());
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const { expires_at, created_at } = rows[0]!;
    expect(new Date(expires_at).getTime() - new Date(created_at).getTime()).toBe(3600_000);
  });

  it('refuses a resetUrl outside the integrator origins, before and whatever the address', async () => {
    for (const email of [tenant.admin.email!, 'nobody-here@example.com']) {
      const response = await requestReset(t, {
        accountId: tenant.accountId,
        email,
        resetUrl: 'https://evil.test/steal?token={token}',
      });
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('validation_failed');
      expect(pathsOf(error)).toEqual(['resetUrl']);
    }
    const noPlaceholder = await requestReset(t, {
      accountId: tenant.accountId,
      email: tenant.admin.email!,
      resetUrl: `${PORTAL}/reset`,
    });
    expect(noPlaceholder.status).toBe(400);
    expect((await errorOf(noPlaceholder)).details?.[0]?.message).toMatch(/\{token\}/);
  });

  it('answers 404 for an unknown account', async () => {
    const response = await requestReset(t, {
      accountId: '00000000-0000-4000-8000-000000000000',
      email: tenant.admin.email!,
    });
    expect(response.status).toBe(404);
  });
});

describe('POST /v1/auth/password-resets/confirm', () => {
  it('sets the password once: the link works, then never again', async () => {
    const token = await resetToken(tenant.member.email!);
    const first = await confirmReset(t, { token, password: 'new-brakes1' });
    expect(first.status).toBe(204);
    const signedIn = await login(t, {
      accountId: tenant.accountId,
      email: tenant.member.email!,
      password: 'new-brakes1',
    });
    expect(signedIn.status).toBe(200);

    const again = await confirmReset(t, { token, password: 'new-brakes2' });
    expect(again.status).toBe(400);
    const error = await errorOf(again);
    expect(error.code).toBe('reset_token_invalid');
    expect(pathsOf(error)).toEqual(['token']);
    expect(
      (
        await login(t, {
          accountId: tenant.accountId,
          email: tenant.member.email!,
          password: 'new-brakes2',
        })
      ).status,
    ).toBe(401);
  });

  it('checks the rule and the confirmation, and leaves the token usable when it refuses', async () => {
    const token = await resetToken(tenant.admin.email!);
    const short = await confirmReset(t, { token, password: 'a1' });
    expect(short.status).toBe(400);
    expect((await errorOf(short)).details).toEqual([
      { path: 'password', message: expect.stringMatching(/at least 6/) },
    ]);
    const digitless = await confirmReset(t, { token, password: 'no-digits-here' });
    expect((await errorOf(digitless)).details?.[0]?.message).toMatch(/number/);
    const letterless = await confirmReset(t, { token, password: '1234567' });
    expect((await errorOf(letterless)).details?.[0]?.message).toMatch(/letter/);
    const mismatch = await confirmReset(t, {
      token,
      password: 'good-pass1',
      confirmation: 'good-pass2',
    });
    expect(pathsOf(await errorOf(mismatch))).toEqual(['confirmation']);

    expect((await confirmReset(t, { token, password: 'good-pass1' })).status).toBe(204);
  });

  it('refuses an expired link', async () => {
    const token = await resetToken(tenant.admin.email!);
    clock += 61 * 60_000;
    try {
      const response = await confirmReset(t, { token, password: 'too-late1' });
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('reset_token_invalid');
    } finally {
      clock -= 61 * 60_000;
    }
  });

  it('accepts a link just before it expires', async () => {
    const token = await resetToken(tenant.admin.email!);
    clock += 59 * 60_000;
    try {
      expect((await confirmReset(t, { token, password: 'just-in-time1' })).status).toBe(204);
    } finally {
      clock -= 59 * 60_000;
    }
  });

  it('refuses an unknown token, and an earlier link once a newer one was asked for', async () => {
    const unknown = await confirmReset(t, {
      token: 'A'.repeat(43),
      password: 'whatever-1',
    });
    expect((await errorOf(unknown)).code).toBe('reset_token_invalid');

    const older = await resetToken(tenant.admin.email!);
    const newer = await resetToken(tenant.admin.email!);
    expect(newer).not.toBe(older);
    expect(
      (await errorOf(await confirmReset(t, { token: older, password: 'older-one1' }))).code,
    ).toBe('reset_token_invalid');
    expect((await confirmReset(t, { token: newer, password: 'newer-one1' })).status).toBe(204);
  });

  it('refuses a link asked for before the user changed their password', async () => {
    const local = await baylinkTenant(t);
    await setPassword(t, local, local.admin.id, 'before-reset1');
    const token = await resetToken(local.admin.email!, local.accountId);
    const changed = await changePassword(t, local.adminToken, {
      current: 'before-reset1',
      password: 'changed-since2',
      confirmation: 'changed-since2',
    });
    expect(changed.status).toBe(200);
    const response = await confirmReset(t, { token, password: 'sneaky-reset3' });
    expect((await errorOf(response)).code).toBe('reset_token_invalid');
  });

  it('lets one of two racing confirmations win', async () => {
    const token = await resetToken(tenant.admin.email!);
    const answers = await Promise.all([
      confirmReset(t, { token, password: 'racer-one1' }),
      confirmReset(t, { token, password: 'racer-two2' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([204, 400]);
  });
});

describe('isolation between accounts', () => {
  it('makes a link of account A change only the user of A, even with the same address in B', async () => {
    const a = await baylinkTenant(t);
    const b = await baylinkTenant(t);
    const shared = `twin-${Date.now()}@example.com`;
    for (const x of [a, b]) {
      await t.sql`update users set email = ${shared} where account_id = ${x.accountId} and id = ${x.member.id}`;
      await setPassword(t, x, x.member.id, 'original-1');
    }
    const token = await resetToken(shared, a.accountId);
    expect(inbox.to(shared)).toHaveLength(1);
    expect((await confirmReset(t, { token, password: 'only-in-a1' })).status).toBe(204);

    const inA = await login(t, { accountId: a.accountId, email: shared, password: 'only-in-a1' });
    expect(inA.status).toBe(200);
    expect((await json<{ userId: string }>(inA)).userId).toBe(a.member.id);
    expect(
      (await login(t, { accountId: b.accountId, email: shared, password: 'only-in-a1' })).status,
    ).toBe(401);
    expect(
      (await login(t, { accountId: b.accountId, email: shared, password: 'original-1' })).status,
    ).toBe(200);
  });

  it('refuses a confirmation from a page the token account integrator does not list', async () => {
    const other = await baylinkTenant(t, { allowedOrigins: ['https://other.test'] });
    const token = await resetToken(tenant.admin.email!);
    const response = await confirmReset(
      t,
      { token, password: 'cross-site1' },
      { origin: 'https://other.test' },
    );
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('origin_not_allowed');
    expect(other.accountId).not.toBe(tenant.accountId);
    // The refusal did not use the link up.
    expect(
      (await confirmReset(t, { token, password: 'same-site1' }, { origin: PORTAL })).status,
    ).toBe(204);
  });

  it('refuses a link once its account signs in through the host', async () => {
    const local = await baylinkTenant(t);
    const token = await resetToken(local.admin.email!, local.accountId);
    await t.request(`/v1/accounts/${local.accountId}`, {
      method: 'PATCH',
      token: local.apiKey,
      json: { identity: 'host' },
    });
    const response = await confirmReset(t, { token, password: 'host-now1' });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('password_auth_disabled');
  });
});

describe('the link in the mail', () => {
  it('is the resetUrl with its own path and query, the token in place of {token}', async () => {
    const before = inbox.to(tenant.admin.email!).length;
    await requestReset(t, {
      accountId: tenant.accountId,
      email: tenant.admin.email!,
      resetUrl: `${PORTAL}/app/#/reset?lang=en&token={token}`,
    });
    const { mail } = await inbox.waitFor(tenant.admin.email!, before + 1);
    expect(mail.text).toMatch(
      new RegExp(`${PORTAL.replace(/\./g, '\\.')}/app/#/reset\\?lang=en&token=[A-Za-z0-9_-]{43}`),
    );
    expect(mail.text).not.toContain('{token}');
  });
});
