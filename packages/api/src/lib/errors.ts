import type { ErrorCode, ErrorDetail } from '@baylink/sdk/contract';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { AppEnv } from './types.ts';

/** A failure the API reports to its caller with the one error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what = 'The resource') =>
  new ApiError(404, 'not_found', `${what} was not found`);

export function detailsFromZod(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

export function validationError(error: z.ZodError): ApiError {
  const details = detailsFromZod(error);
  return new ApiError(
    400,
    'validation_failed',
    `Invalid input: ${details.map((d) => d.path).join(', ')}`,
    details,
  );
}

const CODES_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'not_ready',
};

export function errorResponse(c: Context<AppEnv>, error: unknown): Response {
  const requestId = c.get('requestId');
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    return c.json(
      {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
          requestId,
        },
      },
      error.status,
    );
  }
  if (error instanceof HTTPException && error.status < 500) {
    const status = error.status as ContentfulStatusCode;
    // Hono's own messages (such as "Malformed JSON in request body") are safe to pass on.
    return c.json(
      {
        error: {
          code: CODES_BY_STATUS[status] ?? 'bad_request',
          message: error.message || 'The request could not be processed',
          requestId,
        },
      },
      status,
    );
  }
  c.get('deps')?.logger.error({ err: error, requestId }, 'unhandled error');
  return c.json(
    {
      error: {
        code: 'internal',
        message: 'Something went wrong on our side. The request id helps us find it.',
        requestId,
      },
    },
    500,
  );
}
