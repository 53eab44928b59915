import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MobileWebhook, MobileWebhookPayload } from '@baylink/sdk/contract';
import { verifyWebhook, WebhookVerificationError } from '@baylink/sdk/server';
import pino from 'pino';
import type { Sql } from 'postgres';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createMobileSender,
  isUrgentType,
  MAX_RETRY_AFTER_MS,
} from '../src/services/delivery/mobile-sender.ts';
import { parseRetryAfter as readRetryAfter } from '../src/services/delivery/retry-after.ts';
import type { DeliveryJob, SenderContext } from '../src/services/delivery/types.ts';
import { startDeliveryWorker } from '../src/services/delivery/worker.ts';
import { errorOf, pathsOf } from './support/errors.ts';
import { postEvent } from './support/events-fixtures.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// The mobile webhook: its routes (API key), and the sender POSTing signed JSON to a real local
// receiver that verifies every request with the SDK's verifyWebhook.

/** What the receiver does with the next request. */
type Script =
  | { answer: number; headers?: Record<string, string> }
  | { hang: true }
  | { redirectTo: string };

interface Receipt {
  path: string;
  headers: IncomingMessage['headers'];
  raw: Buffer;
  payload: MobileWebhookPayload | null;
  verifyError: WebhookVerificationError | null;
}

interface Receiver {
  url: string;
  receipts: Receipt[];
  script: Script[];
  /** The secret(s) it verifies with. */
  secrets: string[];
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const receipts: Receipt[] = [];
  const script: Script[] = [];
  const hanging = new Set<ServerResponse>();
  const receiver: Receiver = {
    url: '',
    receipts,
    script,
    secrets: [],
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const raw = Buffer.concat(chunks);
      const receipt: Receipt = {
        path: request.url ?? '',
        headers: request.headers,
        raw,
        payload: null,
        verifyError: null,
      };
      if (request.url === '/hook') {
        try {
          receipt.payload = await verifyWebhook({
            secret: receiver.secrets,
            body: raw,
            headers: request.headers,
          });
        } catch (error) {
          if (!(error instanceof WebhookVerificationError)) throw error;
          receipt.verifyError = error;
        }
      }
      receipts.push(receipt);
      const next = script.shift() ?? { answer: 204 };
      if ('hang' in next) {
        hanging.add(response);
        return;
      }
      if ('redirectTo' in next) {
        response.writeHead(301, { location: next.redirectTo }).end();
        return;
      }
      response
        .writeHead(next.answer, next.headers ?? {})
        .end(next.answer === 204 ? undefined : 'ok');
    });
  });
  const address = await new Promise<AddressInfo>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server.address() as AddressInfo)),
  );
  receiver.url = `http://127.0.0.1:${address.port}`;
  return receiver;
}

interface JobRow {
  id: string;
  account_id: string;
  integrator_id: string;
  channel: DeliveryJob['channel'];
  destination: string;
  push_subscription_id: string | null;
  notification_id: string;
  type: string;
  category: string;
  title: string;
  body: string | null;
  link: string | null;
  actor_name: string | null;
  data: Record<string, unknown>;
  created_at: string;
  user_id: string;
  name: string;
  email: string | null;
  language: 'en' | 'fr';
  reference_id: string | null;
}

/** The delivery jobs of an event's deliveries on a channel, as the worker hands them to a sender. */
async function jobsOf(
  sql: Sql,
  accountId: string,
  eventId: string,
  channel: string,
): Promise<DeliveryJob[]> {
  const rows = await sql<JobRow[]>`
    select d.id, d.account_id, a.integrator_id, d.channel, d.destination, d.push_subscription_id,
      n.id as notification_id, n.type, n.category, n.title, n.body, n.link, n.actor_name, n.data,
      n.created_at, u.id as user_id, u.name, u.email, u.language, u.reference_id
    from deliveries d
    join notifications n on n.account_id = d.account_id and n.id = d.notification_id
    join users u on u.account_id = d.account_id and u.id = d.user_id
    join accounts a on a.id = d.account_id
    where d.account_id = ${accountId} and n.event_id = ${eventId} and d.channel = ${channel}
    order by u.name`;
  return rows.map((row) => ({
    accountId: row.account_id,
    integratorId: row.integrator_id,
    id: row.id,
    channel: row.channel,
    destination: row.destination,
    pushSubscriptionId: row.push_subscription_id,
    attempt: 1,
    leaseToken: randomUUID(),
    notification: {
      id: row.notification_id,
      type: row.type,
      category: row.category,
      title: row.title,
      body: row.body,
      link: row.link,
      actorName: row.actor_name,
      data: row.data,
      createdAt: row.created_at,
      required: false,
    },
    user: {
      id: row.user_id,
      name: row.name,
      email: row.email,
      language: row.language,
      referenceId: row.reference_id,
    },
  }));
}

let t: TestContext;
let tenant: TestTenant;
let other: TestTenant;
let receiver: Receiver;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  other = await t.tenant();
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});

const webhookRequest = (apiKey: string, method: string, body?: unknown, suffix = '') =>
  t.request(`/v1/integrator/mobile-webhook${suffix}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}` },
    ...(body === undefined ? {} : { json: body }),
  });

describe('the mobile webhook routes', () => {
  afterEach(async () => {
    await webhookRequest(tenant.apiKey, 'DELETE');
    await webhookRequest(other.apiKey, 'DELETE');
  });

  it('answers 404 when none is set, creates one with its whole secret, then masks it', async () => {
    const none = await webhookRequest(tenant.apiKey, 'GET');
    expect(none.status).toBe(404);
    expect((await errorOf(none)).code).toBe('not_found');

    const created = await webhookRequest(tenant.apiKey, 'PUT', {
      url: 'https://mobile.example.com/baylink',
    });
    expect(created.status).toBe(201);
    const hook = await json<MobileWebhook>(created);
    expect(hook.url).toBe('https://mobile.example.com/baylink');
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const [row] = await t.sql<{ secret: string }[]>`
      select secret from mobile_webhooks where integrator_id = ${tenant.integratorId}`;
    expect(row!.secret).toBe(hook.secret);

    const read = await json<MobileWebhook>(await webhookRequest(tenant.apiKey, 'GET'));
    expect(read).toEqual({
      url: hook.url,
      secret: `whsec_…${hook.secret.slice(-4)}`,
      createdAt: hook.createdAt,
    });

    const moved = await webhookRequest(tenant.apiKey, 'PUT', { url: 'https://m2.example.com/h' });
    expect(moved.status).toBe(200);
    expect(await json(moved)).toEqual({
      url: 'https://m2.example.com/h',
      secret: `whsec_…${hook.secret.slice(-4)}`,
      createdAt: hook.createdAt,
    });
    const [kept] = await t.sql<{ secret: string }[]>`
      select secret from mobile_webhooks where integrator_id = ${tenant.integratorId}`;
    expect(kept!.secret).toBe(hook.secret);
  });

  it('accepts http: only to 127.0.0.1 or localhost, and refuses bad URLs with 400 naming url', async () => {
    for (const url of ['http://127.0.0.1:9999/hook', 'http://localhost:3000/hook']) {
      const response = await webhookRequest(tenant.apiKey, 'PUT', { url });
      expect(response.status, url).toBeLessThan(300);
    }
    const before = await json(await webhookRequest(tenant.apiKey, 'GET'));
    for (const url of [
      'http://mobile.example.com/hook',
      'http://10.0.0.5/hook',
      'ftp://mobile.example.com/hook',
      'https://user:pass@mobile.example.com/hook',
      'not a url',
      '',
    ]) {
      const response = await webhookRequest(tenant.apiKey, 'PUT', { url });
      expect(response.status, url).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('validation_failed');
      expect(pathsOf(error), url).toEqual(['url']);
    }
    for (const body of [{}, { url: 'https://ok.example.com', secret: 'mine' }]) {
      const response = await webhookRequest(tenant.apiKey, 'PUT', body);
      expect(response.status).toBe(400);
    }
    expect(await json(await webhookRequest(tenant.apiKey, 'GET'))).toEqual(before);
  });

  it('rotates the secret: the new one in full, the previous one kept for 24 hours', async () => {
    const none = await webhookRequest(tenant.apiKey, 'POST', undefined, '/rotate-secret');
    expect(none.status).toBe(404);

    const first = await json<MobileWebhook>(
      await webhookRequest(tenant.apiKey, 'PUT', { url: 'https://mobile.example.com/h' }),
    );
    const rotated = await webhookRequest(tenant.apiKey, 'POST', undefined, '/rotate-secret');
    expect(rotated.status).toBe(200);
    const second = await json<MobileWebhook>(rotated);
    expect(second.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(second.secret).not.toBe(first.secret);
    expect(second.url).toBe(first.url);
    const [row] = await t.sql<{ secret: string; previous_secret: string; hours: number }[]>`
      select secret, previous_secret,
        round(extract(epoch from previous_secret_expires_at - now()) / 3600)::int as hours
      from mobile_webhooks where integrator_id = ${tenant.integratorId}`;
    expect(row).toEqual({ secret: second.secret, previous_secret: first.secret, hours: 24 });
    expect((await json<MobileWebhook>(await webhookRequest(tenant.apiKey, 'GET'))).secret).toBe(
      `whsec_…${second.secret.slice(-4)}`,
    );
  });

  it('removes it idempotently', async () => {
    await webhookRequest(tenant.apiKey, 'PUT', { url: 'https://mobile.example.com/h' });
    expect((await webhookRequest(tenant.apiKey, 'DELETE')).status).toBe(204);
    expect((await webhookRequest(tenant.apiKey, 'GET')).status).toBe(404);
    expect((await webhookRequest(tenant.apiKey, 'DELETE')).status).toBe(204);
  });

  it('keeps each integrator to its own webhook, and wants an API key', async () => {
    await webhookRequest(tenant.apiKey, 'PUT', { url: 'https://mine.example.com/h' });
    expect((await webhookRequest(other.apiKey, 'GET')).status).toBe(404);
    expect((await webhookRequest(other.apiKey, 'POST', undefined, '/rotate-secret')).status).toBe(
      404,
    );
    expect((await webhookRequest(other.apiKey, 'DELETE')).status).toBe(204);
    const theirs = await webhookRequest(other.apiKey, 'PUT', {
      url: 'https://theirs.example.com/h',
    });
    expect(theirs.status).toBe(201);
    expect((await json<MobileWebhook>(await webhookRequest(tenant.apiKey, 'GET'))).url).toBe(
      'https://mine.example.com/h',
    );

    for (const token of [undefined, tenant.adminToken, 'bl_sk_not-a-key']) {
      const response = await t.request('/v1/integrator/mobile-webhook', {
        ...(token ? { token } : {}),
      });
      expect(response.status).toBe(401);
    }
  });

  it('makes the fan-out queue one mobile delivery per recipient, to the webhook', async () => {
    const event = {
      accountId: tenant.accountId,
      type: 'conversations.mention',
      recipients: { userIds: [tenant.member.id] },
      title: 'Mention',
    };
    const before = await json<{ id: string }>(await postEvent(t, tenant, event));
    const noneQueued = await t.sql`
      select 1 from deliveries d join notifications n on n.id = d.notification_id
      where n.event_id = ${before.id} and d.channel = 'mobile'`;
    expect(noneQueued).toHaveLength(0);

    await webhookRequest(tenant.apiKey, 'PUT', { url: 'https://mobile.example.com/h' });
    const after = await json<{ id: string }>(await postEvent(t, tenant, event));
    const queued = await t.sql<{ destination: string; user_id: string }[]>`
      select d.destination, d.user_id from deliveries d join notifications n on n.id = d.notification_id
      where n.event_id = ${after.id} and d.channel = 'mobile'`;
    expect(queued).toEqual([{ destination: 'webhook', user_id: tenant.member.id }]);
  });
});

describe('the mobile sender', () => {
  const sender = () => createMobileSender({ sql: t.sql, timeoutMs: 500 });
  let secret: string;
  let job: DeliveryJob;

  const context = (signal = new AbortController().signal): SenderContext => ({
    sql: t.sql,
    logger: pino({ level: 'silent' }),
    mailer: t.deps.mailer!,
    publicUrl: 'http://127.0.0.1',
    now: () => new Date(),
    signal,
  });

  async function queueMention(type = 'conversations.mention'): Promise<DeliveryJob> {
    const accepted = await json<{ id: string }>(
      await postEvent(t, tenant, {
        accountId: tenant.accountId,
        type,
        recipients: { userIds: [tenant.member.id] },
        actor: { userId: tenant.admin.id },
        title: { en: 'Ada mentioned you', fr: 'Ada vous a mentionné' },
        body: { en: 'Can you check RO 4521?', fr: 'Peux-tu vérifier le BT 4521?' },
        link: 'https://dms.example.com/conversations/42',
        data: { conversationId: 'c-42', unread: 3 },
      }),
    );
    const [queued] = await jobsOf(t.sql, tenant.accountId, accepted.id, 'mobile');
    expect(queued).toBeDefined();
    return queued!;
  }

  beforeAll(async () => {
    await webhookRequest(tenant.apiKey, 'DELETE');
    const created = await json<MobileWebhook>(
      await webhookRequest(tenant.apiKey, 'PUT', { url: `${receiver.url}/hook` }),
    );
    secret = created.secret;
    receiver.secrets = [secret];
    job = await queueMention();
  });
  afterEach(() => {
    receiver.receipts.length = 0;
    receiver.script.length = 0;
    receiver.secrets = [secret];
  });

  it('POSTs the payload, signed, and the receiver verifies it with verifyWebhook', async () => {
    const before = Math.floor(Date.now() / 1000);
    expect(await sender().send(job, context())).toEqual({ kind: 'sent' });
    expect(receiver.receipts).toHaveLength(1);
    const [receipt] = receiver.receipts;
    expect(receipt!.verifyError).toBeNull();
    const payload = receipt!.payload!;
    expect(payload).toEqual({
      id: job.id,
      kind: 'notification',
      accountId: tenant.accountId,
      user: { id: tenant.member.id, referenceId: tenant.member.reference_id, language: 'fr' },
      notification: {
        id: job.notification.id,
        type: 'conversations.mention',
        category: 'conversations',
        title: 'Ada vous a mentionné',
        body: 'Peux-tu vérifier le BT 4521?',
        link: 'https://dms.example.com/conversations/42',
        data: { conversationId: 'c-42', unread: 3 },
        createdAt: job.notification.createdAt,
      },
      urgent: true,
      sentAt: expect.any(String),
    });

    const headers = receipt!.headers;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['user-agent']).toBe('Baylink-Webhooks/1');
    expect(headers['baylink-delivery-id']).toBe(job.id);
    const timestamp = Number(headers['baylink-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    // The signature as documented, computed here independently of both implementations.
    const expected = createHmac('sha256', secret)
      .update(`${timestamp}.${receipt!.raw.toString('utf8')}`)
      .digest('hex');
    expect(headers['baylink-signature']).toBe(`v1=${expected}`);
  });

  it('sends the same Baylink-Delivery-Id again when it retries after a 500', async () => {
    receiver.script.push({ answer: 500 });
    const failed = await sender().send(job, context());
    expect(failed).toMatchObject({ kind: 'retry', error: expect.stringContaining('500') });
    expect(await sender().send({ ...job, attempt: 2 }, context())).toEqual({ kind: 'sent' });
    expect(receiver.receipts.map((r) => r.headers['baylink-delivery-id'])).toEqual([
      job.id,
      job.id,
    ]);
    expect(receiver.receipts.map((r) => r.payload?.id)).toEqual([job.id, job.id]);
    expect(receiver.receipts.every((r) => r.verifyError === null)).toBe(true);
  });

  it('maps each answer to an outcome', async () => {
    const cases: [Script, string, RegExp][] = [
      [{ answer: 200 }, 'sent', /./],
      [{ answer: 202 }, 'sent', /./],
      [{ answer: 408 }, 'retry', /408/],
      [{ answer: 502 }, 'retry', /502/],
      [{ answer: 503 }, 'retry', /503/],
      [{ answer: 410 }, 'permanent', /410/],
      [{ answer: 400 }, 'permanent', /400/],
      [{ answer: 401 }, 'permanent', /401/],
      [{ answer: 404 }, 'permanent', /404/],
      [{ answer: 413 }, 'permanent', /413/],
      [{ redirectTo: `${receiver.url}/elsewhere` }, 'permanent', /301.*redirects are not followed/],
    ];
    for (const [script, kind, error] of cases) {
      receiver.script.push(script);
      const outcome = await sender().send(job, context());
      expect(outcome.kind, JSON.stringify(script)).toBe(kind);
      if (outcome.kind !== 'sent') expect(outcome.error).toMatch(error);
    }
    // One request per case, all to the hook: the redirect was not followed.
    expect(receiver.receipts.map((r) => r.path)).toEqual(cases.map(() => '/hook'));
  });

  it('retries a 429 after its Retry-After, in seconds or as a date', async () => {
    receiver.script.push({ answer: 429, headers: { 'retry-after': '120' } });
    expect(await sender().send(job, context())).toEqual({
      kind: 'retry',
      error: expect.stringContaining('429'),
      retryAfterMs: 120_000,
    });
    const at = new Date(Date.now() + 90_000);
    receiver.script.push({ answer: 429, headers: { 'retry-after': at.toUTCString() } });
    const dated = await sender().send(job, context());
    expect(dated.kind).toBe('retry');
    const retryAfterMs = dated.kind === 'retry' ? dated.retryAfterMs : undefined;
    expect(retryAfterMs).toBeGreaterThan(80_000);
    expect(retryAfterMs).toBeLessThanOrEqual(90_000);
    receiver.script.push({ answer: 429 });
    expect(await sender().send(job, context())).toEqual({
      kind: 'retry',
      error: expect.stringContaining('429'),
    });
  });

  it('gives up waiting after its timeout and retries', async () => {
    receiver.script.push({ hang: true });
    expect(await sender().send(job, context())).toEqual({
      kind: 'retry',
      error: expect.stringMatching(/did not answer within 500 ms/),
    });
    expect(receiver.receipts).toHaveLength(1);
  });

  it('answers retry when the worker stops mid-request', async () => {
    receiver.script.push({ hang: true });
    const stop = new AbortController();
    const sending = createMobileSender({ sql: t.sql, timeoutMs: 60_000 }).send(
      job,
      context(stop.signal),
    );
    await expect.poll(() => receiver.receipts.length).toBe(1);
    stop.abort();
    expect(await sending).toEqual({
      kind: 'retry',
      error: 'The worker stopped before the webhook answered',
    });
  });

  it('retries when the receiver cannot be reached', async () => {
    const closed = await startReceiver();
    await closed.close();
    await t.sql`update mobile_webhooks set url = ${`${closed.url}/hook`}
                where integrator_id = ${tenant.integratorId}`;
    try {
      const outcome = await sender().send(job, context());
      expect(outcome).toEqual({
        kind: 'retry',
        error: expect.stringMatching(
          /^Could not reach the webhook at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/,
        ),
      });
    } finally {
      await t.sql`update mobile_webhooks set url = ${`${receiver.url}/hook`}
                  where integrator_id = ${tenant.integratorId}`;
    }
  });

  it('signs with the previous secret too for a day after a rotation', async () => {
    const rotated = await json<MobileWebhook>(
      await webhookRequest(tenant.apiKey, 'POST', undefined, '/rotate-secret'),
    );
    try {
      // A receiver still on the old secret and one already on the new one both verify.
      receiver.secrets = [secret];
      expect(await sender().send(job, context())).toEqual({ kind: 'sent' });
      receiver.secrets = [rotated.secret];
      expect(await sender().send(job, context())).toEqual({ kind: 'sent' });
      expect(receiver.receipts.map((r) => r.verifyError)).toEqual([null, null]);
      const signature = String(receiver.receipts[0]!.headers['baylink-signature']);
      expect(signature).toMatch(/^v1=[0-9a-f]{64},v1=[0-9a-f]{64}$/);

      // Once the day is over, only the new secret signs.
      await t.sql`update mobile_webhooks set previous_secret_expires_at = now() - interval '1 second'
                  where integrator_id = ${tenant.integratorId}`;
      receiver.secrets = [secret];
      expect(await sender().send(job, context())).toEqual({ kind: 'sent' });
      const last = receiver.receipts[2]!;
      expect(String(last.headers['baylink-signature'])).toMatch(/^v1=[0-9a-f]{64}$/);
      expect(last.verifyError?.code).toBe('invalid_signature');
    } finally {
      await t.sql`update mobile_webhooks set secret = ${secret}, previous_secret = null
                  where integrator_id = ${tenant.integratorId}`;
    }
  });

  it('marks only mentions and assignments urgent', async () => {
    const plain = await queueMention('conversations.new_message');
    expect(await sender().send(plain, context())).toEqual({ kind: 'sent' });
    expect(receiver.receipts[0]!.payload?.urgent).toBe(false);
    expect(
      [
        'conversations.mention',
        'conversations.assigned',
        'collaboration.assigned_space',
        'reviews.assigned',
        'customers.mention',
      ].every(isUrgentType),
    ).toBe(true);
    expect(
      ['conversations.new_message', 'conversations.send_error', 'reports.daily_deposits'].some(
        isUrgentType,
      ),
    ).toBe(false);
  });

  it('ends a delivery whose integrator removed its webhook', async () => {
    const [saved] = await t.sql<{ url: string; secret: string }[]>`
      select url, secret from mobile_webhooks where integrator_id = ${tenant.integratorId}`;
    await webhookRequest(tenant.apiKey, 'DELETE');
    try {
      expect(await sender().send(job, context())).toEqual({
        kind: 'permanent',
        error: 'The integrator has no mobile webhook any more',
      });
      expect(receiver.receipts).toHaveLength(0);
    } finally {
      await t.sql`insert into mobile_webhooks (integrator_id, url, secret)
                  values (${tenant.integratorId}, ${saved!.url}, ${saved!.secret})`;
    }
  });
});

describe('through the delivery worker', () => {
  it('delivers, retries a 500 with the same delivery id, and records the delivery sent', async () => {
    // Only this test's delivery is due.
    await t.sql`update deliveries set status = 'sent' where status in ('queued', 'failed')`;
    const [hook] = await t.sql<{ secret: string }[]>`
      select secret from mobile_webhooks where integrator_id = ${tenant.integratorId}`;
    receiver.secrets = [hook!.secret];
    receiver.receipts.length = 0;
    receiver.script.length = 0;
    receiver.script.push({ answer: 500 });

    const accepted = await json<{ id: string }>(
      await postEvent(t, tenant, {
        accountId: tenant.accountId,
        type: 'conversations.assigned',
        recipients: { userIds: [tenant.admin.id] },
        title: 'A conversation is yours',
      }),
    );
    const [job] = await jobsOf(t.sql, tenant.accountId, accepted.id, 'mobile');
    const read = async () => {
      const [row] = await t.sql<{ status: string; attempts: number; last_error: string | null }[]>`
        select status, attempts, last_error from deliveries
        where account_id = ${tenant.accountId} and id = ${job!.id}`;
      return row!;
    };
    const worker = startDeliveryWorker({
      sql: t.sql,
      logger: pino({ level: 'silent' }),
      mailer: t.deps.mailer!,
      publicUrl: 'http://127.0.0.1',
      senders: [createMobileSender({ sql: t.sql, timeoutMs: 2_000 })],
      pollMs: 50,
      listen: false,
    });
    try {
      await expect.poll(read, { timeout: 10_000 }).toMatchObject({ status: 'failed', attempts: 1 });
      expect((await read()).last_error).toContain('answered 500');
      await t.sql`update deliveries set next_attempt_at = now()
                  where account_id = ${tenant.accountId} and id = ${job!.id}`;
      await expect.poll(read, { timeout: 10_000 }).toMatchObject({ status: 'sent', attempts: 2 });
    } finally {
      await worker.stop();
    }
    const mine = receiver.receipts.filter((r) => r.headers['baylink-delivery-id'] === job!.id);
    expect(mine).toHaveLength(2);
    expect(mine.map((r) => r.verifyError)).toEqual([null, null]);
    expect(mine.map((r) => r.payload?.urgent)).toEqual([true, true]);
    expect(receiver.receipts).toHaveLength(2);
  });
});

describe('Retry-After', () => {
  const now = new Date('2025-03-14T12:00:00Z');
  // The mobile sender's reading: bounded at an hour.
  const parseRetryAfter = (value: string | null, at: Date) =>
    readRetryAfter(value, at, MAX_RETRY_AFTER_MS);
  it('reads seconds and dates, and bounds what it accepts', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Fri, 14 Mar 2025 12:02:00 GMT', now)).toBe(120_000);
    expect(parseRetryAfter('Fri, 14 Mar 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999', now)).toBe(MAX_RETRY_AFTER_MS);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
