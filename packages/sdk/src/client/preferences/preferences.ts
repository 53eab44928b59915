import type {
  Catalog,
  PreferenceChange,
  Preferences,
  UpdatePreferences,
} from '../../contract/notifications.ts';
import type { BaylinkError } from '../error.ts';
import { ValueStore } from '../store.ts';
import type { Transport } from '../transport.ts';
import type { CatalogModule, PreferencesModule, PreferencesState } from '../types.ts';
import { applyPreferenceChanges, EMPTY_OVERRIDES, effectivePreferences } from './apply.ts';

const PATH = '/v1/me/preferences';

/**
 * `client.preferences`: the user's notification preferences as a store (loaded on first
 * subscribe); updates show at once and are rolled back if the API refuses them (a required
 * channel switched off answers 400).
 */
export function createPreferencesModule(
  transport: Transport,
  catalogModule: CatalogModule,
): PreferencesModule & { destroy(): void } {
  const store = new ValueStore<PreferencesState>({
    status: 'idle',
    preferences: null,
    error: null,
  });
  /** The catalog the optimistic rules read (any language: only its structure is used). */
  let catalog: Catalog | undefined;
  const fetchCatalog = () => {
    if (!catalog) {
      catalogModule.get().then(
        (loaded) => {
          catalog = loaded;
        },
        () => {},
      );
    }
  };
  let loading: Promise<Preferences> | undefined;
  /** Bumped by every write, so a late answer of an older one does not overwrite a newer one. */
  let version = 0;

  const settle = (preferences: Preferences, at: number): Preferences => {
    if (at === version) store.setState({ status: 'ready', preferences, error: null });
    return preferences;
  };

  const load = (): Promise<Preferences> => {
    // A settings screen shows the catalog anyway; with it, updates can show at once.
    fetchCatalog();
    loading ??= (async () => {
      const at = version;
      store.setState((state) => ({
        ...state,
        status: state.preferences ? state.status : 'loading',
      }));
      try {
        return settle(await transport.request<Preferences>(PATH), at);
      } catch (error) {
        store.setState((state) => ({
          ...state,
          status: state.preferences ? 'ready' : 'error',
          error: error as BaylinkError,
        }));
        throw error;
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  };

  const write = async (
    body: UpdatePreferences,
    optimistic: (current: Preferences) => Preferences,
  ): Promise<Preferences> => {
    const at = ++version;
    const previous = store.getState();
    if (previous.preferences) {
      store.setState({ ...previous, preferences: optimistic(previous.preferences), error: null });
    }
    try {
      return settle(await transport.request<Preferences>(PATH, { method: 'PATCH', body }), at);
    } catch (error) {
      if (at === version) {
        store.setState({ ...previous, error: error as BaylinkError });
      } else {
        // A newer write went out on top of this one: ask the API what holds now.
        load().catch(() => {});
      }
      throw error;
    }
  };

  return {
    store: {
      getState: () => store.getState(),
      subscribe(listener) {
        const unsubscribe = store.subscribe(listener);
        if (store.getState().status === 'idle') load().catch(() => {});
        return unsubscribe;
      },
    },
    get: load,
    update(changes: PreferenceChange[]) {
      return write({ changes }, (current) => {
        // Without the catalog yet there is nothing to compute from: the answer shows the change.
        if (!catalog) return current;
        const overrides = applyPreferenceChanges(current.overrides, changes, catalog);
        return { ...current, overrides, effective: effectivePreferences(overrides, catalog) };
      });
    },
    reset() {
      return write({ reset: true }, (current) =>
        catalog
          ? {
              ...current,
              overrides: EMPTY_OVERRIDES,
              effective: effectivePreferences(EMPTY_OVERRIDES, catalog),
            }
          : current,
      );
    },
    destroy() {
      store.clear();
    },
  };
}
