import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import postgres, { type Sql } from 'postgres';

export interface PgListenerOptions {
  /** The process's pool: the listener opens its own connection with the same settings. */
  sql: Sql;
  logger: Logger;
  /** The channel to LISTEN on. */
  channel: string;
  /** A notification on `channel` arrived (the payload, unparsed). */
  onNotify(payload: string): void;
  /**
   * LISTEN is in place, at start and after every reconnect: whatever was written while nobody
   * listened must be caught up from the table now.
   */
  onListen(): void;
  /** How often the listener checks that its own connection still hears (default 10 s). */
  livenessIntervalMs?: number;
  /** How long its own ping may take to come back before the connection counts as deaf (default 5 s). */
  livenessTimeoutMs?: number;
  /** The longest pause between reconnect attempts (default 5 s); the first ones are shorter. */
  maxReconnectDelayMs?: number;
  /** Opens the listening connection (tests route it through a proxy); defaults to the pool's settings. */
  connect?: (hooks: ListenerHooks) => Sql;
}

/** What the listening connection must call back (pass them to `postgres(...)`). */
export interface ListenerHooks {
  onnotify(channel: string, payload: string): void;
  onclose(): void;
}

interface Session {
  sql: Sql;
  /** Resolves with the reason the session should end. */
  dead: Promise<string>;
  kill(reason: string): void;
}

/**
 * One dedicated connection that LISTENs on a channel and stays honest about it.
 *
 * postgres.js re-LISTENs after a clean drop, but a half-open TCP connection leaves a listener
 * deaf with no error at all. So this class owns the connection: every `livenessIntervalMs` it
 * NOTIFYs a private channel on that same connection and expects to hear it back within
 * `livenessTimeoutMs`; when it does not, or when the connection closes, it throws the
 * connection away, opens a new one (with backoff while the database is down), LISTENs again and
 * calls `onListen` so the owner catches up from the table.
 */
export class PgListener {
  readonly #options: PgListenerOptions;
  readonly #pingChannel = `baylink_ping_${randomBytes(6).toString('hex')}`;
  #session: Session | undefined;
  #running: Promise<void> | undefined;
  #closed = false;
  #wakeSleep: (() => void) | undefined;
  #listening = false;
  #sessions = 0;

  constructor(options: PgListenerOptions) {
    this.#options = options;
  }

  /** Whether LISTEN is in place right now. */
  get listening(): boolean {
    return this.#listening;
  }

  /** How many connections have been opened so far (1 + reconnects). */
  get sessions(): number {
    return this.#sessions;
  }

  start(): void {
    if (this.#closed || this.#running) return;
    this.#running = this.#run();
  }

  /** Drops the current connection (as if it went deaf) and reconnects; for operators and tests. */
  reconnect(reason = 'requested'): void {
    this.#session?.kill(reason);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#session?.kill('closing');
    // Fails a LISTEN still waiting for a connection, rather than waiting for its timeout.
    void this.#session?.sql.end({ timeout: 0 }).catch(() => {});
    this.#wakeSleep?.();
    await this.#running;
  }

  async #run(): Promise<void> {
    const { logger } = this.#options;
    let attempt = 0;
    while (!this.#closed) {
      const session = this.#open();
      this.#session = session;
      this.#sessions++;
      let stopLiveness: (() => void) | undefined;
      try {
        await session.sql.unsafe(`listen ${quoteIdent(this.#options.channel)}`);
        await session.sql.unsafe(`listen ${quoteIdent(this.#pingChannel)}`);
        if (this.#closed) break;
        this.#listening = true;
        if (attempt > 0 || this.#sessions > 1) logger.info('stream listener reconnected');
        attempt = 0;
        stopLiveness = this.#watch(session);
        this.#options.onListen();
        const reason = await session.dead;
        if (!this.#closed) logger.warn({ reason }, 'stream listener lost its connection');
      } catch (error) {
        if (!this.#closed) {
          logger.warn({ err: error, attempt }, 'stream listener could not LISTEN; retrying');
        }
      } finally {
        this.#listening = false;
        stopLiveness?.();
        session.kill('ended');
        await session.sql.end({ timeout: 0 }).catch(() => {});
      }
      if (this.#closed) break;
      await this.#sleep(this.#delay(attempt++));
    }
    this.#session = undefined;
  }

  #open(): Session {
    let kill!: (reason: string) => void;
    const dead = new Promise<string>((resolve) => {
      kill = resolve;
    });
    const hooks: ListenerHooks = {
      onnotify: (channel, payload) => {
        if (channel === this.#options.channel) this.#options.onNotify(payload);
        else if (channel === this.#pingChannel) this.#pong?.(payload);
      },
      onclose: () => kill('connection closed'),
    };
    const sql = this.#options.connect?.(hooks) ?? listenerConnection(this.#options.sql, hooks);
    return { sql, dead, kill };
  }

  #pong: ((payload: string) => void) | undefined;

  /** Pings itself on the listening connection; a ping that does not come back kills the session. */
  #watch(session: Session): () => void {
    const interval = this.#options.livenessIntervalMs ?? 10_000;
    const timeout = this.#options.livenessTimeoutMs ?? 5_000;
    let deadline: NodeJS.Timeout | undefined;
    let expected: string | undefined;
    this.#pong = (payload) => {
      if (payload !== expected) return;
      expected = undefined;
      clearTimeout(deadline);
    };
    const ping = () => {
      if (expected !== undefined) return;
      const nonce = randomBytes(6).toString('hex');
      expected = nonce;
      deadline = setTimeout(() => session.kill('liveness ping timed out'), timeout);
      deadline.unref();
      // The answer to the query is not enough: the notification must arrive on this connection.
      session.sql`select pg_notify(${this.#pingChannel}, ${nonce})`.catch(() => {});
    };
    const timer = setInterval(ping, interval);
    timer.unref();
    return () => {
      clearInterval(timer);
      clearTimeout(deadline);
      this.#pong = undefined;
    };
  }

  #delay(attempt: number): number {
    const max = this.#options.maxReconnectDelayMs ?? 5_000;
    const ceiling = Math.min(max, 100 * 2 ** attempt);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wakeSleep = done;
    }).finally(() => {
      this.#wakeSleep = undefined;
    });
  }
}

/**
 * A one-connection postgres.js instance with the pool's settings (host, credentials, TLS), no
 * idle or lifetime limit, and the listener's hooks.
 */
export function listenerConnection(pool: Sql, hooks: ListenerHooks, overrides = {}): Sql {
  const options = pool.options as unknown as Record<string, unknown>;
  return postgres({
    ...options,
    max: 1,
    idle_timeout: null,
    max_lifetime: null,
    connect_timeout: 10,
    fetch_types: false,
    onnotify: hooks.onnotify,
    onclose: hooks.onclose,
    ...overrides,
  } as never);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
