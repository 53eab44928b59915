// The realtime stream under load: 1,000 Server-Sent Event streams held open on one API process
// (`baylink start`, a child process) on a real PostgreSQL, and the latency from a write to its
// arrival on the streams, measured in this process on one clock. Bounded: a few hundred events,
// well under a minute. Standalone: `node --import tsx bench/stream.ts`.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendStreamEvents, createIntegrator, migrate, openDatabase } from '@baylink/api';
import { mintUserToken } from '@baylink/sdk/server';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 1_000);
/** Events posted through `POST /v1/events`, each to a few users, one at a time. */
const ROUTE_EVENTS = Number(process.env.BENCH_STREAM_EVENTS ?? 200);
const RECIPIENTS_PER_EVENT = 5;
/** Account-wide events appended in a transaction, each reaching every stream. */
const FANOUT_EVENTS = Number(process.env.BENCH_STREAM_FANOUT_EVENTS ?? 50);
const GOAL_P99_MS = 100;

export interface BenchRow {
  title: string;
  value: string;
  goal: string;
  met: boolean;
}

const bin = fileURLToPath(new URL('../packages/api/bin/baylink.js', import.meta.url));

/** One SSE connection that records when each `bench n` marker arrives. */
class BenchStream {
  #buffer = '';
  constructor(readonly onMarker: (marker: string, at: number) => void) {}

  open(base: string, token: string): Promise<void> {
    const url = new URL('/v1/stream', base);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          agent: false,
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
        },
        (res) => {
          if (res.statusCode !== 200) {
            reject(new Error(`stream answered ${res.statusCode}`));
            res.resume();
            return;
          }
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => this.#receive(chunk));
          res.on('error', () => {});
          resolve();
        },
      );
      req.on('error', reject);
      req.end();
      this.close = () => req.destroy();
    });
  }

  close: () => void = () => {};

  #receive(chunk: string) {
    const at = performance.now();
    this.#buffer += chunk;
    let end = this.#buffer.indexOf('\n\n');
    while (end >= 0) {
      const frame = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      const match = frame.match(/"(?:title|marker)":\s*"(bench [\w-]+)"/);
      if (match?.[1]) this.onMarker(match[1], at);
      end = this.#buffer.indexOf('\n\n');
    }
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const sleep = (milliseconds: number) => new Promise((r) => setTimeout(r, milliseconds));

async function startApi(databaseUrl: string, dataDir: string) {
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      BAYLINK_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      BAYLINK_DEMO: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/Baylink API: (http:\/\/[^/\s]+)/);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`API exited with ${code}:\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function rssMegabytes(pid: number | undefined): Promise<number> {
  if (!pid) return Number.NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? Number.NaN);
  return kb / 1024;
}

export async function runStreamBench(): Promise<BenchRow[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-bench-stream-'));
  await chmod(dataDir, 0o755);
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir,
    max: 4,
  });
  let api: Awaited<ReturnType<typeof startApi>> | undefined;
  const streams: BenchStream[] = [];
  try {
    const { sql } = database;
    await migrate(sql);
    const created = await createIntegrator(sql, { name: 'Stream bench' });
    const [account] = await sql<{ id: string }[]>`
      insert into accounts (integrator_id, name) values (${created.integrator.id}, 'Bench Motors')
      returning id`;
    const accountId = account!.id;
    const run = randomBytes(4).toString('hex');
    const users = await sql<{ id: string }[]>`
      insert into users (account_id, reference_id, name, language)
      select ${accountId}, ${`B-${run}-`} || n, 'Bench user ' || n, 'en'
      from generate_series(1, ${STREAMS}) as n
      returning id`;
    const userIds = users.map((u) => u.id);
    const tokens = await Promise.all(
      userIds.map(
        async (userId) =>
          (await mintUserToken({ secret: created.signingSecret, accountId, userId })).token,
      ),
    );

    api = await startApi(database.url, dataDir);
    const base = api.url;

    // Latency samples, per marker: when it was written, and each arrival.
    const sentAt = new Map<string, number>();
    const arrivals = new Map<string, number[]>();
    const onMarker = (marker: string, at: number) => {
      let list = arrivals.get(marker);
      if (!list) {
        list = [];
        arrivals.set(marker, list);
      }
      list.push(at);
    };

    const connectStarted = performance.now();
    for (let i = 0; i < STREAMS; i += 50) {
      await Promise.all(
        tokens.slice(i, i + 50).map(async (token) => {
          const stream = new BenchStream(onMarker);
          streams.push(stream);
          await stream.open(base, token);
        }),
      );
    }
    const connectMs = performance.now() - connectStarted;
    await sleep(500);
    const rssAfterConnect = await rssMegabytes(api.child.pid);

    // (1) Ingestion → stream: events posted through the real route, a few recipients each,
    // rotating so every stream receives; latency from the moment the request is sent.
    const probe = await fetch(`${base}/v1/events`, { method: 'POST' }).catch(() => undefined);
    const routeExists = probe !== undefined && probe.status !== 404;
    const routeLatencies: number[] = [];
    let routeExpected = 0;
    if (routeExists) {
      for (let n = 0; n < ROUTE_EVENTS; n++) {
        const marker = `bench r${n}`;
        const recipients = Array.from(
          { length: RECIPIENTS_PER_EVENT },
          (_, k) => userIds[(n * RECIPIENTS_PER_EVENT + k) % userIds.length]!,
        );
        routeExpected += recipients.length;
        sentAt.set(marker, performance.now());
        const response = await fetch(`${base}/v1/events`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${created.apiKey}`,
            'content-type': 'application/json',
            'idempotency-key': `bench-${run}-${n}`,
          },
          body: JSON.stringify({
            accountId,
            type: 'conversations.new_message',
            recipients: { userIds: recipients },
            title: { en: marker },
          }),
        });
        if (response.status !== 202) {
          throw new Error(`POST /v1/events answered ${response.status}: ${await response.text()}`);
        }
        await sleep(20);
      }
    }

    // (2) Commit → every stream: account-wide events appended in a transaction; the clock
    // starts just before COMMIT is sent, so the figure includes the commit itself.
    const fanoutLatencies: number[] = [];
    for (let n = 0; n < FANOUT_EVENTS; n++) {
      const marker = `bench f${n}`;
      await sql.begin(async (tx) => {
        await appendStreamEvents(tx, accountId, [
          {
            userId: null,
            kind: 'notifications.changed',
            payload: {
              items: [],
              readAllBefore: null,
              counts: { unread: 0, unseen: 0 },
              marker,
              nonce: randomUUID(),
            },
          },
        ]);
        sentAt.set(marker, performance.now());
      });
      await sleep(100);
    }

    // Wait for the stragglers (bounded).
    const deadline = performance.now() + 10_000;
    const received = () => {
      let route = 0;
      let fanout = 0;
      for (const [marker, list] of arrivals) {
        if (marker.startsWith('bench r')) route += list.length;
        else fanout += list.length;
      }
      return { route, fanout };
    };
    while (performance.now() < deadline) {
      const { route, fanout } = received();
      if (route >= routeExpected && fanout >= FANOUT_EVENTS * STREAMS) break;
      await sleep(50);
    }
    const rssAtEnd = await rssMegabytes(api.child.pid);

    for (const [marker, list] of arrivals) {
      const sent = sentAt.get(marker);
      if (sent === undefined) continue;
      const target = marker.startsWith('bench r') ? routeLatencies : fanoutLatencies;
      for (const at of list) target.push(at - sent);
    }
    routeLatencies.sort((a, b) => a - b);
    fanoutLatencies.sort((a, b) => a - b);
    const { route, fanout } = received();

    const rows: BenchRow[] = [
      {
        title: `stream: ${STREAMS} streams connected (one user each, one account)`,
        value: `${(connectMs / 1000).toFixed(2)} s; API RSS ${rssAfterConnect.toFixed(0)} MB`,
        goal: 'all connect',
        met: streams.length === STREAMS,
      },
    ];
    if (routeExists) {
      const p99 = percentile(routeLatencies, 99);
      rows.push(
        {
          title: `stream: POST /v1/events → SSE arrival, p50 (${ROUTE_EVENTS} events × ${RECIPIENTS_PER_EVENT} users)`,
          value: ms(percentile(routeLatencies, 50)),
          goal: 'informative',
          met: true,
        },
        {
          title: 'stream: POST /v1/events → SSE arrival, p99 (includes the ingestion itself)',
          value: `${ms(p99)} (${route}/${routeExpected} arrived)`,
          goal: `< ${GOAL_P99_MS} ms, nothing lost`,
          met: p99 < GOAL_P99_MS && route === routeExpected,
        },
      );
    } else {
      rows.push({
        title: 'stream: POST /v1/events → SSE arrival',
        value: 'route not found; skipped',
        goal: `< ${GOAL_P99_MS} ms`,
        met: false,
      });
    }
    const fanoutP99 = percentile(fanoutLatencies, 99);
    rows.push(
      {
        title: `stream: commit → SSE arrival on all ${STREAMS} streams, p50 (${FANOUT_EVENTS} account-wide events)`,
        value: ms(percentile(fanoutLatencies, 50)),
        goal: 'informative',
        met: true,
      },
      {
        title: `stream: commit → SSE arrival on all ${STREAMS} streams, p99`,
        value: `${ms(fanoutP99)} (${fanout}/${FANOUT_EVENTS * STREAMS} arrived; API RSS ${rssAtEnd.toFixed(0)} MB)`,
        goal: `< ${GOAL_P99_MS} ms, nothing lost`,
        met: fanoutP99 < GOAL_P99_MS && fanout === FANOUT_EVENTS * STREAMS,
      },
    );
    return rows;
  } finally {
    for (const stream of streams) stream.close();
    if (api && api.child.exitCode === null) {
      const exited = new Promise((resolve) => api!.child.once('exit', resolve));
      api.child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
    }
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const rows = await runStreamBench();
  console.table(rows);
  process.exitCode = rows.every((row) => row.met) ? 0 : 1;
}
