import type { Signature, SignedMessage, UpdateSignature } from '../contract/identity.ts';
import type { BaylinkError } from './error.ts';
import { ValueStore } from './store.ts';
import type { Transport } from './transport.ts';
import type { MeModule, MeState, SignatureModule, SignatureState } from './types.ts';

const PATH = '/v1/me/signature';

/**
 * What customers see under a message, by the API's rule: nothing when off, the text, or the
 * profile name when the text is empty. Used only to keep `effective` in step when the profile
 * name changes; every saved value comes from the API.
 */
function effective(signature: Signature, name: string): string | null {
  if (!signature.enabled) return null;
  const text = signature.text.trim();
  if (text !== '') return text;
  return name.trim() === '' ? null : name.trim();
}

/**
 * `client.signature`: the signed-in user's signature as a store (loaded when its first
 * subscriber arrives), `update` (the store takes the API's answer), and `apply`, which signs a
 * message body by the same rule the API uses for hosts.
 *
 * While the store has subscribers it also follows the profile, so an empty signature's
 * `effective` value (the profile name) changes with the name.
 */
export function createSignatureModule(
  transport: Transport,
  me: MeModule,
): SignatureModule & { destroy(): void } {
  const store = new ValueStore<SignatureState>({ status: 'idle', signature: null, error: null });
  let loading: Promise<Signature> | undefined;
  /** Bumped by every write, so the late answer of an older request never overwrites a newer one. */
  let version = 0;
  let listeners = 0;
  let stopFollowingMe: (() => void) | undefined;

  const settle = (signature: Signature, at: number): Signature => {
    // An older answer still fills an empty store (a newer one replaces it when it comes).
    if (at === version || !store.getState().signature) {
      store.setState({ status: 'ready', signature, error: null });
    }
    return signature;
  };

  const load = (): Promise<Signature> => {
    loading ??= (async () => {
      const at = version;
      store.setState((state) => ({
        ...state,
        status: state.signature ? state.status : 'loading',
      }));
      try {
        return settle(await transport.request<Signature>(PATH), at);
      } catch (error) {
        store.setState((state) => ({
          ...state,
          status: state.signature ? 'ready' : 'error',
          error: error as BaylinkError,
        }));
        throw error;
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  };

  const followName = ({ me: profile }: MeState) => {
    const current = store.getState().signature;
    if (!profile || !current) return;
    const next = effective(current, profile.name);
    if (next !== current.effective) {
      store.setState((state) => ({ ...state, signature: { ...current, effective: next } }));
    }
  };

  const lazyStore = {
    getState: () => store.getState(),
    subscribe(listener: (state: SignatureState) => void) {
      const unsubscribe = store.subscribe(listener);
      listeners += 1;
      if (listeners === 1) stopFollowingMe = me.store.subscribe(followName);
      if (store.getState().status === 'idle') load().catch(() => {});
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        unsubscribe();
        listeners -= 1;
        if (listeners === 0) {
          stopFollowingMe?.();
          stopFollowingMe = undefined;
        }
      };
    },
  };

  return {
    store: lazyStore,
    get: load,
    async update(patch: UpdateSignature) {
      const at = ++version;
      try {
        return settle(
          await transport.request<Signature>(PATH, { method: 'PATCH', body: patch }),
          at,
        );
      } catch (error) {
        if (at === version) {
          store.setState((state) => ({ ...state, error: error as BaylinkError }));
        }
        throw error;
      }
    },
    apply(body: string) {
      return transport.request<SignedMessage>(`${PATH}/apply`, {
        method: 'POST',
        body: { body },
      });
    },
    destroy() {
      stopFollowingMe?.();
      stopFollowingMe = undefined;
      store.clear();
    },
  };
}
