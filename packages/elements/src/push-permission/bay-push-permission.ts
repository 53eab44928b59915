import { define } from '../internal/baylink-element.ts';
import { BayPushPermission } from './push-permission.ts';

export { BayPushPermission };

define('bay-push-permission', BayPushPermission);

declare global {
  interface HTMLElementTagNameMap {
    'bay-push-permission': BayPushPermission;
  }
}
