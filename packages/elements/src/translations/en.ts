/**
 * English strings: the reference table. Every other language is typed against its keys, so a
 * missing or misspelt French string is a type error. Wording follows the help article
 * "Managing Your User Profile".
 */
export const en = {
  $code: 'en',
  $name: 'English',

  'settings.heading': 'Your settings',
  'settings.nav': 'Settings sections',
  'settings.section.profile': 'Profile',

  'profile.heading': 'Profile information',
  'profile.loading': 'Loading your profile…',
  'profile.loadFailed': 'Your profile could not be loaded.',
  'profile.retry': 'Try again',
  'profile.notConnected': 'Baylink is not connected on this page.',

  'profile.photo.label': 'Photo',
  'profile.photo.alt': 'Your profile photo',
  'profile.photo.upload': 'Upload photo',
  'profile.photo.delete': 'Delete photo',
  'profile.photo.note':
    'Your photo is only visible in Baylink, next to your name, to your colleagues. Your customers never see it.',
  'profile.photo.types': 'JPEG, PNG or WebP, up to {max}.',
  'profile.photo.uploading': 'Uploading photo',
  'profile.photo.uploaded': 'Your photo was uploaded.',
  'profile.photo.deleted': 'Your photo was deleted.',
  'profile.photo.wrongType': 'This file is not a JPEG, PNG or WebP image. Choose another photo.',
  'profile.photo.tooBig': 'This photo is larger than {max}. Choose a smaller one.',
  'profile.photo.uploadFailed': 'Your photo could not be uploaded. Try again.',
  'profile.photo.deleteFailed': 'Your photo could not be deleted. Try again.',

  'profile.name': 'Name',
  'profile.email': 'Email',
  'profile.language': 'Preferred language',
  'profile.language.hint': 'Used for all communications from Baylink.',
  'profile.jobPosition': 'Job position',
  'profile.referenceId': 'Reference ID',
  'profile.referenceId.hint':
    'Your ID in another software integrated with Baylink. Only useful with an integration: it assigns conversations to you automatically.',
  'profile.optional': '(optional)',

  'profile.save': 'Save changes',
  'profile.saving': 'Saving…',
  'profile.saved': 'Your profile was saved.',
  'profile.saveFailed': 'Your profile could not be saved. Try again.',
  'profile.checkFields': 'Your profile could not be saved. Check the fields marked in error.',

  'profile.error.nameRequired': 'Enter your name.',
  'profile.error.emailRequired': 'Enter your email address.',
  'profile.error.emailInvalid': 'Enter an email address such as name@example.com.',
  'profile.error.tooLong': 'Use {max} characters or fewer.',
  'profile.error.emailTaken': 'Another user already has this email address.',
  'profile.error.referenceIdTaken': 'Another user already has this reference ID.',

  'notifications.heading': 'Notifications',
  'notifications.bell.unread.one': 'Notifications, {count} unread',
  'notifications.bell.unread.other': 'Notifications, {count} unread',
  'notifications.close': 'Close notifications',
  'notifications.markAllRead': 'Mark all as read',
  'notifications.markedAllRead': 'All notifications shown were marked as read.',
  'notifications.tabs': 'Show',
  'notifications.tab.unread': 'Unread',
  'notifications.tab.all': 'All',
  'notifications.filter': 'Category',
  'notifications.filter.all': 'All categories',
  'notifications.list': 'Your notifications',
  'notifications.today': 'Today',
  'notifications.yesterday': 'Yesterday',
  'notifications.unread': 'Unread',
  'notifications.markRead': 'Mark as read',
  'notifications.markUnread': 'Mark as unread',
  'notifications.archive': 'Archive',
  'notifications.archived': 'Notification archived.',
  'notifications.empty.unread': 'You’re all caught up',
  'notifications.empty.all': 'No notifications yet',
  'notifications.empty.hint': 'New notifications will appear here as they arrive.',
  'notifications.loading': 'Loading notifications…',
  'notifications.loadingMore': 'Loading older notifications…',
  'notifications.loadFailed': 'Your notifications could not be loaded.',
  'notifications.moreFailed': 'Older notifications could not be loaded.',
  'notifications.retry': 'Try again',
  'notifications.actionFailed': 'That change could not be saved. Try again.',
  'notifications.reconnecting': 'Reconnecting…',
  'notifications.arrived.one': 'New notification: {title}',
  'notifications.arrived.other': '{count} new notifications',
  'notifications.notConnected': 'Baylink is not connected on this page.',

  'error.network': 'Baylink could not be reached. Check your connection and try again.',
  'error.unauthorized': 'Your session has expired. Reload the page to sign in again.',
} as const;

/** The keys every language provides. */
export type TranslationKey = keyof typeof en;

/** A complete table for one language. */
export type Translation = { [K in TranslationKey]: string };

type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

/** The values a string needs: `{ max: '5 MB' }` for `'Use {max} characters or fewer.'`. */
export type TranslationParams<K extends TranslationKey> = [Placeholders<(typeof en)[K]>] extends [
  never,
]
  ? []
  : [params: Record<Placeholders<(typeof en)[K]>, string | number>];

/** The keys whose strings take no values. */
export type PlainTranslationKey = {
  [K in TranslationKey]: TranslationParams<K> extends [] ? K : never;
}[TranslationKey];
