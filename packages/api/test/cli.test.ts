import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from './support/global-setup.ts';
import { createTestContext, json, type TestContext } from './support/test-app.ts';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/baylink.js', import.meta.url));

let t: TestContext;
let databaseUrl: string;

beforeAll(async () => {
  t = await createTestContext();
  const [row] = await t.sql<{ name: string }[]>`select current_database() as name`;
  databaseUrl = withDatabase(inject('databaseServerUrl'), row!.name);
});
afterAll(() => t.close());

const baylink = (...args: string[]) =>
  run(process.execPath, [bin, ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
  });

describe('the baylink CLI', () => {
  it('migrates (nothing left to apply on a migrated database)', async () => {
    const { stdout } = await baylink('migrate');
    expect(stdout).toMatch(/Up to date/);
  });

  it('creates an integrator, printing its key and secret once, and mints working user tokens', async () => {
    const { stdout } = await baylink(
      'integrator',
      'create',
      '--name',
      'Acme DMS',
      '--origin',
      'https://portal.acme.example/',
    );
    const apiKey = stdout.match(/API key:\s+(\S+)/)?.[1];
    const secret = stdout.match(/Signing secret:\s+(\S+)/)?.[1];
    expect(apiKey).toMatch(/^bl_sk_/);
    expect(secret).toBeTruthy();
    const [stored] = await t.sql<{ allowed_origins: string[]; api_key_hash: Buffer }[]>`
      select allowed_origins, api_key_hash from integrators where name = 'Acme DMS'`;
    expect(stored?.allowed_origins).toEqual(['https://portal.acme.example']);
    expect(stored?.api_key_hash.toString('utf8')).not.toContain(apiKey);

    const account = await json<{ id: string }>(
      await t.request('/v1/accounts', {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}` },
        json: { name: 'Acme Motors' },
      }),
    );
    await t.request(`/v1/accounts/${account.id}/users/by-reference/U-42`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${apiKey}` },
      json: { name: 'Lea Lambert' },
    });
    const minted = await baylink('token', '--account', account.id, '--ref', 'U-42');
    const me = await t.request('/v1/me', { token: minted.stdout.trim() });
    expect(me.status).toBe(200);
    expect((await json(me)).name).toBe('Lea Lambert');
  });

  it('refuses a token request naming both or neither user', async () => {
    await expect(
      baylink('token', '--account', '00000000-0000-4000-8000-000000000000'),
    ).rejects.toMatchObject({ code: 64 });
  });
});
