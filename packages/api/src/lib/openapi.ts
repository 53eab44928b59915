import { ErrorBody } from '@baylink/sdk/contract';
import { OpenAPIHono } from '@hono/zod-openapi';
import { validationError } from './errors.ts';
import type { AppEnv } from './types.ts';

/** A router whose validation failures all become the one 400 error shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
}

export type Router = ReturnType<typeof createRouter>;

const errorContent = { 'application/json': { schema: ErrorBody } };

/** The error answers every route may give, for the OpenAPI document. */
export function errorResponses(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: 'Invalid input; `details` names the offending fields',
    401: 'Missing, invalid or expired credentials',
    403: 'Not allowed (for example, an origin the integrator has not listed)',
    404: 'Not found, or belongs to another account',
    409: 'Conflicts with existing data',
    413: 'The body is too large',
    415: 'The body is not of an accepted type',
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status] ?? 'Error', content: errorContent },
    ]),
  );
}

export const jsonBody = <T>(schema: T, description?: string) => ({
  required: true,
  ...(description ? { description } : {}),
  content: { 'application/json': { schema } },
});

export const jsonResponse = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
