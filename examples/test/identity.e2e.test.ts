import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchBrowser, startDemo } from './support.ts';

// The demo dealership uses Baylink's own identity: a user changes their password in the
// settings panel, signs in with it on login.html, forgets it, follows the link of the reset mail
// the demo wrote to its data folder, sets a new one and signs in with that; the link then no
// longer works.

const EMAIL = 'marcus.reed@demo.baylink.dev';
const DEMO_PASSWORD = 'baylink-demo-1';
/** Password hashing (scrypt, 64 MiB) takes a good second on two busy cores. */
const slow = { timeout: 15_000 };

let demo: DemoServer;
let browser: Browser;

beforeAll(async () => {
  demo = await startDemo();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

/** The portal on http://localhost:P calling the API on http://127.0.0.1:P: two origins. */
function portalUrl(file = '') {
  return `http://localhost:${demo.port}/portal/${file}?api=${encodeURIComponent(`http://127.0.0.1:${demo.port}`)}`;
}

async function pickUser(page: Page, name: string) {
  const picker = page.locator('#demo-user');
  await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(2);
  const value = await picker.locator('option', { hasText: name }).getAttribute('value');
  await picker.selectOption(value!);
}

async function signInOnLoginPage(page: Page, password: string) {
  await page.goto(portalUrl('login.html'));
  const login = page.locator('bay-login');
  await login.locator('input[name="email"]').fill(EMAIL);
  await login.locator('input[name="password"]').fill(password);
  // The account id is looked up when the page starts; "Sign in" needs it.
  await expect
    .poll(
      () =>
        login.evaluate((element) => (element as HTMLElement & { accountId?: string }).accountId),
      slow,
    )
    .toBeTruthy();
  await login.locator('[part~="submit-button"]').click();
  // bay-login hands the token to the portal, which opens signed in as that user.
  await page.waitForURL((url) => url.pathname === '/portal/');
  await expect.poll(() => page.locator('#demo-user').inputValue(), slow).not.toBe('');
  await expect
    .poll(() => page.locator('bay-settings-panel input[name="name"]').inputValue(), slow)
    .toBe('Marcus Reed');
  await expect.poll(() => page.locator('#sign-out').isVisible(), slow).toBe(true);
}

/** The newest .eml in the demo's data folder, and the reset link of its text part. */
async function latestResetLink(previous: Set<string>): Promise<{ file: string; link: string }> {
  const folder = path.join(demo.dataDir, 'mail');
  let file: string | undefined;
  await expect
    .poll(
      async () => {
        const files = await readdir(folder).catch(() => [] as string[]);
        file = files
          .filter((name) => name.endsWith('.eml') && !previous.has(name))
          .sort()
          .at(-1);
        return file;
      },
      { timeout: 15_000 },
    )
    .toBeTruthy();
  const eml = await readFile(path.join(folder, file!), 'utf8');
  expect(eml).toMatch(new RegExp(`^To: .*${EMAIL.replace(/\./g, '\\.')}`, 'im'));
  return { file: file!, link: resetLinkIn(eml) };
}

/** The link in the plain-text part of a MIME message (quoted-printable or base64). */
function resetLinkIn(eml: string): string {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(eml)?.[1];
  const parts = boundary ? eml.split(`--${boundary}`) : [eml];
  for (const part of parts) {
    const split = part.search(/\r?\n\r?\n/);
    const head = part.slice(0, split);
    if (!/content-type:\s*text\/plain/i.test(head)) continue;
    let body = part.slice(split).trim();
    if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
      body = body
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/gi, (_, hex: string) =>
          String.fromCharCode(Number.parseInt(hex, 16)),
        );
    } else if (/content-transfer-encoding:\s*base64/i.test(head)) {
      body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    }
    const link = /https?:\/\/\S+\/portal\/reset\.html\?\S+/.exec(body)?.[0];
    if (link) return link;
  }
  throw new Error('No reset link in the mail');
}

describe('Baylink identity in the example portal', () => {
  it('changes a password, signs in with it, resets a forgotten one through the mail, and refuses the used link', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    // 1. In the settings panel (signed in through the demo user picker), change the password.
    await page.goto(portalUrl());
    await pickUser(page, 'Marcus Reed');
    const panel = page.locator('bay-settings-panel');
    const passwordTab = panel.locator('[role="tab"][data-section="password"]');
    await expect.poll(() => passwordTab.count(), { timeout: 15_000 }).toBe(1);
    // The panel shows every section of article 000 (away status has its own issue).
    expect(
      await panel
        .locator('[role="tab"]')
        .evaluateAll((tabs) => tabs.map((tab) => (tab as HTMLElement).dataset.section)),
    ).toEqual(expect.arrayContaining(['profile', 'signature', 'notifications', 'password']));
    await passwordTab.click();
    const section = panel.locator('bay-password-section');
    await section.locator('input[name="password"]').fill('marcus-new-2');
    await section.locator('input[name="confirmation"]').fill('marcus-new-2');
    await section.locator('input[name="current"]').fill(DEMO_PASSWORD);
    await expect.poll(() => section.locator('[part~="rule-met"]').count(), slow).toBe(3);
    await section.locator('[part~="save-button"]').click();
    await expect
      .poll(() => section.locator('[part~="status"]').innerText(), slow)
      .toBe('Your password was changed.');
    expect(await section.locator('input[name="current"]').inputValue()).toBe('');

    // 2. Sign in on login.html with the new password (the old one no longer works).
    await page.goto(portalUrl('login.html'));
    const login = page.locator('bay-login');
    await expect
      .poll(
        () =>
          login.evaluate((element) =>
            Boolean((element as HTMLElement & { accountId?: string }).accountId),
          ),
        slow,
      )
      .toBe(true);
    await login.locator('input[name="email"]').fill(EMAIL);
    await login.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await login.locator('[part~="submit-button"]').click();
    await expect
      .poll(() => login.locator('[part~="alert"]').innerText(), slow)
      .toBe('The email or password is not correct.');
    await signInOnLoginPage(page, 'marcus-new-2');

    // 3. Sign out, and use "Forgot your password?".
    await page.locator('#sign-out').click();
    await page.waitForURL((url) => url.pathname === '/portal/login.html');
    const mailsBefore = new Set(
      await readdir(path.join(demo.dataDir, 'mail')).catch(() => [] as string[]),
    );
    await login.locator('[part~="forgot-button"]').click();
    await expect
      .poll(() => login.locator('[part~="header"]').innerText(), slow)
      .toBe('Reset your password');
    await login.locator('input[name="email"]').fill(EMAIL);
    await login.locator('[part~="submit-button"]').click();
    await expect
      .poll(() => login.locator('[part~="sent"]').innerText(), slow)
      .toContain(`If an account is registered with ${EMAIL}`);

    // 4. The demo wrote the mail to its data folder: open its link and set a new password.
    const { link } = await latestResetLink(mailsBefore);
    expect(new URL(link).origin).toBe(`http://localhost:${demo.port}`);
    await page.goto(link);
    const reset = page.locator('bay-password-reset');
    await reset.locator('input[name="password"]').fill('marcus-reset-3');
    await reset.locator('input[name="confirmation"]').fill('marcus-reset-3');
    await reset.locator('[part~="submit-button"]').click();
    await expect
      .poll(() => reset.locator('[part~="header"]').innerText(), slow)
      .toBe('Password changed');

    // 5. "Sign in" leads to login.html, where the new password works.
    await reset.locator('[part~="sign-in-link"]').click();
    await page.waitForURL((url) => url.pathname === '/portal/login.html');
    await signInOnLoginPage(page, 'marcus-reset-3');

    // 6. The same link a second time no longer works.
    await page.goto(link);
    await reset.locator('input[name="password"]').fill('marcus-again-4');
    await reset.locator('input[name="confirmation"]').fill('marcus-again-4');
    await reset.locator('[part~="submit-button"]').click();
    await expect
      .poll(() => reset.locator('[part~="header"]').innerText(), slow)
      .toBe('This link no longer works');
    expect(await reset.locator('[part~="ask-again-button"]').innerText()).toBe(
      'Ask for a new link',
    );

    expect(errors).toEqual([]);
    await page.close();
  });
});
