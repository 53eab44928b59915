import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo/seed.ts';
import { createTestContext, json, type TestContext } from './support/test-app.ts';

let demo: TestContext;
let plain: TestContext;

beforeAll(async () => {
  demo = await createTestContext({ demo: true });
  plain = await createTestContext();
});
afterAll(async () => {
  await demo.close();
  await plain.close();
});

describe('the demo routes', () => {
  it('answer 404 until the demo data is loaded, then list the demo dealership', async () => {
    expect((await demo.request('/v1/demo/users')).status).toBe(404);
    const first = await seedDemo(demo.sql);
    const again = await seedDemo(demo.sql);
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    const users = await json<{ items: { id: string; language: string; role: string }[] }>(
      await demo.request('/v1/demo/users'),
    );
    expect(users.items).toHaveLength(8);
    expect(new Set(users.items.map((u) => u.language))).toEqual(new Set(['en', 'fr']));
    expect(users.items.some((u) => u.role === 'admin')).toBe(true);
    const [teams] = await demo.sql<{ n: number }[]>`select count(*)::int as n from teams`;
    expect(teams?.n).toBe(2);
  });

  it('mint a token that signs the chosen demo user in', async () => {
    const users = await json<{ items: { id: string; name: string }[] }>(
      await demo.request('/v1/demo/users'),
    );
    const chosen = users.items[3]!;
    const minted = await json<{ token: string }>(
      await demo.request('/v1/demo/token', { method: 'POST', json: { userId: chosen.id } }),
    );
    const me = await json(await demo.request('/v1/me', { token: minted.token }));
    expect(me.name).toBe(chosen.name);
  });

  it('refuse bad input and users outside the demo dealership', async () => {
    const bad = await demo.request('/v1/demo/token', { method: 'POST', json: { userId: 'nope' } });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error).toMatchObject({ code: 'validation_failed' });
    const tenant = await demo.tenant();
    const foreign = await demo.request('/v1/demo/token', {
      method: 'POST',
      json: { userId: tenant.member.id },
    });
    expect(foreign.status).toBe(404);
  });

  it('do not exist when the demo is off', async () => {
    await seedDemo(plain.sql);
    expect((await plain.request('/v1/demo/users')).status).toBe(404);
    const response = await plain.request('/v1/demo/token', {
      method: 'POST',
      json: { userId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(response.status).toBe(404);
  });
});
