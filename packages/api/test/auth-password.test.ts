import type { Account, LoginResponse, PasswordSettings } from '@baylink/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/lib/create-app.ts';
import { errorOf, pathsOf } from './support/errors.ts';
import {
  baylinkTenant,
  changePassword,
  FAST_IDENTITY,
  login,
  PORTAL,
  setPassword,
} from './support/identity-fixtures.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// Baylink's own identity: login, password change, the account's rule, host-identity accounts.

let t: TestContext;
let tenant: TestTenant;
const PASSWORD = 'garage42';

beforeAll(async () => {
  t = await createTestContext({ identity: FAST_IDENTITY });
  tenant = await baylinkTenant(t);
  await setPassword(t, tenant, tenant.admin.id, PASSWORD);
});
afterAll(() => t.close());

async function signIn(email: string, password: string, accountId = tenant.accountId) {
  const response = await login(t, { accountId, email, password });
  expect(response.status, await response.clone().text()).toBe(200);
  return json<LoginResponse>(response);
}

/** An error body without its request id, to compare two answers. */
async function comparable(response: Response) {
  const { requestId: _ignored, ...rest } = await errorOf(response);
  return { status: response.status, ...rest };
}

describe('POST /v1/auth/login', () => {
  it('answers a user token that works on the browser routes, for 12 hours', async () => {
    const before = Date.now();
    const response = await login(t, {
      accountId: tenant.accountId,
      email: tenant.admin.email!.toUpperCase(),
      password: PASSWORD,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await json<LoginResponse>(response);
    expect(body.userId).toBe(tenant.admin.id);
    const lifetime = new Date(body.expiresAt).getTime() - before;
    expect(lifetime).toBeGreaterThan(11.9 * 3600_000);
    expect(lifetime).toBeLessThanOrEqual(12 * 3600_000 + 5_000);
    const me = await t.request('/v1/me', { token: body.token });
    expect(me.status).toBe(200);
    expect((await json(me)).id).toBe(tenant.admin.id);
  });

  it('answers a wrong password, an unknown address and an unknown account the same 401', async () => {
    const wrongPassword = await comparable(
      await login(t, {
        accountId: tenant.accountId,
        email: tenant.admin.email!,
        password: 'nope123',
      }),
    );
    const unknownEmail = await comparable(
      await login(t, {
        accountId: tenant.accountId,
        email: 'ghost@example.com',
        password: 'nope123',
      }),
    );
    const unknownAccount = await comparable(
      await login(t, {
        accountId: '00000000-0000-4000-8000-000000000000',
        email: tenant.admin.email!,
        password: PASSWORD,
      }),
    );
    expect(wrongPassword).toEqual({
      status: 401,
      code: 'invalid_credentials',
      message: expect.any(String),
    });
    expect(unknownEmail).toEqual(wrongPassword);
    expect(unknownAccount).toEqual(wrongPassword);
  });

  it('refuses a user who has no password yet', async () => {
    const response = await login(t, {
      accountId: tenant.accountId,
      email: tenant.member.email!,
      password: PASSWORD,
    });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('invalid_credentials');
  });

  it('refuses malformed input with the one 400 shape', async () => {
    const response = await login(t, { accountId: 'x', email: 'not-an-email', password: '' });
    expect(response.status).toBe(400);
    expect(pathsOf(await errorOf(response))).toEqual(
      expect.arrayContaining(['accountId', 'email', 'password']),
    );
  });

  it('allows listed origins through CORS and refuses pages of origins the integrator did not list', async () => {
    const preflight = await t.request('/v1/auth/login', {
      method: 'OPTIONS',
      headers: {
        origin: PORTAL,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(PORTAL);

    const unknown = await t.request('/v1/auth/login', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.test', 'access-control-request-method': 'POST' },
    });
    expect(unknown.status).toBe(403);
    expect(unknown.headers.get('access-control-allow-origin')).toBeNull();

    const fromPortal = await login(
      t,
      { accountId: tenant.accountId, email: tenant.admin.email!, password: PASSWORD },
      { origin: PORTAL },
    );
    expect(fromPortal.status).toBe(200);
    expect(fromPortal.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(fromPortal.headers.get('access-control-expose-headers')).toMatch(/RateLimit-Remaining/);

    // Another integrator's page is a known origin, but not one this account's integrator lists.
    const other = await t.tenant({ allowedOrigins: ['https://other-portal.test'] });
    const fromOther = await login(
      t,
      { accountId: tenant.accountId, email: tenant.admin.email!, password: PASSWORD },
      { origin: 'https://other-portal.test' },
    );
    expect(fromOther.status).toBe(403);
    expect((await errorOf(fromOther)).code).toBe('origin_not_allowed');
    expect(other.accountId).not.toBe(tenant.accountId);
  });
});

describe('PUT /v1/me/password', () => {
  it('changes the password: the old one stops working, the new one works, sessions stay valid', async () => {
    const local = await baylinkTenant(t);
    await setPassword(t, local, local.member.id, 'first-pass1');
    const session = await signIn(local.member.email!, 'first-pass1', local.accountId);

    const response = await changePassword(t, session.token, {
      current: 'first-pass1',
      password: 'second-pass2',
      confirmation: 'second-pass2',
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const settings = await json<PasswordSettings>(response);
    expect(settings.enabled).toBe(true);
    expect(settings.changedAt).not.toBeNull();

    const old = await login(t, {
      accountId: local.accountId,
      email: local.member.email!,
      password: 'first-pass1',
    });
    expect(old.status).toBe(401);
    await signIn(local.member.email!, 'second-pass2', local.accountId);
    // Tokens are stateless: the session that changed the password is still signed in.
    expect((await t.request('/v1/me', { token: session.token })).status).toBe(200);
  });

  it('names each broken rule of the default policy on `password`', async () => {
    const cases: [string, RegExp][] = [
      ['ab1', /at least 6 characters/],
      ['abcdefgh', /number/],
      ['12345678', /letter/],
    ];
    for (const [password, message] of cases) {
      const response = await changePassword(t, tenant.adminToken, {
        current: PASSWORD,
        password,
        confirmation: password,
      });
      expect(response.status, password).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('validation_failed');
      expect(error.details).toEqual([
        { path: 'password', message: expect.stringMatching(message) },
      ]);
    }
    const both = await errorOf(
      await changePassword(t, tenant.adminToken, {
        current: PASSWORD,
        password: 'abc',
        confirmation: 'abc',
      }),
    );
    expect(both.details?.map((d) => d.message)).toEqual([
      expect.stringMatching(/6 characters/),
      expect.stringMatching(/number/),
    ]);
    await signIn(tenant.admin.email!, PASSWORD);
  });

  it('refuses a confirmation that differs, on `confirmation`', async () => {
    const response = await changePassword(t, tenant.adminToken, {
      current: PASSWORD,
      password: 'brake-pads9',
      confirmation: 'brake-pads8',
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(pathsOf(error)).toEqual(['confirmation']);
  });

  it('refuses a wrong current password, on `current`, without changing anything', async () => {
    const response = await changePassword(t, tenant.adminToken, {
      current: 'wrong-one1',
      password: 'brake-pads9',
      confirmation: 'brake-pads9',
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('current_password_invalid');
    expect(pathsOf(error)).toEqual(['current']);
    await signIn(tenant.admin.email!, PASSWORD);
  });

  it('refuses the current password as the new one', async () => {
    const response = await changePassword(t, tenant.adminToken, {
      current: PASSWORD,
      password: PASSWORD,
      confirmation: PASSWORD,
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.details).toEqual([
      { path: 'password', message: expect.stringMatching(/different from the current/) },
    ]);
  });

  it('answers 401 without a token', async () => {
    const response = await t.request('/v1/me/password', {
      method: 'PUT',
      json: { current: PASSWORD, password: 'brake-pads9', confirmation: 'brake-pads9' },
    });
    expect(response.status).toBe(401);
  });
});

describe("the account's password rule", () => {
  it('is the default one, shown to the user with when the password changed', async () => {
    const response = await t.request('/v1/me/password', { token: tenant.memberToken });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      enabled: true,
      policy: {
        minLength: 6,
        requireLetter: true,
        requireDigit: true,
        requireMixedCase: false,
        requireSymbol: false,
      },
      changedAt: null,
    });
  });

  it('can be made stricter by the integrator, and is then enforced rule by rule', async () => {
    const strict = await baylinkTenant(t);
    const patched = await t.request(`/v1/accounts/${strict.accountId}`, {
      method: 'PATCH',
      token: strict.apiKey,
      json: { passwordPolicy: { minLength: 10, requireSymbol: true } },
    });
    expect(patched.status).toBe(200);
    const policy = {
      minLength: 10,
      requireLetter: true,
      requireDigit: true,
      requireMixedCase: false,
      requireSymbol: true,
    };
    expect((await json<Account>(patched)).passwordPolicy).toEqual(policy);
    const settings = await json<PasswordSettings>(
      await t.request('/v1/me/password', { token: strict.memberToken }),
    );
    expect(settings.policy).toEqual(policy);

    const weak = await t.request(
      `/v1/accounts/${strict.accountId}/users/${strict.member.id}/password`,
      {
        method: 'PUT',
        token: strict.apiKey,
        json: { password: 'garage42' },
      },
    );
    expect(weak.status).toBe(400);
    expect((await errorOf(weak)).details?.map((d) => d.message)).toEqual([
      expect.stringMatching(/at least 10 characters/),
      expect.stringMatching(/symbol/),
    ]);
    await setPassword(t, strict, strict.member.id, 'garage-42-bay');

    const reset = await t.request(`/v1/accounts/${strict.accountId}`, {
      method: 'PATCH',
      token: strict.apiKey,
      json: { passwordPolicy: null },
    });
    expect((await json<Account>(reset)).passwordPolicy.minLength).toBe(6);
  });

  it('cannot be made looser than the default', async () => {
    const response = await t.request(`/v1/accounts/${tenant.accountId}`, {
      method: 'PATCH',
      token: tenant.apiKey,
      json: { passwordPolicy: { minLength: 4, requireDigit: false } },
    });
    expect(response.status).toBe(400);
    expect(pathsOf(await errorOf(response))).toEqual(
      expect.arrayContaining(['passwordPolicy.minLength', 'passwordPolicy.requireDigit']),
    );
    const created = await t.request('/v1/accounts', {
      method: 'POST',
      token: tenant.apiKey,
      json: {
        name: 'Strict Motors',
        identity: 'baylink',
        passwordPolicy: { requireMixedCase: true },
      },
    });
    expect(created.status).toBe(201);
    expect((await json<Account>(created)).passwordPolicy).toMatchObject({
      minLength: 6,
      requireMixedCase: true,
    });
  });
});

describe('accounts that sign in through the host', () => {
  let host: TestTenant;
  beforeAll(async () => {
    host = await t.tenant({ allowedOrigins: [PORTAL] });
  });

  it('say the Password section does not apply', async () => {
    const response = await t.request('/v1/me/password', { token: host.memberToken });
    expect(response.status).toBe(200);
    expect((await json<PasswordSettings>(response)).enabled).toBe(false);
  });

  it('refuse every password route with 403 password_auth_disabled', async () => {
    const answers = [
      await login(t, { accountId: host.accountId, email: host.admin.email!, password: PASSWORD }),
      await changePassword(t, host.adminToken, {
        current: PASSWORD,
        password: 'brake-pads9',
        confirmation: 'brake-pads9',
      }),
      await t.request('/v1/auth/password-resets', {
        method: 'POST',
        json: {
          accountId: host.accountId,
          email: host.admin.email!,
          resetUrl: `${PORTAL}/r?t={token}`,
        },
      }),
      await t.request(`/v1/accounts/${host.accountId}/users/${host.admin.id}/password`, {
        method: 'PUT',
        token: host.apiKey,
        json: { password: 'brake-pads9' },
      }),
    ];
    for (const response of answers) {
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe('password_auth_disabled');
    }
  });
});

describe('isolation between accounts', () => {
  it('keeps one address in two accounts apart: each account checks its own password', async () => {
    const a = await baylinkTenant(t);
    const b = await baylinkTenant(t);
    const shared = `shared-${Date.now()}@example.com`;
    for (const [tenantX, password] of [
      [a, 'alpha-pass1'],
      [b, 'bravo-pass2'],
    ] as const) {
      await t.sql`update users set email = ${shared} where account_id = ${tenantX.accountId} and id = ${tenantX.member.id}`;
      await setPassword(t, tenantX, tenantX.member.id, password);
    }
    expect(
      (await login(t, { accountId: a.accountId, email: shared, password: 'bravo-pass2' })).status,
    ).toBe(401);
    const signedA = await signIn(shared, 'alpha-pass1', a.accountId);
    expect(signedA.userId).toBe(a.member.id);

    // The token of A's user changes A's user only.
    const changed = await changePassword(t, signedA.token, {
      current: 'alpha-pass1',
      password: 'alpha-pass3',
      confirmation: 'alpha-pass3',
    });
    expect(changed.status).toBe(200);
    await signIn(shared, 'bravo-pass2', b.accountId);
    // B's password does not count as A's current password.
    const crossed = await changePassword(t, signedA.token, {
      current: 'bravo-pass2',
      password: 'alpha-pass4',
      confirmation: 'alpha-pass4',
    });
    expect((await errorOf(crossed)).code).toBe('current_password_invalid');
  });

  it("answers 404 when an integrator sets the password of another integrator's user", async () => {
    const other = await baylinkTenant(t);
    const crossAccount = await t.request(
      `/v1/accounts/${other.accountId}/users/${other.member.id}/password`,
      { method: 'PUT', token: tenant.apiKey, json: { password: 'taken-over1' } },
    );
    expect(crossAccount.status).toBe(404);
    const wrongAccount = await t.request(
      `/v1/accounts/${tenant.accountId}/users/${other.member.id}/password`,
      { method: 'PUT', token: tenant.apiKey, json: { password: 'taken-over1' } },
    );
    expect(wrongAccount.status).toBe(404);
    expect(
      (
        await login(t, {
          accountId: other.accountId,
          email: other.member.email!,
          password: 'taken-over1',
        })
      ).status,
    ).toBe(401);
  });
});

describe('password hashes', () => {
  it('are scrypt PHC strings with a salt each, never the password', async () => {
    const rows = await t.sql<{ password_hash: string }[]>`
      select password_hash from user_credentials where account_id = ${tenant.accountId}`;
    expect(rows.length).toBeGreaterThan(0);
    for (const { password_hash } of rows) {
      expect(password_hash).toMatch(
        /^\$scrypt\$ln=12,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
      );
      expect(password_hash).not.toContain(PASSWORD);
    }
  });

  it('use the production cost by default, upgrade older hashes at login, and spend it on unknown addresses too', async () => {
    const local = await baylinkTenant(t);
    await setPassword(t, local, local.admin.id, 'upgrade-me1');
    const production = createApp({ ...t.deps, identity: {} });
    const send = (body: object) =>
      production.request('/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ok = await send({
      accountId: local.accountId,
      email: local.admin.email,
      password: 'upgrade-me1',
    });
    expect(ok.status).toBe(200);
    const [row] = await t.sql<{ password_hash: string }[]>`
      select password_hash from user_credentials
      where account_id = ${local.accountId} and user_id = ${local.admin.id}`;
    expect(row!.password_hash).toMatch(/^\$scrypt\$ln=16,r=8,p=2\$/);
    expect(
      (
        await send({
          accountId: local.accountId,
          email: local.admin.email,
          password: 'upgrade-me1',
        })
      ).status,
    ).toBe(200);

    // An unknown address costs a real hash (64 MiB of scrypt), so timing does not tell it apart.
    const started = performance.now();
    const unknown = await send({
      accountId: local.accountId,
      email: 'ghost@example.com',
      password: 'x1',
    });
    expect(unknown.status).toBe(401);
    expect(performance.now() - started).toBeGreaterThan(50);
  });
});

describe('the API description', () => {
  it('names the identity routes', async () => {
    const doc = await json<{ paths: Record<string, Record<string, unknown>> }>(
      await t.request('/v1/openapi.json'),
    );
    expect(Object.keys(doc.paths['/v1/me/password'] ?? {}).sort()).toEqual(['get', 'put']);
    for (const path of [
      '/v1/auth/login',
      '/v1/auth/password-resets',
      '/v1/auth/password-resets/confirm',
      '/v1/accounts/{accountId}/users/{userId}/password',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });
});
