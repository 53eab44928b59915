// Web push throughput (issue 6): encrypted pushes per second from the push sender to the fake
// push service (HTTPS, self-signed), against plain HTTPS POSTs of the same size to the same
// service in the same run. The fake service runs in a child process (this file with --serve), so
// its decryption and VAPID checks do not share the sender's event loop; the sender runs here, on
// one core (one Node thread), and its CPU time is measured, so "pushes per CPU-second" is the
// one-core figure whatever else the machine is doing. Standalone: `node --import tsx bench/push.ts`.
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createIntegrator, migrate, openDatabase } from '@baylink/api';
import pino from 'pino';
import webpush from 'web-push';
import { createPushSender } from '../packages/api/src/services/delivery/push-sender.ts';
import type { DeliveryJob, SenderContext } from '../packages/api/src/services/delivery/types.ts';
import { createMailer } from '../packages/api/src/services/mailer.ts';
import type { BenchRow } from './fanout.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
/** Requests in flight at once (a worker's default concurrency is 16; push services take more). */
const CONCURRENCY = Number(process.env.BENCH_PUSH_CONCURRENCY ?? 32);
const SUBSCRIPTIONS = 50;
const GOAL = 300;

interface Ready {
  origin: string;
  ca: string;
  plainUrl: string;
  subscriptions: { endpoint: string; keys: { p256dh: string; auth: string } }[];
}

interface Run {
  count: number;
  perSecond: number;
  /** Pushes per second of this process's CPU time (user + system): the one-core figure. */
  perCpuSecond: number;
  failures: number;
}

/** Keeps `CONCURRENCY` calls of `one` in flight for `seconds`, after a one-second warm-up. */
async function measure(one: (i: number) => Promise<boolean>, seconds = SECONDS): Promise<Run> {
  let i = 0;
  const loop = async (until: number, tally: { count: number; failures: number }) => {
    while (performance.now() < until) {
      if (await one(i++)) tally.count++;
      else tally.failures++;
    }
  };
  const warm = performance.now() + 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, () => loop(warm, { count: 0, failures: 0 })),
  );
  const tally = { count: 0, failures: 0 };
  const cpu = process.cpuUsage();
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(Array.from({ length: CONCURRENCY }, () => loop(until, tally)));
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return {
    count: tally.count,
    perSecond: tally.count / elapsed,
    perCpuSecond: tally.count / cpuSeconds,
    failures: tally.failures,
  };
}

/** One plain HTTPS POST (no encryption, no VAPID) on the same kind of keep-alive agent. */
function plainPost(url: URL, agent: https.Agent, body: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const request = https.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': body.length,
          ttl: 60,
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode === 201));
      },
    );
    request.on('error', () => resolve(false));
    request.end(body);
  });
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Runs the push benchmark and answers one row per figure. */
export async function runPushBench(): Promise<BenchRow[]> {
  const child = fork(new URL(import.meta.url), ['--serve'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-bench-push-'));
  await chmod(dataDir, 0o755);
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, max: 10 });
  const agentOptions = { keepAlive: true, maxSockets: 64, maxFreeSockets: 64 };
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      child.once('message', (message) => resolve(message as Ready));
      child.once('exit', (code) => reject(new Error(`fake push service exited with ${code}`)));
    });
    await migrate(database.sql);
    const { sql } = database;

    // A user with SUBSCRIPTIONS browsers on the fake service (rows as a registration writes them).
    const { integrator } = await createIntegrator(sql, { name: 'Push bench' });
    const [account] = await sql<{ id: string }[]>`
      insert into accounts (integrator_id, name) values (${integrator.id}, 'Bench Motors')
      returning id`;
    const accountId = account!.id;
    const [user] = await sql<{ id: string }[]>`
      insert into users (account_id, reference_id, name, language)
      values (${accountId}, ${`PUSH-${randomUUID()}`}, 'Bench advisor', 'en') returning id`;
    const rows = await sql<{ id: string }[]>`
      insert into push_subscriptions (account_id, user_id, endpoint, p256dh, auth, label,
        device_token_hash)
      select ${accountId}, ${user!.id}, s.endpoint, s.p256dh, s.auth, 'Chrome on Linux',
        sha256(convert_to(gen_random_uuid()::text, 'utf8'))
      from unnest(${ready.subscriptions.map((s) => s.endpoint)}::text[],
        ${ready.subscriptions.map((s) => s.keys.p256dh)}::text[],
        ${ready.subscriptions.map((s) => s.keys.auth)}::text[]) as s(endpoint, p256dh, auth)
      returning id::text`;

    const vapid = {
      ...webpush.generateVAPIDKeys(),
      subject: 'mailto:bench@baylink.localhost',
    };
    const pushAgent = new https.Agent({ ca: ready.ca, ...agentOptions });
    const sender = createPushSender({
      sql,
      vapid,
      agent: pushAgent,
      endpointPolicy: { allowLoopback: true },
    });
    const jobs: DeliveryJob[] = rows.map((row, i) => ({
      accountId,
      integratorId: integrator.id,
      id: randomUUID(),
      channel: 'web_push',
      destination: row.id,
      pushSubscriptionId: row.id,
      attempt: 1,
      leaseToken: randomUUID(),
      notification: {
        id: randomUUID(),
        type: i % 2 ? 'conversations.new_message' : 'collaboration.mention',
        category: i % 2 ? 'conversations' : 'collaboration',
        title: 'New message from Marie Tremblay',
        body: 'Bonjour, is my car ready? I can come by at 4 pm to pick it up.',
        link: `https://portal.example.com/conversations/${i}`,
        actorName: 'Marie Tremblay',
        data: { conversationId: `conv-${i}` },
        createdAt: new Date().toISOString(),
        required: false,
      },
      user: { id: user!.id, name: 'Bench advisor', email: null, language: 'en', referenceId: null },
    }));
    const context: SenderContext = {
      sql,
      logger: pino({ level: 'silent' }),
      mailer: createMailer({ dataDir, logger: pino({ level: 'silent' }) }),
      publicUrl: 'https://api.baylink.example',
      now: () => new Date(),
      signal: new AbortController().signal,
    };

    // The body a push carries, to size the plain POSTs alike.
    const sample = webpush.generateRequestDetails(
      ready.subscriptions[0]!,
      JSON.stringify({
        v: 1,
        title: jobs[0]!.notification.title,
        body: jobs[0]!.notification.body,
      }),
      { vapidDetails: vapid, TTL: 60 },
    );
    const plainBody = randomBytes((sample.body as Buffer).length + 180);
    const plainAgent = new https.Agent({ ca: ready.ca, ...agentOptions });
    const plainUrl = new URL(ready.plainUrl);

    const plain = await measure(() => plainPost(plainUrl, plainAgent, plainBody));
    const pushes = await measure(
      async (i) => (await sender.send(jobs[i % jobs.length]!, context)).kind === 'sent',
    );
    // web-push's own sendNotification: a VAPID JWT signed for every push, no reuse.
    const libraryAgent = new https.Agent({ ca: ready.ca, ...agentOptions });
    const library = await measure(async (i) => {
      const job = jobs[i % jobs.length]!;
      try {
        await webpush.sendNotification(
          ready.subscriptions[i % ready.subscriptions.length]!,
          JSON.stringify({ v: 1, id: job.notification.id, title: job.notification.title }),
          { vapidDetails: vapid, TTL: 3600, agent: libraryAgent, timeout: 10_000 },
        );
        return true;
      } catch {
        return false;
      }
    });
    if (plain.failures + pushes.failures + library.failures > 0) {
      throw new Error(
        `failures: plain ${plain.failures}, pushes ${pushes.failures}, web-push ${library.failures}`,
      );
    }
    await sender.close?.();
    for (const agent of [pushAgent, plainAgent, libraryAgent]) agent.destroy();
    const where = database.embedded ? 'embedded PostgreSQL' : 'PostgreSQL at DATABASE_URL';
    return [
      {
        title: `Plain HTTPS POSTs of ${plainBody.length} bytes to the fake push service (baseline, ${CONCURRENCY} in flight)`,
        value: `${fmt(plain.perSecond)}/s (${fmt(plain.perCpuSecond)} per CPU-second)`,
        goal: 'informative',
        met: true,
      },
      {
        title: `Encrypted pushes, sender.send (subscription read + aes128gcm + reused VAPID token + HTTPS + last_used_at; ${where})`,
        value: `${fmt(pushes.perSecond)}/s, ${fmt(pushes.perCpuSecond)} per CPU-second of the sender (${(pushes.perSecond / plain.perSecond).toFixed(2)} of plain POSTs; ${sender.signer.signatures} JWT signed for ${fmt(pushes.count)} pushes)`,
        goal: `≥ ${GOAL}/s on one core`,
        // One core: what the sender's own CPU time allows. The wall-clock rate also depends on the
        // fake service's core and Postgres, which share this machine.
        met: pushes.perCpuSecond >= GOAL,
      },
      {
        title: "web-push's sendNotification (signs a VAPID JWT per push; no database)",
        value: `${fmt(library.perSecond)}/s, ${fmt(library.perCpuSecond)} per CPU-second`,
        goal: 'informative',
        met: true,
      },
    ];
  } finally {
    child.kill('SIGTERM');
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The child process: the fake push service and its subscriptions. */
async function serve() {
  const { startFakePushService } = await import(
    '../packages/api/test/support/fake-push-service.ts'
  );
  const service = await startFakePushService();
  service.record = false;
  const subscriptions = Array.from({ length: SUBSCRIPTIONS }, () => service.createSubscription());
  process.on('SIGTERM', async () => {
    await service.close();
    process.exit(0);
  });
  // Problems would mean the benchmark measures refused pushes: say so and stop.
  setInterval(() => {
    const problems = service.problems();
    if (problems.length > 0) {
      console.error('fake push service problems:', problems.slice(0, 3));
      process.exit(1);
    }
  }, 500).unref();
  const ready: Ready = {
    origin: service.origin,
    ca: service.ca,
    plainUrl: service.plainUrl,
    subscriptions,
  };
  process.send?.(ready);
}

const invokedAs = process.argv[1] ? pathToFileURL(path.resolve(process.argv[1])).href : '';
if (invokedAs === import.meta.url) {
  if (process.argv.includes('--serve')) {
    await serve();
  } else {
    console.table(await runPushBench());
  }
}
