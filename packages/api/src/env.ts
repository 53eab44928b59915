import path from 'node:path';
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

/** A DNS host name (lower case), such as `fcm.googleapis.com`. */
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The public URL of the API, used for links it hands out (photo URLs). */
  PUBLIC_URL: z.url().optional(),
  /** A PostgreSQL server. Without it an embedded PostgreSQL runs in BAYLINK_DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  BAYLINK_DATA_DIR: z.string().min(1).default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Turns on the demo: demo data on first start and the demo-only token route. Never in production. */
  BAYLINK_DEMO: flag.default(false),
  /** Where email goes: `smtp://user:pass@host:587` (or `smtps://`). Without it, .eml files in BAYLINK_DATA_DIR/mail. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The From header of the mail Baylink sends, such as `Baylink <no-reply@example.com>`. */
  MAIL_FROM: z.string().min(3).max(320).optional(),
  /** How many proxies of ours stand in front of the API (client addresses for rate limits come from X-Forwarded-For). */
  BAYLINK_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** How long the API waits for in-flight requests on SIGTERM, in milliseconds. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** What `baylink start` runs: `all` (API and delivery worker), `api` or `worker`; `--role` wins. */
  BAYLINK_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  /** Deliveries the worker sends at once in this process. */
  BAYLINK_DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /**
   * The VAPID key pair browsers subscribe with (`npx web-push generate-vapid-keys`): both or
   * neither. Without them a pair is generated at first start and kept in the database.
   */
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'must be a base64url P-256 public key (65 bytes, 87 characters)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url P-256 private key (32 bytes, 43 characters)')
    .optional(),
  /** Who push services may contact about our pushes: `mailto:…` or an `https:` URL. */
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'must be a mailto: address or an https: URL')
    .optional(),
  /**
   * Push service hosts whose endpoints browsers may register, comma-separated (an entry also
   * matches its subdomains). Default: FCM, Mozilla, Apple and Microsoft.
   */
  PUSH_ALLOWED_HOSTS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z.string().regex(HOST_NAME, 'each entry must be a host name such as push.example.com'),
        )
        .min(1, 'name at least one host'),
    )
    .optional(),
  /** The icon browser notifications show (an absolute https URL, such as your app's logo). */
  PUSH_ICON_URL: z.url({ protocol: /^https?$/ }).optional(),
});

export type Env = z.infer<typeof EnvSchema> & { dataDir: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws a `ConfigError` naming every bad field. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([key, value]) => key in EnvSchema.shape && value !== ''),
  );
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  if (result.data.BAYLINK_DEMO && result.data.NODE_ENV === 'production') {
    throw new ConfigError(['BAYLINK_DEMO: the demo cannot be turned on when NODE_ENV=production']);
  }
  if (Boolean(result.data.VAPID_PUBLIC_KEY) !== Boolean(result.data.VAPID_PRIVATE_KEY)) {
    const missing = result.data.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY';
    throw new ConfigError([`${missing}: set both VAPID keys or neither`]);
  }
  return { ...result.data, dataDir: path.resolve(cwd, result.data.BAYLINK_DATA_DIR) };
}
