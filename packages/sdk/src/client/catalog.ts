import type { Language } from '../contract/common.ts';
import type { Catalog } from '../contract/notifications.ts';
import type { Transport } from './transport.ts';
import type { CatalogModule, MeModule } from './types.ts';

/** `client.catalog`: the notification catalog in a language, fetched once per language. */
export function createCatalogModule(transport: Transport, me: MeModule): CatalogModule {
  const cache = new Map<Language, Promise<Catalog>>();
  return {
    async get(language?: Language) {
      const lang = language ?? me.store.getState().me?.language ?? (await me.get()).language;
      let pending = cache.get(lang);
      if (!pending) {
        pending = transport.request<Catalog>(`/v1/catalog?lang=${encodeURIComponent(lang)}`);
        cache.set(lang, pending);
        // A failure is not cached: the next call tries again.
        pending.catch(() => {
          if (cache.get(lang) === pending) cache.delete(lang);
        });
      }
      return pending;
    },
  };
}
