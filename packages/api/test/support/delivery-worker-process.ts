// A delivery worker in a process of its own, for the SIGKILL test: sends every mobile delivery
// of the database at DATABASE_URL to RECEIVER_URL, with LEASE_MS leases, and says "ready" on
// stdout once it runs. Started with `node --import tsx`.
import pino from 'pino';
import { connect } from '../../src/db/database.ts';
import { startDeliveryWorker } from '../../src/services/delivery/worker.ts';
import { createMailer } from '../../src/services/mailer.ts';
import { httpSender } from './delivery-receiver.ts';

const sql = connect(process.env.DATABASE_URL!, { max: 4 });
const logger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
const leaseMs = Number(process.env.LEASE_MS ?? 2_000);
startDeliveryWorker({
  sql,
  logger,
  mailer: createMailer({ dataDir: '/tmp/baylink-delivery-worker-process', logger }),
  publicUrl: 'http://127.0.0.1:1',
  senders: [
    httpSender({
      url: process.env.RECEIVER_URL!,
      channel: 'mobile',
      retry: { maxAttempts: 10, baseMs: 50, capMs: 200 },
    }),
  ],
  concurrency: Number(process.env.CONCURRENCY ?? 8),
  leaseMs,
  sendTimeoutMs: Math.floor(leaseMs / 2),
  pollMs: 50,
});
process.stdout.write('ready\n');
