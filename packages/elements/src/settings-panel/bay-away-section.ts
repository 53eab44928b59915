import { define } from '../internal/baylink-element.ts';
import { BayAwaySection } from './away-section.ts';

export { BayAwaySection };

define('bay-away-section', BayAwaySection);

declare global {
  interface HTMLElementTagNameMap {
    'bay-away-section': BayAwaySection;
  }
}
