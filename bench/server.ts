// The benchmark's servers, run in a child process so the load generator does not share their
// event loop: a bare Hono JSON route (the baseline) and the real API (token check + database read).
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, createIntegrator, migrate, openDatabase } from '@baylink/api';
import { mintUserToken } from '@baylink/sdk/server';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pino from 'pino';

const dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-bench-'));
const { chmod } = await import('node:fs/promises');
await chmod(dataDir, 0o755);
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, max: 10 });
await migrate(database.sql);

const { integrator, signingSecret } = await createIntegrator(database.sql, { name: 'Bench' });
const [account] = await database.sql<{ id: string }[]>`
  insert into accounts (integrator_id, name) values (${integrator.id}, 'Bench Motors') returning id`;
const [user] = await database.sql<{ id: string }[]>`
  insert into users (account_id, reference_id, name, email, job_position)
  values (${account!.id}, ${`B-${randomBytes(4).toString('hex')}`}, 'Bench Advisor', null, 'Service advisor')
  returning id`;
const { token } = await mintUserToken({
  secret: signingSecret,
  accountId: account!.id,
  userId: user!.id,
});

const bare = new Hono().get('/bare', (c) => c.json({ ok: true, name: 'Bench Advisor' }));
const api = createApp({
  sql: database.sql,
  logger: pino({ level: 'silent' }),
  files: { put: async () => {}, get: async () => null, delete: async () => {} },
  fileUrlKey: randomBytes(32),
});

const listen = (fetch: (request: Request) => Response | Promise<Response>) =>
  new Promise<number>((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(info.port));
    process.on('SIGTERM', () => server.close());
  });
const barePort = await listen(bare.fetch);
const apiPort = await listen(api.fetch);
process.send?.({ barePort, apiPort, token, embedded: database.embedded });
process.on('SIGTERM', async () => {
  await database.close();
  process.exit(0);
});
