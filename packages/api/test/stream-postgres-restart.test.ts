import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../src/db/database.ts';
import { type EmbeddedDatabase, freePort, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import {
  type ApiProcess,
  appendNotifications,
  createTenant,
  SseClient,
  type StreamTenant,
  sleep,
  startApiProcess,
} from './stream-support.ts';

// A PostgreSQL of this test's own, stopped and started again on the same port while an API
// process serves connected clients: the clients stay connected and receive every event, once,
// in order (the hub's LISTEN connection reconnects and catches up).

let dir: string;
let dataDir: string;
let port: number;
let pg: EmbeddedDatabase | undefined;
let sql: Sql;
let api: ApiProcess;
let tenant: StreamTenant;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'baylink-pg-restart-'));
  // The server runs as the postgres user when we are root: it must reach the folder.
  await chmod(dir, 0o755);
  dataDir = path.join(dir, 'postgres');
  port = await freePort();
  pg = await startEmbeddedPostgres({ dataDir, port });
  sql = connect(pg.url, { max: 2 });
  await migrate(sql);
  tenant = await createTenant(sql, 2);
  // A minute-long poll: what comes after the restart must come through the listener's
  // reconnect and catch-up.
  api = await startApiProcess(pg.url, { BAYLINK_STREAM_POLL_MS: '60000', LOG_LEVEL: 'info' });
}, 90_000);

afterAll(async () => {
  await api?.kill();
  await sql?.end({ timeout: 1 }).catch(() => {});
  await pg?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('a Postgres restart under connected clients', () => {
  it('loses nothing and repeats nothing', { timeout: 60_000 }, async () => {
    const [user0, user1] = tenant.userIds as [string, string];
    const first = await SseClient.connect(api.url, { token: tenant.tokens[0]! });
    const second = await SseClient.connect(api.url, { token: tenant.tokens[1]! });
    expect([first.status, second.status]).toEqual([200, 200]);
    const forFirst: string[] = [];
    const forSecond: string[] = [];
    const write = async (label: string) => {
      const [a, b, c] = await appendNotifications(sql, tenant.accountId, [
        { userId: user0, title: `${label} 0` },
        { userId: user1, title: `${label} 1` },
        { userId: null, title: `${label} all` },
      ]);
      forFirst.push(a!, c!);
      forSecond.push(b!, c!);
    };

    for (let i = 0; i < 3; i++) await write(`before ${i}`);
    await first.until((c) => c.events.length >= forFirst.length);
    await second.until((c) => c.events.length >= forSecond.length);

    await pg!.stop();
    pg = undefined;
    await sleep(1_000);
    pg = await startEmbeddedPostgres({ dataDir, port });
    // Written at once, likely before the API's listener is back.
    for (let i = 0; i < 3; i++) await write(`after ${i}`);

    await first.until((c) => c.events.length >= forFirst.length, 30_000);
    await second.until((c) => c.events.length >= forSecond.length, 30_000);
    // Later writes reach them through the re-established LISTEN connection too.
    await write('later');
    await first.until((c) => c.events.length >= forFirst.length, 10_000);
    await second.until((c) => c.events.length >= forSecond.length, 10_000);
    await sleep(300);
    expect(first.ids).toEqual(forFirst);
    expect(second.ids).toEqual(forSecond);
    // Same connections throughout: nobody had to reconnect.
    expect(first.retries).toHaveLength(1);
    expect(second.retries).toHaveLength(1);
    let ended = false;
    void first.ended.then(() => {
      ended = true;
    });
    await sleep(10);
    expect(ended).toBe(false);
    // The listener came back too (its backoff may let the poll deliver first).
    await expect
      .poll(() => api.output(), { timeout: 15_000 })
      .toMatch(/stream listener reconnected/);
    first.close();
    second.close();
  });
});
