import { API_KEY_PREFIX } from '../contract/constants.ts';
import type { ErrorBody } from '../contract/errors.ts';
import { BaylinkError } from './error.ts';
import type { ClientOptions, UploadOptions } from './types.ts';

export interface RequestInit {
  method?: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Send without the user's token (public routes: login, password reset). */
  anonymous?: boolean;
}

/**
 * Sends requests with the user's token and turns every failure into a `BaylinkError`.
 * On a 401 it asks `getToken` for a fresh token once and replays the request. A client made
 * without a token (to sign in with `client.auth.login`) rejects calls that need one with
 * `token_missing` until it has one.
 */
export class Transport {
  readonly baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #getToken: (() => string | Promise<string>) | undefined;
  #token: string | undefined;
  #refreshing: Promise<string> | undefined;

  constructor(options: ClientOptions) {
    if (!options || typeof options.baseUrl !== 'string' || options.baseUrl === '') {
      throw new TypeError('createClient needs a baseUrl, such as "https://api.example.com"');
    }
    if (typeof options.token === 'string' && options.token.startsWith(API_KEY_PREFIX)) {
      throw apiKeyRefused();
    }
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#getToken = options.getToken;
    this.#token = options.token;
  }

  /** Uses this token from now on (the one `client.auth.login` received). */
  setToken(token: string): void {
    if (token.startsWith(API_KEY_PREFIX)) throw apiKeyRefused();
    this.#token = token;
  }

  async token(forceRefresh = false): Promise<string> {
    if (!forceRefresh && this.#token) return this.#token;
    if (!this.#getToken) {
      if (this.#token) return this.#token;
      throw new BaylinkError({ code: 'token_missing', status: 0, message: 'No user token' });
    }
    this.#refreshing ??= Promise.resolve(this.#getToken())
      .then((token) => {
        if (typeof token !== 'string' || token === '') {
          throw new BaylinkError({
            code: 'token_missing',
            status: 0,
            message: 'getToken() returned no token',
          });
        }
        if (token.startsWith(API_KEY_PREFIX)) {
          throw new BaylinkError({
            code: 'api_key_in_browser',
            status: 0,
            message: 'getToken() returned a server API key; return a user token instead.',
          });
        }
        this.#token = token;
        return token;
      })
      .finally(() => {
        this.#refreshing = undefined;
      });
    return this.#refreshing;
  }

  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  async request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const send = async (token: string | undefined) => {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      let body: BodyInit | undefined;
      if (init.body instanceof Blob) {
        body = init.body;
        headers['content-type'] = init.body.type || 'application/octet-stream';
      } else if (init.body !== undefined) {
        body = JSON.stringify(init.body);
        headers['content-type'] = 'application/json';
      }
      try {
        return await this.#fetch(this.url(path), {
          method: init.method ?? 'GET',
          headers,
          body: body ?? null,
          signal: init.signal ?? null,
        });
      } catch (cause) {
        throw networkError(cause);
      }
    };
    if (init.anonymous) {
      const response = await send(undefined);
      return readResponse<T>(
        response.status,
        response.headers.get('x-request-id'),
        () => response.text(),
        response.headers.get('retry-after'),
      );
    }
    let response = await send(await this.token());
    if (response.status === 401 && this.#getToken) {
      response = await send(await this.token(true));
    }
    return readResponse<T>(
      response.status,
      response.headers.get('x-request-id'),
      () => response.text(),
      response.headers.get('retry-after'),
    );
  }

  /**
   * Opens a long-lived response (the realtime stream) with the user's token and returns it
   * whatever its status, for the caller to read; on a 401 it asks `getToken` for a fresh token
   * once and tries again. A network failure rejects with a `BaylinkError`.
   */
  async open(
    path: string,
    init: { headers?: Record<string, string>; signal?: AbortSignal | undefined } = {},
  ): Promise<Response> {
    const send = async (token: string) => {
      try {
        return await this.#fetch(this.url(path), {
          method: 'GET',
          headers: { ...init.headers, authorization: `Bearer ${token}` },
          signal: init.signal ?? null,
          cache: 'no-store',
        });
      } catch (cause) {
        throw networkError(cause);
      }
    };
    let response = await send(await this.token());
    if (response.status === 401 && this.#getToken) {
      await response.body?.cancel().catch(() => {});
      response = await send(await this.token(true));
    }
    return response;
  }

  /** Uploads a file with progress events (XMLHttpRequest where it exists, fetch elsewhere). */
  async upload<T>(path: string, file: Blob, options: UploadOptions = {}): Promise<T> {
    if (typeof XMLHttpRequest === 'undefined') {
      const result = await this.request<T>(path, {
        method: 'PUT',
        body: file,
        signal: options.signal,
      });
      options.onProgress?.({ loaded: file.size, total: file.size });
      return result;
    }
    const send = (token: string) =>
      new Promise<{ status: number; requestId: string | null; text: string }>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('PUT', this.url(path));
        xhr.setRequestHeader('authorization', `Bearer ${token}`);
        xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
        xhr.upload.onprogress = (event) => {
          options.onProgress?.({ loaded: event.loaded, total: event.total || file.size });
        };
        xhr.onload = () =>
          resolve({
            status: xhr.status,
            requestId: xhr.getResponseHeader('x-request-id'),
            text: xhr.responseText,
          });
        xhr.onerror = () => reject(networkError(new Error('The upload failed')));
        xhr.onabort = () => reject(abortError());
        if (options.signal) {
          if (options.signal.aborted) return reject(abortError());
          options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
        }
        xhr.send(file);
      });
    let result = await send(await this.token());
    if (result.status === 401 && this.#getToken) result = await send(await this.token(true));
    return readResponse<T>(result.status, result.requestId, async () => result.text);
  }
}

/** Parses a 2xx body, or throws the API's error as a `BaylinkError` (shared with the server client). */
export async function readResponse<T>(
  status: number,
  requestId: string | null,
  text: () => Promise<string>,
  retryAfter?: string | null,
): Promise<T> {
  const raw = await text();
  let parsed: unknown;
  try {
    parsed = raw === '' ? undefined : JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (status >= 200 && status < 300) return parsed as T;
  const error = (parsed as Partial<ErrorBody> | undefined)?.error;
  throw new BaylinkError({
    status,
    code: error?.code ?? 'http_error',
    message: error?.message ?? `The request failed with status ${status}`,
    details: error?.details,
    requestId: error?.requestId ?? requestId ?? undefined,
    retryAfter: parseRetryAfter(retryAfter),
  });
}

/** `Retry-After` in seconds (it may be given as seconds or as an HTTP date). */
function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

function apiKeyRefused(): BaylinkError {
  return new BaylinkError({
    code: 'api_key_in_browser',
    status: 0,
    message:
      'createClient was given a server API key. API keys must stay on your backend: mint a user token there (mintUserToken from @baylink/sdk/server) and pass that instead.',
  });
}

/** The `BaylinkError` for a request that never got an answer. */
export function networkError(cause: unknown): BaylinkError {
  if (cause instanceof Error && cause.name === 'AbortError') return abortError();
  return new BaylinkError({
    code: 'network_error',
    status: 0,
    message: 'The Baylink API could not be reached',
    cause,
  });
}

function abortError(): BaylinkError {
  return new BaylinkError({ code: 'aborted', status: 0, message: 'The request was aborted' });
}
