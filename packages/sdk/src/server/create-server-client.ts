import { z } from 'zod';
import { BaylinkError } from '../client/error.ts';
import { networkError, readResponse } from '../client/transport.ts';
import {
  type Account,
  CreateAccount,
  CreateTeam,
  type Integrator,
  type Team,
  UpdateAccount,
  UpdateIntegrator,
  UpdateTeam,
  UpdateUser,
  UpsertUser,
  type User,
} from '../contract/admin.ts';
import { Id, Language } from '../contract/common.ts';
import { API_KEY_PREFIX, PROFILE_LIMITS } from '../contract/constants.ts';
import {
  type DeliveryPage,
  DeliveryQuery,
  type MobileWebhook,
  RetryDeliveries,
  type RetryDeliveriesResult,
  SetMobileWebhook,
} from '../contract/delivery.ts';
import {
  type Catalog,
  CreateEvent,
  type EventAccepted,
  IDEMPOTENCY_KEY_PATTERN,
  TopicKey,
  type TopicSubscribers,
  TopicSubscribersChange,
} from '../contract/notifications.ts';

export interface ServerClientOptions {
  /** The API's origin, such as `https://api.baylink.example` (no trailing `/v1`). */
  baseUrl: string;
  /** Your integrator's server API key (`bl_sk_…`). Keep it on your backend. */
  apiKey: string;
  /** A fetch implementation (defaults to the global one of Node 18+). */
  fetch?: typeof fetch;
}

export interface IntegratorModule {
  get(): Promise<Integrator>;
  /** Change the name or the origins your pages call the API from. */
  update(patch: UpdateIntegrator): Promise<Integrator>;
}

export interface AccountsModule {
  create(input: CreateAccount): Promise<Account>;
  list(): Promise<Account[]>;
  get(accountId: string): Promise<Account>;
  update(accountId: string, patch: UpdateAccount): Promise<Account>;
}

export interface UsersModule {
  /** Creates or updates the user whose id in your system is `referenceId`. Safe to repeat. */
  upsert(accountId: string, referenceId: string, user: UpsertUser): Promise<User>;
  list(accountId: string): Promise<User[]>;
  get(accountId: string, userId: string): Promise<User>;
  update(accountId: string, userId: string, patch: UpdateUser): Promise<User>;
  /** Deletes the user, their team memberships and their photo. */
  delete(accountId: string, userId: string): Promise<void>;
}

export interface TeamsModule {
  create(accountId: string, input: CreateTeam): Promise<Team>;
  list(accountId: string): Promise<Team[]>;
  get(accountId: string, teamId: string): Promise<Team>;
  /** `memberIds`, when given, replaces the members. */
  update(accountId: string, teamId: string, patch: UpdateTeam): Promise<Team>;
  delete(accountId: string, teamId: string): Promise<void>;
  /** Idempotent. */
  addMember(accountId: string, teamId: string, userId: string): Promise<Team>;
  /** Idempotent. */
  removeMember(accountId: string, teamId: string, userId: string): Promise<Team>;
}

export interface SendEventOptions {
  /**
   * Makes the call safe to repeat: within 24 hours the same key with the same event answers
   * the first answer instead of notifying again. Use the id of what happened in your system
   * (such as `ro-4521-closed`). Defaults to a random key, which still protects this call's own
   * retries.
   */
  idempotencyKey?: string;
  /**
   * Retries (with the same key) after a network failure, a 409 (the same key still in flight),
   * a 429 or a 5xx. Defaults to 2.
   */
  retries?: number;
}

export interface EventsModule {
  /** Posts an event: notifies its recipients as their preferences allow. */
  send(input: CreateEvent, options?: SendEventOptions): Promise<EventAccepted>;
}

/** Topics name "the participants of X" (such as `repair-order:4521`); events may address them. */
export interface TopicsModule {
  /** Adds users (by id or reference id) to the topic. Idempotent. Answers every subscriber. */
  subscribe(
    accountId: string,
    topic: string,
    users: TopicSubscribersChange,
  ): Promise<TopicSubscribers>;
  /** Removes a user from the topic. Idempotent. */
  unsubscribe(accountId: string, topic: string, userId: string): Promise<void>;
  /** The ids of the topic's subscribers, oldest first. */
  list(accountId: string, topic: string): Promise<string[]>;
}

/** Where mobile deliveries go: your backend's URL, signed with a secret (see `verifyWebhook`). */
export interface MobileWebhookModule {
  /** The webhook (its secret masked), or null when none is set. */
  get(): Promise<MobileWebhook | null>;
  /**
   * Sets the URL (`https:`; `http:` only to 127.0.0.1 or localhost). The first call creates the
   * webhook and answers its whole secret, once: store it. Later calls change the URL only.
   */
  set(input: SetMobileWebhook): Promise<MobileWebhook>;
  /** A new secret, answered in full once; the previous one still signs for 24 hours. */
  rotateSecret(): Promise<MobileWebhook>;
  /** Stops mobile deliveries. Idempotent. */
  remove(): Promise<void>;
}

/** What the delivery worker did with an account's push, email and mobile notifications. */
export interface ServerDeliveriesModule {
  /** Newest first; filter by status, channel, user or notification; `nextCursor` pages on. */
  list(accountId: string, query?: DeliveryQuery): Promise<DeliveryPage>;
  /** Sends failed or dead deliveries again now (others are answered in `skipped`). */
  retry(accountId: string, ids: string[]): Promise<RetryDeliveriesResult>;
}

export interface ServerCatalogModule {
  /** The notification catalog in English (default) or French. */
  get(language?: 'en' | 'fr'): Promise<Catalog>;
}

/** The facade `createServerClient` returns. */
export interface ServerClient {
  readonly baseUrl: string;
  readonly integrator: IntegratorModule;
  readonly accounts: AccountsModule;
  readonly users: UsersModule;
  readonly teams: TeamsModule;
  readonly events: EventsModule;
  readonly topics: TopicsModule;
  readonly catalog: ServerCatalogModule;
  readonly mobileWebhook: MobileWebhookModule;
  readonly deliveries: ServerDeliveriesModule;
}

const IdempotencyKey = z
  .string()
  .regex(IDEMPOTENCY_KEY_PATTERN, 'Use 1 to 255 visible ASCII characters');

/** Whether a failed `events.send` is worth repeating with the same key. */
const retryable = (error: BaylinkError) =>
  error.status === 0
    ? error.code === 'network_error'
    : [409, 429].includes(error.status) || error.status >= 500;

const ReferenceId = z.string().trim().min(1).max(PROFILE_LIMITS.referenceId);
const MOBILE_WEBHOOK_PATH = '/v1/integrator/mobile-webhook';

/** Parses `value` or throws a `BaylinkError` (`validation_failed`, status 0: nothing was sent). */
function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  throw new BaylinkError({
    code: 'validation_failed',
    status: 0,
    message: `Invalid ${what}: ${details.map((detail) => detail.path).join(', ')}`,
    details,
  });
}

/** Checks path parameters, so a detail names the argument (`accountId`, `userId`…). */
function ids(values: Record<string, unknown>, schema: z.ZodType = Id): string[] {
  const shape = Object.fromEntries(Object.keys(values).map((key) => [key, schema]));
  const parsed = parse(z.object(shape), values, 'arguments') as Record<string, string>;
  return Object.keys(values).map((key) => encodeURIComponent(parsed[key]!));
}

/**
 * Creates the client for your backend, authenticated with your integrator's API key.
 * Every method checks its input against the contract before sending it and rejects with a
 * `BaylinkError` (the same class as the browser client's) on any failure.
 *
 * ```ts
 * const baylink = createServerClient({ baseUrl: process.env.BAYLINK_URL, apiKey: process.env.BAYLINK_API_KEY });
 * const account = await baylink.accounts.create({ name: 'Maple Motors' });
 * await baylink.users.upsert(account.id, 'EMP-001', { name: 'Sam Service', role: 'admin' });
 * ```
 */
export function createServerClient(options: ServerClientOptions): ServerClient {
  if (typeof (globalThis as { document?: unknown }).document !== 'undefined') {
    throw new BaylinkError({
      code: 'api_key_in_browser',
      status: 0,
      message:
        'createServerClient runs on your backend only: an API key must never reach a browser. In the browser use createClient from @baylink/sdk with a user token.',
    });
  }
  if (!options || typeof options.baseUrl !== 'string' || options.baseUrl === '') {
    throw new TypeError('createServerClient needs a baseUrl, such as "https://api.example.com"');
  }
  // The key lives in this closure only: never on the returned object, in a message or a log.
  const apiKey = options.apiKey;
  if (typeof apiKey !== 'string' || !apiKey.startsWith(API_KEY_PREFIX)) {
    throw new TypeError(
      `createServerClient needs your server API key (it starts with "${API_KEY_PREFIX}"); the token-signing secret is for mintUserToken`,
    );
  }
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function request<T>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const headers: Record<string, string> = {
      ...extraHeaders,
      authorization: `Bearer ${apiKey}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch (cause) {
      throw networkError(cause);
    }
    return readResponse<T>(
      response.status,
      response.headers.get('x-request-id'),
      () => response.text(),
      response.headers.get('retry-after'),
    );
  }

  const account = (accountId: string) => `/v1/accounts/${ids({ accountId })[0]}`;
  const topicPath = (accountId: string, topic: string) =>
    `${account(accountId)}/topics/${ids({ topic }, TopicKey)[0]}/subscribers`;

  async function sendEvent(input: CreateEvent, options: SendEventOptions = {}) {
    const event = parse(CreateEvent, input, 'event');
    const key = parse(
      IdempotencyKey,
      options.idempotencyKey ?? globalThis.crypto.randomUUID(),
      'idempotencyKey',
    );
    const retries = Math.max(0, Math.min(options.retries ?? 2, 10));
    for (let attempt = 0; ; attempt++) {
      try {
        return await request<EventAccepted>('POST', '/v1/events', event, {
          'idempotency-key': key,
        });
      } catch (error) {
        if (!(error instanceof BaylinkError) || attempt >= retries || !retryable(error))
          throw error;
        // Exponential backoff with full jitter: 0–250 ms, 0–500 ms, …
        const delay = Math.random() * 250 * 2 ** attempt;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  return {
    baseUrl,
    integrator: {
      get: () => request<Integrator>('GET', '/v1/integrator'),
      update: async (patch) =>
        request<Integrator>(
          'PATCH',
          '/v1/integrator',
          parse(UpdateIntegrator, patch, 'integrator'),
        ),
    },
    accounts: {
      create: async (input) =>
        request<Account>('POST', '/v1/accounts', parse(CreateAccount, input, 'account')),
      list: async () => (await request<{ items: Account[] }>('GET', '/v1/accounts')).items,
      get: async (accountId) => request<Account>('GET', account(accountId)),
      update: async (accountId, patch) =>
        request<Account>('PATCH', account(accountId), parse(UpdateAccount, patch, 'account')),
    },
    users: {
      upsert: async (accountId, referenceId, user) => {
        const [ref] = ids({ referenceId }, ReferenceId);
        return request<User>(
          'PUT',
          `${account(accountId)}/users/by-reference/${ref}`,
          parse(UpsertUser, user, 'user'),
        );
      },
      list: async (accountId) =>
        (await request<{ items: User[] }>('GET', `${account(accountId)}/users`)).items,
      get: async (accountId, userId) =>
        request<User>('GET', `${account(accountId)}/users/${ids({ userId })[0]}`),
      update: async (accountId, userId, patch) => {
        const path = `${account(accountId)}/users/${ids({ userId })[0]}`;
        return request<User>('PATCH', path, parse(UpdateUser, patch, 'user'));
      },
      delete: async (accountId, userId) => {
        await request<void>('DELETE', `${account(accountId)}/users/${ids({ userId })[0]}`);
      },
    },
    teams: {
      create: async (accountId, input) =>
        request<Team>('POST', `${account(accountId)}/teams`, parse(CreateTeam, input, 'team')),
      list: async (accountId) =>
        (await request<{ items: Team[] }>('GET', `${account(accountId)}/teams`)).items,
      get: async (accountId, teamId) =>
        request<Team>('GET', `${account(accountId)}/teams/${ids({ teamId })[0]}`),
      update: async (accountId, teamId, patch) => {
        const path = `${account(accountId)}/teams/${ids({ teamId })[0]}`;
        return request<Team>('PATCH', path, parse(UpdateTeam, patch, 'team'));
      },
      delete: async (accountId, teamId) => {
        await request<void>('DELETE', `${account(accountId)}/teams/${ids({ teamId })[0]}`);
      },
      addMember: async (accountId, teamId, userId) => {
        const [team, user] = ids({ teamId, userId });
        return request<Team>('PUT', `${account(accountId)}/teams/${team}/members/${user}`);
      },
      removeMember: async (accountId, teamId, userId) => {
        const [team, user] = ids({ teamId, userId });
        return request<Team>('DELETE', `${account(accountId)}/teams/${team}/members/${user}`);
      },
    },
    events: { send: sendEvent },
    topics: {
      subscribe: async (accountId, topic, users) =>
        request<TopicSubscribers>(
          'PUT',
          topicPath(accountId, topic),
          parse(TopicSubscribersChange, users, 'subscribers'),
        ),
      unsubscribe: async (accountId, topic, userId) => {
        await request<void>('DELETE', `${topicPath(accountId, topic)}/${ids({ userId })[0]}`);
      },
      list: async (accountId, topic) =>
        (await request<TopicSubscribers>('GET', topicPath(accountId, topic))).userIds,
    },
    catalog: {
      get: async (language = 'en') =>
        request<Catalog>('GET', `/v1/catalog?lang=${parse(Language, language, 'language')}`),
    },
    mobileWebhook: {
      get: async () => {
        try {
          return await request<MobileWebhook>('GET', MOBILE_WEBHOOK_PATH);
        } catch (error) {
          if (error instanceof BaylinkError && error.status === 404) return null;
          throw error;
        }
      },
      set: async (input) =>
        request<MobileWebhook>(
          'PUT',
          MOBILE_WEBHOOK_PATH,
          parse(SetMobileWebhook, input, 'mobile webhook'),
        ),
      rotateSecret: async () =>
        request<MobileWebhook>('POST', `${MOBILE_WEBHOOK_PATH}/rotate-secret`),
      remove: async () => {
        await request<void>('DELETE', MOBILE_WEBHOOK_PATH);
      },
    },
    deliveries: {
      list: async (accountId, query = {}) => {
        const parsed = parse(DeliveryQuery, query, 'delivery query');
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(parsed)) {
          if (value !== undefined) params.set(key, String(value));
        }
        return request<DeliveryPage>('GET', `${account(accountId)}/deliveries?${params}`);
      },
      retry: async (accountId, deliveryIds) =>
        request<RetryDeliveriesResult>(
          'POST',
          `${account(accountId)}/deliveries/retry`,
          parse(RetryDeliveries, { ids: deliveryIds }, 'deliveries'),
        ),
    },
  };
}
