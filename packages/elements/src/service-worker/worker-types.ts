// The few service-worker types Baylink's worker uses. TypeScript's `webworker` library would
// clash with the DOM library the rest of the project compiles against (both declare `self`,
// `onmessage`…), so the worker describes what it touches here.

export interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

export interface PushMessageDataLike {
  text(): string;
}

export interface PushEventLike extends ExtendableEventLike {
  readonly data: PushMessageDataLike | null;
}

export interface NotificationEventLike extends ExtendableEventLike {
  readonly notification: Notification;
  readonly action: string;
}

export interface PushSubscriptionChangeEventLike extends ExtendableEventLike {
  readonly oldSubscription: PushSubscription | null;
  readonly newSubscription: PushSubscription | null;
}

export interface WindowClientLike {
  readonly id: string;
  readonly url: string;
  readonly focused: boolean;
  readonly type: string;
  focus(): Promise<WindowClientLike>;
  navigate(url: string): Promise<WindowClientLike | null>;
}

export interface ClientsLike {
  matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClientLike[]>;
  openWindow(url: string): Promise<WindowClientLike | null>;
  claim(): Promise<void>;
}

/** What `showNotification` takes in service workers (the DOM library lacks the last two). */
export interface WorkerNotificationOptions extends NotificationOptions {
  timestamp?: number;
  renotify?: boolean;
}

/** Set by a host before `importScripts('…/baylink-sw.js')` to change the worker's behaviour. */
export interface BaylinkServiceWorkerOptions {
  /**
   * Call `skipWaiting()` at install and `clients.claim()` at activate, so a new version takes
   * over at once and open tabs are controlled (a click can then navigate them). Default: true
   * when the worker's own script is `baylink-sw.js` (served as is), false when imported into
   * another worker, whose update strategy is its own.
   */
  takeControl?: boolean;
  /** An icon URL for notifications whose payload names none. */
  defaultIcon?: string;
}

export interface ServiceWorkerScopeLike {
  readonly location: { readonly origin: string; readonly href: string; readonly pathname: string };
  readonly navigator: { readonly language?: string };
  readonly registration: ServiceWorkerRegistration;
  readonly clients: ClientsLike;
  baylinkServiceWorker?: BaylinkServiceWorkerOptions;
  skipWaiting(): Promise<void>;
  addEventListener(
    type: 'install' | 'activate',
    listener: (event: ExtendableEventLike) => void,
  ): void;
  addEventListener(type: 'push', listener: (event: PushEventLike) => void): void;
  addEventListener(
    type: 'notificationclick',
    listener: (event: NotificationEventLike) => void,
  ): void;
  addEventListener(
    type: 'pushsubscriptionchange',
    listener: (event: PushSubscriptionChangeEventLike) => void,
  ): void;
}
