import type { Me, UpdateMe } from '../contract/profile.ts';
import { BaylinkError } from './error.ts';
import { ValueStore } from './store.ts';
import type { Transport } from './transport.ts';
import type { MeModule, MeState, UploadOptions } from './types.ts';

export function createMeModule(transport: Transport): MeModule & { destroy(): void } {
  const store = new ValueStore<MeState>({ status: 'idle', me: null, error: null });
  let loading: Promise<Me> | undefined;

  const settle = (me: Me): Me => {
    store.setState({ status: 'ready', me, error: null });
    return me;
  };

  const load = (): Promise<Me> => {
    loading ??= (async () => {
      store.setState((state) => ({ ...state, status: state.me ? state.status : 'loading' }));
      try {
        return settle(await transport.request<Me>('/v1/me'));
      } catch (error) {
        store.setState((state) => ({
          ...state,
          status: state.me ? 'ready' : 'error',
          error: error as BaylinkError,
        }));
        throw error;
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  };

  const lazyStore = {
    getState: () => store.getState(),
    subscribe(listener: (state: MeState) => void) {
      const unsubscribe = store.subscribe(listener);
      if (store.getState().status === 'idle') load().catch(() => {});
      return unsubscribe;
    },
  };

  return {
    store: lazyStore,
    get: load,
    async update(patch: UpdateMe) {
      return settle(await transport.request<Me>('/v1/me', { method: 'PATCH', body: patch }));
    },
    async uploadPhoto(file: Blob, options?: UploadOptions) {
      if (!(file instanceof Blob)) {
        throw new BaylinkError({
          code: 'validation_failed',
          status: 0,
          message: 'uploadPhoto needs a File or Blob',
        });
      }
      return settle(await transport.upload<Me>('/v1/me/photo', file, options));
    },
    async deletePhoto() {
      return settle(await transport.request<Me>('/v1/me/photo', { method: 'DELETE' }));
    },
    destroy() {
      store.clear();
    },
  };
}
