import { randomUUID } from 'node:crypto';
import type { Account, Team, User } from '@baylink/sdk/contract';
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

type Owner = Pick<TestTenant, 'apiKey' | 'accountId'>;

const teamsOf = (accountId: string) => `/v1/accounts/${accountId}/teams`;
const sorted = (ids: string[]) => [...ids].sort();

async function createTeam(body: unknown, owner: Owner = tenant) {
  return t.request(teamsOf(owner.accountId), { method: 'POST', token: owner.apiKey, json: body });
}

async function newTeam(body: Record<string, unknown>, owner: Owner = tenant) {
  const response = await createTeam(body, owner);
  expect(response.status).toBe(201);
  return json<Team>(response);
}

async function listTeams(owner: Owner = tenant) {
  const response = await t.request(teamsOf(owner.accountId), { token: owner.apiKey });
  expect(response.status).toBe(200);
  return (await json<{ items: Team[] }>(response)).items;
}

async function getTeam(teamId: string, owner: Owner = tenant) {
  return t.request(`${teamsOf(owner.accountId)}/${teamId}`, { token: owner.apiKey });
}

async function readTeam(teamId: string, owner: Owner = tenant) {
  const response = await getTeam(teamId, owner);
  expect(response.status).toBe(200);
  return json<Team>(response);
}

function patchTeam(teamId: string, body: unknown, owner: Owner = tenant) {
  return t.request(`${teamsOf(owner.accountId)}/${teamId}`, {
    method: 'PATCH',
    token: owner.apiKey,
    json: body,
  });
}

function member(method: 'PUT' | 'DELETE', teamId: string, userId: string, owner: Owner = tenant) {
  return t.request(`${teamsOf(owner.accountId)}/${teamId}/members/${userId}`, {
    method,
    token: owner.apiKey,
  });
}

async function addUser(name: string, owner: Owner = tenant) {
  const response = await t.request(
    `/v1/accounts/${owner.accountId}/users/by-reference/${encodeURIComponent(name)}`,
    { method: 'PUT', token: owner.apiKey, json: { name } },
  );
  expect(response.status).toBe(201);
  return json<User>(response);
}

describe('POST /v1/accounts/{accountId}/teams', () => {
  it('creates a team with its members', async () => {
    const response = await createTeam({
      name: ' Service Desk ',
      externalId: 'TEAM-SD',
      memberIds: [tenant.admin.id, tenant.member.id, tenant.admin.id],
    });
    expect(response.status).toBe(201);
    const team = await json<Team>(response);
    expect(team).toMatchObject({
      accountId: tenant.accountId,
      name: 'Service Desk',
      externalId: 'TEAM-SD',
    });
    expect(sorted(team.memberIds)).toEqual(sorted([tenant.admin.id, tenant.member.id]));
    expect(await readTeam(team.id)).toEqual(team);
  });

  it('creates a team without members', async () => {
    const team = await newTeam({ name: 'Night Shift' });
    expect(team.memberIds).toEqual([]);
    expect(team.externalId).toBeNull();
  });

  it('refuses members that are not users of the account with 400 on memberIds.N, and creates nothing', async () => {
    const before = await listTeams();
    const response = await createTeam({
      name: 'Mixed',
      memberIds: [tenant.member.id, other.member.id, randomUUID()],
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(pathsOf(error)).toEqual(['memberIds.1', 'memberIds.2']);
    expect(await listTeams()).toEqual(before);
  });

  it('refuses bad input with 400 naming every field, and creates nothing', async () => {
    const before = await listTeams();
    const response = await createTeam({ name: '', externalId: '', memberIds: ['nope'] });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(pathsOf(error)).toEqual(expect.arrayContaining(['name', 'externalId', 'memberIds.0']));
    expect(await listTeams()).toEqual(before);
  });

  it('answers 409 on externalId when another team of the account has it', async () => {
    await newTeam({ name: 'Parts', externalId: 'TEAM-P' });
    const before = await listTeams();
    const response = await createTeam({ name: 'Parts again', externalId: 'TEAM-P' });
    expect(response.status).toBe(409);
    const error = await errorOf(response);
    expect(error.code).toBe('conflict');
    expect(pathsOf(error)).toEqual(['externalId']);
    expect(await listTeams()).toEqual(before);
    const elsewhere = await createTeam({ name: 'Parts', externalId: 'TEAM-P' }, other);
    expect(elsewhere.status).toBe(201);
  });
});

describe('GET /v1/accounts/{accountId}/teams and /{teamId}', () => {
  it('lists the teams of the account by name, with their members', async () => {
    const account = await json<Account>(
      await t.request('/v1/accounts', {
        method: 'POST',
        token: tenant.apiKey,
        json: { name: 'Team Motors' },
      }),
    );
    const owner = { apiKey: tenant.apiKey, accountId: account.id };
    const ann = await addUser('Ann', owner);
    for (const name of ['body shop', 'Alignment', 'Car wash']) {
      await newTeam({ name, memberIds: name === 'Car wash' ? [ann.id] : [] }, owner);
    }
    const teams = await listTeams(owner);
    expect(teams.map((team) => team.name)).toEqual(['Alignment', 'body shop', 'Car wash']);
    expect(teams.map((team) => team.memberIds)).toEqual([[], [], [ann.id]]);
    expect(teams.every((team) => team.accountId === account.id)).toBe(true);
  });

  it('answers 404 for a team of another account of the same integrator', async () => {
    const account = await json<Account>(
      await t.request('/v1/accounts', {
        method: 'POST',
        token: tenant.apiKey,
        json: { name: 'Elsewhere' },
      }),
    );
    const team = await newTeam({ name: 'Ours' });
    const response = await getTeam(team.id, { apiKey: tenant.apiKey, accountId: account.id });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });

  it('answers 404 for an unknown team and 400 for a malformed id', async () => {
    expect((await getTeam(randomUUID())).status).toBe(404);
    const malformed = await getTeam('team-1');
    expect(malformed.status).toBe(400);
    expect(pathsOf(await errorOf(malformed))).toEqual(['teamId']);
  });
});

describe('PATCH /v1/accounts/{accountId}/teams/{teamId}', () => {
  it('renames the team and replaces its members', async () => {
    const extra = await addUser('Eve Extra');
    const team = await newTeam({ name: 'Detail', memberIds: [tenant.admin.id, tenant.member.id] });
    const response = await patchTeam(team.id, {
      name: 'Detailing',
      externalId: 'TEAM-D',
      memberIds: [tenant.member.id, extra.id],
    });
    expect(response.status).toBe(200);
    const updated = await json<Team>(response);
    expect(updated).toMatchObject({ id: team.id, name: 'Detailing', externalId: 'TEAM-D' });
    expect(sorted(updated.memberIds)).toEqual(sorted([tenant.member.id, extra.id]));
    expect(await readTeam(team.id)).toEqual(updated);

    const emptied = await json<Team>(await patchTeam(team.id, { memberIds: [], externalId: null }));
    expect(emptied).toMatchObject({ name: 'Detailing', externalId: null, memberIds: [] });
  });

  it('refuses a member from another account with 400, and changes nothing at all', async () => {
    const team = await newTeam({ name: 'Tires', memberIds: [tenant.admin.id] });
    const response = await patchTeam(team.id, {
      name: 'Wheels',
      memberIds: [tenant.member.id, other.admin.id],
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(pathsOf(error)).toEqual(['memberIds.1']);
    expect(await readTeam(team.id)).toEqual(team);
  });

  it('refuses bad input with 400 naming every field, and changes nothing', async () => {
    const team = await newTeam({ name: 'Glass' });
    const response = await patchTeam(team.id, { name: '  ', memberIds: 'everyone', colour: 'red' });
    expect(response.status).toBe(400);
    expect(pathsOf(await errorOf(response))).toEqual(expect.arrayContaining(['name', 'memberIds']));
    expect(await readTeam(team.id)).toEqual(team);
  });

  it('answers 409 on externalId taken by another team, and changes nothing', async () => {
    await newTeam({ name: 'Express', externalId: 'TEAM-X' });
    const team = await newTeam({ name: 'Quick Lane', memberIds: [tenant.member.id] });
    const response = await patchTeam(team.id, {
      externalId: 'TEAM-X',
      memberIds: [tenant.admin.id],
    });
    expect(response.status).toBe(409);
    expect(pathsOf(await errorOf(response))).toEqual(['externalId']);
    expect(await readTeam(team.id)).toEqual(team);
  });

  it('answers 404 for an unknown team', async () => {
    expect((await patchTeam(randomUUID(), { name: 'Ghosts' })).status).toBe(404);
  });
});

describe('DELETE /v1/accounts/{accountId}/teams/{teamId}', () => {
  it('deletes the team with 204 and keeps its users', async () => {
    const team = await newTeam({ name: 'Temp', memberIds: [tenant.member.id] });
    const response = await t.request(`${teamsOf(tenant.accountId)}/${team.id}`, {
      method: 'DELETE',
      token: tenant.apiKey,
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect((await getTeam(team.id)).status).toBe(404);
    const user = await t.request(`/v1/accounts/${tenant.accountId}/users/${tenant.member.id}`, {
      token: tenant.apiKey,
    });
    expect(user.status).toBe(200);
    const again = await t.request(`${teamsOf(tenant.accountId)}/${team.id}`, {
      method: 'DELETE',
      token: tenant.apiKey,
    });
    expect(again.status).toBe(404);
  });
});

describe('PUT and DELETE /v1/accounts/{accountId}/teams/{teamId}/members/{userId}', () => {
  it('adds a member, and adding again changes nothing', async () => {
    const team = await newTeam({ name: 'Advisors' });
    const first = await member('PUT', team.id, tenant.member.id);
    expect(first.status).toBe(200);
    const added = await json<Team>(first);
    expect(added.memberIds).toEqual([tenant.member.id]);
    const second = await member('PUT', team.id, tenant.member.id);
    expect(second.status).toBe(200);
    expect(await json(second)).toEqual(added);
    expect(await readTeam(team.id)).toEqual(added);
  });

  it('removes a member, and removing again changes nothing', async () => {
    const team = await newTeam({ name: 'Techs', memberIds: [tenant.admin.id, tenant.member.id] });
    const first = await member('DELETE', team.id, tenant.admin.id);
    expect(first.status).toBe(200);
    const removed = await json<Team>(first);
    expect(removed.memberIds).toEqual([tenant.member.id]);
    const second = await member('DELETE', team.id, tenant.admin.id);
    expect(second.status).toBe(200);
    expect(await json(second)).toEqual(removed);
  });

  it('answers 404 for a user who is not in the account, and changes nothing', async () => {
    const team = await newTeam({ name: 'Closed', memberIds: [tenant.admin.id] });
    for (const method of ['PUT', 'DELETE'] as const) {
      for (const userId of [other.member.id, randomUUID()]) {
        const response = await member(method, team.id, userId);
        expect(response.status, `${method} ${userId}`).toBe(404);
        expect((await errorOf(response)).code).toBe('not_found');
      }
    }
    expect(await readTeam(team.id)).toEqual(team);
  });

  it('answers 404 for an unknown team', async () => {
    expect((await member('PUT', randomUUID(), tenant.member.id)).status).toBe(404);
    expect((await member('DELETE', randomUUID(), tenant.member.id)).status).toBe(404);
  });

  it('drops a deleted user from every team', async () => {
    const leaver = await addUser('Leo Leaver');
    const team = await newTeam({ name: 'Leavers', memberIds: [leaver.id, tenant.admin.id] });
    const deleted = await t.request(`/v1/accounts/${tenant.accountId}/users/${leaver.id}`, {
      method: 'DELETE',
      token: tenant.apiKey,
    });
    expect(deleted.status).toBe(204);
    expect((await readTeam(team.id)).memberIds).toEqual([tenant.admin.id]);
  });
});

describe('API key and tenancy on every team route', () => {
  let team: Team;
  beforeAll(async () => {
    team = await newTeam({ name: 'Guarded', externalId: 'TEAM-G', memberIds: [tenant.admin.id] });
  });

  const routes = () => {
    const base = teamsOf(tenant.accountId);
    return [
      { method: 'POST', path: base, json: { name: 'Sneaky' } },
      { method: 'GET', path: base },
      { method: 'GET', path: `${base}/${team.id}` },
      { method: 'PATCH', path: `${base}/${team.id}`, json: { name: 'Hijacked' } },
      { method: 'DELETE', path: `${base}/${team.id}` },
      { method: 'PUT', path: `${base}/${team.id}/members/${tenant.member.id}` },
      { method: 'DELETE', path: `${base}/${team.id}/members/${tenant.admin.id}` },
    ];
  };

  it('refuses a missing or wrong API key, and a user token, with 401 api_key_invalid', async () => {
    const before = await listTeams();
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
    expect(await listTeams()).toEqual(before);
  });

  it('answers 404 to another integrator, and changes nothing', async () => {
    const before = await listTeams();
    for (const route of routes()) {
      const response = await t.request(route.path, {
        method: route.method,
        json: route.json,
        token: other.apiKey,
      });
      expect(response.status, `${route.method} ${route.path}`).toBe(404);
      expect((await errorOf(response)).code).toBe('not_found');
    }
    expect(await listTeams()).toEqual(before);
  });

  it('answers 404 when the other integrator names its own account but our team or user', async () => {
    const base = teamsOf(other.accountId);
    const theirs = await newTeam({ name: 'Theirs' }, other);
    const attempts = [
      { method: 'GET', path: `${base}/${team.id}` },
      { method: 'PATCH', path: `${base}/${team.id}`, json: { name: 'Hijacked' } },
      { method: 'DELETE', path: `${base}/${team.id}` },
      { method: 'PUT', path: `${base}/${team.id}/members/${other.member.id}` },
      { method: 'PUT', path: `${base}/${theirs.id}/members/${tenant.member.id}` },
      { method: 'POST', path: base, json: { name: 'Poached', memberIds: [tenant.member.id] } },
    ];
    for (const attempt of attempts) {
      const response = await t.request(attempt.path, {
        method: attempt.method,
        json: attempt.json,
        token: other.apiKey,
      });
      expect(response.status, `${attempt.method} ${attempt.path}`).toBe(
        attempt.method === 'POST' ? 400 : 404,
      );
    }
    expect(await readTeam(team.id)).toEqual(team);
    expect((await readTeam(theirs.id, other)).memberIds).toEqual([]);
  });
});
