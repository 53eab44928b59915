import type { StreamEventKind } from '@baylink/sdk/contract';
import type { Sql, TransactionSql } from 'postgres';

/** The channel every API process listens on; the payload is only an account id (a wake-up). */
export const STREAM_CHANNEL = 'baylink_stream';

type Tx = TransactionSql | Sql;

export interface NewStreamEvent {
  /** The user who may see it, or null for every user of the account. */
  userId: string | null;
  kind: StreamEventKind;
  payload: unknown;
}

/**
 * Reserves `count` consecutive sequence numbers of the account's stream and returns the first.
 * Call it inside the transaction that makes the change, as late as possible: it holds the
 * account's counter row locked until commit, which is what makes the numbers gapless and in
 * commit order (a rolled-back transaction gives its numbers back). It also queues the NOTIFY
 * that wakes every API process when the transaction commits.
 */
export async function reserveStreamSeq(tx: Tx, accountId: string, count: number): Promise<bigint> {
  if (count <= 0) throw new RangeError('count must be positive');
  const [row] = await tx<{ last_seq: string }[]>`
    insert into stream_counters (account_id, last_seq) values (${accountId}, ${count})
    on conflict (account_id) do update set last_seq = stream_counters.last_seq + ${count}
    returning last_seq`;
  await tx`select pg_notify(${STREAM_CHANNEL}, ${accountId})`;
  return BigInt(row!.last_seq) - BigInt(count) + 1n;
}

/**
 * Appends events to the account's stream in the caller's transaction (see `reserveStreamSeq`).
 * For thousands of rows produced by one statement, reserve the numbers and insert with
 * `row_number()` instead, as the event fan-out does.
 */
export async function appendStreamEvents(
  tx: Tx,
  accountId: string,
  events: NewStreamEvent[],
): Promise<bigint[]> {
  if (events.length === 0) return [];
  const first = await reserveStreamSeq(tx, accountId, events.length);
  const seqs = events.map((_, index) => first + BigInt(index));
  await tx`
    insert into stream_events (account_id, seq, user_id, kind, payload)
    select ${accountId}, s.seq, s.user_id, s.kind, s.payload::jsonb
    from unnest(
      ${seqs.map(String)}::bigint[],
      ${events.map((e) => e.userId)}::uuid[],
      ${events.map((e) => e.kind)}::text[],
      -- As text: a jsonb[] parameter would have postgres.js encode each JSON string once more.
      ${events.map((e) => JSON.stringify(e.payload))}::text[]
    ) as s(seq, user_id, kind, payload)`;
  return seqs;
}
