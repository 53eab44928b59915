import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded.ts';
import { migrate } from '../../src/db/migrate.ts';

/**
 * Once per run: find a PostgreSQL (DATABASE_URL, else an embedded one in a temporary folder),
 * migrate a template database, and hand its server URL to the test files, each of which clones
 * the template into a database of its own.
 */
export default async function setup(project: TestProject) {
  let serverUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (!serverUrl) {
    dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-test-pg-'));
    // The embedded server runs as the postgres user when we are root: it must reach the folder.
    await chmod(dataDir, 0o755);
    const embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      database: 'postgres',
      persistent: false,
    });
    serverUrl = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const template = `baylink_template_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  // Leftovers of runs that died: test databases nobody is connected to, and templates of
  // processes that are gone. Another run on the same server (its databases in use, its
  // process alive) keeps its own.
  const stale = await admin<{ datname: string }[]>`
    select d.datname from pg_database d
    where (d.datname like 'baylink_t\\_%'
        and not exists (select 1 from pg_stat_activity a where a.datname = d.datname))
      or d.datname like 'baylink_template\\_%'`;
  for (const { datname } of stale) {
    const owner = /^baylink_template_(\d+)$/.exec(datname)?.[1];
    if (owner && isAlive(Number(owner))) continue;
    await admin.unsafe(`drop database if exists "${datname}"`).catch(() => {});
  }
  await admin.unsafe(`create database "${template}"`);
  const templateUrl = withDatabase(serverUrl, template);
  const sql = postgres(templateUrl, { max: 1, onnotice: () => {} });
  await migrate(sql);
  await sql.end();
  project.provide('databaseServerUrl', serverUrl);
  project.provide('databaseTemplate', template);

  return async () => {
    await admin.unsafe(`drop database if exists "${template}" with (force)`).catch(() => {});
    await admin.end();
    await stopEmbedded?.();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  };
}

/** Whether a process of this machine is still running. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
    databaseTemplate: string;
  }
}
