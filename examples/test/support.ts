import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnv } from '@baylink/api/env';
import { type RunningBaylink, startBaylink } from '@baylink/api/server';
import pino from 'pino';
import { type Browser, chromium } from 'playwright-core';
import postgres from 'postgres';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function chromiumPath(): string {
  const candidates = [
    process.env.CHROME_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
  ];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found)
    throw new Error('No Chromium found: set CHROME_PATH or install chromium (see README)');
  return found;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface DemoServer {
  running: RunningBaylink;
  port: number;
  /** The demo's BAYLINK_DATA_DIR (a temp folder): reset mails land in its `mail/` as .eml files. */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts the real demo (API, demo data, example portal, bundles) on a free port, on a fresh
 * database: a new database on the DATABASE_URL server, or an embedded PostgreSQL in a temp folder.
 */
export async function startDemo(): Promise<DemoServer> {
  if (!existsSync(path.join(repoRoot, 'dist/elements.js'))) {
    throw new Error('dist/elements.js is missing: run `npm run build` first');
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-e2e-'));
  await chmod(dataDir, 0o755);
  let databaseUrl: string | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    const name = `baylink_e2e_${process.pid}`;
    const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    };
  }
  const env = loadEnv({
    PORT: '0',
    HOST: '127.0.0.1',
    BAYLINK_DATA_DIR: dataDir,
    BAYLINK_DEMO: '1',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const running = await startBaylink({
    env,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    demo: true,
    staticRoots: [
      { prefix: '/portal', dir: path.join(repoRoot, 'examples/portal') },
      { prefix: '/dist', dir: path.join(repoRoot, 'dist') },
    ],
  });
  const port = Number(new URL(running.url).port);
  return {
    running,
    port,
    dataDir,
    async stop() {
      await running.close();
      await dropDatabase?.();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
