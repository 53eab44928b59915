// Notification benchmarks (issue 3): (b) one event to 5,000 recipients, from POST to every inbox
// row committed; (c) the inbox page and the unread counts as ratios of a bare Hono JSON route
// measured in the same run. The servers run in a child process (this file with --serve) so
// autocannon does not share their event loop. Standalone: `node --import tsx bench/fanout.ts`.
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const FANOUT_RECIPIENTS = 5000;
const FANOUT_RUNS = 3;
const FANOUT_GOAL_MS = 1000;
const INBOX_SIZE = 1000;
const RATIO_GOAL = 0.35;

export interface BenchRow {
  title: string;
  value: string;
  goal: string;
  met: boolean;
}

interface Ready {
  barePort: number;
  apiPort: number;
  apiKey: string;
  accountId: string;
  readerToken: string;
  embedded: boolean;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function throughput(title: string, url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${title}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return { requestsPerSecond: Math.round(result.requests.average), p99: result.latency.p99 };
}

/** Runs the notification benchmarks and answers one row per figure. */
export async function runFanoutBench(): Promise<BenchRow[]> {
  const child = fork(new URL(import.meta.url), ['--serve'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.once('message', (message) => resolve(message as Ready));
      child.once('exit', (code) => reject(new Error(`fan-out bench server exited with ${code}`)));
    });
    const api = `http://127.0.0.1:${ready.apiPort}`;

    // (b) One event to every subscriber of a 5,000-user topic. The 202 comes after the commit of
    // the one transaction that writes every inbox row, delivery and stream event.
    const runs: number[] = [];
    for (let run = 0; run < FANOUT_RUNS; run++) {
      const started = performance.now();
      const response = await fetch(`${api}/v1/events`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${ready.apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          accountId: ready.accountId,
          type: 'conversations.new_message',
          recipients: { topics: ['store:everyone'] },
          body: { en: 'A customer replied', fr: 'Un client a répondu' },
          link: 'https://dms.example.com/conversations/1',
        }),
      });
      const elapsed = performance.now() - started;
      const answer = (await response.json()) as { inApp?: number };
      if (response.status !== 202 || answer.inApp !== FANOUT_RECIPIENTS) {
        throw new Error(`fan-out answered ${response.status}: ${JSON.stringify(answer)}`);
      }
      runs.push(elapsed);
    }
    const fanout = median(runs);

    // (c) Throughput as ratios of the bare route, all measured now on this machine.
    const bare = await throughput(
      'bare Hono JSON route',
      `http://127.0.0.1:${ready.barePort}/bare`,
    );
    const auth = { authorization: `Bearer ${ready.readerToken}` };
    const inbox = await throughput('inbox page', `${api}/v1/me/notifications?limit=30`, auth);
    const counts = await throughput('unread counts', `${api}/v1/me/notifications/counts`, auth);
    const ratio = (x: { requestsPerSecond: number }) =>
      x.requestsPerSecond / bare.requestsPerSecond;
    const rate = (x: { requestsPerSecond: number; p99: number }) =>
      `${x.requestsPerSecond.toLocaleString('en-US')} req/s, p99 ${x.p99} ms`;
    const where = ready.embedded ? 'embedded PostgreSQL' : 'PostgreSQL at DATABASE_URL';

    return [
      {
        title: `One event to ${FANOUT_RECIPIENTS.toLocaleString('en-US')} recipients, POST → all inbox rows committed (median of ${FANOUT_RUNS}, ${where})`,
        value: `${fanout.toFixed(0)} ms (runs: ${runs.map((x) => x.toFixed(0)).join(', ')} ms)`,
        goal: `< ${FANOUT_GOAL_MS} ms`,
        met: fanout < FANOUT_GOAL_MS,
      },
      {
        title: `Inbox page (GET /v1/me/notifications?limit=30, ${INBOX_SIZE.toLocaleString('en-US')} notifications) / bare Hono route`,
        value: `${ratio(inbox).toFixed(2)} (${rate(inbox)} vs ${rate(bare)})`,
        goal: `≥ ${RATIO_GOAL}`,
        met: ratio(inbox) >= RATIO_GOAL,
      },
      {
        title: 'Unread counts (GET /v1/me/notifications/counts) / bare Hono route',
        value: `${ratio(counts).toFixed(2)} (${rate(counts)} vs ${rate(bare)})`,
        goal: `≥ ${RATIO_GOAL}`,
        met: ratio(counts) >= RATIO_GOAL,
      },
    ];
  } finally {
    child.kill('SIGTERM');
  }
}

/** The child process: a database with the bench's data, the bare route and the real API. */
async function serve() {
  const { createApp, createIntegrator, migrate, openDatabase } = await import('@baylink/api');
  const { mintUserToken } = await import('@baylink/sdk/server');
  const { CATALOG } = await import('@baylink/sdk/contract');
  const { serve: listen } = await import('@hono/node-server');
  const { Hono } = await import('hono');
  const { default: pino } = await import('pino');

  const dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-bench-fanout-'));
  await chmod(dataDir, 0o755);
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, max: 10 });
  await migrate(database.sql);
  const { sql } = database;

  const { integrator, apiKey, signingSecret } = await createIntegrator(sql, {
    name: 'Fan-out bench',
  });
  const [account] = await sql<{ id: string }[]>`
    insert into accounts (integrator_id, name) values (${integrator.id}, 'Bench Motors') returning id`;
  const accountId = account!.id;
  const run = randomBytes(4).toString('hex');
  await sql`
    insert into users (account_id, reference_id, name, language)
    select ${accountId}, ${`BENCH-${run}-`} || g, 'Bench user ' || g,
      case when g % 3 = 0 then 'fr' else 'en' end
    from generate_series(1, ${FANOUT_RECIPIENTS}) as g`;
  await sql`
    insert into topic_subscribers (account_id, topic, user_id)
    select account_id, 'store:everyone', id from users where account_id = ${accountId}`;

  // The reader: ~1,000 notifications of every category over 30 days, a third of them read.
  const [reader] = await sql<{ id: string }[]>`
    insert into users (account_id, reference_id, name, language)
    values (${accountId}, ${`READER-${run}`}, 'Bench reader', 'en') returning id`;
  const types = CATALOG.flatMap((category) => category.types);
  await sql`
    insert into notifications (account_id, user_id, event_id, type, category, title, body, link,
      actor_name, data, in_app, created_at, seen_at, read_at)
    select ${accountId}, ${reader!.id}, gen_random_uuid(), t.type, t.category,
      'Notification ' || g, 'Something happened on repair order ' || g,
      'https://dms.example.com/ro/' || g, 'Dana Advisor', jsonb_build_object('ro', g::text), true,
      now() - (g || ' minutes')::interval * 43,
      case when g % 2 = 0 then now() end, case when g % 3 = 0 then now() end
    from generate_series(1, ${INBOX_SIZE}) as g
    cross join lateral (
      select (${types.map((type) => type.key)}::text[])[1 + g % ${types.length}] as type,
        (${types.map((type) => type.category)}::text[])[1 + g % ${types.length}] as category
    ) as t`;
  // Everyone else has a few notifications too, so the planner's statistics look like a real
  // account's (with one user holding every row, they would favour scanning the whole table).
  await sql`
    insert into notifications (account_id, user_id, event_id, type, category, title, in_app,
      created_at)
    select u.account_id, u.id, gen_random_uuid(), 'conversations.new_message', 'conversations',
      'Earlier message ' || g, true, now() - (g || ' hours')::interval
    from users u cross join generate_series(1, 5) as g
    where u.account_id = ${accountId} and u.id <> ${reader!.id}`;
  await sql`vacuum analyze`;
  const { token: readerToken } = await mintUserToken({
    secret: signingSecret,
    accountId,
    userId: reader!.id,
    expiresInSeconds: 3600,
  });

  const bare = new Hono().get('/bare', (c) => c.json({ ok: true, name: 'Bench Advisor' }));
  const api = createApp({
    sql,
    logger: pino({ level: 'silent' }),
    files: { put: async () => {}, get: async () => null, delete: async () => {} },
    fileUrlKey: randomBytes(32),
  });
  const servers: { close(): void }[] = [];
  const start = (fetch: (request: Request) => Response | Promise<Response>) =>
    new Promise<number>((resolve) => {
      servers.push(listen({ fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(info.port)));
    });
  const barePort = await start(bare.fetch);
  const apiPort = await start(api.fetch);
  process.on('SIGTERM', async () => {
    for (const server of servers) server.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
  const ready: Ready = {
    barePort,
    apiPort,
    apiKey,
    accountId,
    readerToken,
    embedded: database.embedded,
  };
  process.send?.(ready);
}

const invokedAs = process.argv[1] ? pathToFileURL(path.resolve(process.argv[1])).href : '';
if (invokedAs === import.meta.url) {
  if (process.argv.includes('--serve')) {
    await serve();
  } else {
    const rows = await runFanoutBench();
    console.table(rows);
    process.exitCode = rows.every((row) => row.met) ? 0 : 1;
  }
}
