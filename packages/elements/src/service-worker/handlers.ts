// What Baylink's service worker does for each event, written against a scope object so the
// entry (`baylink-sw.ts`) only wires events. Every handler copes with failures itself: a push
// always shows something (`userVisibleOnly`), and a click always ends in a tab even when the
// API cannot be reached.
import {
  base64UrlToBytes,
  listDeviceRecords,
  markReadWithDevice,
  normalizeApiBase,
  type PushDeviceRecord,
  type PushPayload,
  readPushPayload,
  renewWithDevice,
  saveDeviceRecord,
  subscriptionInput,
} from '@baylink/sdk/push-worker';
import type {
  ServiceWorkerScopeLike,
  WindowClientLike,
  WorkerNotificationOptions,
} from './worker-types.ts';

/** What a shown notification carries for the click. */
export interface NotificationData {
  id: string | null;
  link: string | null;
  api: string | null;
}

/** The tag of the generic notification shown for a push that could not be read. */
export const FALLBACK_TAG = 'baylink';

const FALLBACK_TITLES: Record<string, string> = {
  en: 'You have a new notification',
  fr: 'Vous avez une nouvelle notification',
};

/** The generic title in the browser's language (English when it is neither English nor French). */
export function fallbackTitle(language: string | undefined): string {
  const code = (language ?? 'en').slice(0, 2).toLowerCase();
  return FALLBACK_TITLES[code] ?? (FALLBACK_TITLES.en as string);
}

/** The push's text, or null when there is none or it cannot be read. */
function pushText(data: { text(): string } | null): string | null {
  if (!data) return null;
  try {
    return data.text();
  } catch {
    return null;
  }
}

/** The title and options `showNotification` gets for a payload (null: an unreadable push). */
export function notificationFor(
  payload: PushPayload | null,
  options: { language?: string | undefined; defaultIcon?: string | undefined; replacing: boolean },
): { title: string; options: WorkerNotificationOptions } {
  if (!payload) {
    const data: NotificationData = { id: null, link: null, api: null };
    return {
      title: fallbackTitle(options.language),
      options: {
        tag: FALLBACK_TAG,
        data,
        ...(options.defaultIcon ? { icon: options.defaultIcon } : {}),
        ...(options.replacing ? { renotify: true } : {}),
      },
    };
  }
  const data: NotificationData = { id: payload.id, link: payload.link, api: payload.api };
  const icon = payload.icon ?? options.defaultIcon;
  const timestamp = Date.parse(payload.createdAt);
  return {
    title: payload.title,
    options: {
      data,
      ...(payload.body ? { body: payload.body } : {}),
      ...(icon ? { icon } : {}),
      ...(payload.tag ? { tag: payload.tag } : {}),
      ...(Number.isFinite(timestamp) ? { timestamp } : {}),
      // A notification with the same tag replaces the shown one: make it ring again.
      ...(payload.tag && options.replacing ? { renotify: true } : {}),
    },
  };
}

/** `push`: shows the notification the payload describes (a generic one if it is unreadable). */
export async function showPush(
  sw: ServiceWorkerScopeLike,
  data: { text(): string } | null,
): Promise<void> {
  const text = pushText(data);
  const payload = text === null ? null : readPushPayload(text);
  const tag = payload ? payload.tag : FALLBACK_TAG;
  let replacing = false;
  if (tag) {
    try {
      replacing = (await sw.registration.getNotifications({ tag })).length > 0;
    } catch {
      replacing = false;
    }
  }
  const settings = {
    language: sw.navigator.language,
    defaultIcon: sw.baylinkServiceWorker?.defaultIcon,
  };
  const shown = notificationFor(payload, { ...settings, replacing });
  try {
    await sw.registration.showNotification(shown.title, shown.options);
  } catch (error) {
    if (!payload) throw error;
    // Something in the payload the browser refused: still show something.
    const generic = notificationFor(null, { ...settings, replacing: false });
    await sw.registration.showNotification(generic.title, generic.options);
  }
}

/**
 * The record whose device token speaks for this worker's subscription to `api`: the one made
 * for the worker's current subscription, else the newest for this scope and API, else the
 * newest for the current subscription (an API that calls itself by another URL).
 */
export async function recordFor(
  sw: ServiceWorkerScopeLike,
  api: string | null,
): Promise<PushDeviceRecord | null> {
  const scope = sw.registration.scope;
  const [records, subscription] = await Promise.all([
    listDeviceRecords(),
    sw.registration.pushManager.getSubscription().catch(() => null),
  ]);
  const inScope = records.filter((record) => record.scope === scope);
  const current = subscription
    ? inScope.filter((record) => record.endpoint === subscription.endpoint)
    : [];
  const apiBase = api ? normalizeApiBase(api) : null;
  const forApi = (list: PushDeviceRecord[]) => list.find((record) => record.apiBase === apiBase);
  return forApi(current) ?? forApi(inScope) ?? current[0] ?? null;
}

/** Marks the clicked notification read through the API with the device token (failures ignored). */
export async function markRead(sw: ServiceWorkerScopeLike, data: NotificationData): Promise<void> {
  if (!data.id) return;
  try {
    const record = await recordFor(sw, data.api);
    if (!record) return;
    await markReadWithDevice(record.apiBase, record.deviceToken, data.id);
  } catch {
    // The inbox still shows it unread; nothing else depends on it.
  }
}

/** An http(s) URL for the link, resolved against the worker's scope (null for anything else). */
export function linkUrl(link: string | null, scope: string): URL | null {
  if (!link) return null;
  try {
    const url = new URL(link, scope);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

const attempt = async <T>(work: () => Promise<T>): Promise<T | null> => {
  try {
    return await work();
  } catch {
    return null;
  }
};

/**
 * Brings the user to the notification's link. A link on the worker's origin: an open tab of the
 * host app is navigated there and focused (a tab already showing the link is just focused); with
 * no such tab, or one the worker may not navigate (it does not control it), the link opens in a
 * new window. A link on another origin opens in a new window. No link: an open tab of the app is
 * focused, or the scope's root opens.
 */
export async function openFromClick(
  sw: ServiceWorkerScopeLike,
  link: string | null,
): Promise<WindowClientLike | null> {
  const scope = sw.registration.scope;
  const target = linkUrl(link, scope);
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const ours = windows.filter((client) => {
    try {
      return new URL(client.url).origin === sw.location.origin;
    } catch {
      return false;
    }
  });
  // matchAll lists the most recently focused first; prefer a tab inside the worker's scope.
  const appTab =
    ours.find((client) => client.focused && client.url.startsWith(scope)) ??
    ours.find((client) => client.url.startsWith(scope)) ??
    ours[0];
  const focus = async (client: WindowClientLike) => (await attempt(() => client.focus())) ?? client;

  if (target && target.origin !== sw.location.origin) {
    return (await attempt(() => sw.clients.openWindow(target.href))) ?? null;
  }
  if (!target) {
    if (appTab) return focus(appTab);
    return attempt(() => sw.clients.openWindow(scope));
  }
  const showing = ours.find((client) => client.url === target.href);
  if (showing) return focus(showing);
  if (appTab) {
    const navigated = await attempt(() => appTab.navigate(target.href));
    if (navigated) return focus(navigated);
  }
  const opened = await attempt(() => sw.clients.openWindow(target.href));
  if (opened) return opened;
  return appTab ? focus(appTab) : null;
}

/**
 * `pushsubscriptionchange`: subscribes again (the new subscription the browser made, or one made
 * here with the stored key, or the old subscription's) and tells each API that had the old one,
 * with its device token; the records then hold the new endpoint and token.
 */
export async function renewSubscription(
  sw: ServiceWorkerScopeLike,
  oldSubscription: PushSubscription | null,
  newSubscription: PushSubscription | null,
): Promise<void> {
  const scope = sw.registration.scope;
  const records = (await listDeviceRecords()).filter(
    (record) =>
      record.scope === scope && (!oldSubscription || record.endpoint === oldSubscription.endpoint),
  );
  // The newest record per API: a subscription belongs to one user at a time.
  const perApi = new Map<string, PushDeviceRecord>();
  for (const record of records) if (!perApi.has(record.apiBase)) perApi.set(record.apiBase, record);
  if (perApi.size === 0) return;
  const newest = [...perApi.values()][0] as PushDeviceRecord;
  let subscription = newSubscription ?? (await sw.registration.pushManager.getSubscription());
  if (!subscription) {
    const key = newest.applicationServerKey
      ? base64UrlToBytes(newest.applicationServerKey)
      : oldSubscription?.options.applicationServerKey;
    if (!key) return;
    subscription = await sw.registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: key,
    });
  }
  const input = subscriptionInput(subscription);
  for (const record of perApi.values()) {
    try {
      const renewed = await renewWithDevice(record.apiBase, record.deviceToken, input);
      await saveDeviceRecord({
        ...record,
        deviceId: renewed.device.id,
        deviceToken: renewed.deviceToken,
        endpoint: subscription.endpoint,
        updatedAt: new Date().toISOString(),
      });
    } catch {
      // This API no longer knows the device (revoked): the page registers again when asked.
    }
  }
}

/** True when the running worker script is Baylink's own file, served as is. */
export function servedAsIs(pathname: string): boolean {
  return /(^|\/)baylink-sw(\.[\w-]+)?\.js$/.test(pathname);
}
