import { ApplySignature, Signature, SignedMessage, UpdateSignature } from '@baylink/sdk/contract';
import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import { requireOwnedAccount } from '../accounts/account-scope.ts';
import { signMessage } from './signature.rules.ts';
import { readSignature, writeSignature } from './signature.sql.ts';

const userSecurity = [{ userToken: [] }];
const keySecurity = [{ apiKey: [] }];

const UserParams = z.object({ accountId: z.uuid(), userId: z.uuid() });

/** Control characters other than tab and line feed: invisible in a message, refused by Postgres (NUL). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F]/u;

function rejectControlCharacters(text: string | undefined): void {
  if (text === undefined || !CONTROL_CHARACTERS.test(text)) return;
  throw new ApiError(400, 'validation_failed', 'Invalid input: text', [
    { path: 'text', message: 'The signature may hold line breaks but no other control characters' },
  ]);
}

const DEFAULTS_NOTE =
  'A user who never set a signature has it on with an empty text, so `effective` is their profile name.';

/**
 * The signature a user's manual messages to customers end with: the user's own routes (user
 * token) and the integrator's per-user twins (API key), so a host backend signs outgoing
 * messages exactly as the settings panel previews them.
 */
export const signatureRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me/signature',
      tags: ['Signature'],
      summary: 'My signature',
      description: `The switch, the text as typed, and \`effective\`: what customers see (the text, the profile name when the text is empty, null when off). ${DEFAULTS_NOTE}`,
      security: userSecurity,
      responses: {
        200: jsonResponse(Signature, 'The signed-in user’s signature'),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const { sql } = c.get('deps');
      const { accountId, user } = c.get('auth');
      return c.json(await readSignature(sql, accountId, user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/me/signature',
      tags: ['Signature'],
      summary: 'Update my signature',
      description:
        'Changes the switch (`enabled`) and/or the text (multi-line, at most 500 characters; CRLF and CR become LF; leading and trailing blank space is trimmed; an empty text means "use my profile name"). Fields left out keep their value.',
      security: userSecurity,
      request: { body: jsonBody(UpdateSignature) },
      responses: {
        200: jsonResponse(Signature, 'The signature after the change'),
        ...errorResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const patch = c.req.valid('json');
      rejectControlCharacters(patch.text);
      const { sql } = c.get('deps');
      const { accountId, user } = c.get('auth');
      return c.json(await writeSignature(sql, accountId, user.id, patch), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/me/signature/apply',
      tags: ['Signature'],
      summary: 'Sign a message with my signature',
      description:
        'Answers the body followed by a blank line and the effective signature (trailing blank space of the body is dropped first), or the body unchanged when the signature is off. Call it once per message.',
      security: userSecurity,
      request: { body: jsonBody(ApplySignature) },
      responses: {
        200: jsonResponse(SignedMessage, 'The signed body and the signature used'),
        ...errorResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const { body } = c.req.valid('json');
      const { sql } = c.get('deps');
      const { accountId, user } = c.get('auth');
      const signature = await readSignature(sql, accountId, user.id);
      return c.json(signMessage(body, signature.effective), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/accounts/{accountId}/users/{userId}/signature',
      tags: ['Signature'],
      summary: 'A user’s signature',
      description: `The user’s signature as their settings panel shows it. ${DEFAULTS_NOTE}`,
      security: keySecurity,
      request: { params: UserParams },
      responses: {
        200: jsonResponse(Signature, 'The user’s signature'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { accountId, userId } = c.req.valid('param');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      return c.json(await readSignature(sql, accountId, userId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/v1/accounts/{accountId}/users/{userId}/signature/apply',
      tags: ['Signature'],
      summary: 'Sign a message with a user’s signature',
      description:
        'For host backends that send a message on a user’s behalf: the same rule as `POST /v1/me/signature/apply` (body, a blank line, the effective signature; unchanged when off). Call it once per message.',
      security: keySecurity,
      request: { params: UserParams, body: jsonBody(ApplySignature) },
      responses: {
        200: jsonResponse(SignedMessage, 'The signed body and the signature used'),
        ...errorResponses(400, 401, 404, 413, 415),
      },
    }),
    async (c) => {
      const { accountId, userId } = c.req.valid('param');
      const { body } = c.req.valid('json');
      const { sql } = c.get('deps');
      await requireOwnedAccount(sql, c.get('integrator').id, accountId);
      const signature = await readSignature(sql, accountId, userId);
      return c.json(signMessage(body, signature.effective), 200);
    },
  );
