import type { BaylinkClient } from '@baylink/sdk';

// `<bay-push-permission>` and `<bay-push-devices>` on one page tell each other when this
// browser's subscription or the device list changed, per client: turning this browser on adds it
// to the list; removing this browser from the list turns it off. No global state beyond a
// WeakMap keyed by the client, so two users' clients never hear each other.

/** What changed: this browser's subscription (`browser`) or the device list (`devices`). */
export type PushHubChange = 'browser' | 'devices';

const hubs = new WeakMap<BaylinkClient, EventTarget>();

function hubOf(client: BaylinkClient): EventTarget {
  let hub = hubs.get(client);
  if (!hub) {
    hub = new EventTarget();
    hubs.set(client, hub);
  }
  return hub;
}

/** Tells the other push elements of this client that something changed. */
export function announcePushChange(
  client: BaylinkClient,
  change: PushHubChange,
  source: object,
): void {
  hubOf(client).dispatchEvent(new CustomEvent('change', { detail: { change, source } }));
}

/** Calls `listener` when another push element of this client announces a change. */
export function listenPushChanges(
  client: BaylinkClient,
  self: object,
  listener: (change: PushHubChange) => void,
): () => void {
  const hub = hubOf(client);
  const onChange = (event: Event) => {
    const { change, source } = (event as CustomEvent<{ change: PushHubChange; source: object }>)
      .detail;
    if (source !== self) listener(change);
  };
  hub.addEventListener('change', onChange);
  return () => hub.removeEventListener('change', onChange);
}
