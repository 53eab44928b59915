import { define } from '../internal/baylink-element.ts';
import { BayPasswordReset } from './password-reset.ts';

export { BayPasswordReset };

define('bay-password-reset', BayPasswordReset);

declare global {
  interface HTMLElementTagNameMap {
    'bay-password-reset': BayPasswordReset;
  }
}
