import { z } from 'zod';
import { Email, Id } from './common.ts';
import { PASSWORD_DEFAULT_POLICY, SIGNATURE_MAX_LENGTH } from './constants.ts';

// ─── Baylink's own identity: login, password change and reset ───────────────────────────────

/**
 * An account's password rule. The default is the article's: at least 6 characters with letters
 * and numbers. Accounts may be stricter, never looser than 6 characters.
 */
export const PasswordPolicy = z
  .object({
    minLength: z.number().int().min(6).max(128),
    requireLetter: z.boolean(),
    requireDigit: z.boolean(),
    requireMixedCase: z.boolean(),
    requireSymbol: z.boolean(),
  })
  .meta({ id: 'PasswordPolicy' });
export type PasswordPolicy = z.infer<typeof PasswordPolicy>;
export { PASSWORD_DEFAULT_POLICY };

/**
 * An account's rule as an integrator sets it (`passwordPolicy` of CreateAccount and
 * UpdateAccount): fields left out take the default's value, and the rule may only be made
 * stricter than the article's (letters and numbers stay required).
 */
export const AccountPasswordPolicy = z
  .object({
    minLength: z.number().int().min(6).max(128),
    requireLetter: z.boolean(),
    requireDigit: z.boolean(),
    requireMixedCase: z.boolean(),
    requireSymbol: z.boolean(),
  })
  .partial()
  .strict()
  .superRefine((policy, context) => {
    for (const rule of ['requireLetter', 'requireDigit'] as const) {
      if (policy[rule] === false) {
        context.addIssue({
          code: 'custom',
          path: [rule],
          message: 'An account may make the password rule stricter, not looser than the default',
        });
      }
    }
  })
  .meta({ id: 'AccountPasswordPolicy' });
export type AccountPasswordPolicy = z.input<typeof AccountPasswordPolicy>;

/** Passwords travel only in these bodies; the API never returns or logs them. */
const Password = z.string().min(1).max(256);

/** `POST /v1/auth/login` — public; for accounts whose identity is `baylink`. */
export const LoginRequest = z
  .object({ accountId: Id, email: Email, password: Password })
  .strict()
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.input<typeof LoginRequest>;

export const LoginResponse = z
  .object({ token: z.string(), expiresAt: z.string(), userId: Id })
  .meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof LoginResponse>;

/**
 * `POST /v1/auth/password-resets` — public. Always answers 202 with the same body, whether or
 * not the address exists; the mail (in the user's language) carries a single-use link.
 */
export const PasswordResetRequest = z
  .object({
    accountId: Id,
    email: Email,
    /** Where the link in the mail points; `{token}` is replaced. Must be an allowed origin of the integrator. */
    resetUrl: z.url({ protocol: /^https?$/ }).max(2000),
  })
  .strict()
  .meta({ id: 'PasswordResetRequest' });
export type PasswordResetRequest = z.input<typeof PasswordResetRequest>;

/** `POST /v1/auth/password-resets/confirm` — public; the token from the link. */
export const PasswordResetConfirm = z
  .object({
    token: z.string().min(16).max(200),
    password: Password,
    confirmation: Password,
  })
  .strict()
  .meta({ id: 'PasswordResetConfirm' });
export type PasswordResetConfirm = z.input<typeof PasswordResetConfirm>;

/** The body of `202` from `POST /v1/auth/password-resets`: the same whether or not the address exists. */
export const PasswordResetAccepted = z
  .object({ message: z.string() })
  .meta({ id: 'PasswordResetAccepted' });
export type PasswordResetAccepted = z.infer<typeof PasswordResetAccepted>;

/** `PUT /v1/accounts/{accountId}/users/{userId}/password` — an integrator sets a user's first password. */
export const SetUserPassword = z
  .object({ password: Password })
  .strict()
  .meta({ id: 'SetUserPassword' });
export type SetUserPassword = z.input<typeof SetUserPassword>;

/** `PUT /v1/me/password` — the signed-in user. */
export const ChangePassword = z
  .object({ current: Password, password: Password, confirmation: Password })
  .strict()
  .meta({ id: 'ChangePassword' });
export type ChangePassword = z.input<typeof ChangePassword>;

/** `GET /v1/me/password` — whether the Password section applies, and the rule to show. */
export const PasswordSettings = z
  .object({
    /** False when the account signs its users in through the host (tokens only). */
    enabled: z.boolean(),
    policy: PasswordPolicy,
    changedAt: z.string().nullable(),
  })
  .meta({ id: 'PasswordSettings' });
export type PasswordSettings = z.infer<typeof PasswordSettings>;

// ─── Signature ──────────────────────────────────────────────────────────────────────────────

export const Signature = z
  .object({
    enabled: z.boolean(),
    /** What the user typed (may be empty). */
    text: z.string(),
    /** What customers see: the text, or the profile name when the text is empty; null when off. */
    effective: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'Signature' });
export type Signature = z.infer<typeof Signature>;

export const UpdateSignature = z
  .object({
    enabled: z.boolean(),
    text: z
      .string()
      .max(SIGNATURE_MAX_LENGTH)
      .transform((text) => text.replace(/\r\n?/g, '\n').trim()),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateSignature' });
export type UpdateSignature = z.input<typeof UpdateSignature>;

/** `POST /v1/me/signature/apply` (and the integrator's per-user twin): the body with the signature. */
export const ApplySignature = z
  .object({ body: z.string().max(10_000) })
  .strict()
  .meta({ id: 'ApplySignature' });
export const SignedMessage = z
  .object({ body: z.string(), signature: z.string().nullable() })
  .meta({ id: 'SignedMessage' });
export type SignedMessage = z.infer<typeof SignedMessage>;
