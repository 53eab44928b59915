import type { Sql, TransactionSql } from 'postgres';
import { notFound } from '../../lib/errors.ts';

/**
 * Proves that the account belongs to the calling integrator, or answers 404 exactly as for an
 * account that does not exist: another integrator's accounts are invisible, not forbidden.
 * Inside a transaction it also holds the account row (`for key share`) until the commit.
 */
export async function requireOwnedAccount(
  sql: Sql | TransactionSql,
  integratorId: string,
  accountId: string,
): Promise<void> {
  const [row] = await sql`
    select 1 from accounts
    where id = ${accountId} and integrator_id = ${integratorId}
    for key share`;
  if (!row) throw notFound('The account');
}
