import { define } from '../internal/baylink-element.ts';
import { BayProvider } from './provider.ts';

export { BayProvider };

define('bay-provider', BayProvider);

declare global {
  interface HTMLElementTagNameMap {
    'bay-provider': BayProvider;
  }
}
