import type { Capability, Language, Role } from '@baylink/sdk/contract';
import type { Logger } from 'pino';
import type { Sql } from 'postgres';
import type { AwayExpiry } from '../services/away-expiry.ts';
import type { PushOptions } from '../services/delivery/push-options.ts';
import type { FileStore } from '../services/file-store.ts';
import type { Mailer } from '../services/mailer.ts';
import type { ScryptParams } from '../services/passwords.ts';
import type { RateLimitRules } from '../services/rate-limit.ts';
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
  /**
   * Sends email (password resets; later the delivery worker). `createApp` builds one that writes
   * .eml files under the system's temporary folder when absent; `npm start` passes the real one.
   */
  mailer?: Mailer;
  /** Baylink's own identity: rate limits, the cost of new password hashes, proxies to trust. */
  identity?: IdentityOptions;
  /**
   * This process's timer of the away statuses' automatic return; a status written with an
   * `until` wakes it (`poke`) when it is due sooner. Absent in apps built without one: reads
   * stay exact anyway, and another process's timer writes the return down.
   */
  awayExpiry?: Pick<AwayExpiry, 'poke'>;
  /**
   * Web push: the VAPID keys (absent: the pair stored in the database, generated on first use),
   * the push service hosts browsers may register (`allowedHosts`), and for tests `allowLoopback`
   * (the fake push service on 127.0.0.1) and the `agent` of test pushes.
   */
  push?: PushOptions;
}

export interface IdentityOptions {
  /** Per-rule overrides of the login, reset and password-change limits. */
  rateLimits?: Partial<RateLimitRules>;
  /** The scrypt cost of new hashes (older hashes keep theirs and are upgraded at login). */
  scrypt?: Partial<ScryptParams>;
  /** How many proxies of ours stand in front of the API (client addresses come from X-Forwarded-For). */
  trustProxy?: number;
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

/** What a verified user token says, before (or without) loading its user. */
export interface TokenAuth {
  accountId: string;
  integratorId: string;
  /** The token's user id (`sub`), if it names the user by id. */
  userId: string | undefined;
  /** The token's reference id (`ref`), used when it has no user id. */
  referenceId: string | undefined;
  /** When the token expires: its `exp`, in seconds since the epoch. */
  expiresAt: number;
}

/** The signed-in user of a request made with a user token. */
export interface UserAuth {
  accountId: string;
  integratorId: string;
  user: UserRow;
  /** When the token expires: its `exp`, in seconds since the epoch (a stream ends then). */
  expiresAt: number;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDeps;
    /**
     * The signed-in user. Set by the user-auth middleware, except on the routes that read the
     * user in their own query (the inbox reads): those have only `token`.
     */
    auth: UserAuth;
    /** The verified user token (every route behind the user-auth middleware). */
    token: TokenAuth;
    integrator: IntegratorRow;
  };
}
