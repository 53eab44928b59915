import { randomUUID } from 'node:crypto';
import { TopicSubscribers } from '@baylink/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, pathsOf } from './support/errors.ts';
import { addUser, postEvent } from './support/events-fixtures.ts';
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

const path = (accountId: string, topic: string, userId?: string) =>
  `/v1/accounts/${accountId}/topics/${encodeURIComponent(topic)}/subscribers${
    userId ? `/${userId}` : ''
  }`;

function call(
  who: Pick<TestTenant, 'apiKey'>,
  url: string,
  init: { method?: string; json?: unknown } = {},
) {
  return t.request(url, { ...init, headers: { authorization: `Bearer ${who.apiKey}` } });
}

async function subscribers(accountId: string, topic: string) {
  const response = await call(tenant, path(accountId, topic));
  expect(response.status).toBe(200);
  return TopicSubscribers.parse(await json(response));
}

describe('topic subscribers', () => {
  it('subscribes by id and reference id, lists, and unsubscribes, with : and / in the key', async () => {
    const topic = 'repair-order:4521/lines';
    const response = await call(tenant, path(tenant.accountId, topic), {
      method: 'PUT',
      json: { userIds: [tenant.admin.id], referenceIds: [tenant.member.reference_id] },
    });
    expect(response.status).toBe(200);
    const added = TopicSubscribers.parse(await json(response));
    expect(added.topic).toBe(topic);
    expect([...added.userIds].sort()).toEqual([tenant.admin.id, tenant.member.id].sort());

    // Adding again changes nothing.
    const again = await call(tenant, path(tenant.accountId, topic), {
      method: 'PUT',
      json: { userIds: [tenant.member.id] },
    });
    expect(TopicSubscribers.parse(await json(again)).userIds).toHaveLength(2);

    const removed = await call(tenant, path(tenant.accountId, topic, tenant.admin.id), {
      method: 'DELETE',
    });
    expect(removed.status).toBe(204);
    expect((await subscribers(tenant.accountId, topic)).userIds).toEqual([tenant.member.id]);
    // Removing twice is fine.
    const twice = await call(tenant, path(tenant.accountId, topic, tenant.admin.id), {
      method: 'DELETE',
    });
    expect(twice.status).toBe(204);
    // Another topic sharing a prefix is another topic.
    expect((await subscribers(tenant.accountId, 'repair-order:4521')).userIds).toEqual([]);
  });

  it('addresses an event to the subscribers of a topic', async () => {
    const ria = await addUser(t.sql, tenant, { name: 'Ria' });
    const topic = `space/${randomUUID()}`;
    await call(tenant, path(tenant.accountId, topic), {
      method: 'PUT',
      json: { userIds: [ria.id] },
    });
    const response = await postEvent(t, tenant, {
      accountId: tenant.accountId,
      type: 'collaboration.new_message',
      recipients: { topics: [topic] },
    });
    expect(response.status).toBe(202);
    expect(await json(response)).toMatchObject({ recipients: 1, inApp: 1 });
  });

  it('answers 400 naming unknown users, and subscribes nobody', async () => {
    const topic = 'ro:1';
    const response = await call(tenant, path(tenant.accountId, topic), {
      method: 'PUT',
      json: {
        userIds: [tenant.admin.id, other.admin.id],
        referenceIds: ['NOBODY', tenant.member.reference_id],
      },
    });
    expect(response.status).toBe(400);
    expect(pathsOf(await errorOf(response))).toEqual(['userIds.1', 'referenceIds.0']);
    expect((await subscribers(tenant.accountId, topic)).userIds).toEqual([]);
    const unknownDelete = await call(tenant, path(tenant.accountId, topic, randomUUID()), {
      method: 'DELETE',
    });
    expect(unknownDelete.status).toBe(404);
  });

  it('answers 400 for a topic key with characters it does not allow', async () => {
    for (const topic of ['has space', '-leading-dash', 'x'.repeat(129), 'é']) {
      const response = await call(tenant, path(tenant.accountId, topic));
      expect(response.status, topic).toBe(400);
      expect(pathsOf(await errorOf(response))).toEqual(['topic']);
    }
  });

  it("answers 404 for another integrator's account on every route, and 401 without a key", async () => {
    const topic = 'shared:topic';
    await call(other, path(other.accountId, topic), {
      method: 'PUT',
      json: { userIds: [other.admin.id] },
    });
    const list = await call(tenant, path(other.accountId, topic));
    expect(list.status).toBe(404);
    const put = await call(tenant, path(other.accountId, topic), {
      method: 'PUT',
      json: { userIds: [other.member.id] },
    });
    expect(put.status).toBe(404);
    const del = await call(tenant, path(other.accountId, topic, other.admin.id), {
      method: 'DELETE',
    });
    expect(del.status).toBe(404);
    const [{ count }] = (await t.sql`
      select count(*)::int from topic_subscribers where account_id = ${other.accountId}`) as unknown as [
      { count: number },
    ];
    expect(count).toBe(1);
    expect((await t.request(path(tenant.accountId, topic))).status).toBe(401);
    // A user token is not an API key.
    const withUserToken = await t.request(path(tenant.accountId, topic), {
      token: tenant.adminToken,
    });
    expect(withUserToken.status).toBe(401);
  });
});
