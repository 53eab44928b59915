// Helpers of the stream tests: a Server-Sent Events client on a real socket, API child processes,
// tenants on any database, stream rows written the way the API writes them.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { type ClientRequest, type IncomingMessage, request } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Notification } from '@baylink/sdk/contract';
import { mintUserToken } from '@baylink/sdk/server';
import type { Sql } from 'postgres';
import { createIntegrator } from '../src/services/integrators.ts';
import { appendStreamEvents, type NewStreamEvent } from '../src/services/stream-events.ts';

export interface SseEvent {
  id: string | undefined;
  event: string;
  data: string;
}

/**
 * A Server-Sent Events client on its own socket, parsing as browsers do (fields, comments,
 * `retry:`, events dispatched on a blank line), keeping everything it saw.
 */
export class SseClient {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  readonly retries: number[] = [];
  /** Everything received, in order, as text. */
  raw = '';
  status = 0;
  headers: IncomingMessage['headers'] = {};
  body = '';
  readonly ended: Promise<'end' | 'error'>;
  #endedResolve!: (how: 'end' | 'error') => void;
  #request: ClientRequest | undefined;
  #buffer = '';
  #pending: { id?: string; event?: string; data: string[] } = { data: [] };
  #lastId: string | undefined;

  private constructor() {
    this.ended = new Promise((resolve) => {
      this.#endedResolve = resolve;
    });
  }

  /** Connects and resolves once the answer's headers arrived (any status). */
  static connect(
    base: string,
    options: { token?: string; lastEventId?: string; query?: string } = {},
  ): Promise<SseClient> {
    const client = new SseClient();
    const url = new URL(`/v1/stream${options.query ?? ''}`, base);
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          headers,
          agent: false,
        },
        (res) => {
          client.status = res.statusCode ?? 0;
          client.headers = res.headers;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => client.#receive(chunk));
          res.on('end', () => client.#endedResolve('end'));
          res.on('error', () => client.#endedResolve('error'));
          res.on('close', () => client.#endedResolve(res.complete ? 'end' : 'error'));
          resolve(client);
        },
      );
      client.#request = req;
      req.on('error', (error) => {
        client.#endedResolve('error');
        reject(error);
      });
      req.end();
    });
  }

  /** The ids of the events received, in order. */
  get ids(): string[] {
    return this.events.map((e) => e.id ?? '');
  }

  close(): void {
    this.#request?.destroy();
  }

  /** Waits until `check` holds, failing with what was received after `timeoutMs`. */
  async until(check: (client: SseClient) => boolean, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!check(this)) {
      if (Date.now() - started > timeoutMs) {
        throw new Error(
          `Timed out; received ids ${JSON.stringify(this.ids)}; raw tail:\n${this.raw.slice(-500)}`,
        );
      }
      await sleep(10);
    }
  }

  #receive(chunk: string) {
    this.raw += chunk;
    if (this.status !== 200) {
      this.body += chunk;
      return;
    }
    this.#buffer += chunk;
    for (;;) {
      const index = this.#buffer.search(/\r\n|\r|\n/);
      if (index < 0) break;
      const line = this.#buffer.slice(0, index);
      const eol = this.#buffer.startsWith('\r\n', index) ? 2 : 1;
      this.#buffer = this.#buffer.slice(index + eol);
      this.#line(line);
    }
  }

  #line(line: string) {
    if (line === '') {
      const pending = this.#pending;
      this.#pending = { data: [] };
      if (pending.id !== undefined) this.#lastId = pending.id;
      if (pending.data.length === 0) return;
      this.events.push({
        id: this.#lastId,
        event: pending.event ?? 'message',
        data: pending.data.join('\n'),
      });
      return;
    }
    if (line.startsWith(':')) {
      this.comments.push(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'id') this.#pending.id = value;
    else if (field === 'event') this.#pending.event = value;
    else if (field === 'data') this.#pending.data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) this.retries.push(Number(value));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface StreamTenant {
  integratorId: string;
  signingSecret: string;
  accountId: string;
  userIds: string[];
  tokens: string[];
}

/** An integrator with one account and `users` users, on any database, with a token for each. */
export async function createTenant(sql: Sql, users = 2): Promise<StreamTenant> {
  const created = await createIntegrator(sql, { name: `Stream ${randomBytes(3).toString('hex')}` });
  const [account] = await sql<{ id: string }[]>`
    insert into accounts (integrator_id, name) values (${created.integrator.id}, 'Stream Motors')
    returning id`;
  const accountId = account!.id;
  const userIds: string[] = [];
  const tokens: string[] = [];
  for (let i = 0; i < users; i++) {
    const suffix = randomBytes(4).toString('hex');
    const [user] = await sql<{ id: string }[]>`
      insert into users (account_id, reference_id, name, email, language)
      values (${accountId}, ${`S-${suffix}`}, ${`User ${i}`}, ${`user-${suffix}@example.com`}, 'en')
      returning id`;
    userIds.push(user!.id);
    const { token } = await mintUserToken({
      secret: created.signingSecret,
      accountId,
      userId: user!.id,
    });
    tokens.push(token);
  }
  return {
    integratorId: created.integrator.id,
    signingSecret: created.signingSecret,
    accountId,
    userIds,
    tokens,
  };
}

/** A notification as the inbox would send it (a valid `notification.created` payload). */
export function notificationPayload(title: string): Notification {
  return {
    id: randomUUID(),
    type: 'new_message',
    category: 'conversations',
    title,
    body: null,
    link: null,
    actor: null,
    data: {},
    createdAt: new Date().toISOString(),
    seenAt: null,
    readAt: null,
    archivedAt: null,
  };
}

/** Appends `notification.created` events in one transaction; returns their seqs as strings. */
export async function appendNotifications(
  sql: Sql,
  accountId: string,
  events: { userId: string | null; title: string }[],
): Promise<string[]> {
  const rows: NewStreamEvent[] = events.map((e) => ({
    userId: e.userId,
    kind: 'notification.created',
    payload: notificationPayload(e.title),
  }));
  const seqs = await sql.begin((tx) => appendStreamEvents(tx, accountId, rows));
  return seqs.map(String);
}

const bin = fileURLToPath(new URL('../bin/baylink.js', import.meta.url));

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** SIGKILL, and waits for the exit. */
  kill(): Promise<void>;
}

/** Starts `baylink start` on `databaseUrl` (PORT=0) and resolves with its URL. */
export async function startApiProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ApiProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-stream-proc-'));
  await chmod(dataDir, 0o755);
  let output = '';
  const child = spawn(process.execPath, [bin, 'start'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      BAYLINK_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      BAYLINK_DEMO: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  void exited.then(() => rm(dataDir, { recursive: true, force: true }).catch(() => {}));
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL after 30 s:\n${output}`)), 30_000);
    child.stderr!.on('data', (chunk) => {
      output += chunk;
      const match = output.match(/Baylink API: (http:\/\/[^/\s]+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * A TCP proxy on 127.0.0.1 that can go silent: `blackhole()` stops forwarding on every open
 * connection without closing it (a half-open connection, as after a NAT or firewall drops it),
 * while new connections pass again.
 */
export class BlackholeProxy {
  readonly #server: Server;
  readonly #pairs: [Socket, Socket][] = [];
  readonly #silenced: Socket[] = [];
  port = 0;

  private constructor(targetHost: string, targetPort: number) {
    this.#server = createServer((client) => {
      const upstream = connect(targetPort, targetHost);
      client.pipe(upstream);
      upstream.pipe(client);
      const drop = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on('error', drop);
      upstream.on('error', drop);
      this.#pairs.push([client, upstream]);
    });
  }

  static async start(targetHost: string, targetPort: number): Promise<BlackholeProxy> {
    const proxy = new BlackholeProxy(targetHost, targetPort);
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    const address = proxy.#server.address();
    proxy.port = typeof address === 'object' && address ? address.port : 0;
    return proxy;
  }

  /** Open connections stop carrying bytes, silently, in both directions. */
  blackhole(): void {
    for (const [client, upstream] of this.#pairs.splice(0)) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
      this.#silenced.push(client, upstream);
    }
  }

  async close(): Promise<void> {
    for (const socket of [...this.#pairs.flat(), ...this.#silenced]) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
