// `npm run bench`: every benchmark, one after the other, each measuring its ratios against a
// baseline taken in the same run. Not part of `npm test`. `BENCH_ONLY=profile,fanout,stream,push,drain`
// runs a subset. Figures and the machine go to bench/README.md by hand.
import { cpus } from 'node:os';
import { runDrainBench } from './drain.ts';
import { runFanoutBench } from './fanout.ts';
import { runProfileBench } from './profile.ts';
import { runPushBench } from './push.ts';
import { runStreamBench } from './stream.ts';

const suites = {
  profile: runProfileBench,
  fanout: runFanoutBench,
  stream: runStreamBench,
  push: runPushBench,
  drain: runDrainBench,
};
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());

console.log(
  `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}, ${
    process.env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'embedded PostgreSQL 18'
  }`,
);
const rows = [];
for (const [name, run] of Object.entries(suites)) {
  if (only && !only.includes(name)) continue;
  console.log(`\n… ${name}`);
  rows.push(...(await run()));
}
console.table(
  rows.map((row) => ({ ...row, met: row.goal === 'informative' ? '' : row.met ? 'yes' : 'NO' })),
);
