// Registers every element (side effects) and names every public export: no `export *`.
import './notification-center/bay-notification-center.ts';
import './provider/bay-provider.ts';
import './settings-panel/bay-profile-section.ts';
import './settings-panel/bay-settings-panel.ts';

export { BaylinkElement, define } from './internal/baylink-element.ts';
export { clientContext } from './internal/context.ts';
export {
  BayErrorEvent,
  BaySettingsChangeEvent,
  type ErrorDetail,
  type ErrorOperation,
  type SettingsChangeDetail,
  type SettingsSectionName,
} from './internal/events.ts';
export {
  formatBytes,
  formatPercent,
  matchLanguage,
  onTranslationsChange,
  registerTranslation,
  type StringsByLanguage,
  supportedLanguages,
  type Translation,
  type TranslationKey,
  type TranslationOverrides,
} from './internal/localize.ts';
export { StoreController } from './internal/store-controller.ts';
export {
  BayNotificationOpenEvent,
  type NotificationOpenDetail,
} from './notification-center/events.ts';
export {
  BayNotificationCenter,
  NOTIFICATION_CENTER_PARTS,
} from './notification-center/notification-center.ts';
export { BayProvider } from './provider/provider.ts';
export {
  BayProfileSection,
  PROFILE_FIELDS,
  PROFILE_SECTION_PARTS,
  type ProfileField,
} from './settings-panel/profile-section.ts';
export {
  BaySettingsPanel,
  profileSettingsSection,
  type SettingsSection,
} from './settings-panel/settings-panel.ts';
export { en } from './translations/en.ts';
export { fr } from './translations/fr.ts';
