import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BaylinkError, createClient, type MeState } from '@baylink/sdk';
import { mintUserToken } from '@baylink/sdk/server';
import { serve } from '@hono/node-server';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// The browser client (`@baylink/sdk`) against the real API on a real socket.

let t: TestContext;
let tenant: TestTenant;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  const address = await new Promise<AddressInfo>((resolve) => {
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, resolve) as Server;
  });
  baseUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

async function rejection(promise: Promise<unknown>): Promise<BaylinkError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BaylinkError);
    return error as BaylinkError;
  }
  throw new Error('Expected the call to reject');
}

describe('createClient', () => {
  it('refuses a server API key, so it never ships to a browser', () => {
    expect(() => createClient({ baseUrl, token: tenant.apiKey })).toThrow(/API key/);
  });

  it('can be created without a token (to sign in), and then rejects calls that need one', async () => {
    const client = createClient({ baseUrl });
    const error = await rejection(client.me.get());
    expect(error.code).toBe('token_missing');
    expect(error.status).toBe(0);
    client.destroy();
  });

  it('reads and updates the profile, and its store follows', async () => {
    const client = createClient({ baseUrl, token: tenant.memberToken });
    const states: MeState[] = [];
    const unsubscribe = client.me.store.subscribe((state) => states.push(state));
    await expect.poll(() => client.me.store.getState().status).toBe('ready');
    expect(client.me.store.getState().me?.name).toBe('Marc Membre');
    expect(states[0]?.status).toBe('loading');

    const updated = await client.me.update({ jobPosition: 'Chef technicien' });
    expect(updated.jobPosition).toBe('Chef technicien');
    expect(client.me.store.getState().me?.jobPosition).toBe('Chef technicien');
    unsubscribe();
    const seen = states.length;
    await client.me.update({ jobPosition: 'Technicien' });
    expect(states.length).toBe(seen);
    client.destroy();
  });

  it('throws one typed error with the fields the API named', async () => {
    const client = createClient({ baseUrl, token: tenant.memberToken });
    const error = await rejection(client.me.update({ email: 'nope', name: '' }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.fieldMessage('email')).toBeTruthy();
    expect(error.fieldMessage('name')).toBeTruthy();
    expect(error.requestId).toBeTruthy();
    const missing = await rejection(client.users.get('00000000-0000-4000-8000-000000000000'));
    expect(missing.status).toBe(404);
    expect(missing.code).toBe('not_found');
  });

  it('asks getToken again after a 401 and replays the request', async () => {
    const expired = await mintUserToken({
      secret: tenant.signingSecret,
      accountId: tenant.accountId,
      userId: tenant.member.id,
      expiresInSeconds: 60,
      now: new Date(Date.now() - 10 * 60_000),
    });
    const handed: string[] = [];
    const client = createClient({
      baseUrl,
      getToken: async () => {
        const token = handed.length === 0 ? expired.token : tenant.memberToken;
        handed.push(token);
        return token;
      },
    });
    const me = await client.me.get();
    expect(me.id).toBe(tenant.member.id);
    expect(handed).toEqual([expired.token, tenant.memberToken]);
  });

  it('rejects with the API error when the fresh token is refused too', async () => {
    const client = createClient({ baseUrl, getToken: () => 'not-a-jwt' });
    const error = await rejection(client.me.get());
    expect(error.status).toBe(401);
    expect(error.code).toBe('token_invalid');
    expect(client.me.store.getState().status).toBe('error');
  });

  it('reports a network failure as a BaylinkError with status 0', async () => {
    const client = createClient({ baseUrl: 'http://127.0.0.1:9', token: tenant.memberToken });
    const error = await rejection(client.me.get());
    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
  });

  it('uploads and deletes a photo, reporting progress', async () => {
    const client = createClient({ baseUrl, token: tenant.memberToken });
    const png = await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: 1, g: 2, b: 3 } },
    })
      .png()
      .toBuffer();
    const progress: number[] = [];
    const me = await client.me.uploadPhoto(new Blob([png], { type: 'image/png' }), {
      onProgress: ({ loaded }) => progress.push(loaded),
    });
    expect(me.photoUrl).toMatch(/\/v1\/files\/photos\//);
    expect(progress.at(-1)).toBe(png.length);
    const image = await fetch(new URL(me.photoUrl!, baseUrl));
    expect(image.status).toBe(200);
    const cleared = await client.me.deletePhoto();
    expect(cleared.photoUrl).toBeNull();
    expect(client.me.store.getState().me?.photoUrl).toBeNull();
  });

  it('lists the users of the account only', async () => {
    const client = createClient({ baseUrl, token: tenant.memberToken });
    const users = await client.users.list();
    expect(users.map((u) => u.id).sort()).toEqual([tenant.admin.id, tenant.member.id].sort());
  });
});
