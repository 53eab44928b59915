import { define } from '../internal/baylink-element.ts';
import { BayNotificationCenter } from './notification-center.ts';

export { BayNotificationCenter };

define('bay-notification-center', BayNotificationCenter);

declare global {
  interface HTMLElementTagNameMap {
    'bay-notification-center': BayNotificationCenter;
  }
}
