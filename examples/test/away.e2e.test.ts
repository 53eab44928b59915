import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoServer, launchBrowser, startDemo } from './support.ts';

// The away status in the example portal, with two people in two browser windows: the banner,
// the staff list's names turning yellow with a clock live, the tooltip, turning it off from the
// banner, routing a conversation, and the automatic return.

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

interface DemoUser {
  id: string;
  name: string;
}

async function demoUsers(): Promise<DemoUser[]> {
  const response = await fetch(`http://127.0.0.1:${demo.port}/v1/demo/users`);
  return ((await response.json()) as { items: DemoUser[] }).items;
}

async function signedIn(context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${demo.port}/portal/`);
  const picker = page.locator('#demo-user');
  await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(2);
  const value = await picker.locator('option', { hasText: name }).getAttribute('value');
  await picker.selectOption(value!);
  return page;
}

const banner = (page: Page) => page.locator('bay-away-banner [part~="banner"]');
const staffName = (page: Page, userId: string) =>
  page.locator(`#staff-list bay-user-name[user-id="${userId}"]`);
const clockOf = (page: Page, userId: string) => staffName(page, userId).locator('[part~="clock"]');

describe('the away status in the example portal', () => {
  it('shows the banner and the yellow names live, ends from the banner and by itself', async () => {
    const users = await demoUsers();
    const tom = users.find((user) => user.name === 'Tom Wilson')!;
    const isabelle = users.find((user) => user.name === 'Isabelle Gagnon')!;
    const awayContext = await browser.newContext();
    const viewerContext = await browser.newContext();
    const errors: string[] = [];
    const away = await signedIn(awayContext, 'Tom Wilson');
    const viewer = await signedIn(viewerContext, 'Marcus Reed');
    for (const page of [away, viewer]) page.on('pageerror', (error) => errors.push(error.message));

    // The demo's seeded absence: Isabelle is away, covered by the Service Team.
    await expect.poll(() => clockOf(viewer, isabelle.id).count(), { timeout: 15_000 }).toBe(1);
    await clockOf(viewer, isabelle.id).hover();
    const tooltip = staffName(viewer, isabelle.id).locator('[part~="tooltip"]');
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.innerText()).toContain('Service Team');
    expect(await clockOf(viewer, tom.id).count()).toBe(0);
    expect(await banner(away).isVisible()).toBe(false);

    // Tom turns away for a minute: his banner shows, and Marcus's list turns his name yellow.
    await away.locator('#away-minute').click();
    await expect.poll(() => away.locator('#away-minute-result').innerText()).toMatch(/^Away until/);
    await expect.poll(() => banner(away).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await banner(away).innerText()).toMatch(/away/i);
    await expect.poll(() => clockOf(viewer, tom.id).count(), { timeout: 10_000 }).toBe(1);

    // Marcus asks who gets a conversation meant for Isabelle: a Service Team member.
    await viewer.locator('#routing-user').selectOption(isabelle.id);
    await viewer.locator('#routing-form button[type="submit"]').click();
    await expect
      .poll(() => viewer.locator('#routing-result').innerText())
      .toMatch(/^Goes to (?!Isabelle).+: they are away; this team member/);

    // Tom turns it off from the banner: it goes, and so does his clock in Marcus's window.
    await banner(away).locator('[part~="turn-off"]').click();
    await expect.poll(() => banner(away).isVisible(), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => clockOf(viewer, tom.id).count(), { timeout: 10_000 }).toBe(0);

    // The automatic return: away again, with the return brought to a few seconds from now.
    await away.locator('#away-minute').click();
    await expect.poll(() => banner(away).isVisible(), { timeout: 10_000 }).toBe(true);
    await demo.running.database.sql`
      update away_statuses set until_at = now() + interval '4 seconds' where user_id = ${tom.id}`;
    await away.reload();
    await viewer.reload();
    await expect.poll(() => banner(away).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => clockOf(viewer, tom.id).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => banner(away).isVisible(), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => clockOf(viewer, tom.id).count(), { timeout: 15_000 }).toBe(0);

    expect(errors).toEqual([]);
    await awayContext.close();
    await viewerContext.close();
  });
});
