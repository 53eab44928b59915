import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiProcess,
  appendNotifications,
  SseClient,
  sleep,
  startApiProcess,
} from './stream-support.ts';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// The stream across real API processes (`baylink start`) sharing one database: wake-ups cross
// processes through LISTEN/NOTIFY, a client survives the SIGKILL of its process by resuming on
// another with Last-Event-ID, and SIGTERM ends streams with a retry hint.

let t: TestContext;
let tenant: TestTenant;
const processes: ApiProcess[] = [];
const clients: SseClient[] = [];

async function start(env: Record<string, string> = {}) {
  const api = await startApiProcess(t.databaseUrl, { LOG_LEVEL: 'warn', ...env });
  processes.push(api);
  return api;
}

async function connect(base: string, options: Parameters<typeof SseClient.connect>[1]) {
  const client = await SseClient.connect(base, options);
  clients.push(client);
  expect(client.status).toBe(200);
  return client;
}

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
});

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(processes.map((api) => api.kill()));
  await t.close();
});

describe('the stream across API processes', () => {
  it('resumes on B after A is killed, with exactly the missed events in order', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const onA = await connect(a.url, { token: tenant.memberToken });
    const watcherOnB = await connect(b.url, { token: tenant.memberToken });
    const visible: string[] = [];
    const write = async (label: string) => {
      const seqs = await appendNotifications(t.sql, tenant.accountId, [
        { userId: tenant.member.id, title: `${label} member` },
        { userId: tenant.admin.id, title: `${label} admin` },
        { userId: null, title: `${label} everyone` },
      ]);
      visible.push(seqs[0]!, seqs[2]!);
    };

    for (let i = 0; i < 5; i++) await write(`before ${i}`);
    await onA.until((c) => c.events.length >= visible.length);
    expect(onA.ids).toEqual(visible);
    // A write from anywhere wakes every process.
    await watcherOnB.until((c) => c.events.length >= visible.length);
    expect(watcherOnB.ids).toEqual(visible);

    await a.kill();
    expect(await onA.ended).toBe('error');
    const seenOnA = onA.ids.length;
    for (let i = 0; i < 5; i++) await write(`while down ${i}`);

    const resumed = await connect(b.url, {
      token: tenant.memberToken,
      lastEventId: onA.ids.at(-1)!,
    });
    for (let i = 0; i < 3; i++) await write(`after ${i}`);
    const expected = visible.slice(seenOnA);
    await resumed.until((c) => c.events.length >= expected.length);
    await sleep(200);
    expect(resumed.ids).toEqual(expected);
    // Together: every event once, in order.
    expect([...onA.ids, ...resumed.ids]).toEqual(visible);
    expect(new Set(resumed.ids).size).toBe(resumed.ids.length);
  });

  it('delivers an event posted through the API on one process to a client on another', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const client = await connect(a.url, { token: tenant.memberToken });
    const response = await fetch(`${b.url}/v1/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tenant.apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': `stream-${Date.now()}`,
      },
      body: JSON.stringify({
        accountId: tenant.accountId,
        type: 'conversations.new_message',
        recipients: { userIds: [tenant.member.id, tenant.admin.id] },
        title: { en: 'Ingested through the API' },
      }),
    });
    expect(response.status).toBe(202);
    await client.until((c) => c.events.length >= 1);
    await sleep(200);
    expect(client.events).toHaveLength(1);
    const event = JSON.parse(client.events[0]!.data) as {
      id: string;
      kind: string;
      data: { title: string };
    };
    expect(event.kind).toBe('notification.created');
    expect(event.id).toBe(client.events[0]!.id);
    expect(event.data.title).toBe('Ingested through the API');
  });

  it('ends every stream with a retry hint on SIGTERM, then exits cleanly', async () => {
    const api = await start({ LOG_LEVEL: 'info' });
    const first = await connect(api.url, { token: tenant.memberToken });
    const second = await connect(api.url, { token: tenant.adminToken });
    await first.until((c) => c.retries.length === 1);
    await second.until((c) => c.retries.length === 1);

    api.child.kill('SIGTERM');
    expect(await first.ended).toBe('end');
    expect(await second.ended).toBe('end');
    for (const client of [first, second]) {
      // The stream closes on a `retry:` field, the hint to reconnect (to another process).
      expect(client.retries).toHaveLength(2);
      expect(client.raw).toMatch(/\n\nretry: \d+\n\n$/);
    }
    expect(await api.exited).toBe(0);
    expect(api.output()).toMatch(/"msg":"stopped"/);
  });
});
