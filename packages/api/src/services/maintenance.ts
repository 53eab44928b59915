import { STREAM_RETENTION_HOURS } from '@baylink/sdk/contract';
import type { Logger } from 'pino';
import type { Sql } from 'postgres';

/** A periodic job. Jobs run in every API process; each makes sure its work happens once. */
export interface MaintenanceJob {
  name: string;
  /** Milliseconds between runs (each run is spread by up to a tenth of it). */
  intervalMs: number;
  run(context: { sql: Sql; logger: Logger }): Promise<unknown>;
}

/** Advisory lock key of the stream retention job ('bl_strm' as a number). */
const STREAM_RETENTION_LOCK = 0x62_6c_5f_73_74_72_6dn;

export interface StreamRetentionResult {
  /** False when another process held the job's lock (it is doing the work). */
  ran: boolean;
  /** Stream rows deleted. */
  deleted: number;
  /** Accounts whose horizon moved. */
  accounts: number;
}

/**
 * Deletes stream events older than the retention period and raises each account's
 * `stream_counters.horizon` to the highest seq deleted, so a client that resumes from an older
 * id gets a `resync` instead of a silent gap. Rows are ordered by seq, not by age (a seq is
 * taken at commit, `created_at` at the transaction's start), so everything at or below the
 * highest expired seq goes. Works in short transactions of at most `batchRows` rows per account
 * and `batchAccounts` accounts, each holding a transaction-scoped advisory lock: when several
 * processes run it at once, one works and the others return `ran: false`.
 */
export async function pruneStreamEvents(
  sql: Sql,
  options: {
    now?: Date;
    retentionHours?: number;
    batchRows?: number;
    batchAccounts?: number;
    maxBatches?: number;
  } = {},
): Promise<StreamRetentionResult> {
  const hours = options.retentionHours ?? STREAM_RETENTION_HOURS;
  const cutoff = new Date((options.now ?? new Date()).getTime() - hours * 3_600_000);
  const batchRows = options.batchRows ?? 10_000;
  const batchAccounts = options.batchAccounts ?? 200;
  const maxBatches = options.maxBatches ?? 100;
  const total: StreamRetentionResult = { ran: false, deleted: 0, accounts: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const result = await sql.begin(async (tx) => {
      const [lock] = await tx<{ locked: boolean }[]>`
        select pg_try_advisory_xact_lock(${String(STREAM_RETENTION_LOCK)}::bigint) as locked`;
      if (!lock?.locked) return null;
      const [counts] = await tx<{ accounts: number; deleted: number }[]>`
        with expired as (
          select account_id, max(seq) as seq
          from stream_events
          where created_at < ${cutoff}
          group by account_id
        ), cut as (
          select c.account_id, least(expired.seq, c.horizon + ${batchRows}) as seq
          from expired join stream_counters c on c.account_id = expired.account_id
          where expired.seq > c.horizon
          order by c.account_id
          limit ${batchAccounts}
        ), raised as (
          update stream_counters c set horizon = cut.seq
          from cut where c.account_id = cut.account_id
          returning 1
        ), deleted as (
          delete from stream_events e using cut
          where e.account_id = cut.account_id and e.seq <= cut.seq
          returning 1
        )
        select (select count(*)::int from raised) as accounts,
          (select count(*)::int from deleted) as deleted`;
      return counts!;
    });
    if (!result) return total;
    total.ran = true;
    total.deleted += result.deleted;
    total.accounts += result.accounts;
    if (result.accounts === 0) break;
  }
  return total;
}

/** The stream retention as a periodic job. */
export function streamRetentionJob(intervalMs = 10 * 60_000): MaintenanceJob {
  return {
    name: 'stream-retention',
    intervalMs,
    async run({ sql, logger }) {
      const result = await pruneStreamEvents(sql);
      if (result.deleted > 0) logger.info({ job: 'stream-retention', ...result }, 'stream pruned');
      return result;
    },
  };
}

/** The jobs every API process runs. */
export function defaultMaintenanceJobs(): MaintenanceJob[] {
  return [streamRetentionJob()];
}

export interface Maintenance {
  /** Stops the timers and waits for runs in flight. */
  stop(): Promise<void>;
}

/**
 * Runs each job on its own timer (the first run soon after start, then every interval with a
 * little jitter so processes started together spread out). A failing run is logged and retried
 * at the next interval; timers never keep the process alive.
 */
export function startMaintenance(options: {
  sql: Sql;
  logger: Logger;
  jobs?: MaintenanceJob[];
  /** Delay before the first run of each job (default: a few seconds). */
  firstRunMs?: number;
}): Maintenance {
  const { sql, logger } = options;
  const jobs = options.jobs ?? defaultMaintenanceJobs();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const schedule = (job: MaintenanceJob, delay: number) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = job
        .run({ sql, logger })
        .then(
          () => {},
          (error) => logger.warn({ err: error, job: job.name }, 'maintenance job failed'),
        )
        .finally(() => {
          running.delete(run);
          schedule(job, job.intervalMs + Math.random() * job.intervalMs * 0.1);
        });
      running.add(run);
    }, delay);
    timer.unref();
    timers.add(timer);
  };
  for (const job of jobs) {
    schedule(job, (options.firstRunMs ?? 5_000) * (1 + Math.random()));
  }
  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(running);
    },
  };
}
