import type { UserList, UserSummary } from '../contract/profile.ts';
import { createMeModule } from './me.ts';
import { Transport } from './transport.ts';
import type { BaylinkClient, ClientOptions } from './types.ts';

/**
 * Creates the browser client for one signed-in user.
 *
 * ```ts
 * const client = createClient({ baseUrl: 'https://api.example.com', getToken: fetchTokenFromMyBackend });
 * const me = await client.me.get();
 * ```
 */
export function createClient(options: ClientOptions): BaylinkClient {
  const transport = new Transport(options);
  const me = createMeModule(transport);
  return {
    baseUrl: transport.baseUrl,
    me,
    users: {
      async list() {
        return (await transport.request<UserList>('/v1/users')).items;
      },
      get(userId: string) {
        return transport.request<UserSummary>(`/v1/users/${encodeURIComponent(userId)}`);
      },
    },
    destroy() {
      me.destroy();
    },
  };
}
