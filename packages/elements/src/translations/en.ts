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

  'awayBanner.label': 'Away status',
  'awayBanner.away': 'You are away.',
  'awayBanner.awayUntil': 'You are away until {until}.',
  'awayBanner.cover': 'New conversations go to {cover}.',
  'awayBanner.turnOff': 'Turn off away status',
  'awayBanner.turningOff': 'Turning off…',
  'awayBanner.turnedOff': 'Your away status is off.',
  'awayBanner.turnOffFailed': 'Your away status could not be turned off. Try again.',
  'awayBanner.settings': 'Away status settings',
  'awayBanner.dismiss': 'Hide this reminder',

  'userName.away': 'Away',
  'userName.awayUntil': 'Away until {until}',
  'userName.covered': 'Covered by {cover}',
  'userName.coveredUntil': 'Covered by {cover} until {until}',

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

  // ── Settings panel shell and Notifications preferences: <bay-settings-panel>,
  // <bay-notifications-section> (issue 4) ── Wording from article 000 ("Managing Your
  // Notifications", "Notification Types", "Resetting Your Web Notifications"); the catalog's own
  // labels come from the API.
  'settings.section.notifications': 'Notifications',
  'settings.back': 'All settings',
  'settings.loading': 'Loading your settings…',
  'settings.discard.title': 'Discard changes?',
  'settings.discard.body':
    'Your changes in {section} are not saved. If you leave now, they will be lost.',
  'settings.discard.stay': 'Stay',
  'settings.discard.leave': 'Leave',
  'preferences.heading': 'Manage your notifications',
  'preferences.intro':
    'Choose which notifications you get, by category, and where: in Baylink, in your browser, by email or on your mobile. Each change is saved as you make it.',
  'preferences.loading': 'Loading your notification settings…',
  'preferences.loadFailed': 'Your notification settings could not be loaded.',
  'preferences.retry': 'Try again',
  'preferences.notConnected': 'Baylink is not connected on this page.',
  'preferences.search': 'Find a notification type',
  'preferences.results.one': '{count} notification type',
  'preferences.results.other': '{count} notification types',
  'preferences.results.none': 'No notification type matches “{query}”.',
  'preferences.typeColumn': 'Notification type',
  'preferences.all': 'All notification types',
  'preferences.category.all': '{category}: all types',
  'preferences.switch': '{row} — {channel}',
  'preferences.locked': 'Always on',
  'preferences.locked.why':
    'Always on: {channel} cannot be turned off for this type, so nothing important goes unnoticed.',
  'preferences.legend.locked': 'Always on: cannot be turned off, so errors never go unnoticed.',
  'preferences.unsupported': 'Not available for this type',
  'preferences.reset': 'Reset to defaults',
  'preferences.reset.title': 'Reset your notification settings?',
  'preferences.reset.body':
    'Every notification type and channel goes back to its default setting. The choices you made will be lost.',
  'preferences.reset.confirm': 'Reset to defaults',
  'preferences.reset.cancel': 'Cancel',
  'preferences.reset.done': 'Your notification settings are back to their defaults.',
  'preferences.reset.failed': 'Your notification settings could not be reset. Try again.',
  'preferences.saved': 'Saved',
  'preferences.saveFailed': '“{what}” could not be saved, so it was switched back. Try again.',
  'preferences.permission.granted': 'Allowed',
  'preferences.permission.default': 'Not allowed yet',
  'preferences.permission.denied': 'Blocked',
  'preferences.permission.unsupported': 'Not supported',
  'preferences.permission.defaultNote':
    'Browser notifications need your permission: your browser will ask you to allow notifications from this site.',
  'preferences.permission.unsupportedNote':
    'This browser cannot show notifications. For browser notifications, use a recent browser such as Google Chrome; in-app and email notifications work everywhere.',
  'preferences.permission.deniedTitle': 'Your browser blocks notifications from this site',
  'preferences.permission.deniedIntro':
    'Your Browser choices are kept, but nothing shows until you allow notifications again. In {browser}:',
  'preferences.permission.yourBrowser': 'your browser',
  'preferences.permission.chrome.1':
    'Click the View site information icon, directly before the web address.',
  'preferences.permission.chrome.2': 'Next to Notifications, select Allow.',
  'preferences.permission.edge.1':
    'Click the lock icon (View site information), directly before the web address.',
  'preferences.permission.edge.2': 'Under Permissions for this site, set Notifications to Allow.',
  'preferences.permission.firefox.1':
    'Click the permissions icon (a crossed-out bell), directly before the web address.',
  'preferences.permission.firefox.2': 'Next to Send notifications, click × to clear Blocked.',
  'preferences.permission.safari.1':
    'In the menu bar, choose Safari > Settings, then click Websites.',
  'preferences.permission.safari.2': 'Select Notifications, find this site and choose Allow.',
  'preferences.permission.other.1':
    'Click the lock or site information icon, directly before the web address.',
  'preferences.permission.other.2': 'Open the notifications drop-down menu and select Allow.',
  'preferences.permission.refresh': 'Refresh your page, then click Allow if your browser asks.',

  // ── Password: <bay-password-section>, <bay-login>, <bay-password-reset> (issue 4) ──
  // Wording from article 000 ("Password", "FORGET YOUR PASSWORD?", "SEND RESET INSTRUCTIONS").
  'settings.section.password': 'Password',
  'password.heading': 'Change password',
  'password.loading': 'Loading your password settings…',
  'password.loadFailed': 'Your password settings could not be loaded.',
  'password.retry': 'Try again',
  'password.notConnected': 'Baylink is not connected on this page.',
  'password.notApplicable':
    'You sign in through your dealership’s software, not with a Baylink password: change your password there.',
  'password.new': 'Password ({min} characters min)',
  'password.confirmation': 'Password confirmation',
  'password.current': 'Current password',
  'password.changedAt': 'Last changed {date}.',
  'password.save': 'Change password',
  'password.saving': 'Changing password…',
  'password.saved': 'Your password was changed.',
  'password.saveFailed': 'Your password could not be changed. Try again.',
  'password.checkFields': 'Your password was not changed. Check the fields marked in error.',

  'auth.show': 'Show',
  'auth.hide': 'Hide',
  'auth.show.label': 'Show {field}',
  'auth.hide.label': 'Hide {field}',
  'auth.field.password': 'password',
  'auth.field.newPassword': 'new password',
  'auth.field.confirmation': 'password confirmation',
  'auth.field.current': 'current password',
  'auth.rules.heading': 'Your password must have:',
  'auth.rule.length': 'At least {count} characters',
  'auth.rule.letter': 'Letters',
  'auth.rule.digit': 'Numbers',
  'auth.rule.mixedCase': 'Upper and lower case letters',
  'auth.rule.symbol': 'A symbol, such as ! or #',
  'auth.rule.met': 'met',
  'auth.rule.unmet': 'not met yet',
  'auth.rules.progress': 'Password rules met: {met} of {total}.',
  'auth.rules.allMet': 'Your password meets every rule.',
  'auth.error.emailRequired': 'Enter your email address.',
  'auth.error.emailInvalid': 'Enter an email address such as name@example.com.',
  'auth.error.passwordRequired': 'Enter your password.',
  'auth.error.newPasswordRequired': 'Enter a new password.',
  'auth.error.confirmationRequired': 'Enter the new password again to confirm it.',
  'auth.error.mismatch': 'The passwords do not match.',
  'auth.error.currentRequired': 'Enter your current password.',
  'auth.error.currentWrong': 'Your current password is not correct.',
  'auth.error.sameAsCurrent': 'Choose a password different from your current one.',
  'auth.error.tooLong': 'Use {max} characters or fewer.',
  'auth.error.rule.length': 'Use at least {count} characters.',
  'auth.error.rule.letter': 'Include at least one letter.',
  'auth.error.rule.digit': 'Include at least one number.',
  'auth.error.rule.mixedCase': 'Use both upper and lower case letters.',
  'auth.error.rule.symbol': 'Include at least one symbol, such as ! or #.',
  'auth.rateLimited': 'Too many attempts. Try again {when}.',
  'auth.rateLimitedSoon': 'Too many attempts. Wait a few minutes, then try again.',
  'auth.notConnected': 'Baylink is not connected on this page.',

  'login.heading': 'Sign in',
  'login.email': 'Email',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.success': 'You are signed in.',
  'login.failed': 'The email or password is not correct.',
  'login.notAvailable':
    'This account does not sign in with a Baylink password. Sign in through your dealership’s software.',
  'login.error': 'You could not be signed in. Try again.',
  'login.forgot': 'Forgot your password?',

  'reset.request.heading': 'Reset your password',
  'reset.request.intro':
    'Enter the email address you registered with. We will send you instructions to set a new password.',
  'reset.request.submit': 'Send reset instructions',
  'reset.request.sending': 'Sending…',
  'reset.request.sentHeading': 'Check your email',
  'reset.request.sent':
    'If an account is registered with {email}, we have sent it instructions to reset its password. The link works once and for a limited time.',
  'reset.request.sentHint': 'Nothing after a few minutes? Check your spam folder, or ask again.',
  'reset.request.failed': 'The instructions could not be sent. Try again.',
  'reset.request.back': 'Back to sign in',

  'reset.heading': 'Choose a new password',
  'reset.submit': 'Save new password',
  'reset.submitting': 'Saving…',
  'reset.failed': 'Your new password could not be saved. Try again.',
  'reset.checkFields': 'Your new password was not saved. Check the fields marked in error.',
  'reset.doneHeading': 'Password changed',
  'reset.done': 'Your password was changed. Sign in with your new password.',
  'reset.signIn': 'Sign in',
  'reset.invalidHeading': 'This link no longer works',
  'reset.invalid':
    'This password reset link is not valid: it was already used, it has expired, or it is incomplete. Ask for a new one.',
  'reset.askAgain': 'Ask for a new link',

  // ── Signature: <bay-signature-section> (issue 4) ──
  // Wording from article 000, "Setting Up Your Signature" ("Activate or deactivate the signature
  // when sending a message", "Your signature", "Update Signature").
  'settings.section.signature': 'Signature',
  'signature.heading': 'Message signature',
  'signature.intro':
    'Your signature is added to every message you send manually to customers, so they know who they are talking to. If you leave it empty, your profile name is used.',
  'signature.loading': 'Loading your signature…',
  'signature.loadFailed': 'Your signature could not be loaded.',
  'signature.retry': 'Try again',
  'signature.notConnected': 'Baylink is not connected on this page.',
  'signature.switch': 'Activate or deactivate the signature when sending a message',
  'signature.switch.on': 'On',
  'signature.switch.off': 'Off',
  'signature.text': 'Your signature',
  'signature.text.hint':
    'It can span several lines. Leave it empty to sign with your profile name, {name}.',
  'signature.text.limit': 'Up to {max} characters.',
  'signature.counter': '{count} of {max} characters',
  'signature.counter.left.one': '{count} character left',
  'signature.counter.left.other': '{count} characters left',
  'signature.counter.over.one': '{count} character too many',
  'signature.counter.over.other': '{count} characters too many',
  'signature.preview': 'What your customers will see',
  'signature.preview.sample':
    'Hello, your vehicle is ready. You can pick it up today before 6 p.m.',
  'signature.preview.name': 'Your signature is empty, so your profile name is used.',
  'signature.preview.off': 'Signature off: your messages are sent without a signature.',
  'signature.preview.on': 'Added under every message you send manually.',
  'signature.save': 'Update signature',
  'signature.saving': 'Updating…',
  'signature.saved': 'Your signature was updated.',
  'signature.saveFailed': 'Your signature could not be updated. Try again.',
  'signature.checkFields': 'Your signature was not updated. Check the fields marked in error.',
  'signature.error.tooLong': 'Use {max} characters or fewer.',

  'error.network': 'Baylink could not be reached. Check your connection and try again.',
  'error.unauthorized': 'Your session has expired. Reload the page to sign in again.',

  'settings.section.away': 'Away Status',
  'away.heading': 'Away status',
  'away.intro':
    'Turn on the away mode when you leave for vacation or are unavailable: your team sees how long you are away and who is in charge of your conversations.',
  'away.loading': 'Loading your away status…',
  'away.loadFailed': 'Your away status could not be loaded.',
  'away.retry': 'Try again',
  'away.notConnected': 'Baylink is not connected on this page.',
  'away.switch': 'Away mode',
  'away.switch.on': 'On',
  'away.switch.off': 'Off',
  'away.summary.available': 'You are available.',
  'away.summary.away': 'You are away.',
  'away.summary.since': 'You have been away since {since}.',
  'away.summary.sinceUntil': 'You have been away since {since}, until {until}.',
  'away.assignee': 'Assign to',
  'away.assignee.hint':
    'New conversations go to this person or team while you are away. Type to search.',
  'away.assignee.toggle': 'Show people and teams',
  'away.assignee.nobody': 'Nobody — keep my conversations',
  'away.assignee.teams': 'Teams',
  'away.assignee.people': 'People',
  'away.assignee.team': 'Team',
  'away.assignee.available.one': '{count} of {total} available',
  'away.assignee.available.other': '{count} of {total} available',
  'away.assignee.away': 'Away',
  'away.assignee.awayUntil': 'Away until {until}',
  'away.assignee.count.one': '{count} match',
  'away.assignee.count.other': '{count} matches',
  'away.assignee.noMatch': 'No person or team matches “{query}”.',
  'away.assignee.loading': 'Loading people and teams…',
  'away.assignee.loadFailed': 'The people and teams could not be loaded.',
  'away.warning.userAway':
    '{name} is away too: new conversations will stay with you until they are back.',
  'away.warning.userAwayUntil':
    '{name} is away until {until}: until then, new conversations will stay with you.',
  'away.warning.teamAway':
    'Nobody in {name} is available right now: new conversations would stay with you.',
  'away.until': 'Return date',
  'away.until.hint': 'Optional. Your away status turns itself off at that moment.',
  'away.until.date': 'Away until',
  'away.until.time': 'Time of the day',
  'away.until.clear': 'Clear',
  'away.until.clearLabel': 'Clear the return date',
  'away.until.timeZone': 'Time zone: {zone}',
  'away.until.converted': 'Entered as {moment}, {zone}; shown here in your time zone.',
  'away.rules': 'How it works',
  'away.rules.assignee': 'New conversations go to the person or team you choose.',
  'away.rules.chain': 'If that person is away too, new conversations stay with you.',
  'away.rules.team':
    'A team gives each new conversation to the available member who has waited longest for one.',
  'away.rules.replied': 'A conversation you answer while away stays yours.',
  'away.rules.return': 'Your away status turns itself off at the return date.',
  'away.preview': 'What your team sees',
  'away.preview.available': 'Available',
  'away.preview.away': 'Away',
  'away.preview.covered': 'Covered by {name}',
  'away.preview.until': 'Away until {until}',
  'away.preview.coveredUntil': 'Covered by {name} until {until}',
  'away.save': 'Save away status',
  'away.saving': 'Saving…',
  'away.saved.on': 'Saved: you are away.',
  'away.saved.off': 'Saved: you are available.',
  'away.saveFailed': 'Your away status could not be saved. Try again.',
  'away.checkFields': 'Your away status was not saved. Check the fields marked in error.',
  'away.error.dateMissing': 'Choose the date you are back, or clear the time.',
  'away.error.timeMissing': 'Choose the time of the day you are back, or clear the date.',
  'away.error.invalidDate': 'Enter a date that exists.',
  'away.error.past': 'Choose a moment in the future.',
  'away.live.ended': 'Your away status turned itself off: you are available.',
  'away.live.changed': 'Your away status was changed elsewhere.',
  'away.elsewhere.on':
    'Your away status was changed elsewhere and is now on. Your edits are kept: saving replaces it.',
  'away.elsewhere.off':
    'Your away status was changed elsewhere and is now off. Your edits are kept: saving replaces it.',
  'away.elsewhere.show': 'Show the current status',
  // ── Browser notifications: <bay-push-permission>, <bay-push-devices>, quiet hours (issue 6) ──
  'push.heading': 'Browser notifications',
  'push.notConnected': 'Baylink is not connected on this page.',
  'push.state.checking': 'Checking this browser…',
  'push.state.unsupported': 'Not available here',
  'push.state.notAllowed': 'Off: not allowed yet',
  'push.state.off': 'Off on this browser',
  'push.state.on': 'On for this browser',
  'push.state.blocked': 'Blocked by your browser',
  'push.state.busy': 'Working…',
  'push.state.error': 'This browser could not be checked',
  'push.state.turningOn': 'Turning on…',
  'push.state.turningOff': 'Turning off…',
  'push.description.notAllowed':
    'Get a notification on this computer or phone when something needs you, even when Baylink is not open. Your browser will ask you to allow notifications from this site.',
  'push.description.off':
    'Your browser allows notifications from this site, but this browser does not get your Baylink notifications yet.',
  'push.description.on':
    'This browser shows your Baylink notifications, even when the page is closed. Choose which ones in the Browser column.',
  'push.description.blocked':
    'Your browser blocks notifications from this site, so nothing shows on this browser.',
  'push.blocked.intro': 'To allow them again in {browser}:',
  'push.enable': 'Turn on browser notifications',
  'push.disable': 'Turn off on this browser',
  'push.test': 'Send a test',
  'push.testing': 'Sending…',
  'push.checkAgain': 'Check again',
  'push.retry': 'Try again',
  'push.enabled': 'Browser notifications are on for this browser.',
  'push.disabled': 'Browser notifications are off on this browser.',
  'push.dismissed':
    'Your browser did not turn notifications on. Click the button again and choose Allow when your browser asks.',
  'push.blockedNow':
    'Notifications were blocked for this site. To change your mind, follow the steps below.',
  'push.test.sent': 'Test sent. It should show on this browser in a few seconds.',
  'push.test.gone':
    'This browser’s subscription had expired, so it was removed. Turn browser notifications on again.',
  'push.test.failed': 'The test could not be delivered: {reason}',
  'push.test.unreachable': 'the push service could not be reached.',
  'push.test.error': 'The test could not be sent. Try again.',
  'push.checkFailed': 'Baylink could not check this browser’s notifications.',
  'push.enableFailed': 'Browser notifications could not be turned on. Try again.',
  'push.disableFailed': 'Browser notifications could not be turned off. Try again.',
  'push.unsupported.ios':
    'On iPhone and iPad, notifications work only from the Home Screen. Add this site to your Home Screen, open it from there, then turn notifications on.',
  'push.unsupported.ios.1': 'In Safari, tap the Share button.',
  'push.unsupported.ios.2': 'Choose Add to Home Screen, then Add.',
  'push.unsupported.ios.3':
    'Open the site from its new icon on your Home Screen, then turn browser notifications on.',
  'push.unsupported.frame':
    'This page shows Baylink inside another site, where browsers do not allow notifications to be turned on. Open Baylink in its own tab to turn them on.',
  'push.unsupported.insecure':
    'Browser notifications need a secure connection. Open this page with an https address to turn them on.',
  'push.unsupported.browser':
    'This browser cannot receive notifications from websites. Use a recent Chrome, Edge, Firefox or Safari; in-app and email notifications work everywhere.',
  'push.steps.ios.1': 'Open the Settings app, then tap Notifications.',
  'push.steps.ios.2':
    'Tap this site’s name (as on your Home Screen) and turn on Allow Notifications.',
  'push.steps.ios.3': 'Open the site again from your Home Screen.',
  'push.devices.heading': 'Devices',
  'push.devices.intro': 'The browsers and devices that get your browser notifications.',
  'push.devices.loading': 'Loading your devices…',
  'push.devices.loadFailed': 'Your devices could not be loaded.',
  'push.devices.reloadFailed':
    'Your devices could not be loaded again: this list may be out of date.',
  'push.devices.empty':
    'No browser gets your browser notifications yet. Turn them on in each browser you use.',
  'push.devices.thisBrowser': 'This browser',
  'push.devices.added': 'Added on {date}',
  'push.devices.neverUsed': 'not used yet',
  'push.devices.lastUsed': 'last used {when}',
  'push.devices.lastUsedNow': 'last used just now',
  'push.devices.test': 'Send test',
  'push.devices.testLabel': 'Send test to {device}',
  'push.devices.remove': 'Remove',
  'push.devices.removeLabel': 'Remove {device}',
  'push.devices.removing': 'Removing…',
  'push.devices.testSent': 'Test sent to {device}.',
  'push.devices.testGone':
    '{device} no longer accepts notifications (its subscription expired), so it was removed.',
  'push.devices.testFailed': 'The test could not reach {device}: {reason}',
  'push.devices.testError': 'The test to {device} could not be sent. Try again.',
  'push.devices.removed': '{device} was removed. It no longer gets your notifications.',
  'push.devices.removeFailed': '{device} could not be removed. Try again.',
  'push.devices.confirmTitle': 'Remove {device}?',
  'push.devices.confirmBody':
    'It will stop getting your browser notifications. To get them there again, turn them on from that browser.',
  'push.devices.confirmBodyThis':
    'This browser will stop getting your notifications. You can turn them on again here at any time.',
  'push.devices.cancel': 'Cancel',
  'quietHours.heading': 'Quiet hours',
  'quietHours.rule':
    'Browser and mobile notifications wait until the quiet hours end; required notifications still come through. In-app and email notifications arrive as usual.',
  'quietHours.loading': 'Loading your quiet hours…',
  'quietHours.loadFailed': 'Your quiet hours could not be loaded.',
  'quietHours.retry': 'Try again',
  'quietHours.switch': 'Hold browser and mobile notifications during quiet hours',
  'quietHours.on': 'On',
  'quietHours.off': 'Off',
  'quietHours.hours': 'Hours',
  'quietHours.start': 'From',
  'quietHours.end': 'Until',
  'quietHours.overnightHint':
    'An end before the start runs past midnight: 22:00 to 07:00 ends the next morning.',
  'quietHours.timeZone': 'Times are in your time zone: {zone}.',
  'quietHours.otherZone': 'They were saved in {zone}; saving sets them in this time zone.',
  'quietHours.days': 'Days',
  'quietHours.days.hint': 'The days on which the quiet hours start.',
  'quietHours.days.every': 'every day',
  'quietHours.days.weekdays': 'Monday to Friday',
  'quietHours.days.weekends': 'weekends',
  'quietHours.summary.off': 'Quiet hours are off: notifications arrive at any time.',
  'quietHours.summary': 'Browser and mobile notifications wait from {start} to {end} ({days}).',
  'quietHours.summary.overnight':
    'Browser and mobile notifications wait from {start} to {end} the next morning ({days}).',
  'quietHours.save': 'Save quiet hours',
  'quietHours.saving': 'Saving…',
  'quietHours.saved': 'Your quiet hours are saved.',
  'quietHours.saveFailed': 'Your quiet hours could not be saved. Try again.',
  'quietHours.checkFields': 'Your quiet hours were not saved. Check the fields marked in error.',
  'quietHours.error.time': 'Enter a time, such as 22:00.',
  'quietHours.error.sameTime': 'The quiet hours must end at another time than they start.',
  'quietHours.error.days': 'Choose at least one day.',
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
