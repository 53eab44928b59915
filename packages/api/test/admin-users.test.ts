import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Account, User } from '@baylink/sdk/contract';
import { mintUserToken } from '@baylink/sdk/server';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, pathsOf } from './support/errors.ts';
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

const usersOf = (accountId: string) => `/v1/accounts/${accountId}/users`;
const byReference = (accountId: string, referenceId: string) =>
  `${usersOf(accountId)}/by-reference/${encodeURIComponent(referenceId)}`;

async function upsert(referenceId: string, body: unknown, accountId = tenant.accountId) {
  return t.request(byReference(accountId, referenceId), {
    method: 'PUT',
    token: tenant.apiKey,
    json: body,
  });
}

async function listUsers(owner: Pick<TestTenant, 'apiKey' | 'accountId'> = tenant) {
  const response = await t.request(usersOf(owner.accountId), { token: owner.apiKey });
  expect(response.status).toBe(200);
  return (await json<{ items: User[] }>(response)).items;
}

async function getUser(userId: string, owner: Pick<TestTenant, 'apiKey' | 'accountId'> = tenant) {
  return t.request(`${usersOf(owner.accountId)}/${userId}`, { token: owner.apiKey });
}

async function createAccount(name: string) {
  const response = await t.request('/v1/accounts', {
    method: 'POST',
    token: tenant.apiKey,
    json: { name },
  });
  expect(response.status).toBe(201);
  return json<Account>(response);
}

describe('PUT /v1/accounts/{accountId}/users/by-reference/{referenceId}', () => {
  it('creates a user with 201, then updates the same user with 200 and keeps the fields left out', async () => {
    const created = await upsert('DMS-1001', {
      name: '  Sam Service ',
      email: 'Sam.Service@Example.com',
      role: 'admin',
      jobPosition: 'Service advisor',
      capabilities: ['message_customers'],
    });
    expect(created.status).toBe(201);
    const user = await json<User>(created);
    expect(user).toMatchObject({
      accountId: tenant.accountId,
      referenceId: 'DMS-1001',
      name: 'Sam Service',
      email: 'sam.service@example.com',
      language: 'en',
      jobPosition: 'Service advisor',
      role: 'admin',
      capabilities: ['message_customers'],
      hasPhoto: false,
    });

    const updated = await upsert('DMS-1001', { name: 'Samuel Service', language: 'fr' });
    expect(updated.status).toBe(200);
    expect(await json(updated)).toMatchObject({
      id: user.id,
      name: 'Samuel Service',
      language: 'fr',
      email: 'sam.service@example.com',
      jobPosition: 'Service advisor',
      role: 'admin',
      capabilities: ['message_customers'],
    });

    const cleared = await json<User>(
      await upsert('DMS-1001', { name: 'Samuel Service', email: null }),
    );
    expect(cleared.email).toBeNull();
    const matching = (await listUsers()).filter((u) => u.referenceId === 'DMS-1001');
    expect(matching.map((u) => u.id)).toEqual([user.id]);
  });

  it('gives a user that a token naming their reference id signs in as', async () => {
    const user = await json<User>(await upsert('DMS 2002/b', { name: 'Tina Tech' }));
    expect(user.referenceId).toBe('DMS 2002/b');
    const { token } = await mintUserToken({
      secret: tenant.signingSecret,
      accountId: tenant.accountId,
      referenceId: 'DMS 2002/b',
    });
    const me = await t.request('/v1/me', { token });
    expect(me.status).toBe(200);
    expect(await json(me)).toMatchObject({ id: user.id, name: 'Tina Tech' });
  });

  it('answers 409 email_taken on the email field when another user has it, and changes nothing', async () => {
    const before = await listUsers();
    const response = await upsert('DMS-1003', { name: 'Copy Cat', email: tenant.admin.email });
    expect(response.status).toBe(409);
    const error = await errorOf(response);
    expect(error.code).toBe('email_taken');
    expect(pathsOf(error)).toEqual(['email']);

    const existing = await upsert('DMS-1001', { name: 'Renamed', email: tenant.member.email });
    expect(existing.status).toBe(409);
    expect((await errorOf(existing)).code).toBe('email_taken');
    expect(await listUsers()).toEqual(before);
  });

  it('refuses bad input with 400 naming every field, and creates nothing', async () => {
    const before = await listUsers();
    const response = await upsert('DMS-1004', {
      name: '',
      email: 'not-an-email',
      language: 'de',
      role: 'owner',
      capabilities: ['fly'],
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(pathsOf(error)).toEqual(
      expect.arrayContaining(['name', 'email', 'language', 'role', 'capabilities.0']),
    );

    const unknownField = await upsert('DMS-1004', { name: 'Ok', password: 'hunter2' });
    expect(unknownField.status).toBe(400);
    const tooLong = await upsert('R'.repeat(129), { name: 'Ok' });
    expect(tooLong.status).toBe(400);
    expect(pathsOf(await errorOf(tooLong))).toEqual(['referenceId']);
    expect(await listUsers()).toEqual(before);
  });

  it('answers 404 for another integrator account exactly as for a missing one, and creates nothing', async () => {
    const foreign = await upsert('X-1', { name: 'Intruder' }, other.accountId);
    const missing = await upsert('X-1', { name: 'Intruder' }, randomUUID());
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    const [foreignError, missingError] = [await errorOf(foreign), await errorOf(missing)];
    expect(foreignError.code).toBe('not_found');
    expect({ ...foreignError, requestId: '' }).toEqual({ ...missingError, requestId: '' });
    const theirs = await listUsers(other);
    expect(theirs.map((u) => u.referenceId)).not.toContain('X-1');
    expect(theirs).toHaveLength(2);
  });
});

describe('GET /v1/accounts/{accountId}/users', () => {
  it('lists only the users of that account, by name regardless of case', async () => {
    const account = await createAccount('Listing Motors');
    for (const name of ['bob', 'Alice', 'charlie']) {
      const response = await upsert(`L-${name}`, { name }, account.id);
      expect(response.status).toBe(201);
    }
    const users = await listUsers({ apiKey: tenant.apiKey, accountId: account.id });
    expect(users.map((u) => u.name)).toEqual(['Alice', 'bob', 'charlie']);
    expect(users.every((u) => u.accountId === account.id)).toBe(true);
  });

  it('answers 400 naming the account id when it is not a uuid', async () => {
    const response = await t.request(usersOf('not-a-uuid'), { token: tenant.apiKey });
    expect(response.status).toBe(400);
    expect(pathsOf(await errorOf(response))).toEqual(['accountId']);
  });
});

describe('GET /v1/accounts/{accountId}/users/{userId}', () => {
  it('returns the user as the integrator manages it', async () => {
    const response = await getUser(tenant.admin.id);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      id: tenant.admin.id,
      accountId: tenant.accountId,
      referenceId: tenant.admin.reference_id,
      name: 'Ada Admin',
      email: tenant.admin.email,
      language: 'en',
      jobPosition: null,
      role: 'admin',
      capabilities: [],
      hasPhoto: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('answers 404 for a user of another account, even one of the same integrator', async () => {
    const account = await createAccount('Sister Store');
    const response = await getUser(tenant.admin.id, {
      apiKey: tenant.apiKey,
      accountId: account.id,
    });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });

  it('answers 400 naming the user id when it is not a uuid', async () => {
    const response = await getUser('42');
    expect(response.status).toBe(400);
    expect(pathsOf(await errorOf(response))).toEqual(['userId']);
  });
});

describe('PATCH /v1/accounts/{accountId}/users/{userId}', () => {
  const patch = (userId: string, body: unknown, key = tenant.apiKey) =>
    t.request(`${usersOf(tenant.accountId)}/${userId}`, {
      method: 'PATCH',
      token: key,
      json: body,
    });

  it('changes only the fields given', async () => {
    const user = await json<User>(
      await upsert('P-1', { name: 'Pat Parts', jobPosition: 'Parts', language: 'fr' }),
    );
    const response = await patch(user.id, {
      role: 'admin',
      capabilities: ['message_customers'],
      jobPosition: null,
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({
      id: user.id,
      name: 'Pat Parts',
      language: 'fr',
      role: 'admin',
      capabilities: ['message_customers'],
      jobPosition: null,
    });
    const empty = await patch(user.id, {});
    expect(empty.status).toBe(200);
    expect((await json<User>(empty)).role).toBe('admin');
  });

  it('refuses bad input with 400 naming every field, and changes nothing', async () => {
    const before = await json(await getUser(tenant.member.id));
    const response = await patch(tenant.member.id, {
      name: ' ',
      email: '@',
      role: 'root',
      referenceId: 'cannot-change-here',
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(pathsOf(error)).toEqual(expect.arrayContaining(['name', 'email', 'role']));
    expect(await json(await getUser(tenant.member.id))).toEqual(before);
  });

  it('answers 409 email_taken when the email belongs to another user of the account', async () => {
    const before = await json(await getUser(tenant.member.id));
    const response = await patch(tenant.member.id, { email: tenant.admin.email });
    expect(response.status).toBe(409);
    const error = await errorOf(response);
    expect(error.code).toBe('email_taken');
    expect(pathsOf(error)).toEqual(['email']);
    expect(await json(await getUser(tenant.member.id))).toEqual(before);
  });

  it('answers 404 for an unknown user', async () => {
    const response = await patch(randomUUID(), { name: 'Ghost' });
    expect(response.status).toBe(404);
  });
});

describe('DELETE /v1/accounts/{accountId}/users/{userId}', () => {
  it('deletes the user with 204, after which the user is gone', async () => {
    const user = await json<User>(await upsert('D-1', { name: 'Dee Parted' }));
    const response = await t.request(`${usersOf(tenant.accountId)}/${user.id}`, {
      method: 'DELETE',
      token: tenant.apiKey,
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect((await getUser(user.id)).status).toBe(404);
    const again = await t.request(`${usersOf(tenant.accountId)}/${user.id}`, {
      method: 'DELETE',
      token: tenant.apiKey,
    });
    expect(again.status).toBe(404);
  });

  it('removes the user photo from the file store', async () => {
    const user = await json<User>(await upsert('D-2', { name: 'Photo Phil' }));
    const { token } = await mintUserToken({
      secret: tenant.signingSecret,
      accountId: tenant.accountId,
      userId: user.id,
    });
    const png = await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: 0, g: 90, b: 200 } },
    })
      .png()
      .toBuffer();
    const upload = await t.request('/v1/me/photo', {
      method: 'PUT',
      token,
      headers: { 'content-type': 'image/png' },
      body: png,
    });
    expect(upload.status).toBe(200);
    expect((await json<User>(await getUser(user.id))).hasPhoto).toBe(true);
    const folder = path.join(t.filesDir, 'photos', tenant.accountId, user.id);
    expect((await readdir(folder)).filter((f) => f.endsWith('.webp'))).toHaveLength(1);

    const response = await t.request(`${usersOf(tenant.accountId)}/${user.id}`, {
      method: 'DELETE',
      token: tenant.apiKey,
    });
    expect(response.status).toBe(204);
    expect((await readdir(folder)).filter((f) => f.endsWith('.webp'))).toEqual([]);
  });
});

describe('API key and tenancy on every user route', () => {
  const routes = () => {
    const base = usersOf(tenant.accountId);
    return [
      { method: 'PUT', path: `${base}/by-reference/R-guard`, json: { name: 'Guard' } },
      { method: 'GET', path: base },
      { method: 'GET', path: `${base}/${tenant.member.id}` },
      { method: 'PATCH', path: `${base}/${tenant.member.id}`, json: { name: 'Hijacked' } },
      { method: 'DELETE', path: `${base}/${tenant.member.id}` },
    ];
  };

  it('refuses a missing or wrong API key, and a user token, with 401 api_key_invalid', async () => {
    const before = await listUsers();
    for (const route of routes()) {
      for (const token of [undefined, 'bl_sk_not-a-real-key', tenant.adminToken]) {
        const response = await t.request(route.path, {
          method: route.method,
          json: route.json,
          ...(token ? { token } : {}),
        });
        expect(response.status, `${route.method} ${route.path} with ${token}`).toBe(401);
        expect((await errorOf(response)).code).toBe('api_key_invalid');
      }
    }
    expect(await listUsers()).toEqual(before);
  });

  it('answers 404 to another integrator, and changes nothing', async () => {
    const before = await listUsers();
    for (const route of routes()) {
      const response = await t.request(route.path, {
        method: route.method,
        json: route.json,
        token: other.apiKey,
      });
      expect(response.status, `${route.method} ${route.path}`).toBe(404);
      expect((await errorOf(response)).code).toBe('not_found');
    }
    expect(await listUsers()).toEqual(before);
  });

  it('answers 404 when the other integrator names its own account but our user', async () => {
    const base = usersOf(other.accountId);
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const response = await t.request(`${base}/${tenant.member.id}`, {
        method,
        token: other.apiKey,
        ...(method === 'PATCH' ? { json: { name: 'Hijacked' } } : {}),
      });
      expect(response.status, method).toBe(404);
    }
    expect((await getUser(tenant.member.id)).status).toBe(200);
  });
});
