import { createHmac, randomBytes } from 'node:crypto';

/** The prefix of a mobile webhook's signing secret. */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` and 32 random bytes in base64url. */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** How a secret is shown after it was first handed out: `whsec_…` and its last 4 characters. */
export function maskWebhookSecret(secret: string): string {
  return `${WEBHOOK_SECRET_PREFIX}…${secret.slice(-4)}`;
}

/**
 * `v1=<hex HMAC-SHA256>` of `"<timestamp>.<body>"`, keyed with the whole secret string (UTF-8,
 * prefix included), for each secret given: the current one first, then a previous one still
 * valid after a rotation, separated by commas. Receivers accept the header when any value
 * matches (`verifyWebhook` in `@baylink/sdk/server`).
 */
export function webhookSignature(secrets: string[], timestamp: number, body: string): string {
  return secrets
    .map(
      (secret) =>
        `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`,
    )
    .join(',');
}
