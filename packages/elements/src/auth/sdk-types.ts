import type { BaylinkClient } from '@baylink/sdk';

// The SDK types the password elements work with, derived from `BaylinkClient` so that they
// depend on the client's interface only (types, erased at build time), not on which names the
// SDK's entry happens to export.

export type AuthModule = BaylinkClient['auth'];
export type PasswordSettings = Awaited<ReturnType<AuthModule['settings']>>;
export type PasswordPolicy = PasswordSettings['policy'];
export type LoginResponse = Awaited<ReturnType<AuthModule['login']>>;
export type LoginInput = Parameters<AuthModule['login']>[0];
export type ResetRequestInput = Parameters<AuthModule['requestReset']>[0];
export type ResetPasswordInput = Parameters<AuthModule['resetPassword']>[0];
export type ChangePasswordInput = Parameters<AuthModule['changePassword']>[0];
