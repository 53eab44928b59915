// The demo portal's service worker, on the demo's origin with the scope /portal/ (its folder).
// It shows the importScripts path: a host that already has a service worker pulls Baylink's
// into it instead of serving /baylink-sw.js beside it (a scope holds one worker).
//
// Baylink's code leaves a host worker's update strategy alone unless told otherwise. This worker
// does nothing else, so it lets Baylink's code take control at once (skipWaiting at install,
// clients.claim() at activate): open portal tabs are then controlled, and a click on a
// notification can navigate one of them to the notification's link.
self.baylinkServiceWorker = { takeControl: true };

importScripts('../dist/baylink-sw.js');

// A host's own handlers would follow here (fetch, caching…).
