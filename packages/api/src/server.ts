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
import { createLocalFileStore } from './services/file-store.ts';
import { createMailer } from './services/mailer.ts';
import { startMaintenance } from './services/maintenance.ts';
import { serverSecret } from './services/secrets.ts';
import { StreamHub, streamOptionsFromEnv } from './services/stream-hub.ts';

export type { StaticRoot };

export interface StartOptions {
  env: Env;
  logger: Logger;
  demo?: boolean;
  /** Folders served as static files beside the API (the example portal and the browser bundles). */
  staticRoots?: StaticRoot[];
}

export interface RunningBaylink {
  url: string;
  database: Database;
  server: ServerType;
  /** Stops accepting, finishes in-flight requests (up to the grace period), closes the database. */
  close(): Promise<void>;
}

/** Starts the whole API process: database (embedded by default), migrations, demo data, HTTP server. */
export async function startBaylink(options: StartOptions): Promise<RunningBaylink> {
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

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      shuttingDown = true;
      // Open streams end first, with a retry hint, so their clients reconnect to another process.
      await streamHub.close();
      logger.info('shutting down: no new connections, finishing requests in flight');
      const http = server as Server;
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections?.();
      const timer = setTimeout(() => http.closeAllConnections?.(), env.SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(timer);
      await maintenance.stop();
      await awayExpiry.stop();
      await mailer.close();
      await database.close();
      logger.info('stopped');
    })();
    return closing;
  };
  return { url, database, server, close };
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
