import {
  BaylinkError,
  type BrowserPushOptions,
  type BrowserPushState,
  type DeliveriesModule,
  type Delivery,
  type DeliveryPage,
  type ErrorDetail,
  type Me,
  type PushDevice,
  type PushModule,
  type PushRegistration,
  type PushSubscriptionInput,
  type PushTestResult,
  type PushUnsupportedReason,
  type QuietHours,
  type QuietHoursModule,
  type RetryDeliveriesResult,
} from '@baylink/sdk';
import {
  DEFAULT_PUSH_SERVICE_HOSTS,
  DeliveryQuery as DeliveryQuerySchema,
  RegisterPushSubscription as RegisterSchema,
  RetryDeliveries as RetryDeliveriesSchema,
  UpdateQuietHours as UpdateQuietHoursSchema,
} from '@baylink/sdk/contract';

/**
 * Delivery beyond the page, in memory: `client.push` (the user's devices, revoke, "send test",
 * and this browser simulated: support, permission, what the next permission prompt answers),
 * `client.quietHours` (validated like `PUT /v1/me/quiet-hours`) and `client.deliveries` (the
 * admins' list with keyset pages, and retry of failed and dead deliveries).
 *
 * The simulated browser behaves like the real ones where it matters to an element: a prompt
 * asked without a user's click (no transient user activation) is ignored and the permission
 * stays "default", as Firefox and Safari do; a blocked permission is never asked again; an
 * unsupported browser never prompts.
 */

export type PushMethod =
  | 'push.config'
  | 'push.register'
  | 'push.devices'
  | 'push.revoke'
  | 'push.test'
  | 'push.state'
  | 'push.enable'
  | 'push.disable'
  | 'quietHours.get'
  | 'quietHours.set'
  | 'deliveries.list'
  | 'deliveries.retry';

type Answer = <T>(method: PushMethod, args: unknown[], answer: () => T) => Promise<T>;

/** The browser's permission as the page reads it (`unsupported` is derived from `supported`). */
export type SimulatedPermission = 'default' | 'granted' | 'denied';

/** This browser, as the memory client simulates it (`client.setBrowserPush(...)`). */
export interface BrowserPushInit {
  /** Whether push works in this page (default true). */
  supported?: boolean;
  /** Why not, when unsupported (default `no-push-api`). */
  reason?: PushUnsupportedReason | null;
  /** The permission for this site now (default `default`). */
  permission?: SimulatedPermission;
  /** What the next permission prompt answers (default `granted`; `default`: dismissed). */
  prompt?: SimulatedPermission;
  /**
   * Whether a prompt asked without a user's click is ignored, as Firefox and Safari do
   * (default true).
   */
  requireUserActivation?: boolean;
  /** The label this browser's device gets (default: from the user agent, "Chrome on Linux"). */
  label?: string;
}

/** One of the user's devices to start with. */
export interface PushDeviceInit {
  id?: string;
  label: string;
  browser?: string | null;
  os?: string | null;
  /** The push service's origin (default from the browser: FCM, Mozilla, Apple, Windows). */
  service?: string;
  createdAt?: string;
  lastUsedAt?: string | null;
  /** What a test push to it does (default `sent`; `gone` also removes it, as the API does). */
  test?: PushTestResult['outcome'];
  /** This browser's own device (the simulated browser is then subscribed). */
  thisBrowser?: boolean;
}

/** The user's quiet hours to start with (the rest takes the API's defaults). */
export type QuietHoursInit = Partial<QuietHours>;

/** A delivery to start with (the rest is filled in: a queued web push just created). */
export type DeliveryInit = Partial<Delivery>;

export interface MemoryPushOptions {
  me: () => Me;
  browser?: BrowserPushInit;
  devices?: PushDeviceInit[];
  quietHours?: QuietHoursInit;
  /** The account's time zone: the quiet hours' default zone (default `America/Toronto`). */
  accountTimeZone?: string;
  deliveries?: DeliveryInit[];
}

/** What a prompt was asked and answered (to check that elements ask only on a click). */
export interface MemoryPrompt {
  /** Whether the page had a user's click or key press when it asked. */
  userActivation: boolean;
  /** What the simulated browser answered. */
  answer: SimulatedPermission;
}

interface StoredDevice extends PushDevice {
  endpoint: string;
  test: PushTestResult['outcome'];
}

/** A VAPID public key's shape (65 bytes, base64url): what `push.config()` answers. */
const DEMO_PUBLIC_KEY =
  'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';

const SERVICES: Record<string, string> = {
  Chrome: 'https://fcm.googleapis.com',
  Edge: 'https://wns2-par02p.notify.windows.com',
  Firefox: 'https://updates.push.services.mozilla.com',
  Safari: 'https://web.push.apple.com',
  Opera: 'https://fcm.googleapis.com',
};

/** "Chrome on Windows" from a user agent, as the API labels a registration (bowser-like). */
export function deviceLabelFor(userAgent: string): {
  label: string;
  browser: string | null;
  os: string | null;
} {
  const browser = /\bEdg(e|A|iOS)?\//.test(userAgent)
    ? 'Edge'
    : /\bOPR\//.test(userAgent)
      ? 'Opera'
      : /\b(Firefox|FxiOS)\//.test(userAgent)
        ? 'Firefox'
        : /(Chrome|CriOS|Chromium)\//.test(userAgent)
          ? 'Chrome'
          : /\bSafari\//.test(userAgent)
            ? 'Safari'
            : null;
  const os = /iPhone|iPad|iPod/.test(userAgent)
    ? 'iOS'
    : /Android/.test(userAgent)
      ? 'Android'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /CrOS/.test(userAgent)
          ? 'Chrome OS'
          : /Mac OS X|Macintosh/.test(userAgent)
            ? 'macOS'
            : /Linux/.test(userAgent)
              ? 'Linux'
              : null;
  const label =
    browser && os ? `${browser} on ${os}` : (browser ?? (os ? `Browser on ${os}` : 'Browser'));
  return { label, browser, os };
}

/** Whether an endpoint is on a known push service (the host or a subdomain of an allowed one). */
function knownService(endpoint: string): boolean {
  try {
    const host = new URL(endpoint).hostname;
    return DEFAULT_PUSH_SERVICE_HOSTS.some(
      (allowed) => host === allowed || host.endsWith(`.${allowed}`),
    );
  } catch {
    return false;
  }
}

function invalid(details: ErrorDetail[]): BaylinkError {
  return new BaylinkError({
    status: 400,
    code: 'validation_failed',
    message: `Invalid input: ${details.map((detail) => detail.path).join(', ')}`,
    details,
  });
}

/** The API's 400 for a schema failure: one detail per issue, named by its path. */
function fromZod(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): BaylinkError {
  return invalid(
    error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    })),
  );
}

function notFound(what: string): BaylinkError {
  return new BaylinkError({ status: 404, code: 'not_found', message: `${what} was not found` });
}

let sequence = 0;

function uuid(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  sequence += 1;
  return `00000000-0000-4000-a000-${sequence.toString(16).padStart(12, '0')}`;
}

/** A random base64url string of `bytes` bytes (a token, an endpoint's last segment). */
function randomToken(bytes: number): string {
  const values = new Uint8Array(bytes);
  crypto.getRandomValues(values);
  return btoa(String.fromCharCode(...values))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Whether the page has transient user activation (a click or key press just now). */
function hasUserActivation(): boolean {
  const activation = (navigator as Navigator & { userActivation?: { isActive: boolean } })
    .userActivation;
  // Browsers without the API: assume the caller knows what it does.
  return activation ? activation.isActive : true;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Demo devices for stories and demos: a desktop, a phone and a laptop, used at different times. */
export function demoPushDevices(now = Date.now()): PushDeviceInit[] {
  return [
    {
      label: 'Chrome on Windows',
      browser: 'Chrome',
      os: 'Windows',
      createdAt: new Date(now - 40 * DAY).toISOString(),
      lastUsedAt: new Date(now - 2 * DAY).toISOString(),
    },
    {
      label: 'Safari on iOS',
      browser: 'Safari',
      os: 'iOS',
      createdAt: new Date(now - 12 * DAY).toISOString(),
      lastUsedAt: new Date(now - 3 * HOUR).toISOString(),
    },
    {
      label: 'Firefox on macOS',
      browser: 'Firefox',
      os: 'macOS',
      createdAt: new Date(now - 90 * DAY).toISOString(),
      lastUsedAt: null,
      test: 'gone',
    },
  ];
}

// ─── The memory push, quiet hours and deliveries modules ─────────────────────────────────────

export class MemoryPush {
  readonly push: PushModule;
  readonly quietHours: QuietHoursModule;
  readonly deliveries: DeliveriesModule;
  /** Every permission prompt the simulated browser showed (or ignored), in order. */
  readonly prompts: MemoryPrompt[] = [];
  readonly #answer: Answer;
  readonly #me: () => Me;
  #browser: Required<Omit<BrowserPushInit, 'label' | 'reason'>> & {
    label: string | undefined;
    reason: PushUnsupportedReason | null;
  };
  /** This browser's device id, while it holds a registered subscription. */
  #thisDevice: string | null = null;
  readonly #devices: StoredDevice[] = [];
  #quietHours: QuietHours;
  readonly #deliveries: Delivery[] = [];
  readonly #tokens = new Map<string, string>();

  constructor(answer: Answer, options: MemoryPushOptions) {
    this.#answer = answer;
    this.#me = options.me;
    const browser = options.browser ?? {};
    this.#browser = {
      supported: browser.supported ?? true,
      reason: browser.supported === false ? (browser.reason ?? 'no-push-api') : null,
      permission: browser.permission ?? 'default',
      prompt: browser.prompt ?? 'granted',
      requireUserActivation: browser.requireUserActivation ?? true,
      label: browser.label,
    };
    for (const init of options.devices ?? []) this.addDevice(init);
    this.#quietHours = {
      enabled: false,
      start: '22:00',
      end: '07:00',
      timeZone: options.accountTimeZone ?? 'America/Toronto',
      days: [0, 1, 2, 3, 4, 5, 6],
      updatedAt: null,
      ...options.quietHours,
    };
    if (options.deliveries) this.addDeliveries(options.deliveries);

    this.push = {
      config: () => this.#answer('push.config', [], () => ({ publicKey: DEMO_PUBLIC_KEY })),
      register: (subscription) =>
        this.#answer('push.register', [subscription], () => this.#register(subscription)),
      devices: () => this.#answer('push.devices', [], () => this.#list()),
      revoke: (deviceId) =>
        this.#answer('push.revoke', [deviceId], () => {
          this.#remove(this.#find(deviceId).id);
        }),
      test: (deviceId) => this.#answer('push.test', [deviceId], () => this.#test(deviceId)),
      browserState: (options) =>
        this.#answer('push.state', [options ?? {}], () => this.browserState),
      enableThisBrowser: (options) => this.#enable(options),
      disableThisBrowser: (options) =>
        this.#answer('push.disable', [options ?? {}], () => {
          if (this.#thisDevice) this.#remove(this.#thisDevice);
          return this.browserState;
        }),
    };
    this.quietHours = {
      get: () =>
        this.#answer('quietHours.get', [], () => ({
          ...this.#quietHours,
          days: [...this.#quietHours.days],
        })),
      set: (input) => this.#answer('quietHours.set', [input], () => this.#setQuietHours(input)),
    };
    this.deliveries = {
      list: (query) =>
        this.#answer('deliveries.list', [query ?? {}], () => this.#listDeliveries(query ?? {})),
      retry: (ids) => this.#answer('deliveries.retry', [ids], () => this.#retry(ids)),
    };
  }

  /** This browser's state now, as `push.browserState()` answers it. */
  get browserState(): BrowserPushState {
    const { supported, reason, permission } = this.#browser;
    if (!supported) {
      return {
        supported: false,
        reason,
        permission: 'unsupported',
        subscribed: false,
        deviceId: null,
      };
    }
    const subscribed = permission === 'granted' && this.#thisDevice !== null;
    return {
      supported: true,
      reason: null,
      permission,
      subscribed,
      deviceId: subscribed ? this.#thisDevice : null,
    };
  }

  /**
   * Changes the simulated browser: its support (and why not), its permission (as the user would
   * in the browser's site settings) and what the next prompt answers. A permission taken back
   * drops this browser's subscription, as browsers do; its device stays listed until a push to
   * it fails.
   */
  setBrowser(patch: BrowserPushInit): BrowserPushState {
    const next = { ...this.#browser };
    if (patch.supported !== undefined) next.supported = patch.supported;
    if (patch.reason !== undefined) next.reason = patch.reason;
    if (!next.supported) next.reason ??= 'no-push-api';
    else next.reason = null;
    if (patch.permission !== undefined) next.permission = patch.permission;
    if (patch.prompt !== undefined) next.prompt = patch.prompt;
    if (patch.requireUserActivation !== undefined) {
      next.requireUserActivation = patch.requireUserActivation;
    }
    if (patch.label !== undefined) next.label = patch.label;
    this.#browser = next;
    if (!next.supported || next.permission !== 'granted') this.#thisDevice = null;
    return this.browserState;
  }

  /** The user's devices as stored now (newest first), without a call. */
  get devices(): PushDevice[] {
    return this.#list();
  }

  /** Adds one of the user's devices, as if registered from another browser earlier. */
  addDevice(init: PushDeviceInit): PushDevice {
    const browser = init.browser ?? init.label.split(' on ')[0] ?? null;
    const device: StoredDevice = {
      id: init.id ?? uuid(),
      label: init.label,
      browser,
      os: init.os ?? init.label.split(' on ')[1] ?? null,
      service: init.service ?? SERVICES[browser ?? ''] ?? 'https://fcm.googleapis.com',
      createdAt: init.createdAt ?? new Date().toISOString(),
      lastUsedAt: init.lastUsedAt ?? null,
      endpoint: `${init.service ?? 'https://fcm.googleapis.com'}/fcm/send/${randomToken(24)}`,
      test: init.test ?? 'sent',
    };
    this.#devices.push(device);
    if (init.thisBrowser) {
      this.#browser = { ...this.#browser, supported: true, reason: null, permission: 'granted' };
      this.#thisDevice = device.id;
    }
    return publicDevice(device);
  }

  /** The quiet hours as stored now. */
  get storedQuietHours(): QuietHours {
    return { ...this.#quietHours, days: [...this.#quietHours.days] };
  }

  /** The deliveries as stored now, newest first. */
  get storedDeliveries(): Delivery[] {
    return this.#sortedDeliveries().map((delivery) => ({ ...delivery }));
  }

  /** Adds deliveries (each filled in: a queued web push of a notification just created). */
  addDeliveries(inits: DeliveryInit[]): Delivery[] {
    const me = this.#me();
    // One clock reading for the batch, so each is a millisecond older than the one before it
    // (reading the clock per item could give two the same instant, ordered then by random id).
    const now = Date.now();
    const added = inits.map((init, index): Delivery => {
      const createdAt = init.createdAt ?? new Date(now - index).toISOString();
      return {
        id: uuid(),
        notificationId: uuid(),
        userId: me.id,
        type: 'conversations.new_message',
        title: 'New message from a customer',
        channel: 'web_push',
        destination: 'Chrome on Windows',
        status: 'queued',
        attempts: 0,
        nextAttemptAt: createdAt,
        lastAttemptAt: null,
        lastError: null,
        held: false,
        sentAt: null,
        createdAt,
        ...init,
      };
    });
    this.#deliveries.push(...added);
    return added.map((delivery) => ({ ...delivery }));
  }

  #find(deviceId: string): StoredDevice {
    const device = this.#devices.find((candidate) => candidate.id === deviceId);
    if (!device) throw notFound('The device');
    return device;
  }

  #list(): PushDevice[] {
    return [...this.#devices]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
      .map(publicDevice);
  }

  #remove(deviceId: string): void {
    const index = this.#devices.findIndex((device) => device.id === deviceId);
    if (index !== -1) this.#devices.splice(index, 1);
    this.#tokens.delete(deviceId);
    if (this.#thisDevice === deviceId) this.#thisDevice = null;
  }

  /** `POST /v1/me/push-subscriptions`: the same endpoint again refreshes its device. */
  #register(subscription: PushSubscriptionInput): PushRegistration {
    const parsed = RegisterSchema.safeParse({ subscription });
    if (!parsed.success) throw fromZod(parsed.error);
    const { endpoint } = parsed.data.subscription;
    if (!knownService(endpoint)) {
      throw invalid([
        { path: 'subscription.endpoint', message: 'The endpoint is not on a known push service' },
      ]);
    }
    const { label, browser, os } = this.#thisLabel();
    let device = this.#devices.find((candidate) => candidate.endpoint === endpoint);
    if (device) {
      device.label = label;
      device.browser = browser;
      device.os = os;
    } else {
      device = {
        id: uuid(),
        label,
        browser,
        os,
        service: new URL(endpoint).origin,
        createdAt: new Date().toISOString(),
        lastUsedAt: null,
        endpoint,
        test: 'sent',
      };
      this.#devices.push(device);
    }
    const deviceToken = `dev_${randomToken(32)}`;
    this.#tokens.set(device.id, deviceToken);
    return { device: publicDevice(device), deviceToken };
  }

  #thisLabel(): { label: string; browser: string | null; os: string | null } {
    const detected = deviceLabelFor(navigator.userAgent);
    const label = this.#browser.label;
    if (!label) return detected;
    return { label, browser: label.split(' on ')[0] ?? null, os: label.split(' on ')[1] ?? null };
  }

  #test(deviceId: string): PushTestResult {
    const device = this.#find(deviceId);
    switch (device.test) {
      case 'gone':
        this.#remove(device.id);
        return {
          outcome: 'gone',
          status: 410,
          error: 'The push service says this subscription has expired or was unsubscribed',
        };
      case 'failed':
        return { outcome: 'failed', status: 503, error: 'The push service answered 503' };
      default:
        device.lastUsedAt = new Date().toISOString();
        return { outcome: 'sent', status: 201, error: null };
    }
  }

  /** Asks for permission (if it may), then subscribes and registers this browser. */
  async #enable(options: BrowserPushOptions = {}): Promise<BrowserPushState> {
    // Read at the moment of the call: a prompt belongs to the click that caused it.
    const userActivation = hasUserActivation();
    return this.#answer('push.enable', [options], () => {
      const browser = this.#browser;
      if (!browser.supported) return this.browserState;
      if (browser.permission === 'default') {
        const ignored = browser.requireUserActivation && !userActivation;
        const answer = ignored ? 'default' : browser.prompt;
        this.prompts.push({ userActivation, answer });
        this.#browser = { ...browser, permission: answer };
      }
      if (this.#browser.permission !== 'granted') return this.browserState;
      if (!this.#thisDevice || !this.#devices.some((device) => device.id === this.#thisDevice)) {
        const { device } = this.#register({
          endpoint: `${SERVICES[this.#thisLabel().browser ?? ''] ?? 'https://fcm.googleapis.com'}/fcm/send/${randomToken(24)}`,
          expirationTime: null,
          keys: { p256dh: randomToken(65), auth: randomToken(16) },
        });
        this.#thisDevice = device.id;
      }
      return this.browserState;
    });
  }

  #setQuietHours(input: unknown): QuietHours {
    const parsed = UpdateQuietHoursSchema.safeParse(input);
    if (!parsed.success) throw fromZod(parsed.error);
    const { enabled, start, end, timeZone, days } = parsed.data;
    this.#quietHours = {
      enabled,
      start,
      end,
      timeZone,
      days: [...new Set(days)].sort((a, b) => a - b),
      updatedAt: new Date().toISOString(),
    };
    return this.storedQuietHours;
  }

  #requireAdmin(): void {
    if (this.#me().role !== 'admin') {
      throw new BaylinkError({
        status: 403,
        code: 'forbidden',
        message: 'Only administrators may see deliveries',
      });
    }
  }

  #sortedDeliveries(): Delivery[] {
    return [...this.#deliveries].sort(
      (a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id),
    );
  }

  /** `GET /v1/deliveries`: newest first, filtered, in keyset pages. */
  #listDeliveries(query: unknown): DeliveryPage {
    // Members are refused before their input is read, as the API's role check comes first.
    this.#requireAdmin();
    const parsed = DeliveryQuerySchema.safeParse(query);
    if (!parsed.success) throw fromZod(parsed.error);
    const { status, channel, userId, notificationId, limit, cursor } = parsed.data;
    let after: { createdAt: string; id: string } | undefined;
    if (cursor) {
      try {
        const [createdAt = '', id = ''] = atob(cursor).split('|');
        if (Number.isNaN(Date.parse(createdAt)) || id === '') throw new Error('bad cursor');
        after = { createdAt, id };
      } catch {
        throw invalid([{ path: 'cursor', message: 'Invalid cursor' }]);
      }
    }
    const matching = this.#sortedDeliveries().filter(
      (delivery) =>
        (!status || delivery.status === status) &&
        (!channel || delivery.channel === channel) &&
        (!userId || delivery.userId === userId) &&
        (!notificationId || delivery.notificationId === notificationId) &&
        (!after ||
          delivery.createdAt < after.createdAt ||
          (delivery.createdAt === after.createdAt && delivery.id < after.id)),
    );
    const items = matching.slice(0, limit).map((delivery) => ({ ...delivery }));
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: matching.length > limit && last ? btoa(`${last.createdAt}|${last.id}`) : null,
    };
  }

  /** `POST /v1/deliveries/retry`: failed and dead deliveries go back to the queue, due now. */
  #retry(ids: string[]): RetryDeliveriesResult {
    this.#requireAdmin();
    const parsed = RetryDeliveriesSchema.safeParse({ ids });
    if (!parsed.success) throw fromZod(parsed.error);
    const retried: string[] = [];
    const skipped: string[] = [];
    const now = new Date().toISOString();
    for (const id of parsed.data.ids) {
      const delivery = this.#deliveries.find((candidate) => candidate.id === id);
      if (delivery && (delivery.status === 'failed' || delivery.status === 'dead')) {
        delivery.status = 'queued';
        delivery.nextAttemptAt = now;
        delivery.held = false;
        retried.push(id);
      } else {
        skipped.push(id);
      }
    }
    return { retried, skipped };
  }
}

function publicDevice(device: StoredDevice): PushDevice {
  const { endpoint: _endpoint, test: _test, ...shown } = device;
  return { ...shown };
}
