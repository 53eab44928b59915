// `npm run bench`: the profile read (GET /v1/me: token verification and a database read) against
// a bare Hono JSON route, both measured in this one run on this machine. Speed is a ratio, never
// an absolute figure, because these machines are shared.
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const GOAL = 0.5;

const child = fork(new URL('./server.ts', import.meta.url), [], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const ready = await new Promise<{
  barePort: number;
  apiPort: number;
  token: string;
  embedded: boolean;
}>((resolve, reject) => {
  child.once('message', (message) => resolve(message as never));
  child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
});

async function measure(title: string, url: string, headers: Record<string, string> = {}) {
  // A short warm-up fills caches and JIT; then the measured run.
  await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${title}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return {
    title,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

try {
  const bare = await measure('bare Hono JSON route', `http://127.0.0.1:${ready.barePort}/bare`);
  const profile = await measure(
    'GET /v1/me (token + database)',
    `http://127.0.0.1:${ready.apiPort}/v1/me`,
    {
      authorization: `Bearer ${ready.token}`,
    },
  );
  const ratio = profile.requestsPerSecond / bare.requestsPerSecond;
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${
    ready.embedded ? 'embedded PostgreSQL 18' : 'PostgreSQL at DATABASE_URL'
  }`;
  console.log(`\n${machine}; ${CONNECTIONS} connections, ${DURATION} s each\n`);
  console.table([bare, profile]);
  console.log(
    `ratio (profile / bare): ${ratio.toFixed(2)} (goal ≥ ${GOAL}) ${ratio >= GOAL ? 'met' : 'NOT met'}`,
  );
  process.exitCode = ratio >= GOAL ? 0 : 1;
} finally {
  child.kill('SIGTERM');
}
