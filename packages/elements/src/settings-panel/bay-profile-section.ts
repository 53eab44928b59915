import { define } from '../internal/baylink-element.ts';
import { BayProfileSection } from './profile-section.ts';

export { BayProfileSection };

define('bay-profile-section', BayProfileSection);

declare global {
  interface HTMLElementTagNameMap {
    'bay-profile-section': BayProfileSection;
  }
}
