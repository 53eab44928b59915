import type { BaylinkClient } from '@baylink/sdk';
import { ContextRoot, createContext } from '@lit/context';

/**
 * The SDK client, provided by `<bay-provider>` to every element inside it. The key is a global
 * symbol so that two copies of this library on one page still find each other's provider.
 */
export const clientContext = createContext<BaylinkClient | undefined>(Symbol.for('baylink-client'));

const ROOT = Symbol.for('baylink-context-root');

/**
 * Keeps context requests that no provider answered yet and replays them when a provider
 * appears, so elements work whatever order their tags are defined in (a host may load
 * `<bay-notification-center>` before `<bay-provider>`, or upgrade the provider later). One root
 * per document, shared by every copy of the library.
 */
export function attachContextRoot(doc: Document = document): void {
  const holder = doc as unknown as Record<symbol, ContextRoot | undefined>;
  if (holder[ROOT]) return;
  const root = new ContextRoot();
  root.attach(doc.documentElement);
  holder[ROOT] = root;
}
