// Issue 2's benchmark: GET /v1/me (token verification and a database read) against a bare Hono
// JSON route, servers in a child process (bench/server.ts), autocannon in this one.
import { fork } from 'node:child_process';
import autocannon from 'autocannon';

export interface BenchRow {
  title: string;
  value: string;
  goal: string;
  met: boolean;
}

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const GOAL = 0.5;

export async function runProfileBench(): Promise<BenchRow[]> {
  const child = fork(new URL('./server.ts', import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ barePort: number; apiPort: number; token: string }>(
    (resolve, reject) => {
      child.once('message', (message) => resolve(message as never));
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    },
  );
  const measure = async (title: string, url: string, headers: Record<string, string> = {}) => {
    await autocannon({ url, headers, connections: CONNECTIONS, duration: 2 });
    const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION });
    if (result.non2xx > 0 || result.errors > 0) {
      throw new Error(`${title}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
    }
    return { rps: Math.round(result.requests.average), p99: result.latency.p99 };
  };
  try {
    const bare = await measure('bare', `http://127.0.0.1:${ready.barePort}/bare`);
    const profile = await measure('profile', `http://127.0.0.1:${ready.apiPort}/v1/me`, {
      authorization: `Bearer ${ready.token}`,
    });
    const ratio = profile.rps / bare.rps;
    return [
      {
        title: 'profile: bare Hono JSON route',
        value: `${bare.rps} req/s (p99 ${bare.p99} ms)`,
        goal: 'baseline',
        met: true,
      },
      {
        title: 'profile: GET /v1/me (token + database read)',
        value: `${profile.rps} req/s (p99 ${profile.p99} ms), ratio ${ratio.toFixed(2)}`,
        goal: `ratio ≥ ${GOAL}`,
        met: ratio >= GOAL,
      },
    ];
  } finally {
    child.kill('SIGTERM');
  }
}
