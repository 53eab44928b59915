import { define } from '../internal/baylink-element.ts';
import { BayAwayBanner } from './away-banner.ts';

export { BayAwayBanner };

define('bay-away-banner', BayAwayBanner);

declare global {
  interface HTMLElementTagNameMap {
    'bay-away-banner': BayAwayBanner;
  }
}
