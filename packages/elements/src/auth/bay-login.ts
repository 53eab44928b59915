import { define } from '../internal/baylink-element.ts';
import { BayLogin } from './login.ts';

export { BayLogin };

define('bay-login', BayLogin);

declare global {
  interface HTMLElementTagNameMap {
    'bay-login': BayLogin;
  }
}
