import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchBrowser, startDemo } from './support.ts';

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

function portalUrl() {
  return `http://127.0.0.1:${demo.port}/portal/`;
}

interface DemoUser {
  id: string;
  name: string;
}

async function demoUsers(): Promise<DemoUser[]> {
  const response = await fetch(`http://127.0.0.1:${demo.port}/v1/demo/users`);
  return ((await response.json()) as { items: DemoUser[] }).items;
}

/** A page of its own (own storage, as a second browser window of another person would be). */
async function signedIn(context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(portalUrl());
  const picker = page.locator('#demo-user');
  await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(2);
  const value = await picker.locator('option', { hasText: name }).getAttribute('value');
  await picker.selectOption(value!);
  return page;
}

/** The number on the bell's badge (0 when it is hidden). */
async function badge(page: Page): Promise<number> {
  const badgeLocator = page.locator('bay-notification-center [part~="badge"]');
  if ((await badgeLocator.count()) === 0) return -1;
  if (await badgeLocator.evaluate((node) => (node as HTMLElement).hidden)) return 0;
  return Number((await badgeLocator.innerText()).trim());
}

describe('live notifications in the example portal', () => {
  it('reach another user’s bell at once, open from the panel and are marked read', async () => {
    const users = await demoUsers();
    const marcus = users.find((user) => user.name === 'Marcus Reed')!;
    // Something already in Marcus's inbox, so the badge goes from N to N + 1.
    const earlier = await fetch(`http://127.0.0.1:${demo.port}/v1/demo/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'appointments.sms_confirmation', userIds: [marcus.id] }),
    });
    expect(earlier.status).toBe(202);

    const senderContext = await browser.newContext();
    const recipientContext = await browser.newContext();
    const errors: string[] = [];
    const sender = await signedIn(senderContext, 'Tom Wilson');
    const recipient = await signedIn(recipientContext, 'Marcus Reed');
    recipient.on('pageerror', (error) => errors.push(error.message));

    await expect.poll(() => badge(recipient), { timeout: 15_000 }).toBe(1);
    const bellName = () =>
      recipient.locator('bay-notification-center [part~="bell"] .visually-hidden').innerText();
    expect(await bellName()).toBe('Notifications, 1 unread');
    // A marker that a reload would wipe: the update must come live.
    await recipient.evaluate(() => {
      (window as unknown as { marker: string }).marker = 'no reload';
    });

    // The sender posts a simulated DMS event to Marcus through the form.
    await expect.poll(() => sender.locator('#sim-type option').count()).toBeGreaterThan(30);
    await sender.locator('#sim-type').selectOption('conversations.mention');
    await sender.locator('#sim-users label', { hasText: 'Marcus Reed' }).locator('input').check();
    await sender.locator('#sim-title').fill('Tom mentioned you on RO 4521');
    await sender.locator('#sim-body').fill('Customer is waiting for the brake estimate.');
    await sender.locator('#sim-link').fill('https://dms.example.com/ro/4521');
    const sentAt = Date.now();
    await sender.locator('#sim-send').click();
    await expect.poll(() => sender.locator('#sim-result').innerText()).toMatch(/^Sent: 1 in-app/);

    // Marcus's badge goes to 2 without a reload.
    await expect.poll(() => badge(recipient), { timeout: 10_000 }).toBe(2);
    const latency = Date.now() - sentAt;
    expect(await bellName()).toBe('Notifications, 2 unread');
    expect(await recipient.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
      'no reload',
    );

    // The panel shows it first, and opening it marks it read.
    await recipient.locator('bay-notification-center [part~="bell"]').click();
    const title = recipient.locator('bay-notification-center [part~="item-title"]').first();
    await expect.poll(() => title.innerText()).toBe('Tom mentioned you on RO 4521');
    await title.click();
    await expect
      .poll(() => recipient.locator('#navigation').innerText())
      .toBe('Would navigate to https://dms.example.com/ro/4521');
    await expect.poll(() => badge(recipient)).toBe(1);

    // The read state is on the server: it survives a reload.
    await recipient.reload();
    await expect.poll(() => badge(recipient), { timeout: 15_000 }).toBe(1);
    expect(errors).toEqual([]);
    console.info(`live notification reached the other window's badge in ${latency} ms`);
    await senderContext.close();
    await recipientContext.close();
  });
});
