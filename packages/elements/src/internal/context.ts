import type { BaylinkClient } from '@baylink/sdk';
import { createContext } from '@lit/context';

/**
 * The SDK client, provided by `<bay-provider>` to every element inside it. The key is a global
 * symbol so that two copies of this library on one page still find each other's provider.
 */
export const clientContext = createContext<BaylinkClient | undefined>(Symbol.for('baylink-client'));
