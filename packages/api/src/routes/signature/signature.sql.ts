import type { Signature, UpdateSignature } from '@baylink/sdk/contract';
import type { Sql, TransactionSql } from 'postgres';
import type { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import { DEFAULT_SIGNATURE, toSignature } from './signature.rules.ts';

interface SignatureRow {
  name: string;
  enabled: boolean;
  text: string;
  updated_at: string | null;
}

/**
 * A user's signature, with the defaults when they never set one; 404 when the user is not in
 * the account (another account's user answers exactly like a missing one).
 */
export async function readSignature(
  sql: Sql | TransactionSql,
  accountId: string,
  userId: string,
): Promise<Signature> {
  const [row] = await sql<SignatureRow[]>`
    select u.name,
      coalesce(s.enabled, ${DEFAULT_SIGNATURE.enabled}) as enabled,
      coalesce(s.text, ${DEFAULT_SIGNATURE.text}) as text,
      s.updated_at
    from users u
    left join user_signatures s on s.account_id = u.account_id and s.user_id = u.id
    where u.account_id = ${accountId} and u.id = ${userId}`;
  if (!row) throw notFound('The user');
  return toSignature(row, row.name, row.updated_at);
}

/**
 * Writes the fields a patch holds (the others keep their value, or the default for a user who
 * had none) and answers the signature as it is now. An empty patch writes nothing.
 */
export async function writeSignature(
  sql: Sql,
  accountId: string,
  userId: string,
  patch: z.output<typeof UpdateSignature>,
): Promise<Signature> {
  const changes: { enabled?: boolean; text?: string } = {};
  if (patch.enabled !== undefined) changes.enabled = patch.enabled;
  if (patch.text !== undefined) changes.text = patch.text;
  if (Object.keys(changes).length === 0) return readSignature(sql, accountId, userId);
  return sql.begin(async (tx) => {
    // Holds the user row so a concurrent delete cannot slip between the check and the write.
    const [user] = await tx<{ name: string }[]>`
      select name from users
      where account_id = ${accountId} and id = ${userId}
      for key share`;
    if (!user) throw notFound('The user');
    const [row] = await tx<Omit<SignatureRow, 'name'>[]>`
      insert into user_signatures ${tx({
        account_id: accountId,
        user_id: userId,
        ...DEFAULT_SIGNATURE,
        ...changes,
      })}
      on conflict (account_id, user_id) do update set ${tx(changes)}, updated_at = now()
      returning enabled, text, updated_at`;
    return toSignature(row!, user.name, row!.updated_at);
  });
}
