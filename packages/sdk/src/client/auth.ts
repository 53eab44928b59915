import type { LoginResponse, PasswordSettings } from '../contract/identity.ts';
import type { Transport } from './transport.ts';
import type { AuthModule } from './types.ts';

/**
 * Baylink's own identity, for accounts whose users sign in with an email and a password (not
 * through the host). `login` keeps the returned token in the client, so every later call uses
 * it; a client can be created with only `{ baseUrl }` for that. Login tokens live 12 hours and
 * are not renewed: after a 401 `token_expired`, sign in again.
 */
export function createAuthModule(
  transport: Transport,
  hooks: { onSignedIn?: (response: LoginResponse) => void } = {},
): AuthModule {
  return {
    async login(input) {
      const response = await transport.request<LoginResponse>('/v1/auth/login', {
        method: 'POST',
        body: { accountId: input.accountId, email: input.email, password: input.password },
        anonymous: true,
      });
      transport.setToken(response.token);
      hooks.onSignedIn?.(response);
      return response;
    },
    async requestReset(input) {
      await transport.request('/v1/auth/password-resets', {
        method: 'POST',
        body: { accountId: input.accountId, email: input.email, resetUrl: input.resetUrl },
        anonymous: true,
      });
    },
    async resetPassword(input) {
      await transport.request('/v1/auth/password-resets/confirm', {
        method: 'POST',
        body: { token: input.token, password: input.password, confirmation: input.confirmation },
        anonymous: true,
      });
    },
    settings() {
      return transport.request<PasswordSettings>('/v1/me/password');
    },
    async changePassword(input) {
      await transport.request<PasswordSettings>('/v1/me/password', {
        method: 'PUT',
        body: {
          current: input.current,
          password: input.password,
          confirmation: input.confirmation,
        },
      });
    },
  };
}
