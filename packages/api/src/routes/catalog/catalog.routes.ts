import { createHash } from 'node:crypto';
import {
  CATALOG,
  Catalog,
  CatalogQuery,
  CHANNEL_LABELS,
  CHANNELS,
  LANGUAGES,
  type Language,
} from '@baylink/sdk/contract';
import { createRoute } from '@hono/zod-openapi';
import { createRouter, errorResponses, jsonResponse } from '../../lib/openapi.ts';

/** The catalog in one language, as the contract's `Catalog`. */
export function localizedCatalog(language: Language): Catalog {
  return {
    language,
    channels: CHANNELS.map((key) => ({ key, label: CHANNEL_LABELS[key][language] })),
    categories: CATALOG.map((category) => ({
      key: category.key,
      label: category.label[language],
      types: category.types.map((type) => ({
        key: type.key,
        category: type.category,
        label: type.label[language],
        description: type.description[language],
        channels: [...type.channels],
        required: [...type.required],
        defaults: { ...type.defaults },
      })),
    })),
  };
}

/** The body and validator of each language, computed once: the catalog changes with releases. */
const BODIES = new Map(
  LANGUAGES.map((language) => {
    const body = JSON.stringify(localizedCatalog(language));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    return [language, { body, etag }] as const;
  }),
);

const PUBLIC_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': 'public, max-age=3600',
};

/** Whether an `If-None-Match` header names this ETag (weak or strong, or `*`). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}

/** The notification catalog: public (no credentials), cacheable, readable from any origin. */
export const catalogRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/v1/catalog',
      tags: ['Notifications'],
      summary: 'The notification catalog',
      description:
        'Every category and type with its channels, required channels and defaults, in English or French. Public and cacheable (one hour, ETag).',
      request: { query: CatalogQuery },
      responses: {
        200: jsonResponse(Catalog, 'The catalog in the requested language (English by default)'),
        304: { description: 'Unchanged since the ETag given in If-None-Match' },
        ...errorResponses(400),
      },
    }),
    (c) => {
      const language = c.req.valid('query').lang ?? 'en';
      const { body, etag } = BODIES.get(language)!;
      const headers = { ...PUBLIC_HEADERS, ETag: etag };
      if (matches(c.req.header('if-none-match'), etag)) {
        return c.body(null, 304, headers);
      }
      return c.body(body, 200, { ...headers, 'Content-Type': 'application/json; charset=UTF-8' });
    },
  )
  .options('/v1/catalog', (c) =>
    c.body(null, 204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'GET',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, If-None-Match, X-Request-Id',
      'Access-Control-Max-Age': '86400',
    }),
  );
