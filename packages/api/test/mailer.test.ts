import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, findDemoAccount } from '../src/demo/seed.ts';
import { loadEnv } from '../src/env.ts';
import { startBaylink } from '../src/server.ts';
import { createMailer, type Mailer } from '../src/services/mailer.ts';
import {
  baylinkTenant,
  confirmReset,
  FAST_IDENTITY,
  login,
  requestReset,
} from './support/identity-fixtures.ts';
import { type SmtpInbox, startSmtpInbox, tokenFromMail } from './support/smtp-inbox.ts';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// Reset mails through a real SMTP server, in each user's language; and, without SMTP_URL, as
// .eml files in the data folder of a running Baylink.

describe('reset mails over SMTP', () => {
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
      logger: pino({ level: 'silent' }),
    });
    t = await createTestContext({ identity: FAST_IDENTITY, mailer });
    tenant = await baylinkTenant(t);
    await t.sql`update accounts set name = 'Garage Tremblay', time_zone = 'America/Montreal'
                where id = ${tenant.accountId}`;
  });
  afterAll(async () => {
    await t.close();
    await mailer.close();
    await inbox.close();
  });

  it('writes to an English speaker in English, text and HTML, with a link that works once', async () => {
    expect(tenant.admin.language).toBe('en');
    const email = tenant.admin.email!;
    expect((await requestReset(t, { accountId: tenant.accountId, email })).status).toBe(202);
    const { mail, recipients } = await inbox.waitFor(email);

    expect(recipients).toEqual([email]);
    expect(mail.subject).toBe('Reset your Baylink password');
    expect(mail.from?.value).toEqual([
      { name: 'Baylink Motors', address: 'service@baylink-motors.test' },
    ]);
    expect(mail.headers.get('content-language')).toBe('en');
    expect(mail.text).toContain('Hello Ada Admin,');
    expect(mail.text).toContain('Garage Tremblay');
    // In the account's time zone (Montreal: EST or EDT).
    expect(mail.text).toMatch(
      /expires in 1 hour \(\w+ \d{1,2}, \d{4} at \d{1,2}:\d{2}\s?[AP]M E[SD]T\)/,
    );
    expect(mail.text).toContain(
      'If you did not ask to reset your password, you can ignore this email',
    );
    const token = tokenFromMail(mail);
    expect(mail.html).toBeTruthy();
    expect(mail.html).toContain(
      `href="https://portal.identity.test/reset-password?token=${token}"`,
    );
    expect(mail.html).toContain('lang="en"');

    expect((await confirmReset(t, { token, password: 'from-the-mail1' })).status).toBe(204);
    const signedIn = await login(t, {
      accountId: tenant.accountId,
      email,
      password: 'from-the-mail1',
    });
    expect(signedIn.status).toBe(200);
    const second = await confirmReset(t, { token, password: 'from-the-mail2' });
    expect(second.status).toBe(400);
  });

  it('writes to a French speaker in French', async () => {
    expect(tenant.member.language).toBe('fr');
    const email = tenant.member.email!;
    expect((await requestReset(t, { accountId: tenant.accountId, email })).status).toBe(202);
    const { mail } = await inbox.waitFor(email);

    expect(mail.subject).toBe('Réinitialisez votre mot de passe Baylink');
    expect(mail.headers.get('content-language')).toBe('fr');
    expect(mail.text).toContain('Bonjour Marc Membre,');
    expect(mail.text).toMatch(
      /expire dans 1 heure \(le \d{1,2} \S+ \d{4} à \d{1,2} h \d{2} H[NA]E\)/,
    );
    expect(mail.text).toContain('ignorez ce courriel');
    expect(mail.text).not.toMatch(/\b(Hello|expires|ignore this)\b/);
    expect(mail.html).toContain('lang="fr"');
    expect(mail.html).toContain('Choisir un nouveau mot de passe');

    const token = tokenFromMail(mail);
    expect((await confirmReset(t, { token, password: 'mot-de-passe1' })).status).toBe(204);
    expect(
      (await login(t, { accountId: tenant.accountId, email, password: 'mot-de-passe1' })).status,
    ).toBe(200);
    expect((await confirmReset(t, { token, password: 'mot-de-passe2' })).status).toBe(400);
  });

  it('escapes what users typed in the HTML', async () => {
    const local = await baylinkTenant(t);
    await t.sql`update users set name = '<b>Bobby</b> & co' where account_id = ${local.accountId} and id = ${local.admin.id}`;
    await requestReset(t, { accountId: local.accountId, email: local.admin.email! });
    const { mail } = await inbox.waitFor(local.admin.email!);
    expect(mail.html).toContain('&lt;b&gt;Bobby&lt;/b&gt; &amp; co');
    expect(mail.html).not.toContain('<b>Bobby</b>');
    expect(mail.text).toContain('Hello <b>Bobby</b> & co,');
  });
});

describe('without SMTP_URL', () => {
  let t: TestContext;
  let dataDir: string;
  let running: Awaited<ReturnType<typeof startBaylink>>;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    // A fresh migrated database for a whole Baylink process (started in this one).
    t = await createTestContext();
    dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-eml-'));
    await chmod(dataDir, 0o755);
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    running = await startBaylink({
      env: loadEnv({
        DATABASE_URL: t.databaseUrl,
        PORT: '0',
        BAYLINK_DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
      }),
      logger: pino({ level: 'info' }, sink),
      demo: true,
    });
  });
  afterAll(async () => {
    await running.close();
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes the demo user reset mail as an .eml file in the data folder and logs its path', async () => {
    const demo = (await findDemoAccount(t.sql))!;
    const email = 'marcus.reed@demo.baylink.dev';
    const signedIn = await fetch(`${running.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: demo.accountId, email, password: DEMO_PASSWORD }),
    });
    expect(signedIn.status).toBe(200);

    const response = await fetch(`${running.url}/v1/auth/password-resets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: running.url },
      body: JSON.stringify({
        accountId: demo.accountId,
        email,
        resetUrl: `${running.url}/portal/reset.html?token={token}`,
      }),
    });
    expect(response.status).toBe(202);

    const folder = path.join(dataDir, 'mail');
    await expect.poll(async () => (await readdir(folder).catch(() => [])).length).toBe(1);
    const [file] = await readdir(folder);
    expect(file).toMatch(/\.eml$/);
    const written = lines.find((line) => line.msg?.toString().startsWith('mail written'));
    expect(written?.path).toBe(path.join(folder, file!));

    const mail = await simpleParser(await readFile(path.join(folder, file!)));
    expect(mail.subject).toBe('Reset your Baylink password');
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(email);
    const token = tokenFromMail(mail);
    expect(mail.text).toContain(`${running.url}/portal/reset.html?token=${token}`);

    const confirmed = await fetch(`${running.url}/v1/auth/password-resets/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: 'demo-changed1', confirmation: 'demo-changed1' }),
    });
    expect(confirmed.status).toBe(204);
  });
});
