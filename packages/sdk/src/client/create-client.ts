import type { TeamSummaryList, UserList, UserSummary } from '../contract/profile.ts';
import { createAuthModule } from './auth.ts';
import { createAwayModule } from './away.ts';
import { createCatalogModule } from './catalog.ts';
import { createDeliveriesModule, createQuietHoursModule } from './deliveries.ts';
import { createMeModule } from './me.ts';
import { createNotificationsModule } from './notifications/notifications.ts';
import { createPreferencesModule } from './preferences/preferences.ts';
import { createPresenceModule, PresenceHub } from './presence.ts';
import { createPushModule } from './push/push.ts';
import { createRealtime } from './realtime/realtime.ts';
import { createSignatureModule } from './signature.ts';
import { Transport } from './transport.ts';
import type { BaylinkClient, ClientOptions } from './types.ts';

/**
 * Creates the browser client for one signed-in user.
 *
 * ```ts
 * const client = createClient({ baseUrl: 'https://api.example.com', getToken: fetchTokenFromMyBackend });
 * const me = await client.me.get();
 * const stop = client.notifications.store.subscribe(({ items, counts }) => render(items, counts));
 * ```
 */
export function createClient(options: ClientOptions): BaylinkClient {
  const transport = new Transport(options);
  const me = createMeModule(transport);
  const realtime = createRealtime(
    transport,
    async () => {
      const profile = me.store.getState().me ?? (await me.get());
      return { accountId: profile.accountId, userId: profile.id };
    },
    options.realtime,
  );
  const notifications = createNotificationsModule(transport, realtime, options.notifications);
  const catalog = createCatalogModule(transport, me);
  const preferences = createPreferencesModule(transport, catalog);
  const signature = createSignatureModule(transport, me);
  const presenceHub = new PresenceHub(realtime);
  const presence = createPresenceModule(transport, presenceHub);
  const away = createAwayModule(transport, presenceHub, me);
  const auth = createAuthModule(transport, {
    // A profile already asked for (perhaps refused for want of a token) is read again as the new user.
    onSignedIn: () => {
      if (me.store.getState().status !== 'idle') me.get().catch(() => {});
    },
  });
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
    teams: {
      async list() {
        return (await transport.request<TeamSummaryList>('/v1/teams')).items;
      },
    },
    realtime,
    notifications,
    catalog,
    preferences,
    signature,
    auth,
    away,
    presence,
    push: createPushModule(transport),
    deliveries: createDeliveriesModule(transport),
    quietHours: createQuietHoursModule(transport),
    destroy() {
      away.destroy();
      presence.destroy();
      presenceHub.destroy();
      notifications.destroy();
      preferences.destroy();
      signature.destroy();
      realtime.destroy();
      me.destroy();
    },
  };
}
