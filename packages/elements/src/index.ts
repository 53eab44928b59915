// Registers every element (side effects) and names every public export: no `export *`.
import './auth/bay-login.ts';
import './auth/bay-password-reset.ts';
import './away-banner/bay-away-banner.ts';
import './notification-center/bay-notification-center.ts';
import './provider/bay-provider.ts';
import './push-permission/bay-push-devices.ts';
import './push-permission/bay-push-permission.ts';
import './settings-panel/bay-away-section.ts';
import './settings-panel/bay-notifications-section.ts';
import './settings-panel/bay-password-section.ts';
import './settings-panel/bay-profile-section.ts';
import './settings-panel/bay-settings-panel.ts';
import './settings-panel/bay-signature-section.ts';
import './user-name/bay-user-name.ts';

export {
  BayLoginEvent,
  BayPasswordResetDoneEvent,
  BayPasswordResetRequestedEvent,
  type PasswordResetDoneDetail,
  type PasswordResetRequestedDetail,
} from './auth/events.ts';
export { AUTH_PARTS, BayLogin, type LoginView } from './auth/login.ts';
export { BayPasswordReset, type PasswordResetView } from './auth/password-reset.ts';
export { AWAY_BANNER_PARTS, BayAwayBanner } from './away-banner/away-banner.ts';
export {
  type AwayDismissDetail,
  type AwayOpenSettingsDetail,
  BayAwayDismissEvent,
  BayAwayOpenSettingsEvent,
} from './away-banner/events.ts';
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
  BayPushChangeEvent,
  type PushChangeDetail,
  type PushPermissionState,
} from './push-permission/events.ts';
export { BayPushDevices, PUSH_DEVICES_PARTS } from './push-permission/push-devices.ts';
export {
  BayPushPermission,
  DEFAULT_SERVICE_WORKER_URL,
  PUSH_PERMISSION_PARTS,
  pushStateOf,
} from './push-permission/push-permission.ts';
export {
  AWAY_SECTION_PARTS,
  awaySettingsSection,
  BayAwaySection,
} from './settings-panel/away-section.ts';
export {
  BayNotificationsSection,
  NOTIFICATIONS_SECTION_PARTS,
  notificationsSettingsSection,
} from './settings-panel/notifications-section.ts';
export {
  BayPasswordSection,
  PASSWORD_FIELDS,
  PASSWORD_SECTION_PARTS,
  type PasswordField,
  passwordSettingsSection,
} from './settings-panel/password-section.ts';
export {
  BayProfileSection,
  PROFILE_FIELDS,
  PROFILE_SECTION_PARTS,
  type ProfileField,
} from './settings-panel/profile-section.ts';
export {
  BaySettingsDirtyEvent,
  BaySettingsNavigateEvent,
  type SettingsDirtyDetail,
  type SettingsNavigateDetail,
} from './settings-panel/settings-events.ts';
export {
  BaySettingsPanel,
  profileSettingsSection,
  type SettingsSection,
} from './settings-panel/settings-panel.ts';
export {
  sectionAttributes,
  sectionExportParts,
} from './settings-panel/settings-section.ts';
export {
  BaySignatureSection,
  SIGNATURE_SECTION_PARTS,
  signatureSettingsSection,
} from './settings-panel/signature-section.ts';
export { en } from './translations/en.ts';
export { fr } from './translations/fr.ts';
export { formatReturn, isAway } from './user-name/away-format.ts';
export { BayUserName, USER_NAME_PARTS } from './user-name/user-name.ts';
