import { expect } from 'vitest';
import type { IdentityOptions } from '../../src/lib/types.ts';
import type { TestContext, TestTenant } from './test-app.ts';

/** The integrator's page in identity tests (listed in its allowed origins). */
export const PORTAL = 'https://portal.identity.test';
export const RESET_URL = `${PORTAL}/reset-password?token={token}`;

/**
 * New hashes at a small cost (4 MiB, a few ms) so the suites stay quick; the production cost
 * is covered by its own test. The hash string records its parameters either way.
 */
export const FAST_IDENTITY: IdentityOptions = { scrypt: { ln: 12, r: 8, p: 1 } };

/** A tenant whose account uses Baylink's identity, with the portal origin listed. */
export async function baylinkTenant(
  t: TestContext,
  options: { allowedOrigins?: string[] } = {},
): Promise<TestTenant> {
  const tenant = await t.tenant({ allowedOrigins: options.allowedOrigins ?? [PORTAL] });
  const response = await t.request(`/v1/accounts/${tenant.accountId}`, {
    method: 'PATCH',
    token: tenant.apiKey,
    json: { identity: 'baylink' },
  });
  expect(response.status).toBe(200);
  return tenant;
}

/** Sets a user's password the way an integrator onboards them. */
export async function setPassword(
  t: TestContext,
  tenant: Pick<TestTenant, 'accountId' | 'apiKey'>,
  userId: string,
  password: string,
): Promise<void> {
  const response = await t.request(`/v1/accounts/${tenant.accountId}/users/${userId}/password`, {
    method: 'PUT',
    token: tenant.apiKey,
    json: { password },
  });
  expect(response.status, await response.clone().text()).toBe(204);
}

export function login(
  t: TestContext,
  body: { accountId: string; email: string; password: string },
  headers: Record<string, string> = {},
) {
  return t.request('/v1/auth/login', { method: 'POST', json: body, headers });
}

export function changePassword(
  t: TestContext,
  token: string,
  body: { current: string; password: string; confirmation: string },
  headers: Record<string, string> = {},
) {
  return t.request('/v1/me/password', { method: 'PUT', token, json: body, headers });
}

export function requestReset(
  t: TestContext,
  body: { accountId: string; email: string; resetUrl?: string },
  headers: Record<string, string> = {},
) {
  return t.request('/v1/auth/password-resets', {
    method: 'POST',
    json: { resetUrl: RESET_URL, ...body },
    headers,
  });
}

export function confirmReset(
  t: TestContext,
  body: { token: string; password: string; confirmation?: string },
  headers: Record<string, string> = {},
) {
  return t.request('/v1/auth/password-resets/confirm', {
    method: 'POST',
    json: { confirmation: body.password, ...body },
    headers,
  });
}
