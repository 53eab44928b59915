import { randomUUID } from 'node:crypto';
import { EventAccepted, MAX_EXPLICIT_RECIPIENTS, Notification } from '@baylink/sdk/contract';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/lib/create-app.ts';
import { deleteExpiredKeys } from '../src/routes/events/idempotency.ts';
import { ingestEvent } from '../src/routes/events/ingest.ts';
import { errorOf, pathsOf } from './support/errors.ts';
import { addUser, postEvent, setOverrides, writtenRows } from './support/events-fixtures.ts';
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

async function accepted(response: Response) {
  expect(response.status, await response.clone().text()).toBe(202);
  return EventAccepted.parse(await json(response));
}

async function inboxOf(token: string, query = '') {
  const response = await t.request(`/v1/me/notifications${query}`, { token });
  expect(response.status).toBe(200);
  return json<{ items: Notification[]; nextCursor: string | null }>(response);
}

/** The notification rows of an event, by user. */
async function rowsOf(eventId: string) {
  return t.sql<
    { id: string; user_id: string; in_app: boolean; title: string; body: string | null }[]
  >`select id, user_id, in_app, title, body from notifications where event_id = ${eventId}`;
}

async function deliveriesOf(eventId: string) {
  return t.sql<
    {
      user_id: string;
      channel: string;
      destination: string;
      push_subscription_id: string | null;
      status: string;
    }[]
  >`
    select d.user_id, d.channel, d.destination, d.push_subscription_id::text, d.status
    from deliveries d
    join notifications n on n.account_id = d.account_id and n.id = d.notification_id
    where n.event_id = ${eventId}
    order by d.user_id, d.channel, d.destination`;
}

/** A browser push subscription of the user, written by SQL (the push routes are not needed here). */
async function addPushSubscription(accountId: string, userId: string): Promise<string> {
  const [row] = await t.sql<{ id: string }[]>`
    insert into push_subscriptions (account_id, user_id, endpoint, p256dh, auth, label,
      device_token_hash)
    values (${accountId}, ${userId}, ${`https://fcm.googleapis.com/fcm/send/${randomUUID()}`},
      'BPx8y2kq3VJ3b9y1kq3VJ3b9y1kq3VJ3b9y1kq3VJ3b9y1kq3VJ3b9y1kq3VJ3b9y1kq3VJ3b9y1kq3VJ3b9y1k',
      'c2VjcmV0LWF1dGgta2V5', 'Chrome on Windows', sha256(${randomUUID()}::bytea))
    returning id::text`;
  return row!.id;
}

/** The integrator's mobile webhook, written by SQL. */
async function addMobileWebhook(integratorId: string) {
  await t.sql`
    insert into mobile_webhooks (integrator_id, url, secret)
    values (${integratorId}, 'https://mobile.example.com/baylink', 'whsec_test')`;
}

/** Every notification.created stream event of an event's notifications, by seq. */
async function streamOf(eventId: string) {
  return t.sql<{ seq: string; user_id: string; payload: Notification }[]>`
    select s.seq::text, s.user_id, s.payload from stream_events s
    where s.kind = 'notification.created'
      and (s.payload ->> 'id')::uuid in (select id from notifications where event_id = ${eventId})
    order by s.seq`;
}

describe('POST /v1/events', () => {
  it('writes an inbox notification per recipient, in their language, and its stream event', async () => {
    const event = await accepted(
      await postEvent(t, tenant, {
        accountId: tenant.accountId,
        type: 'conversations.new_message',
        recipients: { userIds: [tenant.admin.id, tenant.member.id] },
        body: { en: 'Call the customer back', fr: 'Rappelez le client' },
        link: 'https://dms.example.com/ro/4521',
        data: { repairOrder: '4521', total: 12.5 },
      }),
    );
    expect(event).toMatchObject({
      accountId: tenant.accountId,
      type: 'conversations.new_message',
      recipients: 2,
      inApp: 2,
    });
    const admin = (await inboxOf(tenant.adminToken)).items[0]!;
    const member = (await inboxOf(tenant.memberToken)).items[0]!;
    expect(admin).toMatchObject({
      type: 'conversations.new_message',
      category: 'conversations',
      title: 'New messages',
      body: 'Call the customer back',
      link: 'https://dms.example.com/ro/4521',
      actor: null,
      data: { repairOrder: '4521', total: 12.5 },
      seenAt: null,
      readAt: null,
      archivedAt: null,
    });
    expect(member).toMatchObject({ title: 'Nouveaux messages', body: 'Rappelez le client' });
    expect(Notification.parse(admin)).toEqual(admin);

    // One notification.created per in-app row, payload equal to what the inbox shows.
    const stream = await streamOf(event.id);
    expect(stream).toHaveLength(2);
    expect(Number(stream[1]!.seq)).toBe(Number(stream[0]!.seq) + 1);
    const byUser = new Map(stream.map((row) => [row.user_id, row.payload]));
    expect(byUser.get(tenant.admin.id)).toEqual(admin);
    expect(byUser.get(tenant.member.id)).toEqual(member);
  });

  it('resolves reference ids, teams and topics to distinct users of the account', async () => {
    const ria = await addUser(t.sql, tenant, { name: 'Ria', referenceId: 'EMP-RIA' });
    const tom = await addUser(t.sql, tenant, { name: 'Tom' });
    const [team] = await t.sql<{ id: string }[]>`
      insert into teams (account_id, name) values (${tenant.accountId}, 'Service') returning id`;
    await t.sql`
      insert into team_members (account_id, team_id, user_id)
      values (${tenant.accountId}, ${team!.id}, ${ria.id}), (${tenant.accountId}, ${team!.id}, ${tom.id})`;
    await t.sql`
      insert into topic_subscribers (account_id, topic, user_id)
      values (${tenant.accountId}, 'repair-order:77', ${tom.id}),
        (${tenant.accountId}, 'repair-order:77', ${tenant.admin.id})`;
    const event = await accepted(
      await postEvent(t, tenant, {
        accountId: tenant.accountId,
        type: 'conversations.new_message',
        recipients: {
          userIds: [ria.id],
          referenceIds: ['EMP-RIA'],
          teamIds: [team!.id],
          topics: ['repair-order:77', 'repair-order:nobody'],
        },
      }),
    );
    expect(event.recipients).toBe(3);
    const users = (await rowsOf(event.id)).map((row) => row.user_id).sort();
    expect(users).toEqual([ria.id, tom.id, tenant.admin.id].sort());
  });

  it('leaves the actor out unless asked, and names them on the notification', async () => {
    const base = {
      accountId: tenant.accountId,
      type: 'conversations.mention',
      recipients: { userIds: [tenant.admin.id, tenant.member.id] },
    };
    const byId = await accepted(
      await postEvent(t, tenant, { ...base, actor: { userId: tenant.admin.id } }),
    );
    expect(byId.recipients).toBe(1);
    const [row] = await t.sql`
      select user_id, actor_user_id, actor_name from notifications where event_id = ${byId.id}`;
    expect(row).toEqual({
      user_id: tenant.member.id,
      actor_user_id: tenant.admin.id,
      actor_name: 'Ada Admin',
    });
    const member = (await inboxOf(tenant.memberToken)).items[0]!;
    expect(member.actor).toEqual({ userId: tenant.admin.id, name: 'Ada Admin' });

    const included = await accepted(
      await postEvent(t, tenant, {
        ...base,
        actor: { referenceId: tenant.admin.reference_id, name: 'Ada (front desk)' },
        excludeActor: false,
      }),
    );
    expect(included.recipients).toBe(2);
    const external = await accepted(
      await postEvent(t, tenant, { ...base, actor: { name: 'A customer' } }),
    );
    expect(external.recipients).toBe(2);
    expect((await inboxOf(tenant.adminToken)).items[0]!.actor).toEqual({
      userId: null,
      name: 'A customer',
    });
  });

  it('uses the given title in one language for everyone when only one is given', async () => {
    const event = await accepted(
      await postEvent(t, tenant, {
        accountId: tenant.accountId,
        type: 'reviews.new_review',
        recipients: { userIds: [tenant.admin.id, tenant.member.id] },
        title: { fr: 'Nouvel avis 5 étoiles' },
        body: 'Great service!',
      }),
    );
    const rows = await rowsOf(event.id);
    expect(rows.map((row) => row.title)).toEqual([
      'Nouvel avis 5 étoiles',
      'Nouvel avis 5 étoiles',
    ]);
    expect(rows.map((row) => row.body)).toEqual(['Great service!', 'Great service!']);
  });

  it('answers 400 naming unknown explicit recipients and the actor, and writes nothing', async () => {
    const before = await writtenRows(t.sql);
    const unknownUser = await postEvent(t, tenant, {
      accountId: tenant.accountId,
      type: 'conversations.new_message',
      recipients: {
        userIds: [tenant.admin.id, randomUUID(), tenant.member.id, other.member.id],
        referenceIds: [tenant.member.reference_id, 'NOPE'],
        teamIds: [randomUUID()],
      },
    });
    expect(unknownUser.status).toBe(400);
    expect(pathsOf(await errorOf(unknownUser))).toEqual([
      'recipients.referenceIds.1',
      'recipients.teamIds.0',
      'recipients.userIds.1',
      'recipients.userIds.3',
    ]);
    const unknownActor = await postEvent(t, tenant, {
      accountId: tenant.accountId,
      type: 'conversations.new_message',
      recipients: { userIds: [tenant.admin.id] },
      actor: { userId: other.admin.id },
    });
    expect(unknownActor.status).toBe(400);
    expect(pathsOf(await errorOf(unknownActor))).toEqual(['actor.userId']);
    const unknownActorRef = await postEvent(t, tenant, {
      accountId: tenant.accountId,
      type: 'conversations.new_message',
      recipients: { userIds: [tenant.admin.id] },
      actor: { referenceId: 'NOBODY' },
    });
    expect(pathsOf(await errorOf(unknownActorRef))).toEqual(['actor.referenceId']);
    expect(await writtenRows(t.sql)).toEqual(before);
  });

  it("answers 404 for another integrator's account, and writes nothing", async () => {
    const before = await writtenRows(t.sql);
    const response = await postEvent(t, tenant, {
      accountId: other.accountId,
      type: 'conversations.new_message',
      recipients: { userIds: [other.admin.id] },
    });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
    const missing = await postEvent(t, tenant, {
      accountId: randomUUID(),
      type: 'conversations.new_message',
      recipients: { userIds: [other.admin.id] },
    });
    expect(missing.status).toBe(404);
    expect(await writtenRows(t.sql)).toEqual(before);
  });

  it('answers 4xx with the one error shape for bad input, and writes nothing', async () => {
    const before = await writtenRows(t.sql);
    const valid = {
      accountId: tenant.accountId,
      type: 'conversations.new_message',
      recipients: { userIds: [tenant.admin.id] },
    };
    const cases: [string, Response, number, string | undefined][] = [
      ['unknown type', await postEvent(t, tenant, { ...valid, type: 'nope.nope' }), 400, 'type'],
      [
        'no recipients',
        await postEvent(t, tenant, { ...valid, recipients: {} }),
        400,
        'recipients',
      ],
      [
        'empty recipient lists',
        await postEvent(t, tenant, { ...valid, recipients: { userIds: [], topics: [] } }),
        400,
        'recipients',
      ],
      [
        'too many explicit recipients',
        await postEvent(t, tenant, {
          ...valid,
          recipients: {
            userIds: Array.from({ length: MAX_EXPLICIT_RECIPIENTS }, () => randomUUID()),
            referenceIds: ['one-too-many'],
          },
        }),
        400,
        'recipients',
      ],
      [
        'oversized body',
        await postEvent(t, tenant, { ...valid, data: { blob: 'x'.repeat(101 * 1024) } }),
        413,
        undefined,
      ],
      [
        'malformed JSON',
        await t.request('/v1/events', {
          method: 'POST',
          headers: {
            authorization: `Bearer ${tenant.apiKey}`,
            'idempotency-key': randomUUID(),
            'content-type': 'application/json',
          },
          body: '{"accountId": ',
        }),
        400,
        undefined,
      ],
      ['no Idempotency-Key', await postEvent(t, tenant, valid, null), 400, 'idempotency-key'],
      [
        'a key with spaces',
        await postEvent(t, tenant, valid, 'has spaces in it'),
        400,
        'idempotency-key',
      ],
      [
        'a key too long',
        await postEvent(t, tenant, valid, 'k'.repeat(256)),
        400,
        'idempotency-key',
      ],
      [
        'an unknown field',
        await postEvent(t, tenant, { ...valid, priority: 'high' }),
        400,
        undefined,
      ],
      [
        'a javascript: link',
        await postEvent(t, tenant, { ...valid, link: 'javascript:alert(1)' }),
        400,
        'link',
      ],
    ];
    for (const [name, response, status, path] of cases) {
      expect(response.status, name).toBe(status);
      const error = await errorOf(response);
      expect(error.message, name).toBeTruthy();
      if (path)
        expect(
          pathsOf(error).some((p) => p.startsWith(path)),
          name,
        ).toBe(true);
    }
    const noKey = await t.request('/v1/events', { method: 'POST', json: valid });
    expect(noKey.status).toBe(401);
    expect(await writtenRows(t.sql)).toEqual(before);
  });

  it('accepts an event whose recipients resolve to nobody', async () => {
    const event = await accepted(
      await postEvent(t, tenant, {
        accountId: tenant.accountId,
        type: 'conversations.new_message',
        recipients: { topics: ['repair-order:no-subscribers'] },
      }),
    );
    expect(event).toMatchObject({ recipients: 0, inApp: 0, deliveriesQueued: 0 });
  });
});

describe('Idempotency-Key', () => {
  const body = () => ({
    accountId: tenant.accountId,
    type: 'conversations.new_message',
    recipients: { userIds: [tenant.admin.id] },
    title: 'Replay me',
  });

  it('replays the first answer for the same key and body, writing nothing more', async () => {
    const key = `order-${randomUUID()}`;
    const first = await postEvent(t, tenant, body(), key);
    const answer = await accepted(first);
    const after = await writtenRows(t.sql);
    // The same body with its keys in another order is the same request.
    const { title, ...rest } = body();
    const replay = await postEvent(t, tenant, { title, ...rest }, key);
    expect(replay.status).toBe(202);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(replay)).toEqual(answer);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await writtenRows(t.sql)).toEqual(after);
  });

  it('answers 422 for the same key with another body', async () => {
    const key = randomUUID();
    await accepted(await postEvent(t, tenant, body(), key));
    const before = await writtenRows(t.sql);
    const changed = await postEvent(t, tenant, { ...body(), title: 'Something else' }, key);
    expect(changed.status).toBe(422);
    expect((await errorOf(changed)).message).toContain('different request body');
    expect(await writtenRows(t.sql)).toEqual(before);
  });

  it("keeps another integrator's same key independent", async () => {
    const key = `shared-${randomUUID()}`;
    const mine = await accepted(await postEvent(t, tenant, body(), key));
    const theirs = await accepted(
      await postEvent(
        t,
        other,
        {
          accountId: other.accountId,
          type: 'conversations.new_message',
          recipients: { userIds: [other.admin.id] },
        },
        key,
      ),
    );
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.accountId).toBe(other.accountId);
  });

  it('answers 409 to a duplicate that arrives while the first is still in its transaction', async () => {
    const key = randomUUID();
    const reserved = await t.sql.reserve();
    let first: Promise<Response> | undefined;
    try {
      await reserved`begin`;
      // Holds the account row: the first request waits inside its ingestion transaction.
      await reserved`select 1 from accounts where id = ${tenant.accountId} for update`;
      first = postEvent(t, tenant, body(), key);
      const deadline = Date.now() + 5_000;
      for (;;) {
        const [waiting] = await t.sql`
          select 1 from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`;
        const [pending] = await t.sql`
          select 1 from idempotency_keys where key = ${key} and state = 'pending'`;
        if (waiting && pending) break;
        if (Date.now() > deadline) throw new Error('the first request never started waiting');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const duplicate = await postEvent(t, tenant, body(), key);
      expect(duplicate.status).toBe(409);
      expect(duplicate.headers.get('retry-after')).toBe('1');
      expect((await errorOf(duplicate)).code).toBe('conflict');
    } finally {
      await reserved`commit`;
      reserved.release();
    }
    const answer = await accepted(await first!);
    const replay = await postEvent(t, tenant, body(), key);
    expect(replay.status).toBe(202);
    expect((await json(replay)).id).toBe(answer.id);
    const [{ count }] = (await t.sql`
      select count(*)::int from events where id = ${answer.id}`) as unknown as [{ count: number }];
    expect(count).toBe(1);
  });

  it('lets a retry proceed after a failed first attempt', async () => {
    const key = randomUUID();
    const failed = await postEvent(
      t,
      tenant,
      { ...body(), recipients: { userIds: [randomUUID()] } },
      key,
    );
    expect(failed.status).toBe(400);
    const [row] = await t.sql`select 1 from idempotency_keys where key = ${key}`;
    expect(row).toBeUndefined();
    await accepted(await postEvent(t, tenant, body(), key));
  });

  it('forgets keys after 24 hours, and takes over a claim abandoned for minutes', async () => {
    const key = randomUUID();
    const first = await accepted(await postEvent(t, tenant, body(), key));
    await t.sql`
      update idempotency_keys set created_at = now() - interval '25 hours' where key = ${key}`;
    const second = await accepted(
      await postEvent(t, tenant, { ...body(), title: 'A day later' }, key),
    );
    expect(second.id).not.toBe(first.id);

    // Expired keys are deleted lazily; live ones stay.
    await t.sql`
      update idempotency_keys set created_at = now() - interval '25 hours' where key = ${key}`;
    expect(await deleteExpiredKeys(t.sql)).toBeGreaterThanOrEqual(1);
    const left = await t.sql`select key from idempotency_keys where key = ${key}`;
    expect(left).toEqual([]);
    expect((await t.sql`select 1 from idempotency_keys`).length).toBeGreaterThan(0);

    const abandoned = randomUUID();
    await t.sql`
      insert into idempotency_keys (integrator_id, key, request_hash, created_at)
      values (${tenant.integratorId}, ${abandoned}, 'whatever', now() - interval '10 minutes')`;
    await accepted(await postEvent(t, tenant, body(), abandoned));
  });
});

describe('preferences at fan-out', () => {
  it('writes each channel as the recipient’s preferences say, one delivery per destination', async () => {
    // An integrator with a mobile webhook: mobile deliveries have somewhere to go.
    const own = await t.tenant();
    await addMobileWebhook(own.integratorId);
    const noInApp = await addUser(t.sql, own, { name: 'No in-app' });
    await t.sql`update users set email = 'no-in-app@example.com' where id = ${noInApp.id}`;
    const noAddress = await addUser(t.sql, own, { name: 'Email on, no address' });
    const noEmail = await addUser(t.sql, own, { name: 'Email switched off' });
    const nothing = await addUser(t.sql, own, { name: 'Everything off' });
    const defaults = await addUser(t.sql, own, { name: 'Defaults' });
    const twoBrowsers = await addUser(t.sql, own, { name: 'Push on, two browsers' });
    const noBrowser = await addUser(t.sql, own, { name: 'Push on, no browser' });
    const chrome = await addPushSubscription(own.accountId, twoBrowsers.id);
    const firefox = await addPushSubscription(own.accountId, twoBrowsers.id);
    // conversations.new_note defaults: in-app on, others off.
    for (const user of [noInApp, noAddress]) {
      await setOverrides(t.sql, own, user.id, {
        types: { 'conversations.new_note': { in_app: false, email: true } },
      });
    }
    await setOverrides(t.sql, own, noEmail.id, {
      channels: { email: false },
      categories: { conversations: { email: true, mobile: true } },
    });
    await setOverrides(t.sql, own, nothing.id, {
      channels: { in_app: false, web_push: false, email: false, mobile: false },
    });
    for (const user of [twoBrowsers, noBrowser]) {
      await setOverrides(t.sql, own, user.id, {
        types: { 'conversations.new_note': { web_push: true } },
      });
    }
    const everyone = [noInApp, noAddress, noEmail, nothing, defaults, twoBrowsers, noBrowser];
    const event = await accepted(
      await postEvent(t, own, {
        accountId: own.accountId,
        type: 'conversations.new_note',
        recipients: { userIds: everyone.map((user) => user.id) },
      }),
    );
    // A channel with nowhere to go queues nothing: no address, no browser subscribed.
    expect(event).toMatchObject({ recipients: 7, inApp: 4, deliveriesQueued: 4 });
    const rows = new Map((await rowsOf(event.id)).map((row) => [row.user_id, row.in_app]));
    expect(rows.get(noInApp.id)).toBe(false);
    expect(rows.get(noAddress.id)).toBe(false);
    expect(rows.get(noEmail.id)).toBe(true);
    expect(rows.has(nothing.id)).toBe(false);
    expect(rows.get(defaults.id)).toBe(true);
    expect(rows.get(twoBrowsers.id)).toBe(true);
    expect(rows.get(noBrowser.id)).toBe(true);
    const key = (row: { user_id: string; channel: string; destination: string }) =>
      `${row.user_id} ${row.channel} ${row.destination}`;
    expect(await deliveriesOf(event.id)).toEqual(
      [
        {
          user_id: noInApp.id,
          channel: 'email',
          destination: 'no-in-app@example.com',
          push_subscription_id: null,
          status: 'queued',
        },
        {
          user_id: noEmail.id,
          channel: 'mobile',
          destination: 'webhook',
          push_subscription_id: null,
          status: 'queued',
        },
        {
          user_id: twoBrowsers.id,
          channel: 'web_push',
          destination: chrome,
          push_subscription_id: chrome,
          status: 'queued',
        },
        {
          user_id: twoBrowsers.id,
          channel: 'web_push',
          destination: firefox,
          push_subscription_id: firefox,
          status: 'queued',
        },
      ].sort((a, b) => (key(a) < key(b) ? -1 : 1)),
    );
    expect((await streamOf(event.id)).map((row) => row.user_id).sort()).toEqual(
      [noEmail.id, defaults.id, twoBrowsers.id, noBrowser.id].sort(),
    );
  });

  it('queues no mobile delivery when the integrator has no mobile webhook', async () => {
    const user = await addUser(t.sql, tenant, { name: 'Mobile on, no webhook' });
    const event = await accepted(
      await postEvent(t, tenant, {
        accountId: tenant.accountId,
        // new_message: web push and mobile on by default, email off.
        type: 'conversations.new_message',
        recipients: { userIds: [user.id] },
      }),
    );
    expect(event).toMatchObject({ recipients: 1, inApp: 1, deliveriesQueued: 0 });
    expect(await deliveriesOf(event.id)).toEqual([]);
  });

  it('keeps a required channel on whatever the switches say', async () => {
    const user = await addUser(t.sql, tenant, { name: 'All off' });
    await setOverrides(t.sql, tenant, user.id, {
      channels: { in_app: false, web_push: false, email: false, mobile: false },
    });
    const event = await accepted(
      await postEvent(t, tenant, {
        accountId: tenant.accountId,
        type: 'conversations.send_error',
        recipients: { userIds: [user.id] },
      }),
    );
    expect(event.inApp).toBe(1);
    expect((await rowsOf(event.id))[0]?.in_app).toBe(true);
  });
});

describe('fan-out to thousands', () => {
  it('notifies 5,000 topic subscribers with a fixed number of statements', async () => {
    const big = await t.tenant();
    await t.sql`
      insert into users (account_id, reference_id, name, language)
      select ${big.accountId}, 'BULK-' || g, 'User ' || g, case when g % 2 = 0 then 'fr' else 'en' end
      from generate_series(1, 5000) as g`;
    await t.sql`
      insert into topic_subscribers (account_id, topic, user_id)
      select account_id, 'store:all', id from users
      where account_id = ${big.accountId} and reference_id like 'BULK-%'`;
    // A hundred of them turned in-app off.
    await t.sql`
      insert into notification_preferences (account_id, user_id, overrides)
      select account_id, id, '{"channels": {"in_app": false}, "categories": {}, "types": {}}'
      from users where account_id = ${big.accountId} and reference_id like 'BULK-%'
      order by id limit 100`;
    // A thousand subscribed a browser (two hundred of them a second one); the integrator has a
    // mobile webhook.
    await t.sql`
      insert into push_subscriptions (account_id, user_id, endpoint, p256dh, auth, label,
        device_token_hash)
      select u.account_id, u.id, 'https://fcm.googleapis.com/fcm/send/' || u.id || '-' || b,
        'BPx8y2kq3VJ3b9y1kq3VJ3b9y1kq3VJ3b9y1kq3VJ3b9y1kq3VJ3b9y1kq3VJ3b9y1kq3VJ3b9y1kq3VJ3b9y1k',
        'c2VjcmV0LWF1dGgta2V5', 'Chrome on Windows', sha256((u.id || '-' || b)::bytea)
      from (
        select account_id, id, row_number() over (order by reference_id) as n from users
        where account_id = ${big.accountId} and reference_id like 'BULK-%'
      ) as u
      cross join generate_series(1, 2) as b
      where u.n <= 1000 and (b = 1 or u.n <= 200)`;
    await addMobileWebhook(big.integratorId);

    // A connection that counts the statements the ingestion sends.
    const statements: string[] = [];
    const { host, port, database, user, pass } = t.sql.options as unknown as {
      host: string[];
      port: number[];
      database: string;
      user: string;
      pass: string | null;
    };
    const counted = postgres({
      host: host[0]!,
      port: port[0]!,
      database,
      user,
      ...(pass ? { password: pass } : {}),
      max: 2,
      onnotice: () => {},
      debug: (_connection, query) => statements.push(query),
    });
    try {
      const app = createApp({ ...t.deps, sql: counted });
      const started = performance.now();
      const response = await app.request('/v1/events', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${big.apiKey}`,
          'idempotency-key': randomUUID(),
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          accountId: big.accountId,
          type: 'conversations.new_message',
          recipients: { topics: ['store:all'] },
        }),
      });
      const elapsed = performance.now() - started;
      const event = await accepted(response);
      expect(event).toMatchObject({ recipients: 5000, inApp: 4900 });
      // new_message: web push and mobile on by default, email off. One mobile delivery each
      // (the webhook), one web push per subscribed browser.
      expect(event.deliveriesQueued).toBe(5000 + 1200);
      // Each table is written by one statement, whatever the number of recipients.
      for (const table of ['notifications', 'deliveries', 'stream_events']) {
        const writes = statements.filter((q) => new RegExp(`insert into ${table}\\b`).test(q));
        expect(writes, table).toHaveLength(1);
      }
      expect(statements.length).toBeLessThanOrEqual(20);
      console.info(
        `5,000-recipient fan-out: ${elapsed.toFixed(0)} ms, ${statements.length} statements`,
      );
    } finally {
      await counted.end();
    }

    const [counts] = await t.sql`
      select
        (select count(*)::int from notifications where account_id = ${big.accountId}) as rows,
        (select count(*)::int from notifications where account_id = ${big.accountId} and in_app) as in_app,
        (select count(*)::int from notifications
          where account_id = ${big.accountId} and title = 'Nouveaux messages') as french,
        (select count(*)::int from deliveries where account_id = ${big.accountId}) as deliveries,
        (select count(*)::int from deliveries
          where account_id = ${big.accountId} and channel = 'web_push'
            and push_subscription_id::text = destination) as pushes`;
    expect(counts).toEqual({
      rows: 5000,
      in_app: 4900,
      french: 2500,
      deliveries: 6200,
      pushes: 1200,
    });

    // One notification.created per in-app row, with consecutive seqs.
    const seqs = await t.sql<{ seq: string; id: string }[]>`
      select s.seq::text, s.payload ->> 'id' as id from stream_events s
      where s.account_id = ${big.accountId} and s.kind = 'notification.created'
      order by s.seq`;
    expect(seqs).toHaveLength(4900);
    expect(new Set(seqs.map((row) => row.id)).size).toBe(4900);
    const first = Number(seqs[0]!.seq);
    expect(seqs.every((row, index) => Number(row.seq) === first + index)).toBe(true);
  });

  it('keeps stream seqs gapless when events for one account commit concurrently', async () => {
    const busy = await t.tenant();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        postEvent(t, busy, {
          accountId: busy.accountId,
          type: 'conversations.new_message',
          recipients: { userIds: [busy.admin.id, busy.member.id] },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 202));
    const seqs = await t.sql<{ seq: string }[]>`
      select s.seq::text from stream_events s where s.account_id = ${busy.accountId} order by s.seq`;
    expect(seqs.map((row) => Number(row.seq))).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });
});

describe('ingestEvent', () => {
  it('is callable without HTTP, for Baylink’s own events', async () => {
    const event = await ingestEvent(t.deps, tenant.integratorId, {
      accountId: tenant.accountId,
      type: 'conversations.mention',
      recipients: { userIds: [tenant.member.id] },
      excludeActor: true,
    });
    expect(event).toMatchObject({ recipients: 1, inApp: 1 });
    expect((await inboxOf(tenant.memberToken)).items[0]!.id).toBe((await rowsOf(event.id))[0]!.id);
  });
});
