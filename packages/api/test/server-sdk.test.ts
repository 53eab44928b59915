import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { createClient } from '@baylink/sdk';
import {
  BaylinkError,
  createServerClient,
  mintUserToken,
  type ServerClient,
} from '@baylink/sdk/server';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

let t: TestContext;
let tenant: TestTenant;
let other: TestTenant;
let server: Server;
let baseUrl: string;
let baylink: ServerClient;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  other = await t.tenant();
  const address = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, resolve) as Server;
  });
  baseUrl = `http://127.0.0.1:${address.port}`;
  baylink = createServerClient({ baseUrl, apiKey: tenant.apiKey });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

/** The rejection of a promise that must reject. */
async function rejection(promise: Promise<unknown>): Promise<BaylinkError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BaylinkError);
    return error as BaylinkError;
  }
  throw new Error('Expected the call to reject');
}

describe('the server SDK against a listening API', () => {
  it('sets up an account, its users and a team, and mints a token that signs a user in', async () => {
    const integrator = await baylink.integrator.get();
    expect(integrator.id).toBe(tenant.integratorId);
    const updatedIntegrator = await baylink.integrator.update({
      allowedOrigins: ['https://portal.example.com/'],
    });
    expect(updatedIntegrator.allowedOrigins).toEqual(['https://portal.example.com']);

    const account = await baylink.accounts.create({ name: 'SDK Motors', externalId: 'SDK-1' });
    expect(account).toMatchObject({ name: 'SDK Motors', timeZone: 'America/Toronto' });
    expect((await baylink.accounts.list()).map((a) => a.id)).toContain(account.id);
    expect(await baylink.accounts.get(account.id)).toEqual(account);
    const renamed = await baylink.accounts.update(account.id, { name: 'SDK Motors East' });
    expect(renamed.name).toBe('SDK Motors East');

    const sam = await baylink.users.upsert(account.id, 'EMP-1', {
      name: 'Sam Service',
      email: 'SAM@example.com',
      role: 'admin',
    });
    expect(sam).toMatchObject({ referenceId: 'EMP-1', email: 'sam@example.com', role: 'admin' });
    const samAgain = await baylink.users.upsert(account.id, 'EMP-1', { name: 'Sam Service' });
    expect(samAgain.id).toBe(sam.id);
    const ria = await baylink.users.upsert(account.id, 'EMP 2/β', { name: 'Ria Rivera' });
    expect(ria.referenceId).toBe('EMP 2/β');
    expect((await baylink.users.list(account.id)).map((u) => u.name)).toEqual([
      'Ria Rivera',
      'Sam Service',
    ]);
    expect(await baylink.users.get(account.id, ria.id)).toEqual(ria);
    const promoted = await baylink.users.update(account.id, ria.id, { jobPosition: 'Advisor' });
    expect(promoted.jobPosition).toBe('Advisor');

    const team = await baylink.teams.create(account.id, { name: 'Service', memberIds: [sam.id] });
    expect(team.memberIds).toEqual([sam.id]);
    const both = await baylink.teams.addMember(account.id, team.id, ria.id);
    expect([...both.memberIds].sort()).toEqual([sam.id, ria.id].sort());
    const onlyRia = await baylink.teams.removeMember(account.id, team.id, sam.id);
    expect(onlyRia.memberIds).toEqual([ria.id]);
    const named = await baylink.teams.update(account.id, team.id, { name: 'Service desk' });
    expect(named).toMatchObject({ name: 'Service desk', memberIds: [ria.id] });
    expect(await baylink.teams.get(account.id, team.id)).toEqual(named);
    expect((await baylink.teams.list(account.id)).map((x) => x.id)).toEqual([team.id]);

    const { token, expiresAt } = await mintUserToken({
      secret: tenant.signingSecret,
      accountId: account.id,
      referenceId: 'EMP 2/β',
    });
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    const me = await fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      id: ria.id,
      accountId: account.id,
      name: 'Ria Rivera',
    });

    const browser = createClient({ baseUrl, getToken: () => token });
    expect((await browser.me.get()).jobPosition).toBe('Advisor');
    browser.destroy();

    await baylink.teams.delete(account.id, team.id);
    await baylink.users.delete(account.id, sam.id);
    expect((await rejection(baylink.teams.get(account.id, team.id))).status).toBe(404);
    expect((await rejection(baylink.users.get(account.id, sam.id))).status).toBe(404);
  });

  it('rejects with a typed BaylinkError on a 404, for a missing or a foreign account alike', async () => {
    for (const accountId of [randomUUID(), other.accountId]) {
      const error = await rejection(baylink.accounts.get(accountId));
      expect(error).toMatchObject({ name: 'BaylinkError', status: 404, code: 'not_found' });
      expect(error.requestId).toEqual(expect.any(String));
    }
  });

  it("rejects with the API's 400 and 409 details", async () => {
    const invalid = await rejection(
      baylink.teams.create(tenant.accountId, { name: 'Poachers', memberIds: [other.member.id] }),
    );
    expect(invalid).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(invalid.details.map((detail) => detail.path)).toEqual(['memberIds.0']);
    expect(invalid.fieldMessage('memberIds.0')).toEqual(expect.any(String));

    const taken = await rejection(
      baylink.users.upsert(tenant.accountId, 'DUP-1', { name: 'Dup', email: tenant.admin.email! }),
    );
    expect(taken).toMatchObject({ status: 409, code: 'email_taken' });
    expect(taken.details[0]?.path).toBe('email');
  });

  it('checks input against the contract before sending anything', async () => {
    let calls = 0;
    const counted = createServerClient({
      baseUrl,
      apiKey: tenant.apiKey,
      fetch: (input, init) => {
        calls += 1;
        return fetch(input, init);
      },
    });
    const badAccount = await rejection(
      counted.accounts.create({ name: '', timeZone: 'Atlantis/Lost' }),
    );
    expect(badAccount).toMatchObject({ status: 0, code: 'validation_failed' });
    expect(badAccount.details.map((detail) => detail.path)).toEqual(['name', 'timeZone']);

    const badId = await rejection(counted.users.get(tenant.accountId, 'not-a-uuid'));
    expect(badId.details.map((detail) => detail.path)).toEqual(['userId']);
    const badReference = await rejection(counted.users.upsert(tenant.accountId, '', { name: 'X' }));
    expect(badReference.details.map((detail) => detail.path)).toEqual(['referenceId']);
    const badOrigins = await rejection(counted.integrator.update({ allowedOrigins: ['*'] }));
    expect(badOrigins.details.map((detail) => detail.path)).toEqual(['allowedOrigins.0']);
    expect(calls).toBe(0);

    await counted.accounts.get(tenant.accountId);
    expect(calls).toBe(1);
  });

  it('rejects a wrong API key with 401 api_key_invalid and never shows the key', async () => {
    const wrongKey = 'bl_sk_this-key-does-not-exist';
    const wrong = createServerClient({ baseUrl, apiKey: wrongKey });
    const error = await rejection(wrong.integrator.get());
    expect(error).toMatchObject({ status: 401, code: 'api_key_invalid' });
    for (const shown of [inspect(error), JSON.stringify(error), inspect(wrong, { depth: 5 })]) {
      expect(shown).not.toContain(wrongKey);
    }
    expect(inspect(baylink, { depth: 5 })).not.toContain(tenant.apiKey);
    expect(JSON.stringify(baylink)).not.toContain(tenant.apiKey);
  });

  it('refuses to start with the signing secret or no key, without echoing it', () => {
    let refused: unknown;
    try {
      createServerClient({ baseUrl, apiKey: tenant.signingSecret });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(TypeError);
    expect(String(refused)).not.toContain(tenant.signingSecret);
    expect(() => createServerClient({ baseUrl, apiKey: '' })).toThrow(TypeError);
    expect(() => createServerClient({ baseUrl: '', apiKey: tenant.apiKey })).toThrow(TypeError);
  });

  it('refuses to run in a browser, where an API key must never be', () => {
    const scope = globalThis as { document?: unknown };
    scope.document = {};
    try {
      expect(() => createServerClient({ baseUrl, apiKey: tenant.apiKey })).toThrow(
        expect.objectContaining({ code: 'api_key_in_browser' }),
      );
    } finally {
      delete scope.document;
    }
  });

  it('reports an unreachable API as network_error', async () => {
    const closed = await new Promise<AddressInfo>((resolve) => {
      const probe = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
        probe.close(() => resolve(info));
      });
    });
    const unreachable = createServerClient({
      baseUrl: `http://127.0.0.1:${closed.port}`,
      apiKey: tenant.apiKey,
    });
    const error = await rejection(unreachable.accounts.list());
    expect(error).toMatchObject({ status: 0, code: 'network_error' });
  });
});

describe('mintUserToken', () => {
  it('refuses a lifetime over 12 hours', async () => {
    await expect(
      mintUserToken({
        secret: tenant.signingSecret,
        accountId: tenant.accountId,
        userId: tenant.member.id,
        expiresInSeconds: 12 * 3600 + 1,
      }),
    ).rejects.toThrow(RangeError);
  });

  it('mints a 12-hour token that the API accepts', async () => {
    const { token, expiresAt } = await mintUserToken({
      secret: tenant.signingSecret,
      accountId: tenant.accountId,
      userId: tenant.member.id,
      expiresInSeconds: 12 * 3600,
    });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(12 * 3600 * 1000 - 5_000);
    const me = await fetch(`${baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
  });

  it('needs exactly one of userId and referenceId', async () => {
    const base = { secret: tenant.signingSecret, accountId: tenant.accountId };
    await expect(mintUserToken(base)).rejects.toThrow(TypeError);
    await expect(
      mintUserToken({ ...base, userId: tenant.member.id, referenceId: 'M-1' }),
    ).rejects.toThrow(TypeError);
  });
});
