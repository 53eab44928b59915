import { createECDH } from 'node:crypto';
import type { ErrorDetail, PushSubscriptionInput } from '@baylink/sdk/contract';
import { ApiError } from '../../lib/errors.ts';
import { type EndpointPolicy, pushEndpointProblem } from '../../services/delivery/push-endpoint.ts';
import type { CheckedSubscription } from './push.sql.ts';

/** One key pair of ours, to check that a browser's key is a point on P-256. */
const probe = createECDH('prime256v1');
probe.generateKeys();

function p256dhProblem(key: string): string | null {
  const bytes = Buffer.from(key, 'base64url');
  if (bytes.length !== 65 || bytes[0] !== 4)
    return 'Must be an uncompressed P-256 public key (65 bytes)';
  try {
    probe.computeSecret(bytes);
  } catch {
    return 'Is not a point on the P-256 curve';
  }
  return null;
}

/**
 * Checks a browser's subscription beyond its schema (the endpoint against the SSRF policy, the
 * keys as RFC 8291 wants them, the expiry as a time) and answers it normalized, or throws one
 * 400 naming every bad field under `subscription.`.
 */
export function checkSubscription(
  input: PushSubscriptionInput,
  policy: EndpointPolicy,
): CheckedSubscription {
  const details: ErrorDetail[] = [];
  const endpointProblem = pushEndpointProblem(input.endpoint, policy);
  if (endpointProblem) details.push({ path: 'subscription.endpoint', message: endpointProblem });
  const keyProblem = p256dhProblem(input.keys.p256dh);
  if (keyProblem) details.push({ path: 'subscription.keys.p256dh', message: keyProblem });
  const auth = Buffer.from(input.keys.auth, 'base64url');
  if (auth.length !== 16) {
    details.push({
      path: 'subscription.keys.auth',
      message: 'Must be a 16-byte authentication secret',
    });
  }
  let expiresAt: Date | null = null;
  if (typeof input.expirationTime === 'number') {
    expiresAt = new Date(input.expirationTime);
    // Between 1970 and the year 5000: what a browser may say, and what Postgres stores.
    if (!(input.expirationTime >= 0 && input.expirationTime < 95_617_584_000_000)) {
      details.push({
        path: 'subscription.expirationTime',
        message: 'Must be a time in milliseconds since 1970, or null',
      });
    }
  }
  if (details.length > 0) {
    throw new ApiError(
      400,
      'validation_failed',
      `Invalid input: ${details.map((detail) => detail.path).join(', ')}`,
      details,
    );
  }
  return {
    endpoint: input.endpoint,
    p256dh: Buffer.from(input.keys.p256dh, 'base64url').toString('base64url'),
    auth: auth.toString('base64url'),
    expiresAt,
  };
}
