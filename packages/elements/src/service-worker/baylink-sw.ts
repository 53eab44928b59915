// Baylink's service worker, bundled by the root Rollup config into one classic script,
// `dist/baylink-sw.js`. A host serves it from its own origin (`/baylink-sw.js`) or pulls it into
// its own worker with `importScripts('…/baylink-sw.js')`: a service worker and a push
// subscription belong to the page's origin, so Baylink's cannot live on Baylink's.
//
// - `push`: shows the notification the payload describes, grouped by tag (a generic one when the
//   payload cannot be read: the subscription promised that every push shows something).
// - `notificationclick`: closes it, marks it read through the API with the device token kept in
//   IndexedDB, and brings the user to its link (an open tab of the app, navigated, or a new one).
// - `pushsubscriptionchange`: subscribes again and tells the API with the device token.
//
// Options, set before `importScripts`: `self.baylinkServiceWorker = { takeControl, defaultIcon }`
// (see worker-types.ts). Served as is, it takes control at once (`skipWaiting`, `clientsClaim`);
// imported into another worker, it leaves the host's update strategy alone unless told to.
import { clientsClaim } from 'workbox-core/clientsClaim.js';
import {
  markRead,
  type NotificationData,
  openFromClick,
  renewSubscription,
  servedAsIs,
  showPush,
} from './handlers.ts';
import type { ExtendableEventLike, ServiceWorkerScopeLike } from './worker-types.ts';

const sw = self as unknown as ServiceWorkerScopeLike;
const options = sw.baylinkServiceWorker ?? {};

/**
 * Keeps the worker alive until `work` settles. An event dispatched by script (a test, a host's
 * own code) refuses `waitUntil`; the work then simply runs.
 */
function keepAlive(event: ExtendableEventLike, work: Promise<unknown>): void {
  const settled = work.catch(() => {});
  try {
    event.waitUntil(settled);
  } catch {
    // Not a trusted event: nothing to extend.
  }
}

if (options.takeControl ?? servedAsIs(sw.location.pathname)) {
  sw.addEventListener('install', (event) => keepAlive(event, sw.skipWaiting()));
  clientsClaim();
}

sw.addEventListener('push', (event) => {
  keepAlive(event, showPush(sw, event.data));
});

sw.addEventListener('notificationclick', (event) => {
  const notification = event.notification;
  const data = (notification.data ?? {}) as Partial<NotificationData>;
  notification.close();
  const clicked: NotificationData = {
    id: typeof data.id === 'string' ? data.id : null,
    link: typeof data.link === 'string' ? data.link : null,
    api: typeof data.api === 'string' ? data.api : null,
  };
  keepAlive(event, Promise.all([markRead(sw, clicked), openFromClick(sw, clicked.link)]));
});

sw.addEventListener('pushsubscriptionchange', (event) => {
  keepAlive(event, renewSubscription(sw, event.oldSubscription, event.newSubscription));
});
