import type { Server } from 'node:http';
import path from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { type Database, openDatabase } from './db/database.ts';
import { migrate, pendingMigrations } from './db/migrate.ts';
import { findDemoAccount, seedDemo } from './demo/seed.ts';
import type { Env } from './env.ts';
import { createApp } from './lib/create-app.ts';
import type { AppDeps, StaticRoot } from './lib/types.ts';
import { startAwayExpiry } from './services/away-expiry.ts';
import { pushOptionsFromEnv } from './services/delivery/push-options.ts';
import { createSenders } from './services/delivery/senders.ts';
import type { ChannelSender } from './services/delivery/types.ts';
import { type DeliveryWorker, startDeliveryWorker } from './services/delivery/worker.ts';
import { createLocalFileStore } from './services/file-store.ts';
import { createMailer } from './services/mailer.ts';
import { startMaintenance } from './services/maintenance.ts';
import { serverSecret } from './services/secrets.ts';
import { StreamHub, streamOptionsFromEnv } from './services/stream-hub.ts';

export type { StaticRoot };

/**
 * What a process runs: `all` (the API and a delivery worker: `npm start`), `api` (the HTTP API
 * only) or `worker` (the delivery worker only, no HTTP server).
 */
export type BaylinkRole = Env['BAYLINK_ROLE'];

export interface StartOptions {
  env: Env;
  logger: Logger;
  /** Default: `env.BAYLINK_ROLE` (`all`). */
  role?: BaylinkRole;
  demo?: boolean;
  /** Folders served as static files beside the API (the example portal and the browser bundles). */
  staticRoots?: StaticRoot[];
}

export interface RunningBaylink {
  role: BaylinkRole;
  /** Where the API is reached (for a `worker`, `PUBLIC_URL`: where its links point). */
  url: string;
  database: Database;
  /** The HTTP server (none for a `worker`). */
  server: ServerType | undefined;
  /** The delivery worker (none for an `api`). */
  worker: DeliveryWorker | undefined;
  /**
   * Stops accepting, finishes in-flight requests and sends (up to the grace period), closes the
   * database.
   */
  close(): Promise<void>;
}

/**
 * Starts a Baylink process: database (embedded by default), migrations, demo data, then the HTTP
 * API and/or the delivery worker, as its role says.
 */
export async function startBaylink(options: StartOptions): Promise<RunningBaylink> {
  const { env, logger } = options;
  const role = options.role ?? env.BAYLINK_ROLE;
  if (role === 'worker') return startWorkerOnly(options);
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.dataDir,
    max: env.DATABASE_POOL_SIZE,
    log: (message) => logger.debug({ postgres: message }),
  });
  if (database.embedded) logger.info({ dataDir: env.dataDir }, 'embedded PostgreSQL started');
  const applied = await migrate(database.sql);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');

  const demo = options.demo ?? env.BAYLINK_DEMO;
  if (demo) {
    const seeded = await seedDemo(database.sql);
    if (seeded.created) logger.info({ accountId: seeded.account.accountId }, 'demo data loaded');
  }

  let shuttingDown = false;
  let migrationsChecked = false;
  const fileUrlKey = Buffer.from(await serverSecret(database.sql, 'file_url_key'), 'base64url');
  // The realtime fan-out: LISTENs from now on, so streams opened later have nothing to wait for.
  const streamHub = new StreamHub({ sql: database.sql, logger, ...streamOptionsFromEnv() });
  streamHub.start();
  const maintenance = startMaintenance({ sql: database.sql, logger });
  // The away statuses' automatic return, on a timer set to the next due one (every process).
  const awayExpiry = startAwayExpiry({ sql: database.sql, logger });
  const mailer = createMailer({
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    dataDir: env.dataDir,
    logger,
  });
  const deps: AppDeps = {
    sql: database.sql,
    streamHub,
    logger,
    files: createLocalFileStore(path.join(env.dataDir, 'files')),
    fileUrlKey,
    mailer,
    awayExpiry,
    // VAPID keys (the environment's, or the pair stored at first start) and the push allowlist.
    push: await pushOptionsFromEnv(database.sql, env),
    identity: { trustProxy: env.BAYLINK_TRUST_PROXY },
    demo,
    staticRoots: options.staticRoots ?? [],
    async ready() {
      if (shuttingDown) return { ok: false, reason: 'Shutting down' };
      try {
        await database.sql`select 1`;
        if (!migrationsChecked) {
          const pending = await pendingMigrations(database.sql);
          if (pending.length > 0)
            return { ok: false, reason: `Migrations pending: ${pending.join(', ')}` };
          migrationsChecked = true;
        }
        return { ok: true };
      } catch {
        return { ok: false, reason: 'The database is unreachable' };
      }
    },
  };
  const app = createApp(deps);

  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  const url = env.PUBLIC_URL?.replace(/\/$/, '') ?? `http://${displayHost(env.HOST)}:${port}`;
  // Links the API hands out (photo URLs) follow the port actually taken (PORT=0 in tests).
  deps.publicUrl = url;
  if (demo) await allowDemoOrigins(database, port);
  const delivery =
    role === 'all' ? await startDelivery({ env, logger, database, mailer, publicUrl: url }) : null;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      shuttingDown = true;
      // Open streams end first, with a retry hint, so their clients reconnect to another process.
      await streamHub.close();
      logger.info('shutting down: no new connections, finishing requests and sends in flight');
      const http = server as Server;
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections?.();
      const timer = setTimeout(() => http.closeAllConnections?.(), env.SHUTDOWN_GRACE_MS);
      await Promise.all([closed, delivery?.stop(env.SHUTDOWN_GRACE_MS)]);
      clearTimeout(timer);
      await maintenance.stop();
      await awayExpiry.stop();
      await mailer.close();
      await database.close();
      logger.info('stopped');
    })();
    return closing;
  };
  return { role, url, database, server, worker: delivery?.worker, close };
}

/** The delivery worker of a process, with the senders it was given (closed after it). */
async function startDelivery(options: {
  env: Env;
  logger: Logger;
  database: Database;
  mailer: ReturnType<typeof createMailer>;
  publicUrl: string;
}) {
  const { env, logger, database, mailer, publicUrl } = options;
  const senders: ChannelSender[] = await createSenders({
    sql: database.sql,
    logger,
    mailer,
    publicUrl,
    env,
  });
  const worker = startDeliveryWorker({
    sql: database.sql,
    logger,
    mailer,
    publicUrl,
    senders,
    concurrency: env.BAYLINK_DELIVERY_CONCURRENCY,
  });
  logger.info({ channels: senders.map((sender) => sender.channel) }, 'delivery worker started');
  return {
    worker,
    async stop(graceMs: number) {
      await worker.stop({ graceMs });
      await Promise.all(senders.map((sender) => sender.close?.()));
    },
  };
}

/**
 * `--role worker`: migrations, then the delivery worker alone (no HTTP server, no streams). Its
 * links point at `PUBLIC_URL` (set it to the API's public origin), else at HOST:PORT.
 */
async function startWorkerOnly(options: StartOptions): Promise<RunningBaylink> {
  const { env, logger } = options;
  const database = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.dataDir,
    max: env.DATABASE_POOL_SIZE,
    log: (message) => logger.debug({ postgres: message }),
  });
  if (database.embedded) logger.info({ dataDir: env.dataDir }, 'embedded PostgreSQL started');
  const applied = await migrate(database.sql);
  if (applied.length > 0) logger.info({ applied }, 'migrations applied');
  if (!env.PUBLIC_URL) {
    logger.warn('PUBLIC_URL is not set: links in deliveries point at HOST:PORT');
  }
  const url = env.PUBLIC_URL?.replace(/\/$/, '') ?? `http://${displayHost(env.HOST)}:${env.PORT}`;
  const mailer = createMailer({
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    dataDir: env.dataDir,
    logger,
  });
  const delivery = await startDelivery({ env, logger, database, mailer, publicUrl: url });
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      logger.info('shutting down: no new claims, finishing sends in flight');
      await delivery.stop(env.SHUTDOWN_GRACE_MS);
      await mailer.close();
      await database.close();
      logger.info('stopped');
    })();
    return closing;
  };
  return { role: 'worker', url, database, server: undefined, worker: delivery.worker, close };
}

function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

/** The demo portal is reachable as 127.0.0.1 and as localhost: two origins, both allowed. */
async function allowDemoOrigins(database: Database, port: number) {
  const demo = await findDemoAccount(database.sql);
  if (!demo) return;
  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  await database.sql`
    update integrators
    set allowed_origins = (
      select array_agg(distinct o) from unnest(allowed_origins || ${origins}::text[]) as o
    )
    where id = ${demo.integratorId}`;
}
