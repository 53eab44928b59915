import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, type TestContext } from './support/test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('the API description', () => {
  it('serves an OpenAPI 3.1 document naming every route and the contract schemas', async () => {
    const response = await t.request('/v1/openapi.json');
    expect(response.status).toBe(200);
    const doc = await json<{
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    }>(response);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths['/v1/me'] ?? {}).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(doc.paths['/v1/me/photo'] ?? {}).sort()).toEqual(['delete', 'put']);
    for (const path of [
      '/v1/users',
      '/v1/accounts',
      '/v1/accounts/{accountId}/users/by-reference/{referenceId}',
      '/v1/accounts/{accountId}/teams',
      '/v1/integrator',
      '/v1/presence',
      '/v1/teams',
      '/v1/users/{userId}/away',
      '/v1/accounts/{accountId}/users/{userId}/away',
      '/v1/accounts/{accountId}/presence',
      '/v1/accounts/{accountId}/routing/decisions',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    expect(doc.components.schemas).toHaveProperty('Me');
    expect(doc.components.schemas).toHaveProperty('UpdateMe');
    expect(doc.components.schemas).toHaveProperty('Error');
    expect(Object.keys(doc.paths['/v1/me/away'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
    expect(Object.keys(doc.paths['/v1/routing/decisions'] ?? {}).sort()).toEqual(['get', 'post']);
    for (const schema of ['AwayStatus', 'SetAwayStatus', 'PresenceList', 'RoutingDecision']) {
      expect(doc.components.schemas, schema).toHaveProperty(schema);
    }
    expect(doc.components.securitySchemes).toHaveProperty('userToken');
  });

  it('serves a browsable reference page', async () => {
    const response = await t.request('/v1/reference');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/openapi\.json/);
  });
});

describe('failures', () => {
  it('answers unknown routes with the error shape', async () => {
    const response = await t.request('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect((await json(response)).error).toMatchObject({ code: 'not_found' });
  });

  it('never shows a stack trace or SQL when the database fails', async () => {
    const tenant = await t.tenant();
    await t.sql`alter table users rename column job_position to job_title`;
    try {
      const response = await t.request('/v1/users', { token: tenant.memberToken });
      expect(response.status).toBe(500);
      const text = await response.text();
      const body = JSON.parse(text);
      expect(body.error.code).toBe('internal');
      expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
      expect(text).not.toMatch(/job_position|select|column|at .*\.ts/i);
    } finally {
      await t.sql`alter table users rename column job_title to job_position`;
    }
  });
});
