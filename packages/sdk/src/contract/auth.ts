import { z } from 'zod';
import {
  API_KEY_PREFIX,
  MAX_TOKEN_TTL_SECONDS,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_CLOCK_TOLERANCE_SECONDS,
} from './constants.ts';

export {
  API_KEY_PREFIX,
  MAX_TOKEN_TTL_SECONDS,
  TOKEN_ALGORITHM,
  TOKEN_AUDIENCE,
  TOKEN_CLOCK_TOLERANCE_SECONDS,
};

/**
 * The claims of a user token. The host's backend signs them with its integrator secret
 * (`@baylink/sdk/server`'s `mintUserToken` does it). Either `sub` (Baylink's user id) or
 * `ref` (the user's id in the host system, its reference ID) names the user.
 */
export const UserTokenClaims = z
  .object({
    aud: z.union([
      z.literal(TOKEN_AUDIENCE),
      z.array(z.string()).refine((a) => a.includes(TOKEN_AUDIENCE)),
    ]),
    acct: z.uuid(),
    sub: z.uuid().optional(),
    ref: z.string().min(1).max(128).optional(),
    iat: z.number().int(),
    exp: z.number().int(),
  })
  .refine((claims) => Boolean(claims.sub) !== Boolean(claims.ref), {
    message: 'Exactly one of sub or ref must name the user',
  });
export type UserTokenClaims = z.infer<typeof UserTokenClaims>;

export const DemoTokenRequest = z
  .object({ userId: z.uuid() })
  .strict()
  .meta({ id: 'DemoTokenRequest' });
export const DemoToken = z
  .object({ token: z.string(), expiresAt: z.string() })
  .meta({ id: 'DemoToken' });
export const DemoUser = z
  .object({
    id: z.uuid(),
    name: z.string(),
    jobPosition: z.string().nullable(),
    language: z.enum(['en', 'fr']),
    role: z.enum(['admin', 'member']),
  })
  .meta({ id: 'DemoUser' });
export const DemoUserList = z.object({ items: z.array(DemoUser) }).meta({ id: 'DemoUserList' });
