import { randomUUID } from 'node:crypto';
import { type Account, type Integrator, PASSWORD_DEFAULT_POLICY } from '@baylink/sdk/contract';
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

function createAccount(body: unknown, apiKey = tenant.apiKey) {
  return t.request('/v1/accounts', { method: 'POST', token: apiKey, json: body });
}

async function listAccounts(apiKey = tenant.apiKey) {
  const response = await t.request('/v1/accounts', { token: apiKey });
  expect(response.status).toBe(200);
  return (await json<{ items: Account[] }>(response)).items;
}

function getAccount(accountId: string, apiKey = tenant.apiKey) {
  return t.request(`/v1/accounts/${accountId}`, { token: apiKey });
}

async function readAccount(accountId: string, apiKey = tenant.apiKey) {
  const response = await getAccount(accountId, apiKey);
  expect(response.status).toBe(200);
  return json<Account>(response);
}

function patchAccount(accountId: string, body: unknown, apiKey = tenant.apiKey) {
  return t.request(`/v1/accounts/${accountId}`, { method: 'PATCH', token: apiKey, json: body });
}

async function readIntegrator(apiKey = tenant.apiKey) {
  const response = await t.request('/v1/integrator', { token: apiKey });
  expect(response.status).toBe(200);
  return json<Integrator>(response);
}

function patchIntegrator(body: unknown, apiKey = tenant.apiKey) {
  return t.request('/v1/integrator', { method: 'PATCH', token: apiKey, json: body });
}

describe('POST /v1/accounts', () => {
  it('creates an account with defaults for what is left out', async () => {
    const response = await createAccount({ name: '  Maple Motors ' });
    expect(response.status).toBe(201);
    expect(await json(response)).toEqual({
      id: expect.any(String),
      name: 'Maple Motors',
      externalId: null,
      timeZone: 'America/Toronto',
      identity: 'host',
      passwordPolicy: PASSWORD_DEFAULT_POLICY,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('creates an account with every field given', async () => {
    const account = await json<Account>(
      await createAccount({
        name: 'Pacific Auto',
        externalId: 'DLR-42',
        timeZone: 'America/Vancouver',
        identity: 'baylink',
      }),
    );
    expect(account).toMatchObject({
      name: 'Pacific Auto',
      externalId: 'DLR-42',
      timeZone: 'America/Vancouver',
      identity: 'baylink',
    });
    expect(await readAccount(account.id)).toEqual(account);
  });

  it('refuses bad input with 400 naming every field, and creates nothing', async () => {
    const before = await listAccounts();
    const response = await createAccount({
      name: '',
      externalId: '',
      timeZone: 'Mars/Olympus_Mons',
      identity: 'sso',
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(pathsOf(error)).toEqual(
      expect.arrayContaining(['name', 'externalId', 'timeZone', 'identity']),
    );
    const unknown = await createAccount({ name: 'Ok', plan: 'gold' });
    expect(unknown.status).toBe(400);
    expect(await listAccounts()).toEqual(before);
  });

  it('answers 409 on externalId when another account of the integrator has it', async () => {
    await createAccount({ name: 'First', externalId: 'DLR-7' });
    const before = await listAccounts();
    const response = await createAccount({ name: 'Second', externalId: 'DLR-7' });
    expect(response.status).toBe(409);
    const error = await errorOf(response);
    expect(error.code).toBe('conflict');
    expect(pathsOf(error)).toEqual(['externalId']);
    expect(await listAccounts()).toEqual(before);
    const otherIntegrator = await createAccount(
      { name: 'Theirs', externalId: 'DLR-7' },
      other.apiKey,
    );
    expect(otherIntegrator.status).toBe(201);
  });
});

describe('GET /v1/accounts and /v1/accounts/{accountId}', () => {
  it('lists only the integrator accounts, oldest first', async () => {
    const mine = await listAccounts();
    expect(mine[0]?.id).toBe(tenant.accountId);
    expect(mine.map((a) => a.id)).not.toContain(other.accountId);
    const times = mine.map((a) => a.createdAt);
    expect(times).toEqual([...times].sort());
    const theirs = await listAccounts(other.apiKey);
    expect(theirs.map((a) => a.id)).not.toContain(tenant.accountId);
  });

  it('answers 404 for another integrator account exactly as for a missing one', async () => {
    const foreign = await getAccount(other.accountId);
    const missing = await getAccount(randomUUID());
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    const [foreignError, missingError] = [await errorOf(foreign), await errorOf(missing)];
    expect(foreignError.code).toBe('not_found');
    expect({ ...foreignError, requestId: '' }).toEqual({ ...missingError, requestId: '' });
  });

  it('answers 400 naming accountId when it is not a uuid', async () => {
    const response = await getAccount('dealership-1');
    expect(response.status).toBe(400);
    expect(pathsOf(await errorOf(response))).toEqual(['accountId']);
  });
});

describe('PATCH /v1/accounts/{accountId}', () => {
  it('changes the fields given and keeps the others', async () => {
    const account = await json<Account>(
      await createAccount({ name: 'Old Name', externalId: 'DLR-P' }),
    );
    const response = await patchAccount(account.id, {
      name: 'New Name',
      timeZone: 'America/Halifax',
    });
    expect(response.status).toBe(200);
    const updated = await json<Account>(response);
    expect(updated).toMatchObject({
      id: account.id,
      name: 'New Name',
      timeZone: 'America/Halifax',
      externalId: 'DLR-P',
      identity: 'host',
    });
    expect(await readAccount(account.id)).toEqual(updated);
    const cleared = await json<Account>(await patchAccount(account.id, { externalId: null }));
    expect(cleared.externalId).toBeNull();
  });

  it('refuses bad input with 400 naming every field, and changes nothing', async () => {
    const before = await readAccount(tenant.accountId);
    const response = await patchAccount(tenant.accountId, {
      name: ' ',
      timeZone: 'Nowhere',
      identity: 'ldap',
    });
    expect(response.status).toBe(400);
    expect(pathsOf(await errorOf(response))).toEqual(
      expect.arrayContaining(['name', 'timeZone', 'identity']),
    );
    expect(await readAccount(tenant.accountId)).toEqual(before);
  });

  it('answers 409 on externalId taken by another account, and changes nothing', async () => {
    await createAccount({ name: 'Holder', externalId: 'DLR-TAKEN' });
    const before = await readAccount(tenant.accountId);
    const response = await patchAccount(tenant.accountId, {
      name: 'Would be renamed',
      externalId: 'DLR-TAKEN',
    });
    expect(response.status).toBe(409);
    expect(pathsOf(await errorOf(response))).toEqual(['externalId']);
    expect(await readAccount(tenant.accountId)).toEqual(before);
  });

  it('answers 404 to another integrator, and changes nothing', async () => {
    const before = await readAccount(other.accountId, other.apiKey);
    const response = await patchAccount(other.accountId, { name: 'Hijacked' });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
    expect(await readAccount(other.accountId, other.apiKey)).toEqual(before);
  });
});

describe('GET and PATCH /v1/integrator', () => {
  it('returns the integrator of the API key', async () => {
    const integrator = await readIntegrator();
    expect(integrator).toEqual({
      id: tenant.integratorId,
      name: expect.any(String),
      allowedOrigins: [],
      notificationSettingsUrl: null,
      createdAt: expect.any(String),
    });
    expect((await readIntegrator(other.apiKey)).id).toBe(other.integratorId);
  });

  it('updates the name and the allowed origins, normalized and without duplicates', async () => {
    const response = await patchIntegrator({
      name: 'Acme DMS',
      allowedOrigins: [
        'https://portal.example.com/',
        'http://localhost:5173',
        'https://portal.example.com',
      ],
    });
    expect(response.status).toBe(200);
    const updated = await json<Integrator>(response);
    expect(updated).toMatchObject({
      id: tenant.integratorId,
      name: 'Acme DMS',
      allowedOrigins: ['https://portal.example.com', 'http://localhost:5173'],
    });
    expect(await readIntegrator()).toEqual(updated);
    expect(await json(await patchIntegrator({}))).toEqual(updated);
    expect((await readIntegrator(other.apiKey)).name).not.toBe('Acme DMS');
  });

  it('refuses origins that are not scheme, host and port with 400 on each, and changes nothing', async () => {
    const before = await readIntegrator();
    const response = await patchIntegrator({
      allowedOrigins: [
        'https://ok.example.com',
        'https://portal.example.com/app',
        'ftp://files.example.com',
        'portal.example.com',
        '*',
      ],
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(pathsOf(error)).toEqual([
      'allowedOrigins.1',
      'allowedOrigins.2',
      'allowedOrigins.3',
      'allowedOrigins.4',
    ]);
    const badName = await patchIntegrator({ name: '', allowedOrigins: ['https://ok.example.com'] });
    expect(badName.status).toBe(400);
    expect(pathsOf(await errorOf(badName))).toEqual(['name']);
    expect(await readIntegrator()).toEqual(before);
  });
});

describe('API key on every account and integrator route', () => {
  const routes = () => [
    { method: 'POST', path: '/v1/accounts', json: { name: 'Sneaky' } },
    { method: 'GET', path: '/v1/accounts' },
    { method: 'GET', path: `/v1/accounts/${tenant.accountId}` },
    { method: 'PATCH', path: `/v1/accounts/${tenant.accountId}`, json: { name: 'Hijacked' } },
    { method: 'GET', path: '/v1/integrator' },
    { method: 'PATCH', path: '/v1/integrator', json: { name: 'Hijacked' } },
  ];

  it('refuses a missing or wrong API key, and a user token, with 401 api_key_invalid', async () => {
    const accountsBefore = await listAccounts();
    const integratorBefore = await readIntegrator();
    for (const route of routes()) {
      for (const token of [undefined, 'bl_sk_not-a-real-key', tenant.adminToken, 'Basic abc']) {
        const response = await t.request(route.path, {
          method: route.method,
          json: route.json,
          ...(token ? { token } : {}),
        });
        expect(response.status, `${route.method} ${route.path} with ${token}`).toBe(401);
        expect((await errorOf(response)).code).toBe('api_key_invalid');
      }
    }
    expect(await listAccounts()).toEqual(accountsBefore);
    expect(await readIntegrator()).toEqual(integratorBefore);
  });
});
