import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BaylinkError, createServerClient, type ServerClient } from '@baylink/sdk/server';
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

async function rejection(promise: Promise<unknown>): Promise<BaylinkError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BaylinkError);
    return error as BaylinkError;
  }
  throw new Error('Expected the call to reject');
}

/** A client whose fetch is the real one, recording each answer's status. */
function recordingClient() {
  const statuses: number[] = [];
  const client = createServerClient({
    baseUrl,
    apiKey: tenant.apiKey,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    },
  });
  return { client, statuses };
}

const event = () => ({
  accountId: tenant.accountId,
  type: 'conversations.new_message',
  recipients: { userIds: [tenant.admin.id, tenant.member.id] },
  title: { en: 'New message from Dana', fr: 'Nouveau message de Dana' },
});

describe('events.send', () => {
  it('posts an event in one typed call, and a repeated key answers the first answer', async () => {
    const key = `ro-4521-message-${randomUUID()}`;
    const first = await baylink.events.send(event(), { idempotencyKey: key });
    expect(first).toMatchObject({ accountId: tenant.accountId, recipients: 2, inApp: 2 });
    const again = await baylink.events.send(event(), { idempotencyKey: key });
    expect(again).toEqual(first);
    const [{ count }] = (await t.sql`
      select count(*)::int from events where account_id = ${tenant.accountId}
        and id = ${first.id}`) as unknown as [{ count: number }];
    expect(count).toBe(1);

    const changed = await rejection(
      baylink.events.send({ ...event(), title: 'Another' }, { idempotencyKey: key }),
    );
    expect(changed).toMatchObject({ status: 422, code: 'conflict' });
  });

  it('makes up a key when none is given, so two sends are two events', async () => {
    const a = await baylink.events.send(event());
    const b = await baylink.events.send(event());
    expect(a.id).not.toBe(b.id);
  });

  it('rejects with the API’s 400 details without retrying, and with 404 for a foreign account', async () => {
    const { client, statuses } = recordingClient();
    const unknown = randomUUID();
    const error = await rejection(
      client.events.send({ ...event(), recipients: { userIds: [tenant.admin.id, unknown] } }),
    );
    expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(error.details.map((detail) => detail.path)).toEqual(['recipients.userIds.1']);
    expect(statuses).toEqual([400]);

    const foreign = await rejection(client.events.send({ ...event(), accountId: other.accountId }));
    expect(foreign).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('checks the event and the key against the contract before sending anything', async () => {
    const { client, statuses } = recordingClient();
    const badType = await rejection(client.events.send({ ...event(), type: 'nope.nope' }));
    expect(badType).toMatchObject({ status: 0, code: 'validation_failed' });
    expect(badType.details.map((detail) => detail.path)).toEqual(['type']);
    const badKey = await rejection(client.events.send(event(), { idempotencyKey: 'has spaces' }));
    expect(badKey.status).toBe(0);
    expect(statuses).toEqual([]);
  });

  it('retries with the same key while the first request is in flight, and gets its answer', async () => {
    const key = randomUUID();
    const reserved = await t.sql.reserve();
    let first: Promise<Response> | undefined;
    const statuses: number[] = [];
    let sawConflict!: () => void;
    const conflict = new Promise<void>((resolve) => {
      sawConflict = resolve;
    });
    const patient = createServerClient({
      baseUrl,
      apiKey: tenant.apiKey,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        statuses.push(response.status);
        if (response.status === 409) sawConflict();
        return response;
      },
    });
    let sent: ReturnType<ServerClient['events']['send']> | undefined;
    try {
      await reserved`begin`;
      await reserved`select 1 from accounts where id = ${tenant.accountId} for update`;
      first = fetch(`${baseUrl}/v1/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tenant.apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(event()),
      });
      const deadline = Date.now() + 5_000;
      for (;;) {
        const [pending] = await t.sql`
          select 1 from idempotency_keys where key = ${key} and state = 'pending'`;
        if (pending) break;
        if (Date.now() > deadline) throw new Error('the first request never claimed its key');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      sent = patient.events.send(event(), { idempotencyKey: key, retries: 8 });
      await conflict;
    } finally {
      await reserved`commit`;
      reserved.release();
    }
    const firstAnswer = (await (await first!).json()) as { id: string };
    const retried = await sent!;
    expect(retried.id).toBe(firstAnswer.id);
    expect(statuses[0]).toBe(409);
    expect(statuses.at(-1)).toBe(202);
  });
});

describe('topics and catalog', () => {
  it('subscribes, lists and unsubscribes with a key holding : and /', async () => {
    const topic = 'repair-order:4521/lines';
    const added = await baylink.topics.subscribe(tenant.accountId, topic, {
      userIds: [tenant.admin.id],
      referenceIds: [tenant.member.reference_id!],
    });
    expect(added.topic).toBe(topic);
    expect([...added.userIds].sort()).toEqual([tenant.admin.id, tenant.member.id].sort());
    expect(await baylink.topics.list(tenant.accountId, topic)).toHaveLength(2);
    await baylink.topics.unsubscribe(tenant.accountId, topic, tenant.admin.id);
    expect(await baylink.topics.list(tenant.accountId, topic)).toEqual([tenant.member.id]);

    const sentToTopic = await baylink.events.send({
      accountId: tenant.accountId,
      type: 'collaboration.new_message',
      recipients: { topics: [topic] },
    });
    expect(sentToTopic.recipients).toBe(1);

    const badTopic = await rejection(baylink.topics.list(tenant.accountId, 'has space'));
    expect(badTopic).toMatchObject({ status: 0, code: 'validation_failed' });
    const unknown = await rejection(
      baylink.topics.subscribe(tenant.accountId, topic, { userIds: [other.admin.id] }),
    );
    expect(unknown.details.map((detail) => detail.path)).toEqual(['userIds.0']);
  });

  it('reads the catalog in either language', async () => {
    const english = await baylink.catalog.get();
    const french = await baylink.catalog.get('fr');
    expect(english.language).toBe('en');
    expect(french.language).toBe('fr');
    expect(french.categories).toHaveLength(english.categories.length);
    expect(french.categories[0]!.types[0]!.label).not.toBe(english.categories[0]!.types[0]!.label);
  });
});
