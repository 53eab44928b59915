import type { BaylinkClient } from '@baylink/sdk';

// The SDK types the notification center works with, derived from `BaylinkClient` so that the
// element depends on the client's interface only (types, erased at build time), not on which
// names the SDK's entry happens to export.

export type NotificationsModule = BaylinkClient['notifications'];
export type NotificationsState = ReturnType<NotificationsModule['store']['getState']>;
export type InboxFilter = NotificationsState['filter'];
export type InboxNotification = NotificationsState['items'][number];
export type InboxCounts = NotificationsState['counts'];
export type RealtimeModule = BaylinkClient['realtime'];
export type ConnectionStatus = ReturnType<RealtimeModule['status']['getState']>;
export type RealtimeEvent = Parameters<Parameters<RealtimeModule['subscribe']>[0]>[0];
export type CatalogModule = BaylinkClient['catalog'];
export type LocalizedCatalog = Awaited<ReturnType<CatalogModule['get']>>;
export type PreferencesModule = BaylinkClient['preferences'];
export type PreferencesState = ReturnType<PreferencesModule['store']['getState']>;
export type UserPreferences = Awaited<ReturnType<PreferencesModule['get']>>;
export type PreferenceChangeInput = Parameters<PreferencesModule['update']>[0][number];
export type InboxListQuery = NonNullable<Parameters<NotificationsModule['list']>[0]>;
export type InboxListPage = Awaited<ReturnType<NotificationsModule['list']>>;
