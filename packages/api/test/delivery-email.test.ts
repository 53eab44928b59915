import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CATALOG, type Integrator } from '@baylink/sdk/contract';
import { type ParsedMail, simpleParser } from 'mailparser';
import pino from 'pino';
import type { Sql } from 'postgres';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { notificationMail } from '../src/mail/notification-email.ts';
import { humanizeKey } from '../src/mail/notification-report.ts';
import { CATEGORY_TEMPLATES } from '../src/mail/notification-templates.ts';
import {
  classifyMailError,
  createEmailSender,
  EMAIL_RETRY,
} from '../src/services/delivery/email-sender.ts';
import type { DeliveryJob, SenderContext } from '../src/services/delivery/types.ts';
import { startDeliveryWorker } from '../src/services/delivery/worker.ts';
import { createMailer, type Mailer } from '../src/services/mailer.ts';
import { errorOf, pathsOf } from './support/errors.ts';
import { postEvent } from './support/events-fixtures.ts';
import { type SmtpInbox, startSmtpInbox } from './support/smtp-inbox.ts';
import { createTestContext, json, type TestContext, type TestTenant } from './support/test-app.ts';

// Notification emails through a real SMTP server, parsed with mailparser: each recipient's
// language, both parts, the links, the reason, a report's table; how SMTP failures end; and the
// .eml files written without SMTP_URL.

interface JobRow {
  id: string;
  account_id: string;
  integrator_id: string;
  channel: DeliveryJob['channel'];
  destination: string;
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

/** The email jobs of an event, per recipient id, as the worker hands them to a sender. */
async function emailJobs(sql: Sql, eventId: string): Promise<Map<string, DeliveryJob>> {
  const rows = await sql<JobRow[]>`
    select d.id, d.account_id, a.integrator_id, d.channel, d.destination,
      n.id as notification_id, n.type, n.category, n.title, n.body, n.link, n.actor_name, n.data,
      n.created_at, u.id as user_id, u.name, u.email, u.language, u.reference_id
    from deliveries d
    join notifications n on n.account_id = d.account_id and n.id = d.notification_id
    join users u on u.account_id = d.account_id and u.id = d.user_id
    join accounts a on a.id = d.account_id
    where n.event_id = ${eventId} and d.channel = 'email'`;
  return new Map(
    rows.map((row) => [
      row.user_id,
      {
        accountId: row.account_id,
        integratorId: row.integrator_id,
        id: row.id,
        channel: row.channel,
        destination: row.destination,
        pushSubscriptionId: null,
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
      },
    ]),
  );
}

const silent = pino({ level: 'silent' });

const contextFor = (t: TestContext, mailer: Mailer): SenderContext => ({
  sql: t.sql,
  logger: silent,
  mailer,
  publicUrl: 'http://127.0.0.1',
  now: () => new Date(),
  signal: new AbortController().signal,
});

/** A raw header line's value (mailparser structures some headers, such as List-Unsubscribe). */
const rawHeader = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((line) => line.key === name.toLowerCase())
    ?.line.slice(name.length + 1)
    .trim();

const LINK = 'https://dms.example.com/conversations/42?tab=notes&from=email';

let t: TestContext;
let tenant: TestTenant;
let inbox: SmtpInbox;
let mailer: Mailer;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  mailer = createMailer({
    smtpUrl: inbox.url,
    from: 'Baylink Motors <service@baylink-motors.test>',
    dataDir: tmpdir(),
    logger: silent,
  });
  t = await createTestContext({ mailer });
  tenant = await t.tenant();
  await t.sql`update accounts set time_zone = 'America/Montreal' where id = ${tenant.accountId}`;
});
afterAll(async () => {
  await t.close();
  await mailer.close();
  await inbox.close();
});

const patchIntegrator = (body: unknown) =>
  t.request('/v1/integrator', {
    method: 'PATCH',
    headers: { authorization: `Bearer ${tenant.apiKey}` },
    json: body,
  });

/** Runs `send` and answers the next mail that arrives for `address`. */
async function nextMail(address: string, send: () => Promise<unknown>): Promise<ParsedMail> {
  const before = inbox.to(address).length;
  await send();
  return (await inbox.waitFor(address, before + 1)).mail;
}

/** Posts a mention to both users of the tenant (admin: English, member: French). */
async function mentionBoth(): Promise<Map<string, DeliveryJob>> {
  const response = await postEvent(t, tenant, {
    accountId: tenant.accountId,
    type: 'conversations.mention',
    recipients: { userIds: [tenant.admin.id, tenant.member.id] },
    actor: { name: 'Sam Service' },
    title: { en: 'Sam mentioned you in RO 4521', fr: 'Sam vous a mentionné dans le BT 4521' },
    body: {
      en: 'Can you check the brakes?\nThe customer waits.',
      fr: 'Peux-tu vérifier les freins?\nLe client attend.',
    },
    link: LINK,
  });
  expect(response.status).toBe(202);
  const jobs = await emailJobs(t.sql, (await json<{ id: string }>(response)).id);
  expect(jobs.size).toBe(2);
  return jobs;
}

describe('notification emails over SMTP', () => {
  it('writes to an English speaker in English: subject, both parts, links, reason', async () => {
    const jobs = await mentionBoth();
    const job = jobs.get(tenant.admin.id)!;
    const sender = createEmailSender({ mailer });
    const mail = await nextMail(tenant.admin.email!, async () => {
      expect(await sender.send(job, contextFor(t, mailer))).toEqual({ kind: 'sent' });
    });

    expect(inbox.to(tenant.admin.email!).at(-1)?.recipients).toEqual([tenant.admin.email]);
    expect(mail.subject).toBe('Sam mentioned you in RO 4521');
    expect(mail.headers.get('content-language')).toBe('en');
    expect(mail.messageId).toBe(`<${job.id}@baylink>`);
    expect(rawHeader(mail, 'Auto-Submitted')).toBe('auto-generated');
    expect(rawHeader(mail, 'List-Unsubscribe')).toBeUndefined();

    const text = mail.text ?? '';
    expect(text).toContain('Conversations · @Mentions in notes');
    expect(text).toContain('Sam mentioned you in RO 4521');
    expect(text).toContain('From: Sam Service');
    expect(text).toContain('> Can you check the brakes?\n> The customer waits.');
    expect(text).toContain(`Open the conversation:\n${LINK}`);
    expect(text).toContain(
      'You get this email because email notifications for “@Mentions in notes” are on in your Baylink settings.',
    );
    expect(text).toContain(
      'To choose which notifications you get by email, go to Your settings › Notifications.',
    );

    const html = mail.html || '';
    expect(html).toContain('lang="en"');
    const escapedLink = LINK.replace('&', '&amp;');
    // The button and the plain link both go to the deep link.
    expect(html.split(`href="${escapedLink}"`)).toHaveLength(3);
    expect(html).toContain('>Open the conversation</a>');
    expect(html).toContain('Can you check the brakes?<br>The customer waits.');
    expect(html).toContain(
      'You get this email because email notifications for “@Mentions in notes” are on in your Baylink settings.',
    );
    expect(html).toContain('go to Your settings › Notifications.');
  });

  it('writes to a French speaker in French, with Quebec usage', async () => {
    const jobs = await mentionBoth();
    const job = jobs.get(tenant.member.id)!;
    const mail = await nextMail(tenant.member.email!, async () => {
      expect(await createEmailSender({ mailer }).send(job, contextFor(t, mailer))).toEqual({
        kind: 'sent',
      });
    });

    expect(mail.subject).toBe('Sam vous a mentionné dans le BT 4521');
    expect(mail.headers.get('content-language')).toBe('fr');
    const text = mail.text ?? '';
    expect(text).toContain('Conversations · @Mentions dans une note');
    expect(text).toContain('De\u00a0: Sam Service');
    expect(text).toContain('> Peux-tu vérifier les freins?');
    expect(text).toContain(`Ouvrir la conversation\u00a0:\n${LINK}`);
    expect(text).toContain(
      'Vous recevez ce courriel parce que les notifications par courriel pour «\u00a0@Mentions dans une note\u00a0» sont activées dans vos paramètres Baylink.',
    );
    expect(text).toContain('allez dans Vos paramètres › Notifications.');
    expect(text.replace(LINK, '')).not.toMatch(/\b(From|You get|email|Open the|settings)\b/);
    const html = mail.html || '';
    expect(html).toContain('lang="fr"');
    expect(html).toContain('>Ouvrir la conversation</a>');
    expect(html).toContain('Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur');
  });

  it('links to the integrator’s notification settings page when it set one', async () => {
    const settingsUrl = 'https://portal.example.com/settings/notifications?tab=email';
    const patched = await patchIntegrator({ notificationSettingsUrl: settingsUrl });
    expect(patched.status).toBe(200);
    expect((await json<Integrator>(patched)).notificationSettingsUrl).toBe(settingsUrl);
    try {
      const jobs = await mentionBoth();
      const sender = createEmailSender({ mailer, settingsUrl: 'https://default.example.com/s' });
      const send = (userId: string) => () => sender.send(jobs.get(userId)!, contextFor(t, mailer));
      const en = await nextMail(tenant.admin.email!, send(tenant.admin.id));
      expect(en.text).toContain(
        `To choose which notifications you get by email, open your notification settings:\n${settingsUrl}`,
      );
      expect(en.html).toContain(
        `<a href="${settingsUrl}" style="color:#1d4ed8;word-break:break-all;">Notification settings</a>`,
      );
      expect(rawHeader(en, 'List-Unsubscribe')).toBe(`<${settingsUrl}>`);
      const fr = await nextMail(tenant.member.email!, send(tenant.member.id));
      expect(fr.text).toContain(`ouvrez vos paramètres de notification\u00a0:\n${settingsUrl}`);
      expect(fr.html).toContain('>Paramètres de notification</a>');
    } finally {
      await patchIntegrator({ notificationSettingsUrl: null });
    }
  });

  it('falls back to the sender’s settings page when the integrator set none', async () => {
    const jobs = await mentionBoth();
    const sender = createEmailSender({ mailer, settingsUrl: 'https://default.example.com/s' });
    const mail = await nextMail(tenant.admin.email!, () =>
      sender.send(jobs.get(tenant.admin.id)!, contextFor(t, mailer)),
    );
    expect(mail.text).toContain('open your notification settings:\nhttps://default.example.com/s');
    expect(rawHeader(mail, 'List-Unsubscribe')).toBe('<https://default.example.com/s>');
  });

  it('renders a report’s data as a table of labels and values, formatted for the language', async () => {
    const response = await postEvent(t, tenant, {
      accountId: tenant.accountId,
      type: 'reports.daily_deposits',
      recipients: { userIds: [tenant.admin.id, tenant.member.id] },
      title: { en: 'Deposits for March 14', fr: 'Dépôts du 14 mars' },
      link: 'https://dms.example.com/reports/deposits/2025-03-14',
      data: {
        '1_reportDate': '2025-03-14',
        '2_totalDeposits': 12345.5,
        '3_transaction_count': 42,
        processedAt: '2025-03-14T21:30:00Z',
        reconciled: true,
        ROCount: 7,
        'Dépôts refusés': 0,
      },
    });
    expect(response.status).toBe(202);
    const jobs = await emailJobs(t.sql, (await json<{ id: string }>(response)).id);
    const sender = createEmailSender({ mailer });
    const send = (userId: string) => async () =>
      expect(await sender.send(jobs.get(userId)!, contextFor(t, mailer))).toEqual({ kind: 'sent' });

    const en = await nextMail(tenant.admin.email!, send(tenant.admin.id));
    expect(en.subject).toBe('Deposits for March 14');
    const enText = en.text ?? '';
    expect(enText).toContain('Reports · Daily deposits report');
    expect(enText).toContain('In this report');
    const enLines = enText
      .split('\n')
      .filter((line) => line.startsWith('  '))
      .map((line) => line.trim().replace(/\s+/g, ' '));
    expect(enLines).toEqual([
      'Report date: March 14, 2025',
      'Total deposits: 12,345.5',
      'Transaction count: 42',
      'Dépôts refusés: 0',
      'Processed at: March 14, 2025 at 5:30 PM',
      'Reconciled: Yes',
      'RO count: 7',
    ]);
    const enHtml = en.html || '';
    expect(enHtml).toMatch(/<th scope="row"[^>]*>Total deposits<\/th><td[^>]*>12,345\.5<\/td>/);
    expect(enHtml).toMatch(/<th scope="row"[^>]*>Reconciled<\/th><td[^>]*>Yes<\/td>/);
    expect(enHtml).toContain('>Open the report</a>');

    const fr = await nextMail(tenant.member.email!, send(tenant.member.id));
    const frText = fr.text ?? '';
    expect(frText).toContain('Rapports · Rapport quotidien des transactions traitées');
    expect(frText).toContain('Dans ce rapport');
    expect(frText).toMatch(/Total deposits\u00a0:\s+12\s345,5/u);
    expect(frText).toMatch(/Report date\u00a0:\s+14 mars 2025/u);
    expect(frText).toMatch(/Processed at\u00a0:\s+14 mars 2025 à 17 h 30/u);
    expect(frText).toMatch(/Reconciled\u00a0:\s+Oui/u);
    expect(fr.html || '').toMatch(
      /<th scope="row"[^>]*>Total deposits<\/th><td[^>]*>12\s345,5<\/td>/u,
    );
  });

  it('sends the same Message-ID when a delivery is sent again', async () => {
    const jobs = await mentionBoth();
    const job = jobs.get(tenant.admin.id)!;
    const sender = createEmailSender({ mailer });
    const before = inbox.to(tenant.admin.email!).length;
    await sender.send(job, contextFor(t, mailer));
    await sender.send({ ...job, attempt: 2, leaseToken: randomUUID() }, contextFor(t, mailer));
    const first = await inbox.waitFor(tenant.admin.email!, before + 1);
    const second = await inbox.waitFor(tenant.admin.email!, before + 2);
    expect(first.mail.messageId).toBe(`<${job.id}@baylink>`);
    expect(second.mail.messageId).toBe(first.mail.messageId);
  });

  it('ends a delivery whose user has no email address any more, or another one', async () => {
    const jobs = await mentionBoth();
    const job = jobs.get(tenant.admin.id)!;
    const sender = createEmailSender({ mailer });
    expect(
      await sender.send({ ...job, user: { ...job.user, email: null } }, contextFor(t, mailer)),
    ).toEqual({ kind: 'permanent', error: 'The user has no email address any more' });
    expect(
      await sender.send(
        { ...job, user: { ...job.user, email: 'new-address@example.com' } },
        contextFor(t, mailer),
      ),
    ).toEqual({
      kind: 'permanent',
      error: 'The user’s email address changed after the notification was queued',
    });
    expect(inbox.to('new-address@example.com')).toHaveLength(0);
  });
});

describe('the integrator’s notification settings URL', () => {
  it('is null at first, set and cleared through PATCH /v1/integrator, and validated', async () => {
    const read = async () =>
      json<Integrator>(
        await t.request('/v1/integrator', {
          headers: { authorization: `Bearer ${tenant.apiKey}` },
        }),
      );
    expect((await read()).notificationSettingsUrl).toBeNull();
    const set = await patchIntegrator({
      notificationSettingsUrl: '  https://portal.example.com/me/notifications  ',
    });
    expect(set.status).toBe(200);
    expect((await read()).notificationSettingsUrl).toBe(
      'https://portal.example.com/me/notifications',
    );

    const before = await read();
    for (const bad of [
      'ftp://portal.example.com/x',
      'portal.example.com/settings',
      'https://u:p@x.example.com',
      42,
    ]) {
      const response = await patchIntegrator({ notificationSettingsUrl: bad });
      expect(response.status, String(bad)).toBe(400);
      expect(pathsOf(await errorOf(response))).toEqual(['notificationSettingsUrl']);
    }
    expect(await read()).toEqual(before);

    expect((await patchIntegrator({ notificationSettingsUrl: null })).status).toBe(200);
    expect((await read()).notificationSettingsUrl).toBeNull();
  });
});

/** An SMTP server that refuses what the test tells it to, with the reply code it is told. */
async function startRefusingServer(refuse: {
  rcpt?: { code: number; message: string };
  data?: { code: number; message: string };
  mailFrom?: { code: number; message: string };
}): Promise<{ url: string; close(): Promise<void> }> {
  const fail = (reply: { code: number; message: string }) =>
    Object.assign(new Error(reply.message), { responseCode: reply.code });
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      callback(refuse.mailFrom ? fail(refuse.mailFrom) : undefined);
    },
    onRcptTo(_address, _session, callback) {
      callback(refuse.rcpt ? fail(refuse.rcpt) : undefined);
    },
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => callback(refuse.data ? fail(refuse.data) : undefined));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('SMTP failures', () => {
  let job: DeliveryJob;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    job = (await mentionBoth()).get(tenant.admin.id)!;
  });
  afterEach(async () => {
    for (const item of opened.splice(0)) await item.close();
  });

  async function sendThrough(refuse: Parameters<typeof startRefusingServer>[0]) {
    const server = await startRefusingServer(refuse);
    const refusing = createMailer({ smtpUrl: server.url, dataDir: tmpdir(), logger: silent });
    opened.push(server, refusing);
    return createEmailSender({ mailer: refusing }).send(job, contextFor(t, refusing));
  }

  it('gives up at once on a 5xx reply about the recipient or the message', async () => {
    expect(
      await sendThrough({ rcpt: { code: 550, message: '5.1.1 Mailbox unavailable' } }),
    ).toEqual({
      kind: 'permanent',
      error: expect.stringMatching(
        /^The SMTP server answered to RCPT TO: 550 5\.1\.1 Mailbox unavailable/,
      ),
    });
    expect(await sendThrough({ rcpt: { code: 553, message: 'Bad address syntax' } })).toMatchObject(
      {
        kind: 'permanent',
        error: expect.stringContaining('553'),
      },
    );
    expect(await sendThrough({ data: { code: 554, message: 'Message refused' } })).toMatchObject({
      kind: 'permanent',
      error: expect.stringContaining('554 Message refused'),
    });
  });

  it('retries a 4xx reply, and a 5xx reply to MAIL FROM (this server’s own settings)', async () => {
    expect(
      await sendThrough({ rcpt: { code: 452, message: 'Mailbox full, try later' } }),
    ).toMatchObject({
      kind: 'retry',
      error: expect.stringContaining('452'),
    });
    expect(await sendThrough({ data: { code: 451, message: 'Greylisted' } })).toMatchObject({
      kind: 'retry',
      error: expect.stringContaining('451 Greylisted'),
    });
    expect(
      await sendThrough({ mailFrom: { code: 550, message: 'Sender domain not allowed' } }),
    ).toMatchObject({ kind: 'retry', error: expect.stringContaining('MAIL FROM') });
  });

  it('retries when the SMTP server refuses the connection', async () => {
    const server = await startRefusingServer({});
    await server.close();
    const unreachable = createMailer({ smtpUrl: server.url, dataDir: tmpdir(), logger: silent });
    opened.push(unreachable);
    expect(
      await createEmailSender({ mailer: unreachable }).send(job, contextFor(t, unreachable)),
    ).toEqual({ kind: 'retry', error: 'Could not reach the SMTP server (ECONNREFUSED)' });
  });

  it('classifies the errors nodemailer reports', () => {
    const cases: [unknown, string][] = [
      [{ code: 'ETIMEDOUT' }, 'retry'],
      [{ code: 'ESOCKET', originalCode: 'ECONNRESET' }, 'retry'],
      [{ code: 'EDNS', originalCode: 'ENOTFOUND' }, 'retry'],
      [
        {
          code: 'EAUTH',
          responseCode: 535,
          command: 'AUTH PLAIN',
          response: '535 Bad credentials',
        },
        'retry',
      ],
      [
        { code: 'EENVELOPE', responseCode: 503, command: 'RCPT TO', response: '503 Bad sequence' },
        'retry',
      ],
      [{ code: 'EMESSAGE', responseCode: 421, command: 'DATA', response: '421 Closing' }, 'retry'],
      [{ code: 'EENVELOPE', message: 'No recipients defined' }, 'permanent'],
      [
        { code: 'EMESSAGE', responseCode: 552, command: 'DATA', response: '552 Too big' },
        'permanent',
      ],
      [new Error('something odd'), 'retry'],
      ['a string', 'retry'],
    ];
    for (const [error, kind] of cases) {
      expect(classifyMailError(error).kind, JSON.stringify(error)).toBe(kind);
    }
  });

  it('uses a longer retry policy than push: ten attempts over about twelve hours', () => {
    let worst = 0;
    for (let attempt = 1; attempt < EMAIL_RETRY.maxAttempts; attempt++) {
      worst += Math.min(EMAIL_RETRY.capMs, EMAIL_RETRY.baseMs * 2 ** (attempt - 1));
    }
    expect(EMAIL_RETRY.maxAttempts).toBe(10);
    expect(worst / 3_600_000).toBeGreaterThan(11);
    expect(worst / 3_600_000).toBeLessThan(13);
  });
});

describe('without SMTP_URL', () => {
  it('writes the notification as an .eml file in the data folder', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-eml-'));
    const files = createMailer({ dataDir, logger: silent });
    try {
      const job = (await mentionBoth()).get(tenant.member.id)!;
      expect(await createEmailSender({ mailer: files }).send(job, contextFor(t, files))).toEqual({
        kind: 'sent',
      });
      const folder = path.join(dataDir, 'mail');
      const written = await readdir(folder);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatch(/\.eml$/);
      const mail = await simpleParser(await readFile(path.join(folder, written[0]!)));
      expect(mail.subject).toBe('Sam vous a mentionné dans le BT 4521');
      expect(mail.messageId).toBe(`<${job.id}@baylink>`);
      expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(tenant.member.email);
      expect(mail.text).toContain(LINK);
      expect(mail.html).toContain('lang="fr"');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('through the delivery worker', () => {
  it('emails each recipient in their language and records the deliveries sent', async () => {
    // Only this test's deliveries are due.
    await t.sql`update deliveries set status = 'sent' where status in ('queued', 'failed')`;
    const response = await postEvent(t, tenant, {
      accountId: tenant.accountId,
      type: 'team_chat.direct_message',
      recipients: { userIds: [tenant.admin.id, tenant.member.id] },
      actor: { name: 'Ria Rivera' },
      title: { en: 'New message from Ria', fr: 'Nouveau message de Ria' },
      body: 'On my way',
      link: 'https://dms.example.com/chat/ria',
    });
    const eventId = (await json<{ id: string }>(response)).id;
    // Direct messages are not emailed by default: both users turned email on for them.
    for (const user of [tenant.admin, tenant.member]) {
      await t.sql`
        insert into notification_preferences (account_id, user_id, overrides)
        values (${tenant.accountId}, ${user.id},
          ${t.sql.json({ channels: {}, categories: {}, types: { 'team_chat.direct_message': { email: true } } })})
        on conflict (account_id, user_id) do update set overrides = excluded.overrides`;
    }
    const queued = await postEvent(t, tenant, {
      accountId: tenant.accountId,
      type: 'team_chat.direct_message',
      recipients: { userIds: [tenant.admin.id, tenant.member.id] },
      actor: { name: 'Ria Rivera' },
      title: { en: 'New message from Ria', fr: 'Nouveau message de Ria' },
      body: 'On my way',
      link: 'https://dms.example.com/chat/ria',
    });
    const jobs = await emailJobs(t.sql, (await json<{ id: string }>(queued)).id);
    expect((await emailJobs(t.sql, eventId)).size).toBe(0);
    expect(jobs.size).toBe(2);

    const before = {
      en: inbox.to(tenant.admin.email!).length,
      fr: inbox.to(tenant.member.email!).length,
    };
    const worker = startDeliveryWorker({
      sql: t.sql,
      logger: silent,
      mailer,
      publicUrl: 'http://127.0.0.1',
      senders: [createEmailSender({ mailer })],
      pollMs: 50,
      listen: false,
    });
    try {
      const en = (await inbox.waitFor(tenant.admin.email!, before.en + 1)).mail;
      const fr = (await inbox.waitFor(tenant.member.email!, before.fr + 1)).mail;
      expect(en.subject).toBe('New message from Ria');
      expect(en.text).toContain('Team Chat · New direct messages');
      expect(fr.subject).toBe('Nouveau message de Ria');
      expect(fr.text).toContain('Chat interne · Nouveaux messages directs');
      expect(en.messageId).toBe(`<${jobs.get(tenant.admin.id)!.id}@baylink>`);
      const ids = [...jobs.values()].map((job) => job.id);
      await expect
        .poll(async () =>
          (
            await t.sql<{ status: string }[]>`
              select status from deliveries where account_id = ${tenant.accountId} and id = any(${ids})`
          ).map((row) => row.status),
        )
        .toEqual(['sent', 'sent']);
    } finally {
      await worker.stop();
    }
  });
});

describe('the templates', () => {
  it('has one per catalog category, and renders every type in both languages', () => {
    expect(Object.keys(CATEGORY_TEMPLATES).sort()).toEqual(CATALOG.map((c) => c.key).sort());
    for (const category of CATALOG) {
      for (const type of category.types) {
        for (const language of ['en', 'fr'] as const) {
          const mail = notificationMail({
            to: 'someone@example.com',
            language,
            deliveryId: 'd-1',
            notification: {
              type: type.key,
              category: category.key,
              title: type.label[language],
              body: null,
              link: 'https://dms.example.com/x',
              actorName: null,
              data: {},
              required: false,
            },
            settingsUrl: null,
            timeZone: 'America/Toronto',
          });
          const template = CATEGORY_TEMPLATES[category.key]!;
          expect(mail.text).toContain(`${category.label[language]} · ${type.label[language]}`);
          expect(mail.text).toContain(template.action[language]);
          expect(mail.html).toContain(`>${template.action[language]}</a>`);
          expect(mail.subject).toBe(type.label[language]);
        }
      }
    }
  });

  it('leaves out the button without a link, says when a type is always emailed, and escapes', () => {
    const mail = notificationMail({
      to: 'someone@example.com',
      language: 'en',
      deliveryId: 'd-2',
      notification: {
        type: 'imports.error',
        category: 'imports',
        title: 'Import <b>failed</b>',
        body: 'Row 3: "<script>alert(1)</script>"',
        link: null,
        actorName: 'Bob & Co',
        data: { ignored: 'not a report' },
        required: true,
      },
      settingsUrl: null,
      timeZone: 'America/Toronto',
    });
    expect(mail.html).not.toContain('View the import');
    expect(mail.text).not.toContain('View the import');
    expect(mail.text).toContain(
      'You get this email because “Import errors” notifications are always sent by email.',
    );
    expect(mail.html).toContain('Import &lt;b&gt;failed&lt;/b&gt;');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('From: Bob &amp; Co');
    expect(mail.html).not.toContain('not a report');
  });

  it('turns keys into labels', () => {
    expect(humanizeKey('totalDeposits')).toBe('Total deposits');
    expect(humanizeKey('total_deposits')).toBe('Total deposits');
    expect(humanizeKey('total-deposits')).toBe('Total deposits');
    expect(humanizeKey('ROCount')).toBe('RO count');
    expect(humanizeKey('3_avgTicketUSD')).toBe('Avg ticket USD');
    expect(humanizeKey('Dépôts traités')).toBe('Dépôts traités');
  });
});
