import type { ErrorDetail, PasswordPolicy } from '@baylink/sdk/contract';
import type { Context } from 'hono';
import type { Sql, TransactionSql } from 'postgres';
import { ApiError } from '../../lib/errors.ts';
import type { AppDeps, AppEnv } from '../../lib/types.ts';
import { PasswordHasher, policyViolations, resolvePolicy } from '../../services/passwords.ts';
import { clientAddress, RateLimiter } from '../../services/rate-limit.ts';

/**
 * What Baylink's own identity routes share: the hasher and the rate limiter of an app (one per
 * `deps`, so a dummy hash is computed once), account lookups, and the checks every password
 * route makes.
 */
interface IdentityServices {
  hasher: PasswordHasher;
  limiter: RateLimiter;
}

const services = new WeakMap<AppDeps, IdentityServices>();

export function identityServices(deps: AppDeps): IdentityServices {
  let found = services.get(deps);
  if (!found) {
    found = {
      hasher: new PasswordHasher(deps.identity?.scrypt),
      limiter: new RateLimiter(deps.sql, () => clock(deps), deps.identity?.rateLimits),
    };
    services.set(deps, found);
  }
  return found;
}

export const clock = (deps: AppDeps): Date => deps.now?.() ?? new Date();

/** The caller's address for per-address limits. */
export const addressOf = (c: Context<AppEnv>) =>
  clientAddress(c, c.get('deps').identity?.trustProxy ?? 0);

/** Reset links live this long. */
export const RESET_TOKEN_TTL_MINUTES = 60;
/** Tokens of a login live this long: a working day, the most a user token may live. */
export const LOGIN_TOKEN_TTL_SECONDS = 12 * 60 * 60;

export interface IdentityAccount {
  id: string;
  name: string;
  time_zone: string;
  identity: 'host' | 'baylink';
  password_policy: Partial<PasswordPolicy> | null;
  integrator_id: string;
  signing_secret: string;
  allowed_origins: string[];
}

export async function findIdentityAccount(
  sql: Sql,
  accountId: string,
): Promise<IdentityAccount | undefined> {
  const [row] = await sql<IdentityAccount[]>`
    select a.id, a.name, a.time_zone, a.identity, a.password_policy,
           i.id as integrator_id, i.signing_secret, i.allowed_origins
    from accounts a join integrators i on i.id = a.integrator_id
    where a.id = ${accountId}`;
  return row;
}

export const policyOf = (account: Pick<IdentityAccount, 'password_policy'>) =>
  resolvePolicy(account.password_policy);

/** The one answer of every password route for accounts that sign their users in through the host. */
export function passwordAuthDisabled(): ApiError {
  return new ApiError(
    403,
    'password_auth_disabled',
    'This account signs its users in through the host application: Baylink passwords are not used',
  );
}

export function requireBaylinkIdentity(account: Pick<IdentityAccount, 'identity'>): void {
  if (account.identity !== 'baylink') throw passwordAuthDisabled();
}

/**
 * Public identity routes are called from host pages: the page's origin (when the browser sends
 * one) must be one that the account's own integrator lists, as for token-authenticated routes.
 */
export function requireListedOrigin(
  c: Context<AppEnv>,
  account: Pick<IdentityAccount, 'allowed_origins'>,
): void {
  const origin = c.req.header('origin');
  if (!origin) return;
  const publicUrl = c.get('deps').publicUrl;
  if (publicUrl && new URL(publicUrl).origin === origin) return;
  if (account.allowed_origins.includes(origin)) return;
  throw new ApiError(
    403,
    'origin_not_allowed',
    `The origin ${origin} is not on this integrator's list of allowed origins`,
  );
}

/**
 * Checks a new password against the account's rule (one detail per broken rule, on `password`)
 * and its confirmation (on `confirmation`), and throws the one 400 when anything is wrong.
 */
export function checkNewPassword(
  policy: PasswordPolicy,
  password: string,
  confirmation?: string,
): void {
  const details: ErrorDetail[] = policyViolations(policy, password).map((message) => ({
    path: 'password',
    message,
  }));
  if (confirmation !== undefined && confirmation !== password) {
    details.push({ path: 'confirmation', message: 'Does not match the new password' });
  }
  if (details.length > 0) {
    throw new ApiError(
      400,
      'validation_failed',
      `Invalid input: ${[...new Set(details.map((d) => d.path))].join(', ')}`,
      details,
    );
  }
}

/**
 * Stores a user's new password hash and revokes their unused reset links (a link sent before a
 * change must not undo it). Signed-in sessions are not touched: user tokens are stateless and
 * live at most 12 hours.
 */
export async function storePassword(
  sql: Sql | TransactionSql,
  input: { accountId: string; userId: string; hash: string; at: Date },
): Promise<void> {
  await sql`
    insert into user_credentials (account_id, user_id, password_hash, password_changed_at)
    values (${input.accountId}, ${input.userId}, ${input.hash}, ${input.at.toISOString()})
    on conflict (account_id, user_id) do update
      set password_hash = excluded.password_hash,
          password_changed_at = excluded.password_changed_at`;
  await sql`
    delete from password_reset_tokens
    where account_id = ${input.accountId} and user_id = ${input.userId} and used_at is null`;
}
