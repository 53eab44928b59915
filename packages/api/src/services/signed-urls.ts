import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a signed file URL stays valid at least. */
export const SIGNED_URL_TTL_SECONDS = 60 * 60;
/** Expiry times are rounded up to this step, so the same file gets the same URL for a while and browsers can cache it. */
const EXPIRY_STEP_SECONDS = 15 * 60;

function signature(key: Uint8Array, pathname: string, expires: number): string {
  return createHmac('sha256', key).update(`${pathname}\n${expires}`).digest('base64url');
}

/** Signs `pathname` (such as `/v1/files/photos/…`) into a URL that works without a token until it expires. */
export function signPath(key: Uint8Array, pathname: string, now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000) + SIGNED_URL_TTL_SECONDS;
  const expires = Math.ceil(seconds / EXPIRY_STEP_SECONDS) * EXPIRY_STEP_SECONDS;
  return `${pathname}?expires=${expires}&signature=${signature(key, pathname, expires)}`;
}

export type SignatureCheck = 'valid' | 'expired' | 'invalid';

export function verifySignedPath(
  key: Uint8Array,
  pathname: string,
  expiresParam: string | undefined,
  signatureParam: string | undefined,
  now: Date,
): SignatureCheck {
  if (!expiresParam || !signatureParam || !/^\d{1,12}$/.test(expiresParam)) return 'invalid';
  const expires = Number(expiresParam);
  const expected = Buffer.from(signature(key, pathname, expires));
  const given = Buffer.from(signatureParam);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  return expires * 1000 < now.getTime() ? 'expired' : 'valid';
}
