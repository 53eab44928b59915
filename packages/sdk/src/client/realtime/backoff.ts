/** Reconnection delays: exponential backoff with full jitter (AWS Architecture Blog, 2015). */

export interface BackoffOptions {
  /** The ceiling of the first retry, in milliseconds (a server's `retry:` replaces it). */
  initialDelayMs: number;
  /** The largest ceiling, in milliseconds. */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * The delay before retry number `attempt` (0 for the first): a uniformly random value between 0
 * and `min(maxDelayMs, base × 2^attempt)`, where `base` is the server's `retry:` hint when it
 * sent one, else `initialDelayMs`. Spreading retries over the whole window keeps a thousand
 * clients that lost the same server from coming back at the same instant.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  retryHintMs?: number | undefined,
  random: () => number = Math.random,
): number {
  const base = retryHintMs ?? options.initialDelayMs;
  const ceiling = Math.min(options.maxDelayMs, base * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
