import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mintUserToken } from '@baylink/sdk/server';
import pino from 'pino';
import postgres, { type Sql } from 'postgres';
import { inject } from 'vitest';
import { connect } from '../../src/db/database.ts';
import { createApp } from '../../src/lib/create-app.ts';
import type { AppDeps, UserRow } from '../../src/lib/types.ts';
import { createLocalFileStore } from '../../src/services/file-store.ts';
import { createIntegrator } from '../../src/services/integrators.ts';
import { withDatabase } from './global-setup.ts';

export interface TestTenant {
  integratorId: string;
  apiKey: string;
  signingSecret: string;
  accountId: string;
  /** An admin and a member of the account. */
  admin: UserRow;
  member: UserRow;
  /** A token for the member, for the admin. */
  memberToken: string;
  adminToken: string;
}

export interface TestContext {
  app: ReturnType<typeof createApp>;
  sql: Sql;
  deps: AppDeps;
  /** The URL of this context's database (for child processes that share it). */
  databaseUrl: string;
  filesDir: string;
  /** Sends a request to the app in memory (no socket). */
  request(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  /** Creates an integrator with an account holding an admin and a member. */
  tenant(options?: { allowedOrigins?: string[] }): Promise<TestTenant>;
  token(tenant: Pick<TestTenant, 'signingSecret' | 'accountId'>, userId: string): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

/** A fresh database (cloned from the migrated template) and an app built on it. */
export async function createTestContext(overrides: Partial<AppDeps> = {}): Promise<TestContext> {
  const serverUrl = inject('databaseServerUrl');
  const template = inject('databaseTemplate');
  const database = `baylink_t_${process.pid}_${++counter}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${database}" template "${template}"`);
  const databaseUrl = withDatabase(serverUrl, database);
  const sql = connect(databaseUrl, { max: 5 });
  const filesDir = await mkdtemp(path.join(tmpdir(), 'baylink-test-files-'));
  const deps: AppDeps = {
    sql,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    files: createLocalFileStore(filesDir),
    fileUrlKey: randomBytes(32),
    ...overrides,
  };
  const app = createApp(deps);

  const context: TestContext = {
    app,
    sql,
    deps,
    databaseUrl,
    filesDir,
    async request(requestPath, init = {}) {
      const { token, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (token) headers.set('authorization', `Bearer ${token}`);
      let body = rest.body;
      if (json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(json);
      }
      return app.request(requestPath, { ...rest, headers, body: body ?? null });
    },
    async tenant(options = {}) {
      const created = await createIntegrator(sql, {
        name: `Integrator ${++counter}`,
        allowedOrigins: options.allowedOrigins ?? [],
      });
      const [account] = await sql<{ id: string }[]>`
        insert into accounts (integrator_id, name) values (${created.integrator.id}, 'Dealership')
        returning id`;
      const accountId = account!.id;
      const suffix = randomBytes(3).toString('hex');
      const [adminUser] = await sql<UserRow[]>`
        insert into users (account_id, reference_id, name, email, language, role)
        values (${accountId}, ${`A-${suffix}`}, 'Ada Admin', ${`ada-${suffix}@example.com`}, 'en', 'admin')
        returning *`;
      const [member] = await sql<UserRow[]>`
        insert into users (account_id, reference_id, name, email, language, job_position)
        values (${accountId}, ${`M-${suffix}`}, 'Marc Membre', ${`marc-${suffix}@example.com`}, 'fr', 'Technicien')
        returning *`;
      const tenant = {
        integratorId: created.integrator.id,
        apiKey: created.apiKey,
        signingSecret: created.signingSecret,
        accountId,
        admin: adminUser!,
        member: member!,
        memberToken: '',
        adminToken: '',
      };
      tenant.memberToken = await context.token(tenant, member!.id);
      tenant.adminToken = await context.token(tenant, adminUser!.id);
      return tenant;
    },
    async token(tenant, userId) {
      const minted = await mintUserToken({
        secret: tenant.signingSecret,
        accountId: tenant.accountId,
        userId,
        ...(deps.now ? { now: deps.now() } : {}),
      });
      return minted.token;
    },
    async close() {
      await deps.streamHub?.close();
      await sql.end({ timeout: 5 });
      await admin.unsafe(`drop database if exists "${database}" with (force)`).catch(() => {});
      await admin.end();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
  return context;
}

/** Reads a JSON body, failing the test with the text when it is not JSON. */
export async function json<T = Record<string, unknown>>(response: Response): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`Expected JSON, got ${response.status}: ${text.slice(0, 300)}`);
  }
}
