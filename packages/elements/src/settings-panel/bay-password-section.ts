import { define } from '../internal/baylink-element.ts';
import { BayPasswordSection } from './password-section.ts';

export { BayPasswordSection };

define('bay-password-section', BayPasswordSection);

declare global {
  interface HTMLElementTagNameMap {
    'bay-password-section': BayPasswordSection;
  }
}
