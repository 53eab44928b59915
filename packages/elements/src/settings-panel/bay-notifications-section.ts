import { define } from '../internal/baylink-element.ts';
import { BayNotificationsSection } from './notifications-section.ts';

export { BayNotificationsSection };

define('bay-notifications-section', BayNotificationsSection);

declare global {
  interface HTMLElementTagNameMap {
    'bay-notifications-section': BayNotificationsSection;
  }
}
