export { openDatabase } from './db/database.ts';
export { migrate } from './db/migrate.ts';
export { ConfigError, loadEnv } from './env.ts';
export { createApp } from './lib/create-app.ts';
export type { AppDeps } from './lib/types.ts';
export { startBaylink } from './server.ts';
export { expireAwayStatuses, startAwayExpiry } from './services/away-expiry.ts';
export { createIntegrator } from './services/integrators.ts';
export { appendStreamEvents, reserveStreamSeq } from './services/stream-events.ts';
