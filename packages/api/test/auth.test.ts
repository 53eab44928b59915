import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './support/errors.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

let t: TestContext;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  other = await t.tenant();
});
afterAll(() => t.close());

const seconds = () => Math.floor(Date.now() / 1000);
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Claims of a good token for the tenant's member; each test breaks one thing. */
function claims(overrides: Record<string, unknown> = {}) {
  const now = seconds();
  return {
    aud: 'baylink',
    acct: tenant.accountId,
    sub: tenant.member.id,
    iat: now,
    exp: now + 600,
    ...overrides,
  };
}

function withoutClaim(name: string) {
  const all: Record<string, unknown> = claims();
  delete all[name];
  return all;
}

async function sign(
  payload: Record<string, unknown>,
  options: { secret?: string; alg?: string } = {},
): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(options.secret ?? tenant.signingSecret));
}

async function me(token: string) {
  return t.request('/v1/me', { token });
}

async function expectRefused(token: string, code = 'token_invalid') {
  const response = await me(token);
  expect(response.status).toBe(401);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const error = await errorOf(response);
  expect(error).toEqual({ code, message: expect.any(String), requestId: expect.any(String) });
  return error;
}

describe('user tokens on GET /v1/me', () => {
  it('accepts a well-formed token (the baseline every refusal below differs from by one thing)', async () => {
    const response = await me(await sign(claims()));
    expect(response.status).toBe(200);
    expect((await json(response)).id).toBe(tenant.member.id);
  });

  it('refuses an expired token with token_expired', async () => {
    const now = seconds();
    await expectRefused(await sign(claims({ iat: now - 3600, exp: now - 120 })), 'token_expired');
  });

  it('refuses a token without exp, or without iat', async () => {
    await expectRefused(await sign(withoutClaim('exp')));
    await expectRefused(await sign(withoutClaim('iat')));
  });

  it('refuses a token that lives longer than 12 hours', async () => {
    const now = seconds();
    await expectRefused(await sign(claims({ iat: now, exp: now + 12 * 3600 + 60 })));
  });

  it('refuses a token for another audience, or for none', async () => {
    await expectRefused(await sign(claims({ aud: 'some-other-api' })));
    await expectRefused(await sign(withoutClaim('aud')));
  });

  it('refuses alg none and HS512', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`;
    await expectRefused(unsigned);
    await expectRefused(await sign(claims(), { alg: 'HS512' }));
  });

  it("refuses a token signed with another integrator's secret", async () => {
    await expectRefused(await sign(claims(), { secret: other.signingSecret }));
    // Naming the other integrator's account does not help a token signed with ours.
    await expectRefused(await sign(claims({ acct: other.accountId, sub: other.member.id })));
  });

  it('refuses a token for an unknown account, or for a user outside the account', async () => {
    await expectRefused(await sign(claims({ acct: randomUUID() })));
    await expectRefused(await sign(claims({ sub: other.member.id })));
    await expectRefused(await sign(claims({ sub: randomUUID() })));
  });

  it('signs in the user a token names by reference id (ref)', async () => {
    const token = await sign(claims({ sub: undefined, ref: tenant.member.reference_id }));
    const response = await me(token);
    expect(response.status).toBe(200);
    expect((await json(response)).id).toBe(tenant.member.id);
    await expectRefused(await sign(claims({ sub: undefined, ref: other.member.reference_id })));
  });

  it('refuses a token naming the user both ways, or neither', async () => {
    await expectRefused(await sign(claims({ ref: tenant.member.reference_id })));
    await expectRefused(await sign(withoutClaim('sub')));
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await sign(claims())).split('.');
    const forged = `${header}.${base64url(claims({ sub: tenant.admin.id }))}.${signature}`;
    await expectRefused(forged);
  });

  it('refuses garbage with 401 and the one error shape', async () => {
    const garbage = [
      'garbage',
      'a.b.c',
      '..',
      `${base64url({ alg: 'HS256' })}.e30.`,
      'x'.repeat(4000),
      tenant.apiKey,
      `${base64url({ alg: 'HS256' })}.${Buffer.from('not json').toString('base64url')}.sig`,
    ];
    for (const token of garbage) await expectRefused(token);
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b']) {
      const response = await t.request('/v1/me', { headers: { authorization } });
      expect(response.status, authorization).toBe(401);
      expect((await errorOf(response)).code).toBe('token_missing');
    }
  });
});

describe('account isolation for user tokens', () => {
  it('never lets a user of account A read a user of account B', async () => {
    const direct = await t.request(`/v1/users/${other.member.id}`, { token: tenant.memberToken });
    expect(direct.status).toBe(404);
    expect((await errorOf(direct)).code).toBe('not_found');
    const list = await json<{ items: { id: string }[] }>(
      await t.request('/v1/users', { token: tenant.memberToken }),
    );
    const ids = list.items.map((user) => user.id);
    expect(ids).toEqual(expect.arrayContaining([tenant.admin.id, tenant.member.id]));
    expect(ids).not.toContain(other.member.id);
    expect(ids).not.toContain(other.admin.id);
    const own = await t.request(`/v1/users/${tenant.admin.id}`, { token: tenant.memberToken });
    expect(own.status).toBe(200);
  });

  it('refuses a user token on the integrator routes', async () => {
    const response = await t.request(`/v1/accounts/${tenant.accountId}/users`, {
      token: tenant.adminToken,
    });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('api_key_invalid');
  });
});

describe('token expiry while the verified token is cached', () => {
  let clock: Date;
  let timed: TestContext;
  let timedTenant: TestTenant;

  beforeAll(async () => {
    clock = new Date();
    timed = await createTestContext({ now: () => clock });
    timedTenant = await timed.tenant();
  });
  afterAll(() => timed.close());

  it('refuses the token once it has expired, even right after it was accepted', async () => {
    const first = await timed.request('/v1/me', { token: timedTenant.memberToken });
    expect(first.status).toBe(200);
    clock = new Date(clock.getTime() + 3600 * 1000 + 60_000);
    const later = await timed.request('/v1/me', { token: timedTenant.memberToken });
    expect(later.status).toBe(401);
    expect((await errorOf(later)).code).toBe('token_expired');
  });
});
