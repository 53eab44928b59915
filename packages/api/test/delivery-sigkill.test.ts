import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeliveryWorker, startDeliveryWorker } from '../src/services/delivery/worker.ts';
import { createMailer } from '../src/services/mailer.ts';
import {
  deliveryStates,
  httpSender,
  queueDeliveries,
  type Receiver,
  startReceiver,
} from './support/delivery-receiver.ts';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// A worker process killed with SIGKILL in the middle of a batch: its rows in flight stay
// `sending` until their lease runs out, then another worker sends them. Every delivery ends
// sent; none the first worker recorded as sent is sent again.

const script = fileURLToPath(new URL('./support/delivery-worker-process.ts', import.meta.url));
const COUNT = 200;
const LEASE_MS = 2_000;

let t: TestContext;
let tenant: TestTenant;
let receiver: Receiver;
let child: ChildProcess | undefined;
let second: DeliveryWorker | undefined;

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
  // Acknowledges slowly, so the kill finds sends in flight.
  receiver = await startReceiver(() => ({ status: 200, delayMs: 40 }));
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await second?.stop({ graceMs: 1_000 });
  await receiver.close();
  await t.close();
});

function startChild(): Promise<ChildProcess> {
  const process_ = spawn(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      DATABASE_URL: t.databaseUrl,
      RECEIVER_URL: receiver.url,
      LEASE_MS: String(LEASE_MS),
      CONCURRENCY: '8',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "ready" after 20 s:\n${output}`)), 20_000);
    process_.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    process_.stdout!.on('data', (chunk) => {
      output += chunk;
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve(process_);
      }
    });
    process_.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the worker process exited with ${code}:\n${output}`));
    });
  });
}

describe('a worker killed mid-batch', () => {
  it('leaves nothing stuck and sends nothing it confirmed twice', async () => {
    const ids = await queueDeliveries(t.sql, COUNT, {
      accountId: tenant.accountId,
      userId: tenant.member.id,
      channel: 'mobile',
    });

    child = await startChild();
    await expect
      .poll(() => receiver.receipts.length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(60);
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    const atKill = await deliveryStates(t.sql, ids);
    const sentByFirst = ids.filter((id) => atKill.get(id)!.status === 'sent');
    const inFlight = ids.filter((id) => atKill.get(id)!.status === 'sending');
    expect(sentByFirst.length).toBeGreaterThan(0);
    expect(sentByFirst.length).toBeLessThan(COUNT);
    // Killed mid-batch: rows were claimed and not finished.
    expect(inFlight.length).toBeGreaterThan(0);

    second = startDeliveryWorker({
      sql: t.sql,
      logger: pino({ level: 'silent' }),
      mailer: createMailer({
        dataDir: '/tmp/baylink-delivery-sigkill',
        logger: pino({ level: 'silent' }),
      }),
      publicUrl: 'http://127.0.0.1:1',
      senders: [
        httpSender({
          url: receiver.url,
          channel: 'mobile',
          retry: { maxAttempts: 10, baseMs: 50, capMs: 200 },
        }),
      ],
      leaseMs: LEASE_MS,
      sendTimeoutMs: LEASE_MS / 2,
      pollMs: 50,
    });
    await expect
      .poll(
        async () =>
          [...(await deliveryStates(t.sql, ids)).values()].filter((row) => row.status === 'sent')
            .length,
        { timeout: 20_000 },
      )
      .toBe(COUNT);

    const final = await deliveryStates(t.sql, ids);
    expect([...final.values()].filter((row) => row.status === 'sending')).toEqual([]);
    // What the first worker confirmed went out exactly once; the rest at least once.
    expect(sentByFirst.map((id) => receiver.countOf(id))).toEqual(sentByFirst.map(() => 1));
    for (const id of ids) expect(receiver.countOf(id)).toBeGreaterThanOrEqual(1);
    // The rows in flight at the kill were taken again once their lease ran out.
    for (const id of inFlight) {
      expect(final.get(id)!.attempts).toBeGreaterThanOrEqual(2);
      expect(new Date(final.get(id)!.last_attempt_at!).getTime()).toBeGreaterThanOrEqual(
        new Date(atKill.get(id)!.lease_until!).getTime(),
      );
    }
    expect(second.stats.sent).toBe(COUNT - sentByFirst.length);
  });
});
