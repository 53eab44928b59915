import type { ErrorDetail } from '../contract/errors.ts';

/**
 * The one error every SDK method rejects with. `status` is the HTTP status (0 for a network
 * failure or an abort), `code` the API's machine-readable code, `details` the offending fields
 * of a 400.
 */
export class BaylinkError extends Error {
  override readonly name = 'BaylinkError';
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetail[];
  readonly requestId: string | undefined;
  /** Seconds to wait before trying again, from `Retry-After` (429 and 503 answers). */
  readonly retryAfter: number | undefined;

  constructor(init: {
    code: string;
    message: string;
    status: number;
    details?: ErrorDetail[] | undefined;
    requestId?: string | undefined;
    retryAfter?: number | undefined;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.status = init.status;
    this.details = init.details ?? [];
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
  }

  /** The message for one field of a 400, if the API named it. */
  fieldMessage(path: string): string | undefined {
    return this.details.find((detail) => detail.path === path)?.message;
  }
}

export function isBaylinkError(value: unknown): value is BaylinkError {
  return value instanceof Error && (value as { name?: string }).name === 'BaylinkError';
}
