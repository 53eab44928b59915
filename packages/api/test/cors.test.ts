import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/lib/create-app.ts';
import { errorOf } from './support/errors.ts';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

const PORTAL = 'http://portal.test:3000';
const OTHER_PORTAL = 'https://other-portal.test';
const EVIL = 'http://evil.test';

let t: TestContext;
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant({ allowedOrigins: [PORTAL] });
  other = await t.tenant({ allowedOrigins: [OTHER_PORTAL] });
});
afterAll(() => t.close());

function preflight(path: string, origin: string, method = 'PATCH') {
  return t.request(path, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': method,
      'access-control-request-headers': 'authorization, content-type',
    },
  });
}

const list = (header: string | null) =>
  (header ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);

describe('CORS on browser routes', () => {
  it('answers a preflight from a listed origin with 204, echoing it and allowing Authorization', async () => {
    const response = await preflight('/v1/me', PORTAL);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(list(response.headers.get('access-control-allow-methods'))).toContain('patch');
    expect(list(response.headers.get('access-control-allow-headers'))).toEqual(
      expect.arrayContaining(['authorization', 'content-type']),
    );
    expect(list(response.headers.get('vary'))).toContain('origin');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses a preflight from an unlisted origin with 403 and no CORS headers', async () => {
    const response = await preflight('/v1/me', EVIL);
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
    expect((await errorOf(response)).code).toBe('origin_not_allowed');
  });

  it('lets a listed origin read a successful answer, with Vary: Origin', async () => {
    const response = await t.request('/v1/me', {
      token: tenant.memberToken,
      headers: { origin: PORTAL },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(list(response.headers.get('vary'))).toContain('origin');
    expect(list(response.headers.get('access-control-expose-headers'))).toContain('x-request-id');
  });

  it('lets a listed origin read error answers too (401), so the SDK can refresh the token', async () => {
    for (const token of [undefined, 'expired.or.garbage']) {
      const response = await t.request('/v1/me', {
        ...(token ? { token } : {}),
        headers: { origin: PORTAL },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('access-control-allow-origin')).toBe(PORTAL);
      expect(list(response.headers.get('vary'))).toContain('origin');
      expect(list(response.headers.get('access-control-expose-headers'))).toContain('x-request-id');
    }
    const missing = await t.request(`/v1/users/${other.member.id}`, {
      token: tenant.memberToken,
      headers: { origin: PORTAL },
    });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe(PORTAL);
  });

  it('marks every browser-route answer Vary: Origin once, even without an Origin header', async () => {
    // A cached answer to a request without Origin must not be reused for a cross-origin one.
    const sameOrigin = await t.request('/v1/me', { token: tenant.memberToken });
    expect(sameOrigin.status).toBe(200);
    expect(list(sameOrigin.headers.get('vary'))).toEqual(['origin']);
    const crossOrigin = await t.request('/v1/me', {
      token: tenant.memberToken,
      headers: { origin: PORTAL },
    });
    expect(list(crossOrigin.headers.get('vary'))).toEqual(['origin']);
    const refused = await t.request('/v1/me');
    expect(list(refused.headers.get('vary'))).toEqual(['origin']);
  });

  it('refuses a good token from an origin that only another integrator lists, with 403 origin_not_allowed', async () => {
    const response = await t.request('/v1/me', {
      token: tenant.memberToken,
      headers: { origin: OTHER_PORTAL },
    });
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('origin_not_allowed');
    const theirs = await t.request('/v1/me', {
      token: other.memberToken,
      headers: { origin: OTHER_PORTAL },
    });
    expect(theirs.status).toBe(200);
  });

  it('refuses a good token from an origin nobody lists, without CORS headers', async () => {
    const response = await t.request('/v1/me', {
      token: tenant.memberToken,
      headers: { origin: EVIL },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await errorOf(response)).code).toBe('origin_not_allowed');
  });
});

describe('CORS on integrator routes', () => {
  it('never answers a preflight with CORS headers, even from a listed origin', async () => {
    const paths = [
      '/v1/integrator',
      '/v1/accounts',
      `/v1/accounts/${tenant.accountId}`,
      `/v1/accounts/${tenant.accountId}/users`,
      `/v1/accounts/${tenant.accountId}/teams`,
    ];
    for (const path of paths) {
      const response = await preflight(path, PORTAL, 'POST');
      expect(response.status, path).not.toBe(204);
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(response.headers.get('access-control-allow-methods'), path).toBeNull();
      expect(response.headers.get('access-control-allow-headers'), path).toBeNull();
    }
  });

  it('sends no CORS headers with an API-key answer either', async () => {
    const response = await t.request('/v1/accounts', {
      token: tenant.apiKey,
      headers: { origin: PORTAL },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('security headers', () => {
  it('are on every answer: JSON, errors, preflights, integrator routes and unknown routes', async () => {
    const responses: [string, Response][] = [
      ['me 200', await t.request('/v1/me', { token: tenant.memberToken })],
      ['me 401', await t.request('/v1/me')],
      [
        'me 403',
        await t.request('/v1/me', { token: tenant.memberToken, headers: { origin: EVIL } }),
      ],
      ['preflight 204', await preflight('/v1/me', PORTAL)],
      ['preflight 403', await preflight('/v1/me', EVIL)],
      ['accounts 200', await t.request('/v1/accounts', { token: tenant.apiKey })],
      ['accounts 401', await t.request('/v1/accounts')],
      [
        'accounts 400',
        await t.request('/v1/accounts', { method: 'POST', token: tenant.apiKey, json: {} }),
      ],
      ['users 404', await t.request(`/v1/users/${other.member.id}`, { token: tenant.memberToken })],
      ['no route 404', await t.request('/v1/nowhere')],
      ['health', await t.request('/healthz')],
    ];
    for (const [name, response] of responses) {
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), name).toBe('DENY');
      expect(response.headers.get('x-request-id'), name).toMatch(/^\S{8,}$/);
    }
    const statuses = Object.fromEntries(responses.map(([name, r]) => [name, r.status]));
    expect(statuses).toMatchObject({
      'me 200': 200,
      'me 401': 401,
      'me 403': 403,
      'preflight 204': 204,
      'preflight 403': 403,
      'accounts 200': 200,
      'accounts 401': 401,
      'accounts 400': 400,
      'users 404': 404,
      'no route 404': 404,
      health: 200,
    });
  });

  it('echoes a request id the caller sends, so logs on both sides line up', async () => {
    const response = await t.request('/v1/me', {
      token: tenant.memberToken,
      headers: { 'x-request-id': 'host-req-12345' },
    });
    expect(response.headers.get('x-request-id')).toBe('host-req-12345');
  });

  it('are the same on a real socket, where middleware sets them on Node’s response', async () => {
    const app = createApp(t.deps);
    let server!: Server;
    const address = await new Promise<AddressInfo>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, resolve) as Server;
    });
    const base = `http://127.0.0.1:${address.port}`;
    // Headers that Node adds or that differ by nature.
    const transport = new Set([
      'date',
      'connection',
      'keep-alive',
      'content-length',
      'x-request-id',
    ]);
    const headersOf = (response: Response) =>
      Object.fromEntries([...response.headers].filter(([name]) => !transport.has(name)));
    const requests: [string, RequestInit & { token?: string }][] = [
      ['/v1/me', { token: tenant.memberToken }],
      ['/v1/me', { token: tenant.memberToken, headers: { origin: PORTAL } }],
      ['/v1/me', { token: tenant.memberToken, headers: { origin: EVIL } }],
      ['/v1/me/notifications?limit=5', { token: tenant.memberToken, headers: { origin: PORTAL } }],
      ['/v1/me/notifications/counts', { token: tenant.memberToken }],
      ['/v1/me/notifications?limit=0', { token: tenant.memberToken }],
      [
        '/v1/me',
        {
          method: 'OPTIONS',
          headers: { origin: PORTAL, 'access-control-request-method': 'PATCH' },
        },
      ],
      ['/v1/nowhere', {}],
      ['/healthz', { headers: { 'x-request-id': 'host-req-777' } }],
    ];
    try {
      for (const [path, { token, ...init }] of requests) {
        const headers = new Headers(init.headers);
        if (token) headers.set('authorization', `Bearer ${token}`);
        const inProcess = await app.request(path, { ...init, headers });
        const onSocket = await fetch(`${base}${path}`, { ...init, headers });
        const name = `${init.method ?? 'GET'} ${path} ${headers.get('origin') ?? ''}`;
        expect(onSocket.status, name).toBe(inProcess.status);
        expect(headersOf(onSocket), name).toEqual(headersOf(inProcess));
        expect(headersOf(onSocket)['x-frame-options'], name).toBe('DENY');
        expect(onSocket.headers.get('x-request-id'), name).toMatch(/^\S{8,}$/);
        await inProcess.arrayBuffer();
        await onSocket.arrayBuffer();
      }
      const echoed = await fetch(`${base}/healthz`, {
        headers: { 'x-request-id': 'host-req-777' },
      });
      expect(echoed.headers.get('x-request-id')).toBe('host-req-777');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
