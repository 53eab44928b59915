// A push service for tests and the benchmark: HTTPS on 127.0.0.1 with a self-signed certificate,
// playing both the push service (RFC 8030: it checks the VAPID token of RFC 8292 and answers as
// scripted) and the browser (RFC 8291: it made each subscription's keys, so it decrypts every
// payload with http_ece, an implementation independent of web-push's).
import {
  createECDH,
  createPublicKey,
  type ECDH,
  type KeyObject,
  randomBytes,
  randomUUID,
  verify,
} from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { PushSubscriptionInput } from '@baylink/sdk/contract';
import { generate } from 'selfsigned';

interface Ece {
  decrypt(
    buffer: Buffer,
    params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string },
  ): Buffer;
}
const ece = createRequire(import.meta.url)('http_ece') as Ece;

/** How the service answers one push: a status (429 and 503 may carry `Retry-After`), or never. */
export type PushAnswer = { status: number; retryAfter?: string; body?: string } | 'hang';

export interface VerifiedJwt {
  token: string;
  header: Record<string, unknown>;
  claims: { aud?: unknown; exp?: unknown; sub?: unknown };
  /** The `k=` public key of the Authorization header. */
  key: string;
}

/** One request the service received, recorded before it answers. */
export interface ReceivedPush {
  /** The subscription's endpoint (null for the benchmark's plain path). */
  endpoint: string | null;
  headers: IncomingHttpHeaders;
  /** The decrypted body, parsed as JSON when it is JSON. */
  payload: unknown;
  /** The decrypted body as text (null when it could not be decrypted). */
  text: string | null;
  jwt: VerifiedJwt | null;
  /** What was wrong with the request (empty: a push as a real service would accept it). */
  problems: string[];
  /** The status answered (null: left hanging). */
  status: number | null;
}

interface Browser {
  endpoint: string;
  ecdh: ECDH;
  auth: string;
  /** The key the browser subscribed with: a token signed by another key gets a 403, like FCM's. */
  applicationServerKey: string | null;
  answers: PushAnswer[];
}

export interface FakePushService {
  /** `https://127.0.0.1:<port>`: the VAPID audience. */
  origin: string;
  /** The self-signed certificate (PEM): trust it with `agent` or `new https.Agent({ ca })`. */
  ca: string;
  /** A keep-alive agent that trusts the certificate. */
  agent: https.Agent;
  /** Subscribes a "browser": keys made here, endpoint on this service. */
  createSubscription(options?: { applicationServerKey?: string }): PushSubscriptionInput & {
    endpoint: string;
    keys: { p256dh: string; auth: string };
  };
  /** Queues answers for the next pushes to an endpoint; once used up, it answers 201. */
  script(endpoint: string, ...answers: PushAnswer[]): void;
  /** Everything received (for one endpoint, when given), oldest first. */
  received(endpoint?: string): ReceivedPush[];
  /** Every problem found in any request so far. */
  problems(): string[];
  /** A path that accepts any POST with 201 and checks nothing (the benchmark's baseline). */
  plainUrl: string;
  /** Forgets what was received (the benchmark keeps memory flat). */
  reset(): void;
  /** Whether pushes are recorded (default true; the benchmark turns it off). */
  record: boolean;
  close(): Promise<void>;
}

const MAX_VAPID_SECONDS = 24 * 3600;

function b64json(part: string): Record<string, unknown> {
  const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  if (!value || typeof value !== 'object') throw new Error('not an object');
  return value as Record<string, unknown>;
}

/** Checks `Authorization: vapid t=<jwt>, k=<key>` as RFC 8292 says a push service does. */
function checkVapid(
  header: string | undefined,
  origin: string,
  keys: Map<string, KeyObject>,
  verified: Set<string>,
  problems: string[],
): VerifiedJwt | null {
  const match = header?.match(
    /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+),\s*k=([A-Za-z0-9_-]+)$/,
  );
  if (!match) {
    problems.push(`Authorization is not "vapid t=…, k=…": ${header ?? '(none)'}`);
    return null;
  }
  const [, token, key] = match as unknown as [string, string, string];
  const [headerPart, claimsPart, signaturePart] = token.split('.') as [string, string, string];
  let jwtHeader: Record<string, unknown>;
  let claims: VerifiedJwt['claims'];
  try {
    jwtHeader = b64json(headerPart);
    claims = b64json(claimsPart);
  } catch {
    problems.push('The JWT is not base64url JSON');
    return null;
  }
  if (jwtHeader.alg !== 'ES256') problems.push(`JWT alg is ${String(jwtHeader.alg)}, not ES256`);
  let publicKey = keys.get(key);
  if (!publicKey) {
    const point = Buffer.from(key, 'base64url');
    try {
      if (point.length !== 65 || point[0] !== 4) throw new Error('not an uncompressed point');
      publicKey = createPublicKey({
        key: {
          kty: 'EC',
          crv: 'P-256',
          x: point.subarray(1, 33).toString('base64url'),
          y: point.subarray(33).toString('base64url'),
        },
        format: 'jwk',
      });
      keys.set(key, publicKey);
    } catch (error) {
      problems.push(`k= is not a P-256 public key: ${(error as Error).message}`);
      return null;
    }
  }
  // A token seen before with the same key verified then (the signature is a pure function of
  // both): only new tokens cost a verification, as a push service that caches them.
  const seen = `${key} ${token}`;
  if (!verified.has(seen)) {
    const signed = Buffer.from(`${headerPart}.${claimsPart}`);
    const signature = Buffer.from(signaturePart, 'base64url');
    if (
      signature.length !== 64 ||
      !verify('sha256', signed, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)
    ) {
      problems.push('The JWT signature does not verify with k=');
    } else {
      if (verified.size > 10_000) verified.clear();
      verified.add(seen);
    }
  }
  if (claims.aud !== origin) problems.push(`JWT aud is ${String(claims.aud)}, not ${origin}`);
  const now = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= now)
    problems.push('JWT exp is missing or past');
  else if (claims.exp > now + MAX_VAPID_SECONDS)
    problems.push('JWT exp is more than 24 hours away');
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) {
    problems.push(`JWT sub is not a mailto: or https: contact: ${String(claims.sub)}`);
  }
  return { token, header: jwtHeader, claims, key };
}

/** Starts the service on 127.0.0.1 (a random port) with a fresh self-signed certificate. */
export async function startFakePushService(): Promise<FakePushService> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
    ],
  });
  const browsers = new Map<string, Browser>();
  const keys = new Map<string, KeyObject>();
  const verified = new Set<string>();
  let received: ReceivedPush[] = [];
  let allProblems: string[] = [];
  const hanging = new Set<ServerResponse>();
  let origin = '';

  const service: FakePushService = {
    origin: '',
    ca: pems.cert,
    agent: new https.Agent({ ca: pems.cert, keepAlive: true }),
    plainUrl: '',
    record: true,
    createSubscription(options = {}) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16).toString('base64url');
      const endpoint = `${origin}/push/${randomUUID()}`;
      browsers.set(new URL(endpoint).pathname, {
        endpoint,
        ecdh,
        auth,
        applicationServerKey: options.applicationServerKey ?? null,
        answers: [],
      });
      return {
        endpoint,
        expirationTime: null,
        keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth },
      };
    },
    script(endpoint, ...answers) {
      const browser = browsers.get(new URL(endpoint).pathname);
      if (!browser) throw new Error(`No subscription at ${endpoint}`);
      browser.answers.push(...answers);
    },
    received(endpoint) {
      return endpoint ? received.filter((push) => push.endpoint === endpoint) : [...received];
    },
    problems: () => [...allProblems],
    reset() {
      received = [];
      allProblems = [];
    },
    async close() {
      for (const response of hanging) response.destroy();
      service.agent.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };

  function answer(response: ServerResponse, push: ReceivedPush, reply: PushAnswer) {
    if (reply === 'hang') {
      hanging.add(response);
      response.on('close', () => hanging.delete(response));
      return;
    }
    push.status = reply.status;
    const headers: Record<string, string> = {};
    if (reply.retryAfter !== undefined) headers['retry-after'] = reply.retryAfter;
    if (reply.status === 201) headers.location = `${origin}/message/${randomUUID()}`;
    response.writeHead(reply.status, headers);
    response.end(reply.body ?? '');
  }

  function handle(request: IncomingMessage, response: ServerResponse, body: Buffer) {
    const path = (request.url ?? '/').split('?')[0]!;
    if (path === '/plain') {
      response.writeHead(201);
      response.end();
      return;
    }
    const browser = browsers.get(path);
    if (request.method !== 'POST' || !browser) {
      response.writeHead(404);
      response.end('No such subscription');
      return;
    }
    const problems: string[] = [];
    const push: ReceivedPush = {
      endpoint: browser.endpoint,
      headers: request.headers,
      payload: null,
      text: null,
      jwt: checkVapid(request.headers.authorization, origin, keys, verified, problems),
      problems,
      status: null,
    };
    const vapidRefused = problems.length > 0;
    const wrongKey =
      push.jwt && browser.applicationServerKey && push.jwt.key !== browser.applicationServerKey;
    if (wrongKey) problems.push('k= is not the key this subscription was made with');
    const ttl = request.headers.ttl;
    if (typeof ttl !== 'string' || !/^\d+$/.test(ttl)) problems.push('TTL is missing');
    const urgency = request.headers.urgency;
    if (urgency !== undefined && !['very-low', 'low', 'normal', 'high'].includes(String(urgency))) {
      problems.push(`Urgency ${String(urgency)} is not one of RFC 8030's`);
    }
    const topic = request.headers.topic;
    if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(String(topic))) {
      problems.push(`Topic ${String(topic)} is not at most 32 base64url characters`);
    }
    let undecryptable = false;
    if (request.headers['content-encoding'] !== 'aes128gcm') {
      problems.push(`Content-Encoding is ${request.headers['content-encoding']}, not aes128gcm`);
      undecryptable = true;
    } else if (body.length > 4096) {
      problems.push(`The body is ${body.length} bytes, more than 4096`);
    } else {
      try {
        const text = ece
          .decrypt(body, {
            version: 'aes128gcm',
            privateKey: browser.ecdh,
            authSecret: browser.auth,
          })
          .toString('utf8');
        push.text = text;
        try {
          push.payload = JSON.parse(text);
        } catch {
          push.payload = text;
        }
      } catch (error) {
        problems.push(`The body does not decrypt: ${(error as Error).message}`);
        undecryptable = true;
      }
    }
    if (service.record) received.push(push);
    allProblems.push(...problems);
    if (vapidRefused) return answer(response, push, { status: 401, body: 'Bad VAPID token' });
    if (wrongKey) return answer(response, push, { status: 403, body: 'VAPID key mismatch' });
    if (body.length > 4096) return answer(response, push, { status: 413, body: 'Too large' });
    if (undecryptable) return answer(response, push, { status: 400, body: 'Bad encryption' });
    answer(response, push, browser.answers.shift() ?? { status: 201 });
  }

  const server = https.createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks)));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  service.origin = origin;
  service.plainUrl = `${origin}/plain`;
  return service;
}
