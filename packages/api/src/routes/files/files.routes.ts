import { ApiError } from '../../lib/errors.ts';
import { createRouter } from '../../lib/openapi.ts';
import { verifySignedPath } from '../../services/signed-urls.ts';
import { photoFileKey } from '../users/users.sql.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Files behind short-lived signed URLs: an `<img>` on a host page cannot send the user's token,
 * so the URL itself is the permission. Served with `nosniff`, a fixed type and disposition, and
 * a cross-origin resource policy so host pages may show them.
 */
export const filesRoutes = createRouter().get(
  '/v1/files/photos/:accountId/:userId/:file',
  async (c) => {
    const { accountId, userId, file } = c.req.param();
    const match = file.match(/^([A-Za-z0-9_-]{8,64})\.webp$/);
    if (!UUID.test(accountId) || !UUID.test(userId) || !match?.[1]) {
      throw new ApiError(404, 'not_found', 'The file was not found');
    }
    const deps = c.get('deps');
    const check = verifySignedPath(
      deps.fileUrlKey,
      c.req.path,
      c.req.query('expires'),
      c.req.query('signature'),
      deps.now?.() ?? new Date(),
    );
    if (check !== 'valid') {
      throw new ApiError(
        403,
        'forbidden',
        check === 'expired' ? 'This file link has expired' : 'This file link is not valid',
      );
    }
    const stored = await deps.files.get(photoFileKey(accountId, userId, match[1]));
    if (!stored) throw new ApiError(404, 'not_found', 'The file was not found');
    const expires = Number(c.req.query('expires'));
    const maxAge = Math.max(0, expires - Math.floor((deps.now?.() ?? new Date()).getTime() / 1000));
    c.header('Content-Type', 'image/webp');
    c.header('Content-Length', String(stored.size));
    c.header('Content-Disposition', 'inline; filename="photo.webp"');
    c.header('Cache-Control', `private, max-age=${maxAge}, immutable`);
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Content-Security-Policy', "default-src 'none'; sandbox");
    return c.body(stored.body, 200);
  },
);
