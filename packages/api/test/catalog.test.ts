import { CATALOG, CATALOG_TYPES, Catalog } from '@baylink/sdk/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './support/errors.ts';
import { createTestContext, json, type TestContext } from './support/test-app.ts';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('GET /v1/catalog', () => {
  it('serves every category and type in English by default, without credentials', async () => {
    const response = await t.request('/v1/catalog');
    expect(response.status).toBe(200);
    const catalog = Catalog.parse(await json(response));
    expect(catalog.language).toBe('en');
    expect(catalog.categories).toHaveLength(CATALOG.length);
    expect(catalog.categories.flatMap((c) => c.types)).toHaveLength(CATALOG_TYPES.size);
    expect(catalog.channels.map((c) => c.label)).toEqual(['In-app', 'Browser', 'Email', 'Mobile']);
    const mention = catalog.categories
      .flatMap((c) => c.types)
      .find((type) => type.key === 'conversations.mention');
    expect(mention).toMatchObject({ category: 'conversations', label: '@Mentions in notes' });
    const required = catalog.categories.flatMap((c) => c.types).filter((x) => x.required.length);
    expect(required.length).toBeGreaterThan(0);
    expect(required.every((type) => type.required.includes('in_app'))).toBe(true);
  });

  it('serves French labels with ?lang=fr, under another ETag', async () => {
    const en = await t.request('/v1/catalog?lang=en');
    const fr = await t.request('/v1/catalog?lang=fr');
    const catalog = Catalog.parse(await json(fr));
    expect(catalog.language).toBe('fr');
    expect(catalog.channels[0]!.label).toBe("Dans l'application");
    const mention = catalog.categories
      .flatMap((c) => c.types)
      .find((type) => type.key === 'conversations.mention');
    expect(mention?.label).toBe('@Mentions dans une note');
    expect(fr.headers.get('etag')).toMatch(/^".+"$/);
    expect(fr.headers.get('etag')).not.toBe(en.headers.get('etag'));
  });

  it('is public and cacheable: any origin, one hour, 304 for a matching If-None-Match', async () => {
    const response = await t.request('/v1/catalog', {
      headers: { origin: 'https://unknown-host.example' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const etag = response.headers.get('etag')!;
    const again = await t.request('/v1/catalog', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const weak = await t.request('/v1/catalog', { headers: { 'if-none-match': `W/${etag}` } });
    expect(weak.status).toBe(304);
    const stale = await t.request('/v1/catalog', { headers: { 'if-none-match': '"old"' } });
    expect(stale.status).toBe(200);
  });

  it('answers a preflight from any origin', async () => {
    const response = await t.request('/v1/catalog', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://unknown-host.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('answers 400 for a language it does not speak', async () => {
    const response = await t.request('/v1/catalog?lang=de');
    expect(response.status).toBe(400);
    expect((await errorOf(response)).details?.[0]?.path).toBe('lang');
  });
});
