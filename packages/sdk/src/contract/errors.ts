import { z } from 'zod';

/** Every machine-readable error code the API answers with. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'token_missing',
  'token_invalid',
  'token_expired',
  'api_key_invalid',
  'forbidden',
  'origin_not_allowed',
  'not_found',
  'conflict',
  'email_taken',
  'reference_id_taken',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  // Baylink's own identity (password login, change and reset).
  'invalid_credentials',
  'current_password_invalid',
  'reset_token_invalid',
  'password_auth_disabled',
  'not_ready',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** One offending field: a dotted path (`email`, `members.0`) and what is wrong with it. */
export const ErrorDetail = z
  .object({
    path: z.string(),
    message: z.string(),
  })
  .meta({ id: 'ErrorDetail' });
export type ErrorDetail = z.infer<typeof ErrorDetail>;

/** The one error shape of every failing response. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(ErrorDetail).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;
