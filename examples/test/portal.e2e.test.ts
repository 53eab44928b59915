import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
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

/** The portal on http://localhost:P calling the API on http://127.0.0.1:P: two origins. */
function portalUrl() {
  return `http://localhost:${demo.port}/portal/?api=${encodeURIComponent(`http://127.0.0.1:${demo.port}`)}`;
}

async function pickUser(page: Page, name: string) {
  const picker = page.locator('#demo-user');
  await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(2);
  const value = await picker.locator('option', { hasText: name }).getAttribute('value');
  await picker.selectOption(value!);
}

describe('the example dealer portal', () => {
  it('changes the name and photo of a demo user, and both survive a reload', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(portalUrl());
    await pickUser(page, 'Marcus Reed');

    const name = page.locator('bay-settings-panel input[name="name"]');
    await expect.poll(() => name.inputValue()).toBe('Marcus Reed');
    await name.fill('Marcus Reed-Okafor');
    await page.locator('bay-settings-panel [part~="save-button"]').click();
    await expect
      .poll(() => page.locator('bay-settings-panel [part~="status"]').innerText())
      .toMatch(/saved/i);

    const photo = await sharp({
      create: { width: 640, height: 480, channels: 3, background: { r: 20, g: 90, b: 200 } },
    })
      .png()
      .toBuffer();
    await page
      .locator('bay-settings-panel input[name="photo"]')
      .setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: photo });
    const avatar = page.locator('bay-settings-panel img[part~="avatar"]');
    await expect
      .poll(() => avatar.getAttribute('src'), { timeout: 15_000 })
      .toMatch(/\/v1\/files\/photos\//);

    await page.reload();
    await expect.poll(() => name.inputValue(), { timeout: 15_000 }).toBe('Marcus Reed-Okafor');
    await expect
      .poll(() => avatar.getAttribute('src'))
      .toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${demo.port}/v1/files/photos/`));
    // The photo really loads across origins (signed URL, cross-origin resource policy).
    await expect
      .poll(() => avatar.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBe(512);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the settings in French for a French-speaking user', async () => {
    const page = await browser.newPage();
    await page.goto(portalUrl());
    await pickUser(page, 'Sophie Tremblay');
    const panel = page.locator('bay-settings-panel');
    await expect
      .poll(() => panel.locator('input[name="name"]').inputValue())
      .toBe('Sophie Tremblay');
    await expect
      .poll(() => panel.locator('[part~="save-button"]').innerText())
      .toMatch(/Enregistrer/);
    expect(
      await panel.locator('label', { hasText: 'Préférence linguistique' }).count(),
    ).toBeGreaterThan(0);
    await page.close();
  });
});

describe('cross-origin embedding', () => {
  let stranger: Server;
  let strangerOrigin: string;

  beforeAll(async () => {
    // A page on an origin that no integrator lists.
    stranger = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end('<!doctype html><title>stranger</title>');
    });
    await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
    strangerOrigin = `http://127.0.0.1:${(stranger.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => stranger.close(() => resolve())));

  it('lets a listed origin call the API with a token and refuses an unlisted one', async () => {
    const api = `http://127.0.0.1:${demo.port}`;
    const page = await browser.newPage();
    await page.goto(portalUrl());
    const allowed = await page.evaluate(async (apiBase) => {
      const users = await (await fetch('/v1/demo/users')).json();
      const { token } = await (
        await fetch('/v1/demo/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: users.items[0].id }),
        })
      ).json();
      const response = await fetch(`${apiBase}/v1/me`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ jobPosition: 'Conseillère principale' }),
      });
      return { status: response.status, token, body: await response.json() };
    }, api);
    expect(allowed.status).toBe(200);
    expect(allowed.body.jobPosition).toBe('Conseillère principale');

    await page.goto(strangerOrigin);
    const refused = await page.evaluate(
      async ({ apiBase, token }) => {
        try {
          await fetch(`${apiBase}/v1/me`, {
            method: 'PATCH',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ jobPosition: 'Hijacked' }),
          });
          return 'sent';
        } catch (error) {
          return (error as Error).name;
        }
      },
      { apiBase: api, token: allowed.token },
    );
    expect(refused).toBe('TypeError');
    await page.close();

    const check = await fetch(`${api}/v1/me`, {
      headers: { authorization: `Bearer ${allowed.token}` },
    });
    expect((await check.json()).jobPosition).toBe('Conseillère principale');
  });
});
