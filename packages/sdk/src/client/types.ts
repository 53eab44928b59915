import type { Me, UpdateMe, UserSummary } from '../contract/profile.ts';
import type { BaylinkError } from './error.ts';

export type RequestStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The one observable primitive: read the state, subscribe to changes; subscribe returns its unsubscribe. */
export interface Store<T> {
  getState(): T;
  subscribe(listener: (state: T) => void): () => void;
}

export type TokenSource = () => string | Promise<string>;

export interface ClientOptions {
  /** The API's origin and path prefix, such as `https://api.baylink.example` (no trailing `/v1`). */
  baseUrl: string;
  /** A user token minted by the host's backend. */
  token?: string;
  /** Called for the first token and again after a 401, to fetch a fresh one. */
  getToken?: TokenSource;
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch;
}

export interface MeState {
  status: RequestStatus;
  me: Me | null;
  error: BaylinkError | null;
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions {
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

export interface MeModule {
  /** The signed-in user's profile, kept up to date by every method of this module. */
  readonly store: Store<MeState>;
  /** Fetch the profile (and refresh the store). */
  get(): Promise<Me>;
  /** Save changed fields; rejects with a 400 `BaylinkError` naming bad fields. */
  update(patch: UpdateMe): Promise<Me>;
  /** Upload a JPEG, PNG or WebP photo (at most 5 MB), reporting progress. */
  uploadPhoto(file: Blob, options?: UploadOptions): Promise<Me>;
  deletePhoto(): Promise<Me>;
}

export interface UsersModule {
  /** Users of the signed-in user's account. */
  list(): Promise<UserSummary[]>;
  get(userId: string): Promise<UserSummary>;
}

export interface BaylinkClient {
  readonly baseUrl: string;
  readonly me: MeModule;
  readonly users: UsersModule;
  /** Stop background work and drop subscriptions. */
  destroy(): void;
}
