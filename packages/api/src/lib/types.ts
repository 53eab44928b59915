import type { Capability, Language, Role } from '@baylink/sdk/contract';
import type { Logger } from 'pino';
import type { Sql } from 'postgres';
import type { FileStore } from '../services/file-store.ts';
import type { StreamHub } from '../services/stream-hub.ts';

/** What the API is built from. Tests build one per suite; `npm start` builds the real one. */
export interface AppDeps {
  sql: Sql;
  logger: Logger;
  files: FileStore;
  /** Signs short-lived file URLs; shared by every API process through the database. */
  fileUrlKey: Uint8Array;
  /** The public origin the API is reached at (used for links it hands out), if known. */
  publicUrl?: string | undefined;
  /** Turns on the demo-only routes. */
  demo?: boolean;
  /** The clock, replaceable in tests. */
  now?: () => Date;
  /** Folders served as static files beside the API (the example portal, the browser bundles). */
  staticRoots?: StaticRoot[];
  /** Answers whether the database is reachable and migrated (for /readyz). */
  ready?: () => Promise<{ ok: boolean; reason?: string }>;
  /**
   * The realtime fan-out of this process (`GET /v1/stream`). `createApp` builds one when absent
   * (it starts listening on the first stream); whoever builds the deps closes it.
   */
  streamHub?: StreamHub;
}

export interface StaticRoot {
  /** URL prefix such as `/portal`. */
  prefix: string;
  /** Absolute folder on disk. */
  dir: string;
}

export interface IntegratorRow {
  id: string;
  name: string;
  allowed_origins: string[];
  created_at: string;
  updated_at: string;
}

export interface UserRow {
  account_id: string;
  id: string;
  reference_id: string | null;
  name: string;
  email: string | null;
  language: Language;
  job_position: string | null;
  role: Role;
  capabilities: Capability[];
  photo_key: string | null;
  created_at: string;
  updated_at: string;
}

/** The signed-in user of a request made with a user token. */
export interface UserAuth {
  accountId: string;
  integratorId: string;
  user: UserRow;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDeps;
    auth: UserAuth;
    integrator: IntegratorRow;
  };
}
