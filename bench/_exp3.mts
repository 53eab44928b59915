import { fork } from 'node:child_process';
import autocannon from 'autocannon';

for (const V of ['bare', 'rid', 'sec', 'rid+sec', 'out', 'pre', 'bare']) {
  const child = fork('/work/main/bench/_srv.mts', [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, V },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port: any = await new Promise((r) => child.once('message', r));
  await autocannon({ url: `http://127.0.0.1:${port}/x`, connections: 50, duration: 1 });
  const r = await autocannon({ url: `http://127.0.0.1:${port}/x`, connections: 50, duration: 4 });
  console.log(V, Math.round(r.requests.average));
  child.kill();
}
