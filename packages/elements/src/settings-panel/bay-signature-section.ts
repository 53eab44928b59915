import { define } from '../internal/baylink-element.ts';
import { BaySignatureSection } from './signature-section.ts';

export { BaySignatureSection };

define('bay-signature-section', BaySignatureSection);

declare global {
  interface HTMLElementTagNameMap {
    'bay-signature-section': BaySignatureSection;
  }
}
