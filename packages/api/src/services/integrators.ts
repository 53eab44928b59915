import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_PREFIX } from '@baylink/sdk/contract';
import type { Sql } from 'postgres';
import type { IntegratorRow } from '../lib/types.ts';

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

export interface NewIntegrator {
  integrator: IntegratorRow;
  /** The server API key, shown once; only its hash is stored. */
  apiKey: string;
  /** The secret the integrator's backend signs user tokens with (HS256). */
  signingSecret: string;
}

/** Creates an integrator with a fresh API key and token-signing secret. */
export async function createIntegrator(
  sql: Sql,
  input: { name: string; allowedOrigins?: string[] },
): Promise<NewIntegrator> {
  const apiKey = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  const signingSecret = randomBytes(32).toString('base64url');
  const [integrator] = await sql<IntegratorRow[]>`
    insert into integrators (name, api_key_hash, signing_secret, allowed_origins)
    values (${input.name}, ${hashApiKey(apiKey)}, ${signingSecret}, ${input.allowedOrigins ?? []})
    returning id, name, allowed_origins, created_at, updated_at`;
  if (!integrator) throw new Error('The integrator was not created');
  return { integrator, apiKey, signingSecret };
}
