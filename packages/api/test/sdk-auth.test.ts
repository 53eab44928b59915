import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BaylinkError, createClient } from '@baylink/sdk';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type Mailer } from '../src/services/mailer.ts';
import {
  baylinkTenant,
  FAST_IDENTITY,
  RESET_URL,
  setPassword,
} from './support/identity-fixtures.ts';
import { type SmtpInbox, startSmtpInbox, tokenFromMail } from './support/smtp-inbox.ts';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// `client.auth` of the browser SDK against the real API on a real socket.

let t: TestContext;
let tenant: TestTenant;
let server: Server;
let baseUrl: string;
let inbox: SmtpInbox;
let mailer: Mailer;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  mailer = createMailer({
    smtpUrl: inbox.url,
    dataDir: '/nonexistent',
    logger: pino({ level: 'silent' }),
  });
  t = await createTestContext({ identity: FAST_IDENTITY, mailer });
  tenant = await baylinkTenant(t);
  await setPassword(t, tenant, tenant.admin.id, 'sdk-pass-1');
  const address = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, resolve) as Server;
  });
  baseUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
  await mailer.close();
  await inbox.close();
});

async function rejection(promise: Promise<unknown>): Promise<BaylinkError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BaylinkError);
    return error as BaylinkError;
  }
  throw new Error('Expected the call to reject');
}

describe('client.auth', () => {
  it('signs in a client created with only a baseUrl, which then uses the token', async () => {
    const client = createClient({ baseUrl });
    expect((await rejection(client.me.get())).code).toBe('token_missing');
    const signedIn = await client.auth.login({
      accountId: tenant.accountId,
      email: tenant.admin.email!,
      password: 'sdk-pass-1',
    });
    expect(signedIn.userId).toBe(tenant.admin.id);
    expect(signedIn.token).toMatch(/^ey/);
    const me = await client.me.get();
    expect(me.id).toBe(tenant.admin.id);
    client.destroy();
  });

  it('refreshes a profile store that had failed for want of a token', async () => {
    const client = createClient({ baseUrl });
    const stop = client.me.store.subscribe(() => {});
    await expect.poll(() => client.me.store.getState().status).toBe('error');
    await client.auth.login({
      accountId: tenant.accountId,
      email: tenant.admin.email!,
      password: 'sdk-pass-1',
    });
    await expect.poll(() => client.me.store.getState().me?.id).toBe(tenant.admin.id);
    expect(client.me.store.getState().status).toBe('ready');
    stop();
    client.destroy();
  });

  it('rejects wrong credentials with invalid_credentials and keeps no token', async () => {
    let asked = 0;
    const client = createClient({
      baseUrl,
      getToken: () => {
        asked++;
        return 'not-a-jwt';
      },
    });
    const error = await rejection(
      client.auth.login({
        accountId: tenant.accountId,
        email: tenant.admin.email!,
        password: 'nope-1',
      }),
    );
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_credentials');
    // A public call never asks the host for a token, even on a 401.
    expect(asked).toBe(0);
    client.destroy();
  });

  it('tells how long to wait when logins are rate limited', async () => {
    const client = createClient({ baseUrl });
    let error: BaylinkError | undefined;
    // The default rule allows 10 logins per address in 15 minutes; the 11th is refused.
    for (let attempt = 0; attempt < 12 && error?.status !== 429; attempt++) {
      error = await rejection(
        client.auth.login({
          accountId: tenant.accountId,
          email: 'rate-limited@example.com',
          password: 'wrong-1',
        }),
      );
    }
    expect(error?.status).toBe(429);
    expect(error?.code).toBe('rate_limited');
    expect(error?.retryAfter).toBeGreaterThan(0);
    expect(error?.retryAfter).toBeLessThanOrEqual(15 * 60);
    client.destroy();
  });

  it('reads the password settings and changes the password, naming bad fields', async () => {
    const client = createClient({ baseUrl, token: tenant.memberToken });
    await setPassword(t, tenant, tenant.member.id, 'member-pass-1');
    const settings = await client.auth.settings();
    expect(settings).toMatchObject({ enabled: true, policy: { minLength: 6, requireDigit: true } });

    const weak = await rejection(
      client.auth.changePassword({
        current: 'member-pass-1',
        password: 'short',
        confirmation: 'short',
      }),
    );
    expect(weak.status).toBe(400);
    expect(weak.fieldMessage('password')).toMatch(/6 characters/);

    const wrong = await rejection(
      client.auth.changePassword({
        current: 'not-mine-1',
        password: 'member-pass-2',
        confirmation: 'member-pass-2',
      }),
    );
    expect(wrong.code).toBe('current_password_invalid');
    expect(wrong.fieldMessage('current')).toBeTruthy();

    await expect(
      client.auth.changePassword({
        current: 'member-pass-1',
        password: 'member-pass-2',
        confirmation: 'member-pass-2',
      }),
    ).resolves.toBeUndefined();
    expect((await client.auth.settings()).changedAt).not.toBeNull();
    const again = createClient({ baseUrl });
    await again.auth.login({
      accountId: tenant.accountId,
      email: tenant.member.email!,
      password: 'member-pass-2',
    });
    again.destroy();
    client.destroy();
  });

  it('requests a reset the same way for any address, and resets with the mailed token once', async () => {
    const client = createClient({ baseUrl });
    await expect(
      client.auth.requestReset({
        accountId: tenant.accountId,
        email: 'nobody@example.com',
        resetUrl: RESET_URL,
      }),
    ).resolves.toBeUndefined();
    await expect(
      client.auth.requestReset({
        accountId: tenant.accountId,
        email: tenant.admin.email!,
        resetUrl: RESET_URL,
      }),
    ).resolves.toBeUndefined();
    const { mail } = await inbox.waitFor(tenant.admin.email!);
    expect(inbox.to('nobody@example.com')).toEqual([]);
    const token = tokenFromMail(mail);

    await expect(
      client.auth.resetPassword({ token, password: 'reset-pass-1', confirmation: 'reset-pass-1' }),
    ).resolves.toBeUndefined();
    const reused = await rejection(
      client.auth.resetPassword({ token, password: 'reset-pass-2', confirmation: 'reset-pass-2' }),
    );
    expect(reused.code).toBe('reset_token_invalid');
    await client.auth.login({
      accountId: tenant.accountId,
      email: tenant.admin.email!,
      password: 'reset-pass-1',
    });
    expect((await client.me.get()).id).toBe(tenant.admin.id);
    client.destroy();
  });

  it('rejects a resetUrl off the integrator origins before sending anything', async () => {
    const client = createClient({ baseUrl });
    const error = await rejection(
      client.auth.requestReset({
        accountId: tenant.accountId,
        email: tenant.member.email!,
        resetUrl: 'https://elsewhere.test/r?token={token}',
      }),
    );
    expect(error.status).toBe(400);
    expect(error.fieldMessage('resetUrl')).toMatch(/allowed origins/);
    client.destroy();
  });
});
