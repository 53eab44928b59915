import type {
  PushConfig,
  PushDevice,
  PushDeviceList,
  PushRegistration,
  PushSubscriptionInput,
  PushTestResult,
} from '../../contract/delivery.ts';
import type { Me } from '../../contract/profile.ts';
import { BaylinkError, isBaylinkError } from '../error.ts';
import type { Transport } from '../transport.ts';
import type { BrowserPushOptions, BrowserPushState, PushModule } from '../types.ts';
import { base64UrlToBytes, sameKey } from './base64url.ts';
import { detectPushSupport, type PushSupport, readPushEnvironment } from './browser-support.ts';
import {
  deleteDeviceRecord,
  findDeviceRecords,
  getDeviceRecord,
  type PushDeviceRecord,
  saveDeviceRecord,
} from './device-store.ts';
import { subscriptionInput } from './worker.ts';

/** Where Baylink's service worker is served on the host's origin unless told otherwise. */
export const DEFAULT_SERVICE_WORKER_URL = '/baylink-sw.js';

/** How long to wait for a newly registered service worker to activate. */
const ACTIVATION_TIMEOUT_MS = 30_000;

function unsupportedState(support: PushSupport & { supported: false }): BrowserPushState {
  return {
    supported: false,
    reason: support.reason,
    permission: 'unsupported',
    subscribed: false,
    deviceId: null,
  };
}

function currentPermission(): 'default' | 'granted' | 'denied' {
  const permission = Notification.permission;
  return permission === 'granted' || permission === 'denied' ? permission : 'default';
}

/**
 * The worker's absolute URL and the scope it is registered with, resolved as
 * `navigator.serviceWorker.register` resolves them (against the document's base URL).
 */
function resolveWorker(options: BrowserPushOptions = {}): { url: string; scope: string } {
  const base = typeof document === 'undefined' ? location.href : document.baseURI;
  const url = new URL(options.serviceWorkerUrl ?? DEFAULT_SERVICE_WORKER_URL, base);
  // Without a scope, browsers use the folder of the script.
  const scope = options.scope ? new URL(options.scope, base) : new URL('./', url);
  return { url: url.href, scope: scope.href };
}

/** The registration for exactly that scope, or null (never one of a parent scope). */
async function findRegistration(scope: string): Promise<ServiceWorkerRegistration | null> {
  const registration = await navigator.serviceWorker.getRegistration(scope);
  return registration && registration.scope === scope ? registration : null;
}

/** Resolves once the registration has an active worker (a push subscription needs one). */
function whenActive(registration: ServiceWorkerRegistration): Promise<ServiceWorkerRegistration> {
  if (registration.active) return Promise.resolve(registration);
  return new Promise((resolve, reject) => {
    const worker = registration.installing ?? registration.waiting;
    if (!worker) {
      reject(new Error('The service worker registration has no worker'));
      return;
    }
    const timer = setTimeout(() => {
      worker.removeEventListener('statechange', onChange);
      reject(new Error('The service worker did not activate'));
    }, ACTIVATION_TIMEOUT_MS);
    const onChange = () => {
      if (worker.state === 'activated' || registration.active) {
        clearTimeout(timer);
        worker.removeEventListener('statechange', onChange);
        resolve(registration);
      } else if (worker.state === 'redundant') {
        clearTimeout(timer);
        worker.removeEventListener('statechange', onChange);
        reject(new Error('The service worker failed to install'));
      }
    };
    worker.addEventListener('statechange', onChange);
  });
}

/** `Notification.requestPermission()`, in its promise form or Safari's older callback form. */
function requestPermission(): Promise<NotificationPermission> {
  return new Promise((resolve, reject) => {
    try {
      const answer = Notification.requestPermission(resolve);
      if (answer && typeof answer.then === 'function') answer.then(resolve, reject);
    } catch (error) {
      reject(error);
    }
  });
}

function browserError(code: string, message: string, cause: unknown): BaylinkError {
  if (isBaylinkError(cause)) return cause;
  const detail = cause instanceof Error && cause.message ? `: ${cause.message}` : '';
  return new BaylinkError({ code, status: 0, message: `${message}${detail}`, cause });
}

/**
 * `client.push`: the user's push devices through the API, and this browser's own subscription
 * (support, permission, the service worker on the host's origin, the IndexedDB record the
 * worker reads).
 */
export function createPushModule(transport: Transport): PushModule {
  let configRequest: Promise<PushConfig> | undefined;
  let identity: { token: string; userId: Promise<string> } | undefined;

  const config = (): Promise<PushConfig> => {
    configRequest ??= transport
      .request<PushConfig>('/v1/push/config', { anonymous: true })
      .catch((error: unknown) => {
        configRequest = undefined;
        throw error;
      });
    return configRequest;
  };

  /** The signed-in user's id (asked once per token: a new token may be another user). */
  const currentUserId = async (): Promise<string> => {
    const token = await transport.token();
    if (identity?.token === token) return identity.userId;
    const userId = transport.request<Me>('/v1/me').then((me) => me.id);
    identity = { token, userId };
    userId.catch(() => {
      if (identity?.userId === userId) identity = undefined;
    });
    return userId;
  };

  const register = (subscription: PushSubscriptionInput) =>
    transport.request<PushRegistration>('/v1/me/push-subscriptions', {
      method: 'POST',
      body: { subscription },
    });

  const revoke = async (deviceId: string): Promise<void> => {
    await transport.request<void>(`/v1/me/push-subscriptions/${encodeURIComponent(deviceId)}`, {
      method: 'DELETE',
    });
  };

  /** What this browser holds for the signed-in user: the worker's subscription and our record. */
  const inspect = async (options: BrowserPushOptions | undefined) => {
    const { scope } = resolveWorker(options);
    const [registration, userId] = await Promise.all([findRegistration(scope), currentUserId()]);
    const [subscription, record] = await Promise.all([
      registration ? registration.pushManager.getSubscription() : null,
      getDeviceRecord(transport.baseUrl, userId),
    ]);
    return { registration, subscription, record, userId };
  };

  const stateOf = (
    record: PushDeviceRecord | null,
    subscription: PushSubscription | null,
  ): BrowserPushState => {
    const permission = currentPermission();
    const subscribed =
      permission === 'granted' &&
      record !== null &&
      subscription !== null &&
      record.endpoint === subscription.endpoint;
    return {
      supported: true,
      reason: null,
      permission,
      subscribed,
      deviceId: subscribed && record ? record.deviceId : null,
    };
  };

  const browserState = async (options?: BrowserPushOptions): Promise<BrowserPushState> => {
    const support = detectPushSupport(readPushEnvironment());
    if (!support.supported) return unsupportedState(support);
    try {
      const { subscription, record } = await inspect(options);
      return stateOf(record, subscription);
    } catch (error) {
      throw browserError(
        'push_state_failed',
        'The browser notification state could not be read',
        error,
      );
    }
  };

  /** This registration's subscription made with `publicKey`, reusing one that already is. */
  const subscribe = async (
    registration: ServiceWorkerRegistration,
    publicKey: string,
  ): Promise<PushSubscription> => {
    const existing = await registration.pushManager.getSubscription();
    if (existing) {
      const key = existing.options?.applicationServerKey;
      if (!key || sameKey(key, publicKey)) return existing;
      // Made with another key: ours from before a VAPID key change (replace it), or the host's.
      const ours = await findDeviceRecords({ endpoint: existing.endpoint });
      if (ours.length === 0) {
        throw new BaylinkError({
          code: 'push_subscription_conflict',
          status: 0,
          message:
            'This service worker already holds a push subscription made with another application server key (not Baylink’s). Use a worker of its own for Baylink, or another scope.',
        });
      }
      await existing.unsubscribe();
    }
    return registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: base64UrlToBytes(publicKey),
    });
  };

  const enableThisBrowser = async (options?: BrowserPushOptions): Promise<BrowserPushState> => {
    const support = detectPushSupport(readPushEnvironment());
    if (!support.supported) return unsupportedState(support);
    // Asked first, before anything is awaited, while the click's user activation holds.
    const asked =
      Notification.permission === 'default'
        ? requestPermission()
        : Promise.resolve(Notification.permission);
    const { url, scope } = resolveWorker(options);
    let permission: NotificationPermission;
    try {
      permission = await asked;
    } catch (error) {
      throw browserError('push_permission_failed', 'The permission could not be asked', error);
    }
    if (permission !== 'granted') return browserState(options);

    let registration: ServiceWorkerRegistration;
    try {
      registration = await whenActive(
        await navigator.serviceWorker.register(url, options?.scope ? { scope } : undefined),
      );
    } catch (error) {
      throw browserError(
        'service_worker_failed',
        `The service worker ${url} could not be registered`,
        error,
      );
    }
    const [{ publicKey }, userId] = await Promise.all([config(), currentUserId()]);
    let subscription: PushSubscription;
    let input: PushSubscriptionInput;
    try {
      subscription = await subscribe(registration, publicKey);
      input = subscriptionInput(subscription);
    } catch (error) {
      throw browserError('push_subscribe_failed', 'The browser could not subscribe', error);
    }
    const registered = await register(input);
    try {
      const record = await saveDeviceRecord({
        apiBase: transport.baseUrl,
        userId,
        deviceId: registered.device.id,
        deviceToken: registered.deviceToken,
        applicationServerKey: publicKey,
        endpoint: subscription.endpoint,
        scope: registration.scope,
        updatedAt: new Date().toISOString(),
      });
      return stateOf(record, subscription);
    } catch (error) {
      throw browserError(
        'push_store_failed',
        'This browser’s registration could not be kept',
        error,
      );
    }
  };

  const disableThisBrowser = async (options?: BrowserPushOptions): Promise<BrowserPushState> => {
    const support = detectPushSupport(readPushEnvironment());
    if (!support.supported) return unsupportedState(support);
    let found: Awaited<ReturnType<typeof inspect>>;
    try {
      found = await inspect(options);
      // Locally first: once unsubscribed, nothing reaches this browser whatever the API says.
      // Only the signed-in user's subscription: another user's (a shared computer) stays on.
      if (found.subscription && found.record?.endpoint === found.subscription.endpoint) {
        await found.subscription.unsubscribe();
      }
      await deleteDeviceRecord(transport.baseUrl, found.userId);
    } catch (error) {
      throw browserError(
        'push_unsubscribe_failed',
        'This browser could not be unsubscribed',
        error,
      );
    }
    if (found.record) {
      try {
        await revoke(found.record.deviceId);
      } catch (error) {
        // Already gone on the API's side (revoked from another device): what we wanted.
        if (!(isBaylinkError(error) && error.status === 404)) throw error;
      }
    }
    return stateOf(null, null);
  };

  return {
    config,
    register,
    async devices(): Promise<PushDevice[]> {
      return (await transport.request<PushDeviceList>('/v1/me/push-subscriptions')).items;
    },
    revoke,
    test(deviceId: string) {
      return transport.request<PushTestResult>(
        `/v1/me/push-subscriptions/${encodeURIComponent(deviceId)}/test`,
        { method: 'POST' },
      );
    },
    browserState,
    enableThisBrowser,
    disableThisBrowser,
  };
}
