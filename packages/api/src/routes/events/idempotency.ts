import { createHash } from 'node:crypto';
import { IDEMPOTENCY_TTL_HOURS } from '@baylink/sdk/contract';
import type { Sql, TransactionSql } from 'postgres';
import { ApiError } from '../../lib/errors.ts';

// `Idempotency-Key` for POST /v1/events (RELIABILITY.md §1), kept 24 hours per integrator:
// - the first request claims the key with a 'pending' row, committed at once;
// - its answer is stored ('done') in the same transaction as the event it describes, so a crash
//   can never leave an event without its answer or an answer without its event;
// - a replay with the same body gets the stored answer; another body answers 422; a duplicate
//   while the first is in flight answers 409; a failed attempt deletes its claim so a retry can
//   proceed; a claim left pending for minutes (its process died) may be taken over.

const TTL = `${IDEMPOTENCY_TTL_HOURS} hours`;
/** A claim still pending after this long belongs to a request that died: it may be taken over. */
const ABANDONED_AFTER = '5 minutes';

/** JSON with object keys sorted at every level, so equal bodies hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const requestHash = (body: unknown) =>
  createHash('sha256').update(canonicalJson(body)).digest('hex');

export type Claim =
  | { kind: 'claimed'; claimedAt: string }
  | { kind: 'replay'; status: number; response: unknown };

/**
 * Claims `key` for a request whose body hashes to `hash`, or answers what the key already
 * stands for: a stored answer to replay, or a 422 / 409 error.
 */
export async function claimKey(
  sql: Sql,
  integratorId: string,
  key: string,
  hash: string,
): Promise<Claim> {
  // A few rounds cover a claim released between our insert and our read.
  for (let round = 0; round < 3; round++) {
    const [claimed] = await sql<{ claimed_at: string }[]>`
      insert into idempotency_keys as k (integrator_id, key, request_hash)
      values (${integratorId}, ${key}, ${hash})
      on conflict (integrator_id, key) do update
        set request_hash = excluded.request_hash, state = 'pending', status = null,
          response = null, created_at = now()
        where k.created_at < now() - ${TTL}::interval
          or (k.state = 'pending' and k.created_at < now() - ${ABANDONED_AFTER}::interval)
      returning created_at::text as claimed_at`;
    if (claimed) return { kind: 'claimed', claimedAt: claimed.claimed_at };

    const [existing] = await sql<
      { request_hash: string; state: string; status: number | null; response: unknown }[]
    >`
      select request_hash, state, status, response from idempotency_keys
      where integrator_id = ${integratorId} and key = ${key}`;
    if (!existing) continue;
    if (existing.request_hash !== hash) {
      throw new ApiError(
        422,
        'conflict',
        'This Idempotency-Key was already used with a different request body; use a new key for a new event',
      );
    }
    if (existing.state === 'pending') {
      throw new ApiError(
        409,
        'conflict',
        'A request with this Idempotency-Key is still being processed; retry in a moment',
        undefined,
        { 'Retry-After': '1' },
      );
    }
    return { kind: 'replay', status: existing.status ?? 200, response: existing.response };
  }
  throw new ApiError(409, 'conflict', 'This Idempotency-Key is contended; retry in a moment');
}

/**
 * Stores the answer of a claimed key, inside the transaction of the work it describes. If the
 * claim was taken over meanwhile (this request was presumed dead), the work rolls back.
 */
export async function completeKey(
  tx: TransactionSql,
  integratorId: string,
  key: string,
  claimedAt: string,
  status: number,
  response: unknown,
): Promise<void> {
  const updated = await tx`
    update idempotency_keys
    set state = 'done', status = ${status}, response = ${tx.json(response as never)}
    where integrator_id = ${integratorId} and key = ${key}
      and state = 'pending' and created_at = ${claimedAt}::text::timestamptz`;
  if (updated.count !== 1) {
    throw new ApiError(409, 'conflict', 'This Idempotency-Key was taken over by another request');
  }
}

/** Gives a claim back after a failed attempt, so a retry with the same key can proceed. */
export async function releaseKey(
  sql: Sql,
  integratorId: string,
  key: string,
  claimedAt: string,
): Promise<void> {
  await sql`
    delete from idempotency_keys
    where integrator_id = ${integratorId} and key = ${key}
      and state = 'pending' and created_at = ${claimedAt}::text::timestamptz`;
}

/** Deletes a batch of expired keys (they already count as absent); cheap enough to run often. */
export async function deleteExpiredKeys(sql: Sql, limit = 1000): Promise<number> {
  const deleted = await sql`
    delete from idempotency_keys
    where ctid = any(array(
      select ctid from idempotency_keys
      where created_at < now() - ${TTL}::interval
      limit ${limit}
    ))`;
  return deleted.count;
}
