// `@baylink/sdk/push-worker`: what a service worker needs to handle Baylink's pushes. Baylink's
// own worker (`baylink-sw.js`, built from @baylink/elements) is made of it, and a host that
// writes its own worker can use it the same way. No zod, no DOM: it runs in a service worker.
import type {
  PushPayload,
  PushRegistration,
  PushSubscriptionInput,
} from '../../contract/delivery.ts';

export { base64UrlToBytes, bytesToBase64Url, sameKey } from './base64url.ts';
export {
  deleteDeviceRecord,
  findDeviceRecords,
  getDeviceRecord,
  listDeviceRecords,
  normalizeApiBase,
  PUSH_DB_NAME,
  PUSH_DEVICE_STORE,
  type PushDeviceMatch,
  type PushDeviceRecord,
  saveDeviceRecord,
} from './device-store.ts';
export type { PushPayload, PushRegistration, PushSubscriptionInput };

const nullableString = (value: unknown) => value === null || typeof value === 'string';

/**
 * The push's JSON as a `PushPayload`, or null when it is not one (bad JSON, another version,
 * a missing field). Checked by hand so that no schema library enters the worker.
 */
export function readPushPayload(value: unknown): PushPayload | null {
  let data = value;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (typeof data !== 'object' || data === null) return null;
  const payload = data as Record<string, unknown>;
  if (payload.v !== 1) return null;
  if (typeof payload.title !== 'string' || payload.title === '') return null;
  if (typeof payload.tag !== 'string' || typeof payload.api !== 'string') return null;
  if (typeof payload.type !== 'string' || typeof payload.createdAt !== 'string') return null;
  if (
    !nullableString(payload.id) ||
    !nullableString(payload.body) ||
    !nullableString(payload.link) ||
    !nullableString(payload.icon)
  ) {
    return null;
  }
  return {
    v: 1,
    id: payload.id as string | null,
    type: payload.type,
    title: payload.title,
    body: payload.body as string | null,
    tag: payload.tag,
    link: payload.link as string | null,
    icon: payload.icon as string | null,
    api: payload.api,
    createdAt: payload.createdAt,
  };
}

/** Where the device-token routes live, for one API. */
export const PUSH_DEVICE_PATHS = {
  renew: '/v1/push/device/renew',
  read: '/v1/push/device/read',
} as const;

async function deviceCall(
  apiBase: string,
  path: string,
  deviceToken: string,
  body: unknown,
  fetcher: typeof fetch,
): Promise<Response> {
  const response = await fetcher(`${apiBase.replace(/\/+$/, '')}${path}`, {
    method: 'POST',
    headers: { authorization: `Device ${deviceToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new Error(`POST ${path} answered ${response.status}`);
  }
  return response;
}

/** `POST /v1/push/device/read`: the notification clicked in the system tray is read. */
export async function markReadWithDevice(
  apiBase: string,
  deviceToken: string,
  notificationId: string,
  fetcher: typeof fetch = fetch,
): Promise<void> {
  const response = await deviceCall(
    apiBase,
    PUSH_DEVICE_PATHS.read,
    deviceToken,
    { notificationId },
    fetcher,
  );
  await response.body?.cancel().catch(() => {});
}

/** `POST /v1/push/device/renew`: the browser replaced the subscription (`pushsubscriptionchange`). */
export async function renewWithDevice(
  apiBase: string,
  deviceToken: string,
  subscription: PushSubscriptionInput,
  fetcher: typeof fetch = fetch,
): Promise<PushRegistration> {
  const response = await deviceCall(
    apiBase,
    PUSH_DEVICE_PATHS.renew,
    deviceToken,
    { subscription },
    fetcher,
  );
  return (await response.json()) as PushRegistration;
}

/** `PushSubscription.toJSON()` in the shape the API takes (fails when the browser gave no keys). */
export function subscriptionInput(subscription: PushSubscription): PushSubscriptionInput {
  const json = subscription.toJSON();
  if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) {
    throw new Error('The browser returned a push subscription without its keys');
  }
  return {
    endpoint: json.endpoint,
    expirationTime: json.expirationTime ?? null,
    keys: { p256dh: json.keys.p256dh, auth: json.keys.auth },
  };
}
