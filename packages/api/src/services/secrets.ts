import { randomBytes } from 'node:crypto';
import type { Sql } from 'postgres';

/**
 * Returns the named server secret, generating and storing it on first use. Every process of a
 * deployment reads the same row, so a URL signed by one process verifies on another.
 */
export async function serverSecret(sql: Sql, name: string, bytes = 32): Promise<string> {
  const candidate = randomBytes(bytes).toString('base64url');
  await sql`
    insert into server_secrets (name, value) values (${name}, ${candidate})
    on conflict (name) do nothing`;
  const [row] = await sql<
    { value: string }[]
  >`select value from server_secrets where name = ${name}`;
  if (!row) throw new Error(`Server secret ${name} could not be stored`);
  return row.value;
}
