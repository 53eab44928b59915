import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueDeliveries } from './support/delivery-receiver.ts';
import { createTestContext, type TestContext, type TestTenant } from './support/test-app.ts';

// `baylink start --role all|api|worker` (or BAYLINK_ROLE): which processes run the delivery
// worker and which serve HTTP. A worker is seen at work through what it does to the queue: it
// replaces a row from before per-destination deliveries by one per destination.

const bin = fileURLToPath(new URL('../bin/baylink.js', import.meta.url));

let t: TestContext;
let tenant: TestTenant;
const children: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestContext();
  tenant = await t.tenant();
});

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  await t.close();
});

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `baylink start` with these arguments and waits for its banner. */
async function start(args: string[], env: Record<string, string> = {}): Promise<Started> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-roles-'));
  await chmod(dataDir, 0o755);
  let output = '';
  const child = spawn(process.execPath, [bin, 'start', ...args], {
    env: {
      ...process.env,
      DATABASE_URL: t.databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      BAYLINK_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      BAYLINK_DEMO: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  // 'close': the process exited and its output was read to the end.
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  void exited.then(() => rm(dataDir, { recursive: true, force: true }).catch(() => {}));
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner after 30 s:\n${output}`)), 30_000);
    child.stderr!.on('data', (chunk) => {
      output += chunk;
      if (/Baylink (API|delivery worker)/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
  return { child, output: () => output, exited };
}

/** Log lines (JSON) of a process, by message. */
const messages = (output: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string; [key: string]: unknown });

/** A row queued before per-destination deliveries (destination ''), for the member's email. */
async function legacyEmailRow() {
  const [id] = await queueDeliveries(t.sql, 1, {
    accountId: tenant.accountId,
    userId: tenant.member.id,
    channel: 'email',
    destination: '',
  });
  return id!;
}

async function rowExists(id: string) {
  const rows = await t.sql`select 1 from deliveries where id = ${id}`;
  return rows.length > 0;
}

describe('process roles', () => {
  it('--role worker runs the delivery worker and no HTTP server, and stops on SIGTERM', async () => {
    const worker = await start(['--role', 'worker']);
    expect(worker.output()).toContain('Baylink delivery worker running (no HTTP server)');
    const id = await legacyEmailRow();
    await expect.poll(() => rowExists(id), { timeout: 10_000 }).toBe(false);
    // Replaced by the row the fan-out writes now: the member's address.
    const expanded = await t.sql<{ destination: string }[]>`
      select destination from deliveries where user_id = ${tenant.member.id} and channel = 'email'`;
    expect(expanded).toEqual([{ destination: tenant.member.email }]);
    const logged = messages(worker.output()).map((line) => line.msg);
    expect(logged).toContain('delivery worker started');
    expect(logged).not.toContain('Baylink API listening');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    expect(messages(worker.output()).map((line) => line.msg)).toContain('delivery worker stopped');
    await t.sql`delete from deliveries`;
  });

  it('--role api serves HTTP and runs no worker', async () => {
    const api = await start(['--role', 'api']);
    const url = api.output().match(/Baylink API: (http:\/\/\S+)/)?.[1];
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const logged = messages(api.output()).map((line) => line.msg);
    expect(logged).toContain('Baylink API listening');
    expect(logged).not.toContain('delivery worker started');
    api.child.kill('SIGTERM');
    expect(await api.exited).toBe(0);
  });

  it('runs both by default, and BAYLINK_ROLE chooses when --role is absent', async () => {
    const all = await start([]);
    const url = all.output().match(/Baylink API: (http:\/\/\S+)/)?.[1];
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const id = await legacyEmailRow();
    await expect.poll(() => rowExists(id), { timeout: 10_000 }).toBe(false);
    const logged = messages(all.output());
    expect(logged.find((line) => line.msg === 'Baylink API listening')?.role).toBe('all');
    expect(logged.map((line) => line.msg)).toContain('delivery worker started');
    all.child.kill('SIGTERM');
    expect(await all.exited).toBe(0);

    const fromEnv = await start([], { BAYLINK_ROLE: 'worker' });
    expect(fromEnv.output()).toContain('Baylink delivery worker running');
    fromEnv.child.kill('SIGTERM');
    expect(await fromEnv.exited, fromEnv.output()).toBe(0);
  });

  it('refuses an unknown role', async () => {
    const failed = await promisify(execFile)(process.execPath, [bin, 'start', '--role', 'mailer'], {
      env: { ...process.env, DATABASE_URL: t.databaseUrl, LOG_LEVEL: 'silent' },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 64 });
    expect((failed as { stderr: string }).stderr).toContain(
      'Unknown role "mailer": use all, api or worker.',
    );
  });
});
