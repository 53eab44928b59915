import { randomBytes } from 'node:crypto';
import { Me, PHOTO_TYPES, PROFILE_LIMITS, UpdateMe } from '@baylink/sdk/contract';
import { createRoute } from '@hono/zod-openapi';
import { fileTypeFromBuffer } from 'file-type';
import { bodyLimit } from 'hono/body-limit';
import sharp from 'sharp';
import { ApiError } from '../../lib/errors.ts';
import { createRouter, errorResponses, jsonBody, jsonResponse } from '../../lib/openapi.ts';
import type { UserRow } from '../../lib/types.ts';
import { photoFileKey, toMe, USER_COLUMNS, userConflictField } from '../users/users.sql.ts';

const security = [{ userToken: [] }];

const COLUMN_OF = {
  name: 'name',
  email: 'email',
  language: 'language',
  jobPosition: 'job_position',
  referenceId: 'reference_id',
} as const;

export const meRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/me',
      tags: ['Profile'],
      summary: 'My profile',
      security,
      responses: { 200: jsonResponse(Me, 'The signed-in user'), ...errorResponses(401, 403) },
    }),
    (c) => c.json(toMe(c.get('deps'), c.get('auth').user), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/v1/me',
      tags: ['Profile'],
      summary: 'Update my profile',
      description:
        'Changes any of name, email (unique in the account), preferred language, job position and reference ID. Empty job position or reference ID clears it.',
      security,
      request: { body: jsonBody(UpdateMe) },
      responses: {
        200: jsonResponse(Me, 'The updated profile'),
        ...errorResponses(400, 401, 403, 409, 413, 415),
      },
    }),
    async (c) => {
      const patch = c.req.valid('json');
      const { sql } = c.get('deps');
      const { accountId, user } = c.get('auth');
      const changes: Record<string, unknown> = {};
      for (const [field, column] of Object.entries(COLUMN_OF)) {
        const value = patch[field as keyof typeof patch];
        if (value !== undefined) changes[column] = value;
      }
      if (Object.keys(changes).length === 0) return c.json(toMe(c.get('deps'), user), 200);
      try {
        const [row] = await sql<UserRow[]>`
          update users set ${sql(changes)}, updated_at = now()
          where account_id = ${accountId} and id = ${user.id}
          returning ${sql.unsafe(USER_COLUMNS)}`;
        if (!row) throw new ApiError(404, 'not_found', 'The user was not found');
        return c.json(toMe(c.get('deps'), row), 200);
      } catch (error) {
        const field = userConflictField(error);
        if (field === 'email') {
          throw new ApiError(409, 'email_taken', 'Another user of this account has that email', [
            { path: 'email', message: 'Another user of this account already uses this email' },
          ]);
        }
        if (field === 'referenceId') {
          throw new ApiError(
            409,
            'reference_id_taken',
            'Another user of this account has that reference ID',
            [
              {
                path: 'referenceId',
                message: 'Another user of this account has this reference ID',
              },
            ],
          );
        }
        throw error;
      }
    },
  );

const uploadLimit = bodyLimit({
  maxSize: PROFILE_LIMITS.photoBytes,
  onError: () => {
    throw new ApiError(413, 'payload_too_large', 'The photo is larger than 5 MB');
  },
});

meRoutes.use('/v1/me/photo', async (c, next) =>
  c.req.method === 'PUT' ? uploadLimit(c, next) : next(),
);

meRoutes
  .openapi(
    createRoute({
      method: 'put',
      path: '/v1/me/photo',
      tags: ['Profile'],
      summary: 'Upload my photo',
      description:
        'The body is the image itself (JPEG, PNG or WebP, at most 5 MB). Its real type is read from its bytes; it is cropped to a square, re-encoded as WebP without metadata, and served through short-lived signed URLs.',
      security,
      request: {
        body: {
          required: true,
          content: Object.fromEntries(
            PHOTO_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
          ),
        },
      },
      responses: {
        200: jsonResponse(Me, 'The profile with its new photo'),
        ...errorResponses(400, 401, 403, 413, 415),
      },
    }),
    async (c) => {
      const declared = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (
        declared &&
        !(PHOTO_TYPES as readonly string[]).includes(declared) &&
        declared !== 'application/octet-stream'
      ) {
        throw new ApiError(415, 'unsupported_media_type', 'Send a JPEG, PNG or WebP image');
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.byteLength === 0) {
        throw new ApiError(400, 'validation_failed', 'The photo is empty', [
          { path: 'photo', message: 'Choose an image file' },
        ]);
      }
      const sniffed = await fileTypeFromBuffer(bytes);
      if (!sniffed || !(PHOTO_TYPES as readonly string[]).includes(sniffed.mime)) {
        throw new ApiError(
          415,
          'unsupported_media_type',
          'The file is not a JPEG, PNG or WebP image',
          [{ path: 'photo', message: 'Choose a JPEG, PNG or WebP image' }],
        );
      }
      let webp: Buffer;
      try {
        webp = await sharp(bytes, { limitInputPixels: 40_000_000, failOn: 'error' })
          .rotate()
          .resize(PROFILE_LIMITS.photoSize, PROFILE_LIMITS.photoSize, {
            fit: 'cover',
            position: 'attention',
          })
          .webp({ quality: 82 })
          .toBuffer();
      } catch {
        throw new ApiError(400, 'validation_failed', 'The image could not be read', [
          { path: 'photo', message: 'The image is damaged or too large to process' },
        ]);
      }
      const deps = c.get('deps');
      const { accountId, user } = c.get('auth');
      const key = randomBytes(12).toString('base64url');
      await deps.files.put(photoFileKey(accountId, user.id, key), webp, 'image/webp');
      const [row] = await deps.sql<UserRow[]>`
        update users set photo_key = ${key}, updated_at = now()
        where account_id = ${accountId} and id = ${user.id}
        returning ${deps.sql.unsafe(USER_COLUMNS)}`;
      if (!row) {
        await deps.files.delete(photoFileKey(accountId, user.id, key));
        throw new ApiError(404, 'not_found', 'The user was not found');
      }
      if (user.photo_key) await deps.files.delete(photoFileKey(accountId, user.id, user.photo_key));
      return c.json(toMe(deps, row), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/v1/me/photo',
      tags: ['Profile'],
      summary: 'Delete my photo',
      security,
      responses: {
        200: jsonResponse(Me, 'The profile without a photo'),
        ...errorResponses(401, 403),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const { accountId, user } = c.get('auth');
      const [row] = await deps.sql<UserRow[]>`
        update users set photo_key = null, updated_at = now()
        where account_id = ${accountId} and id = ${user.id}
        returning ${deps.sql.unsafe(USER_COLUMNS)}`;
      if (!row) throw new ApiError(404, 'not_found', 'The user was not found');
      if (user.photo_key) await deps.files.delete(photoFileKey(accountId, user.id, user.photo_key));
      return c.json(toMe(deps, row), 200);
    },
  );
