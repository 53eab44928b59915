import { createRouter } from '../../lib/openapi.ts';

/** Liveness and readiness for load balancers and orchestrators. */
export const healthRoutes = createRouter()
  .get('/healthz', (c) => c.json({ status: 'ok' }))
  .get('/readyz', async (c) => {
    const deps = c.get('deps');
    const result = deps.ready ? await deps.ready() : { ok: true };
    if (!result.ok) {
      return c.json(
        {
          error: {
            code: 'not_ready',
            message: result.reason ?? 'Not ready',
            requestId: c.get('requestId'),
          },
        },
        503,
      );
    }
    return c.json({ status: 'ready' });
  });
