import {
  BaylinkError,
  type ErrorDetail,
  type MeState,
  SIGNATURE_MAX_LENGTH,
  type Signature,
  type SignatureModule,
  type SignatureState,
  type Store,
} from '@baylink/sdk';
import { effectiveSignature, signBody } from '../settings-panel/signature-section.ts';
import { MemoryStore } from './memory-notifications.ts';

/**
 * The signature side of the memory client: the user's signature in memory, validated and
 * normalised like `PATCH /v1/me/signature`, signing bodies like `POST /v1/me/signature/apply`,
 * with a store that loads on its first subscriber and follows the profile name, as the SDK's.
 */

export type SignatureMethod = 'signature.get' | 'signature.update' | 'signature.apply';

/** The signature to start with (default: on and empty, as for a user who never set one). */
export interface SignatureInit {
  enabled?: boolean;
  text?: string;
  updatedAt?: string | null;
}

type Answer = <T>(method: SignatureMethod, args: unknown[], answer: () => T) => Promise<T>;

/** Control characters other than tab and line feed, which the API refuses. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F]/u;

export class MemorySignature {
  readonly module: SignatureModule;
  readonly #answer: Answer;
  readonly #me: Store<MeState>;
  readonly #name: () => string;
  readonly #store: MemoryStore<SignatureState>;
  #saved: { enabled: boolean; text: string; updatedAt: string | null };
  #stopFollowingMe: (() => void) | undefined;

  constructor(
    answer: Answer,
    options: { me: Store<MeState>; name: () => string; signature?: SignatureInit; loaded: boolean },
  ) {
    this.#answer = answer;
    this.#me = options.me;
    this.#name = options.name;
    this.#saved = {
      enabled: options.signature?.enabled ?? true,
      text: options.signature?.text ?? '',
      updatedAt: options.signature?.updatedAt ?? null,
    };
    this.#store = new MemoryStore<SignatureState>(
      options.loaded
        ? { status: 'ready', signature: this.#current(), error: null }
        : { status: 'idle', signature: null, error: null },
      () => {
        if (this.#store.getState().status === 'idle') this.#load().catch(() => {});
      },
    );
    const store = this.#store;
    this.module = {
      store: {
        getState: () => store.getState(),
        subscribe: (listener) => {
          const unsubscribe = store.subscribe(listener);
          this.#stopFollowingMe ??= this.#me.subscribe(() => this.#followName());
          return () => {
            unsubscribe();
            if (store.listenerCount === 0) {
              this.#stopFollowingMe?.();
              this.#stopFollowingMe = undefined;
            }
          };
        },
      },
      get: () => this.#load(),
      update: (patch) => this.#update(patch),
      apply: (body) =>
        this.#answer('signature.apply', [body], () => {
          if (typeof body !== 'string' || body.length > 10_000) {
            throw invalid([
              { path: 'body', message: 'Expected a string of at most 10000 characters' },
            ]);
          }
          return signBody(body, this.#current().effective);
        }),
    };
  }

  /** Listeners of the store (to check that elements unsubscribe). */
  get listenerCount(): number {
    return this.#store.listenerCount;
  }

  /** The signature as stored now. */
  get stored(): Signature {
    return this.#current();
  }

  clear(): void {
    this.#store.clear();
    this.#stopFollowingMe?.();
    this.#stopFollowingMe = undefined;
  }

  #current(): Signature {
    const { enabled, text, updatedAt } = this.#saved;
    return { enabled, text, effective: effectiveSignature(enabled, text, this.#name()), updatedAt };
  }

  #followName(): void {
    const state = this.#store.getState();
    if (!state.signature) return;
    const effective = this.#current().effective;
    if (effective !== state.signature.effective) {
      this.#store.set({ ...state, signature: { ...state.signature, effective } });
    }
  }

  #settle(): Signature {
    const signature = this.#current();
    this.#store.set({ status: 'ready', signature, error: null });
    return { ...signature };
  }

  async #load(): Promise<Signature> {
    const state = this.#store.getState();
    if (!state.signature) this.#store.set({ ...state, status: 'loading' });
    try {
      return await this.#answer('signature.get', [], () => this.#settle());
    } catch (error) {
      const current = this.#store.getState();
      this.#store.set({
        ...current,
        status: current.signature ? 'ready' : 'error',
        error: error as BaylinkError,
      });
      throw error;
    }
  }

  async #update(patch: Parameters<SignatureModule['update']>[0]): Promise<Signature> {
    try {
      return await this.#answer('signature.update', [patch], () => {
        const next = { ...this.#saved };
        const details: ErrorDetail[] = [];
        for (const [key, value] of Object.entries(patch ?? {})) {
          if (key === 'enabled') {
            if (typeof value !== 'boolean')
              details.push({ path: key, message: 'Expected boolean' });
            else next.enabled = value;
          } else if (key === 'text') {
            if (typeof value !== 'string') {
              details.push({ path: key, message: 'Expected string' });
            } else if (value.length > SIGNATURE_MAX_LENGTH) {
              details.push({
                path: key,
                message: `Too big: expected string to have <=${SIGNATURE_MAX_LENGTH} characters`,
              });
            } else {
              const text = value.replace(/\r\n?/g, '\n').trim();
              if (CONTROL_CHARACTERS.test(text)) {
                details.push({
                  path: key,
                  message: 'The signature may hold line breaks but no other control characters',
                });
              } else next.text = text;
            }
          } else {
            details.push({ path: '(body)', message: `Unrecognized key: "${key}"` });
          }
        }
        if (details.length > 0) throw invalid(details);
        if (next.enabled !== this.#saved.enabled || next.text !== this.#saved.text) {
          this.#saved = { ...next, updatedAt: new Date().toISOString() };
        }
        return this.#settle();
      });
    } catch (error) {
      this.#store.set({ ...this.#store.getState(), error: error as BaylinkError });
      throw error;
    }
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
