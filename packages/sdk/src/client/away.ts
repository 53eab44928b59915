import type {
  AwayStatus,
  RouteRequest,
  RoutingDecision,
  RoutingDecisionPage,
  SetAwayStatus,
} from '../contract/away.ts';
import type { BaylinkError } from './error.ts';
import type { PresenceHub } from './presence.ts';
import { ValueStore } from './store.ts';
import type { RequestInit, Transport } from './transport.ts';
import type { AwayModule, AwayState, MeModule, RoutingDecisionQuery } from './types.ts';

const ME = '/v1/me/away';
const userPath = (userId: string) => `/v1/users/${encodeURIComponent(userId)}/away`;

/**
 * `client.away`: the signed-in user's status as a store (for the banner and the settings
 * section), writes for themself and, for admins, for a teammate, and routing decisions. Every
 * answer also goes into the shared presence hub, so names on the page change with it; the
 * store follows the stream (another tab, another device, an admin, the automatic return).
 */
export function createAwayModule(
  transport: Transport,
  hub: PresenceHub,
  me: MeModule,
): AwayModule & { destroy(): void } {
  const store = new ValueStore<AwayState>({ status: 'idle', away: null, error: null });
  let myId: string | undefined = me.store.getState().me?.id;
  let loading: Promise<AwayStatus> | undefined;
  let listeners = 0;
  let release: (() => void) | undefined;
  let stopUser: (() => void) | undefined;
  let stopResync: (() => void) | undefined;

  /** Follows the hub's entry for the signed-in user once their id is known. */
  const follow = (userId: string) => {
    if (myId === userId && (stopUser || listeners === 0)) return;
    myId = userId;
    stopUser?.();
    stopUser = undefined;
    if (listeners === 0) return;
    stopUser = hub.subscribeUser(userId, (status) => {
      if (status) store.setState((state) => ({ ...state, away: status }));
    });
  };

  /** Puts an answer about the signed-in user into the hub (and so the store). */
  const settle = (status: AwayStatus): AwayStatus => {
    hub.merge([status]);
    if (myId === undefined || myId === status.userId) {
      myId = status.userId;
      store.setState({ status: 'ready', away: hub.get(status.userId) ?? status, error: null });
      if (listeners > 0 && !stopUser) follow(status.userId);
    }
    return hub.get(status.userId) ?? status;
  };

  const load = (): Promise<AwayStatus> => {
    loading ??= (async () => {
      store.setState((state) => ({ ...state, status: state.away ? state.status : 'loading' }));
      try {
        return settle(await transport.request<AwayStatus>(ME));
      } catch (error) {
        store.setState((state) => ({
          ...state,
          status: state.away ? 'ready' : 'error',
          error: error as BaylinkError,
        }));
        throw error;
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  };

  const write = async (path: string, init: RequestInit): Promise<AwayStatus> => {
    const status = await transport.request<AwayStatus>(path, init);
    hub.merge([status]);
    if (status.userId === myId) settle(status);
    return hub.get(status.userId) ?? status;
  };

  return {
    store: {
      getState: () => store.getState(),
      subscribe(listener) {
        const unsubscribe = store.subscribe(listener);
        listeners += 1;
        if (listeners === 1) {
          release = hub.hold();
          stopResync = hub.onResync(() => {
            load().catch(() => {});
          });
          if (myId) follow(myId);
        }
        if (store.getState().status === 'idle') load().catch(() => {});
        let active = true;
        return () => {
          if (!active) return;
          active = false;
          unsubscribe();
          listeners -= 1;
          if (listeners === 0) {
            stopUser?.();
            stopResync?.();
            release?.();
            stopUser = stopResync = release = undefined;
          }
        };
      },
    },
    get: load,
    async set(input: SetAwayStatus) {
      return settle(await transport.request<AwayStatus>(ME, { method: 'PUT', body: input }));
    },
    async clear() {
      return settle(await transport.request<AwayStatus>(ME, { method: 'DELETE' }));
    },
    async getFor(userId: string) {
      const status = await transport.request<AwayStatus>(userPath(userId));
      hub.merge([status]);
      return hub.get(userId) ?? status;
    },
    setFor(userId: string, input: SetAwayStatus) {
      return write(userPath(userId), { method: 'PUT', body: input });
    },
    clearFor(userId: string) {
      return write(userPath(userId), { method: 'DELETE' });
    },
    route(input: RouteRequest) {
      return transport.request<RoutingDecision>('/v1/routing/decisions', {
        method: 'POST',
        body: input,
      });
    },
    decisions(query: RoutingDecisionQuery = {}) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined) params.set(key, String(value));
      }
      const search = params.size > 0 ? `?${params}` : '';
      return transport.request<RoutingDecisionPage>(`/v1/routing/decisions${search}`);
    },
    destroy() {
      stopUser?.();
      stopResync?.();
      release?.();
      store.clear();
    },
  };
}
