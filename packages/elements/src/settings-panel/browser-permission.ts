import type { PushUnsupportedReason } from '@baylink/sdk';
import type { PlainTranslationKey } from '../internal/localize.ts';

// What the browser says about notifications for this site, and how to allow them again once
// blocked (article 000, "Resetting Your Web Notifications", adapted to each browser). Asking for
// the permission belongs to `<bay-push-permission>`; here it is only read and explained.

/** `Notification.permission`, or `unsupported` where the browser has no Notification API. */
export type BrowserPermission = 'granted' | 'default' | 'denied' | 'unsupported';

/**
 * The browsers whose settings the re-enable steps describe; `other` gets the article's steps.
 * `ios` is any browser on an iPhone or iPad, where a web app's notifications are allowed in the
 * Settings app.
 */
export type BrowserName = 'chrome' | 'edge' | 'firefox' | 'safari' | 'ios' | 'other';

export const BROWSER_PERMISSIONS: readonly BrowserPermission[] = [
  'granted',
  'default',
  'denied',
  'unsupported',
];
export const BROWSER_NAMES: readonly BrowserName[] = [
  'chrome',
  'edge',
  'firefox',
  'safari',
  'ios',
  'other',
];

/** This browser's notification permission for the page's origin. */
export function readPermission(): BrowserPermission {
  if (typeof Notification === 'undefined') return 'unsupported';
  const permission = Notification.permission;
  return permission === 'granted' || permission === 'denied' ? permission : 'default';
}

/**
 * Calls `listener` when the user changes the permission in the browser's site settings (where
 * the Permissions API reports it). Returns the unsubscribe.
 */
export function watchPermission(listener: (permission: BrowserPermission) => void): () => void {
  let stopped = false;
  let status: PermissionStatus | undefined;
  const onChange = () => listener(readPermission());
  navigator.permissions
    ?.query({ name: 'notifications' as PermissionName })
    .then((result) => {
      if (stopped) return;
      status = result;
      status.addEventListener('change', onChange);
    })
    .catch(() => {});
  return () => {
    stopped = true;
    status?.removeEventListener('change', onChange);
  };
}

interface BrowserHints {
  userAgent: string;
  userAgentData?: { brands?: readonly { brand: string }[] };
  /** iPadOS says "Macintosh" in its user agent; its touch points give it away. */
  maxTouchPoints?: number;
}

/**
 * The browser in use, from `navigator.userAgentData` brands where Chromium-based browsers give
 * them, else from the user agent. Chromium-based browsers other than Edge follow Chrome's steps.
 */
export function detectBrowser(
  hints: BrowserHints = navigator as Navigator & BrowserHints,
): BrowserName {
  const brands = hints.userAgentData?.brands?.map((entry) => entry.brand) ?? [];
  if (brands.some((brand) => /Microsoft Edge/i.test(brand))) return 'edge';
  if (brands.some((brand) => /Google Chrome/i.test(brand))) return 'chrome';
  const agent = hints.userAgent;
  if (/\b(iPhone|iPad|iPod)\b/.test(agent)) return 'ios';
  if (/\bMacintosh\b/.test(agent) && (hints.maxTouchPoints ?? 0) > 1) return 'ios';
  if (/\bEdg(e|A)?\//.test(agent)) return 'edge';
  if (/\b(Firefox|FxiOS)\//.test(agent)) return 'firefox';
  if (/(Chrome|CriOS|Chromium)\//.test(agent)) return 'chrome';
  if (/\bSafari\//.test(agent) && /\bVersion\//.test(agent)) return 'safari';
  return 'other';
}

/** The browser's name as people know it (`other`: none; say "your browser"). */
export const BROWSER_LABELS: Readonly<Record<BrowserName, string | undefined>> = {
  chrome: 'Google Chrome',
  edge: 'Microsoft Edge',
  firefox: 'Firefox',
  safari: 'Safari',
  ios: 'iOS',
  other: undefined,
};

/** The steps to allow notifications again for this site, as translation keys, in order. */
export const REENABLE_STEPS: Readonly<Record<BrowserName, readonly PlainTranslationKey[]>> = {
  chrome: [
    'preferences.permission.chrome.1',
    'preferences.permission.chrome.2',
    'preferences.permission.refresh',
  ],
  edge: [
    'preferences.permission.edge.1',
    'preferences.permission.edge.2',
    'preferences.permission.refresh',
  ],
  firefox: [
    'preferences.permission.firefox.1',
    'preferences.permission.firefox.2',
    'preferences.permission.refresh',
  ],
  safari: [
    'preferences.permission.safari.1',
    'preferences.permission.safari.2',
    'preferences.permission.refresh',
  ],
  ios: ['push.steps.ios.1', 'push.steps.ios.2', 'push.steps.ios.3'],
  other: [
    'preferences.permission.other.1',
    'preferences.permission.other.2',
    'preferences.permission.refresh',
  ],
};

/** The short state shown in the Browser column's header. */
export const PERMISSION_LABELS: Readonly<Record<BrowserPermission, PlainTranslationKey>> = {
  granted: 'preferences.permission.granted',
  default: 'preferences.permission.default',
  denied: 'preferences.permission.denied',
  unsupported: 'preferences.permission.unsupported',
};

/**
 * Why browser notifications cannot work here, said to the user: a sentence, and for an iPhone or
 * iPad the steps to add the site to the Home Screen (`client.push.browserState()` gives `reason`).
 */
export const UNSUPPORTED_REASONS: Readonly<
  Record<
    PushUnsupportedReason,
    { text: PlainTranslationKey; steps: readonly PlainTranslationKey[] }
  >
> = {
  'ios-needs-home-screen': {
    text: 'push.unsupported.ios',
    steps: ['push.unsupported.ios.1', 'push.unsupported.ios.2', 'push.unsupported.ios.3'],
  },
  'cross-origin-frame': { text: 'push.unsupported.frame', steps: [] },
  'insecure-context': { text: 'push.unsupported.insecure', steps: [] },
  'no-push-api': { text: 'push.unsupported.browser', steps: [] },
};
