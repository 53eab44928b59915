// The delivery worker's drain (issue 6): the time to send 10,000 queued deliveries through
// `startDeliveryWorker` (default concurrency, 16 sends in flight) with a sender that POSTs each
// one to a local HTTP receiver, against the same 10,000 POSTs sent straight to that receiver by
// the same sender code with the same concurrency and no database (the baseline, measured in the
// same run). The receiver runs in a child process so it does not share the worker's event loop.
// Standalone: `node --import tsx bench/drain.ts`.
import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createIntegrator, migrate, openDatabase } from '@baylink/api';
import pino from 'pino';
import type { ChannelSender } from '../packages/api/src/services/delivery/types.ts';
import { startDeliveryWorker } from '../packages/api/src/services/delivery/worker.ts';
import { createMailer } from '../packages/api/src/services/mailer.ts';
import {
  httpSender,
  queueDeliveries,
  startReceiver,
} from '../packages/api/test/support/delivery-receiver.ts';

const COUNT = Number(process.env.BENCH_DRAIN_COUNT ?? 10_000);
const WARM_UP = 1_000;
const CONCURRENCY = 16;

export interface BenchRow {
  title: string;
  value: string;
  goal: string;
  met: boolean;
}

/** Runs the drain benchmark and answers one row per figure. */
export async function runDrainBench(): Promise<BenchRow[]> {
  const logger = pino({ level: 'silent' });

  const receiver = await startReceiverProcess();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-bench-drain-'));
  await chmod(dataDir, 0o755);
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, max: 10 });
  try {
    await migrate(database.sql);
    const { sql } = database;
    const { integrator } = await createIntegrator(sql, { name: `Drain bench ${randomUUID()}` });
    const [account] = await sql<{ id: string }[]>`
      insert into accounts (integrator_id, name) values (${integrator.id}, 'Drain Motors')
      returning id`;
    const [user] = await sql<{ id: string }[]>`
      insert into users (account_id, name, language) values (${account!.id}, 'Drain user', 'en')
      returning id`;
    const sender = httpSender({
      url: receiver.url,
      channel: 'mobile',
      retry: { maxAttempts: 8, baseMs: 1_000, capMs: 60_000 },
    });

    /** Answers at once, without I/O: what the worker and the database cost on their own. */
    const instant: ChannelSender = {
      channel: 'mobile',
      retry: sender.retry,
      send: async () => ({ kind: 'sent' }),
    };

    /** Queues `count` mobile deliveries, then times the worker sending all of them. */
    const drain = async (count: number, through: ChannelSender = sender) => {
      await queueDeliveries(sql, count, { accountId: account!.id, userId: user!.id });
      await sql`analyze deliveries`;
      const started = performance.now();
      const worker = startDeliveryWorker({
        sql,
        logger,
        mailer: createMailer({ dataDir, logger }),
        publicUrl: 'http://127.0.0.1:1',
        senders: [through],
        concurrency: CONCURRENCY,
      });
      while (worker.stats.sent < count) {
        if (worker.stats.dead + worker.stats.retried > 0) {
          throw new Error(`drain: ${JSON.stringify(worker.stats)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const elapsed = performance.now() - started;
      await worker.stop();
      return elapsed;
    };

    /** The same sender, the same receiver, the same concurrency, no database. */
    const direct = async (count: number) => {
      const context = {
        sql,
        logger,
        mailer: createMailer({ dataDir, logger }),
        publicUrl: 'http://127.0.0.1:1',
        now: () => new Date(),
        signal: new AbortController().signal,
      };
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < count) {
            next += 1;
            const outcome = await sender.send(
              {
                id: randomUUID(),
                attempt: 1,
                destination: 'webhook',
              } as never,
              context,
            );
            if (outcome.kind !== 'sent') throw new Error(`direct: ${JSON.stringify(outcome)}`);
          }
        }),
      );
      return performance.now() - started;
    };

    await direct(WARM_UP);
    await drain(WARM_UP);
    const baseline = await direct(COUNT);
    const measured = await drain(COUNT);
    const alone = await drain(COUNT, instant);
    const [left] = await sql<{ n: number }[]>`
      select count(*)::int as n from deliveries where status <> 'sent'`;
    if (left!.n !== 0) throw new Error(`${left!.n} deliveries were not sent`);

    const rate = (ms: number) => Math.round((COUNT / ms) * 1000).toLocaleString('en-US');
    const where = database.embedded ? 'embedded PostgreSQL' : 'PostgreSQL at DATABASE_URL';
    return [
      {
        title: `Drain ${COUNT.toLocaleString('en-US')} queued deliveries through the worker (${CONCURRENCY} in flight, POST to a local receiver, ${where})`,
        value: `${(measured / 1000).toFixed(2)} s, ${rate(measured)}/s`,
        goal: 'informative',
        met: true,
      },
      {
        title: `The same ${COUNT.toLocaleString('en-US')} POSTs sent straight to the receiver (baseline, no database)`,
        value: `${(baseline / 1000).toFixed(2)} s, ${rate(baseline)}/s`,
        goal: 'informative',
        met: true,
      },
      {
        title: `Drain ${COUNT.toLocaleString('en-US')} through the worker with a sender that answers at once (the worker and the database alone)`,
        value: `${(alone / 1000).toFixed(2)} s, ${rate(alone)}/s`,
        goal: 'informative',
        met: true,
      },
      {
        title: 'Worker drain rate / direct POST rate',
        value: (baseline / measured).toFixed(2),
        goal: 'informative',
        met: true,
      },
    ];
  } finally {
    receiver.child.kill('SIGTERM');
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function startReceiverProcess(): Promise<{ url: string; child: ChildProcess }> {
  const child = fork(new URL(import.meta.url), ['--receiver'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`drain bench receiver exited with ${code}`)));
  });
  return { url, child };
}

/** The child process: the receiver, answering 200 at once. */
async function serveReceiver() {
  const receiver = await startReceiver();
  process.on('SIGTERM', async () => {
    await receiver.close();
    process.exit(0);
  });
  process.send?.({ url: receiver.url });
}

const invokedAs = process.argv[1] ? pathToFileURL(path.resolve(process.argv[1])).href : '';
if (invokedAs === import.meta.url) {
  if (process.argv.includes('--receiver')) {
    await serveReceiver();
  } else {
    console.table(await runDrainBench());
  }
}
