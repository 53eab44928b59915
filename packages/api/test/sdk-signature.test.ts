import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BaylinkError,
  createClient,
  SIGNATURE_MAX_LENGTH,
  type SignatureState,
} from '@baylink/sdk';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// `client.signature` of the browser client against the real API on a real socket.

let t: TestContext;
let tenant: TestTenant;
let server: Server;
let baseUrl: string;
/** Every request the server received, as `METHOD path`. */
const requests: string[] = [];

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  const address = await new Promise<AddressInfo>((resolve) => {
    server = serve(
      {
        fetch: (request) => {
          requests.push(`${request.method} ${new URL(request.url).pathname}`);
          return t.app.fetch(request);
        },
        port: 0,
        hostname: '127.0.0.1',
      },
      resolve,
    ) as Server;
  });
  baseUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t.close();
});

async function newUser(name: string) {
  const [row] = await t.sql<{ id: string }[]>`
    insert into users (account_id, name) values (${tenant.accountId}, ${name}) returning id`;
  return createClient({ baseUrl, token: await t.token(tenant, row!.id) });
}

describe('client.signature', () => {
  it('loads nothing until the store has a subscriber, then loads the defaults', async () => {
    const client = await newUser('Léa Lazy');
    const before = requests.filter((r) => r === 'GET /v1/me/signature').length;
    expect(client.signature.store.getState()).toEqual({
      status: 'idle',
      signature: null,
      error: null,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests.filter((r) => r === 'GET /v1/me/signature').length).toBe(before);

    const states: SignatureState[] = [];
    const stop = client.signature.store.subscribe((state) => states.push(state));
    await expect.poll(() => client.signature.store.getState().status).toBe('ready');
    expect(states[0]?.status).toBe('loading');
    expect(client.signature.store.getState().signature).toEqual({
      enabled: true,
      text: '',
      effective: 'Léa Lazy',
      updatedAt: null,
    });
    expect(requests.filter((r) => r === 'GET /v1/me/signature').length).toBe(before + 1);
    stop();
    client.destroy();
  });

  it('updates the signature and the store follows the API’s answer', async () => {
    const client = await newUser('Marc Update');
    const stop = client.signature.store.subscribe(() => {});
    await expect.poll(() => client.signature.store.getState().status).toBe('ready');

    const saved = await client.signature.update({ text: ' Marc\r\nAtelier Nord ' });
    expect(saved).toMatchObject({ text: 'Marc\nAtelier Nord', effective: 'Marc\nAtelier Nord' });
    expect(client.signature.store.getState().signature).toEqual(saved);

    const off = await client.signature.update({ enabled: false });
    expect(off.effective).toBeNull();
    expect(client.signature.store.getState().signature?.enabled).toBe(false);
    expect(await client.signature.get()).toEqual(off);
    stop();
    client.destroy();
  });

  it('rejects a bad update with a typed error naming the field and keeps the store as it was', async () => {
    const client = await newUser('Nina Invalid');
    const stop = client.signature.store.subscribe(() => {});
    await expect.poll(() => client.signature.store.getState().status).toBe('ready');
    const before = client.signature.store.getState().signature;

    const error = await client.signature
      .update({ text: 'x'.repeat(SIGNATURE_MAX_LENGTH + 1) })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(BaylinkError);
    expect((error as BaylinkError).status).toBe(400);
    expect((error as BaylinkError).fieldMessage('text')).toBeTruthy();
    expect(client.signature.store.getState().signature).toEqual(before);
    expect(client.signature.store.getState().status).toBe('ready');
    expect(client.signature.store.getState().error).toBe(error);
    expect(await client.signature.get()).toEqual(before);
    stop();
    client.destroy();
  });

  it('signs a body by the API’s rule, and returns it unchanged when off', async () => {
    const client = await newUser('Odile Apply');
    expect(await client.signature.apply('Your car is ready.')).toEqual({
      body: 'Your car is ready.\n\nOdile Apply',
      signature: 'Odile Apply',
    });
    await client.signature.update({ text: 'Odile\nService' });
    expect((await client.signature.apply('Hi.\n')).body).toBe('Hi.\n\nOdile\nService');
    await client.signature.update({ enabled: false });
    expect(await client.signature.apply('Hi.\n')).toEqual({ body: 'Hi.\n', signature: null });
    client.destroy();
  });

  it('keeps the name fallback in step when the profile name changes', async () => {
    const client = await newUser('Paul Before');
    const stop = client.signature.store.subscribe(() => {});
    await expect
      .poll(() => client.signature.store.getState().signature?.effective)
      .toBe('Paul Before');
    await client.me.update({ name: 'Paul After' });
    expect(client.signature.store.getState().signature?.effective).toBe('Paul After');
    expect((await client.signature.get()).effective).toBe('Paul After');
    stop();
    client.destroy();
  });

  it('reports a failed first load as the store’s error', async () => {
    const client = createClient({ baseUrl, token: 'not-a-jwt' });
    const stop = client.signature.store.subscribe(() => {});
    await expect.poll(() => client.signature.store.getState().status).toBe('error');
    expect(client.signature.store.getState().error?.status).toBe(401);
    stop();
    client.destroy();
  });
});
