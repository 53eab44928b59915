import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';

const v = process.env.V!;
const app = new Hono<any>();
const STATIC: [string, string][] = [
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  ['referrer-policy', 'no-referrer'],
  ['strict-transport-security', 'max-age=15552000; includeSubDomains'],
  ['cross-origin-resource-policy', 'cross-origin'],
  ['origin-agent-cluster', '?1'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
];
if (v.includes('rid')) app.use(requestId());
if (v.includes('sec')) app.use(secureHeaders());
if (v.includes('out'))
  app.use(async (c, next) => {
    const o = c.env.outgoing;
    for (const [k, val] of STATIC) o.setHeader(k, val);
    o.setHeader('x-request-id', crypto.randomUUID());
    await next();
  });
if (v.includes('pre'))
  app.use(async (c, next) => {
    for (const [k, val] of STATIC) c.header(k, val);
    c.header('x-request-id', crypto.randomUUID());
    await next();
  });
app.get('/x', (c) => c.json({ ok: true }));
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (i) => process.send!(i.port));
