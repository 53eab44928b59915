import './bay-away-section.ts';
import './bay-notifications-section.ts';
import './bay-password-section.ts';
import './bay-profile-section.ts';
import './bay-signature-section.ts';
import { define } from '../internal/baylink-element.ts';
import { BaySettingsPanel } from './settings-panel.ts';

export { BaySettingsPanel };

define('bay-settings-panel', BaySettingsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'bay-settings-panel': BaySettingsPanel;
  }
}
