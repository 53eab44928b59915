import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mintUserToken } from '@baylink/sdk/server';
import postgres from 'postgres';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate, pendingMigrations } from '../src/db/migrate.ts';
import { ConfigError, loadEnv } from '../src/env.ts';
import { withDatabase } from './support/global-setup.ts';

const bin = fileURLToPath(new URL('../bin/baylink.js', import.meta.url));

describe('configuration', () => {
  it('names every bad field at once', () => {
    let caught: unknown;
    try {
      loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/LOG_LEVEL/);
  });

  it('refuses the demo in production', () => {
    expect(() => loadEnv({ NODE_ENV: 'production', BAYLINK_DEMO: '1' })).toThrow(/BAYLINK_DEMO/);
  });

  it('applies defaults', () => {
    const env = loadEnv({}, '/srv/app');
    expect(env.PORT).toBe(8787);
    expect(env.dataDir).toBe('/srv/app/.data');
    expect(env.BAYLINK_DEMO).toBe(false);
  });
});

describe('a running process', () => {
  const admin = postgres(inject('databaseServerUrl'), { max: 1, onnotice: () => {} });
  const database = `baylink_t_proc_${process.pid}`;
  const url = withDatabase(inject('databaseServerUrl'), database);
  let child: ChildProcess;
  let base: string;
  let dataDir: string;
  let output = '';

  beforeAll(async () => {
    await admin.unsafe(`drop database if exists "${database}" with (force)`);
    await admin.unsafe(`create database "${database}"`);
    dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-proc-'));
    await chmod(dataDir, 0o755);
    child = spawn(process.execPath, [bin, 'start', '--demo'], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: '0',
        BAYLINK_DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        SHUTDOWN_GRACE_MS: '10000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk) => {
      output += chunk;
    });
    base = await new Promise<string>((resolve, reject) => {
      let err = '';
      child.stderr!.on('data', (chunk) => {
        err += chunk;
        const match = err.match(/Baylink demo: (http:\/\/[^/\s]+)/);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
    });
  });

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await admin.unsafe(`drop database if exists "${database}" with (force)`);
    await admin.end();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is alive and ready once migrated', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    expect(await pendingMigrations(sql)).toEqual([]);
    expect(await migrate(sql)).toEqual([]);
    await sql.end();
  });

  it('writes structured log lines carrying the request id', async () => {
    const response = await fetch(`${base}/healthz`, {
      headers: { 'x-request-id': 'trace-abc-123' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-abc-123');
    await expect.poll(() => output).toMatch(/"requestId":"trace-abc-123"/);
    const line = output.split('\n').find((l) => l.includes('trace-abc-123'))!;
    expect(JSON.parse(line)).toMatchObject({
      requestId: 'trace-abc-123',
      status: 200,
      path: '/healthz',
    });
  });

  it('finishes a request in flight on SIGTERM, refuses new ones, then exits cleanly', async () => {
    const users = (await (await fetch(`${base}/v1/demo/users`)).json()) as {
      items: { id: string }[];
    };
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const [row] = await sql<{ account_id: string; signing_secret: string }[]>`
      select u.account_id, i.signing_secret from users u
      join accounts a on a.id = u.account_id join integrators i on i.id = a.integrator_id
      where u.id = ${users.items[0]!.id}`;
    await sql.end();
    const { token } = await mintUserToken({
      secret: row!.signing_secret,
      accountId: row!.account_id,
      userId: users.items[0]!.id,
    });
    const photo = await sharp({
      create: { width: 300, height: 300, channels: 3, background: { r: 0, g: 128, b: 0 } },
    })
      .png()
      .toBuffer();

    // Start an upload, send half of it, stop the server, then send the rest.
    const target = new URL('/v1/me/photo', base);
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'PUT',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'image/png',
            'content-length': photo.length,
          },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(photo.subarray(0, 100));
      setTimeout(() => {
        child.kill('SIGTERM');
        setTimeout(() => req.end(photo.subarray(100)), 400);
      }, 300);
    });
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    const result = await answer.catch((error) => {
      throw new Error(`${error.message}\n${output.slice(-2000)}`);
    });
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body).photoUrl).toMatch(/\/v1\/files\/photos\//);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
    expect(await exited).toBe(0);
    expect(output).toMatch(/"msg":"stopped"/);
  });
});
