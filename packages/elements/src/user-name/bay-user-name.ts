import { define } from '../internal/baylink-element.ts';
import { BayUserName } from './user-name.ts';

export { BayUserName };

define('bay-user-name', BayUserName);

declare global {
  interface HTMLElementTagNameMap {
    'bay-user-name': BayUserName;
  }
}
