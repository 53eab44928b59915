// The SDK's browser tests in real Chromium (`npm run test:browser` from the repository root):
// the tab election (Web Locks) and the BroadcastChannel fan-out, against the real API, which a
// plugin starts here (an embedded PostgreSQL, or a fresh database on DATABASE_URL's server).
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/**
 * Starts the Baylink API for the test pages, creates an integrator whose allowed origin is the
 * test server, an account with three users, and answers test commands:
 * `baylink-fixture` (the API URL and user tokens) and `baylink-event` (posts an event with the
 * integrator's key, which never reaches the page).
 */
function baylinkApi() {
  let running;
  let dataDir;
  let dropDatabase;
  let fixture;
  let apiKey;

  return {
    name: 'baylink-api',
    async serverStart({ config }) {
      const { register } = await import('tsx/esm/api');
      register();
      const { loadEnv, startBaylink, createIntegrator } = await import('@baylink/api');
      const { mintUserToken } = await import('@baylink/sdk/server');
      const { default: pino } = await import('pino');
      const { default: postgres } = await import('postgres');

      dataDir = await mkdtemp(path.join(tmpdir(), 'baylink-wtr-'));
      // The embedded server runs as the postgres user when we are root: it must reach the folder.
      await chmod(dataDir, 0o755);
      let databaseUrl;
      if (process.env.DATABASE_URL) {
        const name = `baylink_wtr_${process.pid}`;
        const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.unsafe(`create database "${name}"`);
        const url = new URL(process.env.DATABASE_URL);
        url.pathname = `/${name}`;
        databaseUrl = url.toString();
        dropDatabase = async () => {
          await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
          await admin.end();
        };
      }
      const env = loadEnv(
        {
          PORT: '0',
          HOST: '127.0.0.1',
          BAYLINK_DATA_DIR: dataDir,
          LOG_LEVEL: 'silent',
          SHUTDOWN_GRACE_MS: '1000',
          ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        },
        dataDir,
      );
      running = await startBaylink({ env, logger: pino({ level: 'silent' }) });
      const { sql } = running.database;

      const origins = [config.hostname, 'localhost', '127.0.0.1'].map(
        (host) => `http://${host}:${config.port}`,
      );
      const created = await createIntegrator(sql, {
        name: 'Browser tests',
        allowedOrigins: [...new Set(origins)],
      });
      apiKey = created.apiKey;
      const [account] = await sql`
        insert into accounts (integrator_id, name) values (${created.integrator.id}, 'Tab Motors')
        returning id`;
      const users = {};
      for (const name of ['ada', 'bob', 'cyd']) {
        const [user] = await sql`
          insert into users (account_id, reference_id, name, email, language, role)
          values (${account.id}, ${name}, ${name}, ${`${name}@tabs.example`}, 'en', 'member')
          returning id`;
        const { token } = await mintUserToken({
          secret: created.signingSecret,
          accountId: account.id,
          userId: user.id,
          expiresInSeconds: 3600,
        });
        users[name] = { id: user.id, token };
      }
      fixture = { baseUrl: running.url, accountId: account.id, users };
    },

    async serverStop() {
      await running?.close().catch(() => {});
      await dropDatabase?.();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },

    async executeCommand({ command, payload }) {
      if (command === 'baylink-fixture') return fixture;
      if (command === 'baylink-event') {
        const response = await fetch(`${fixture.baseUrl}/v1/events`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${apiKey}`,
            'content-type': 'application/json',
            'idempotency-key': crypto.randomUUID(),
          },
          body: JSON.stringify({
            accountId: fixture.accountId,
            type: payload.type ?? 'conversations.new_message',
            recipients: { userIds: payload.userIds },
            title: payload.title,
          }),
        });
        if (response.status !== 202) {
          throw new Error(`POST /v1/events answered ${response.status}: ${await response.text()}`);
        }
        return response.json();
      }
      return undefined;
    },
  };
}

export default {
  rootDir: here('../..'),
  files: [here('./test/browser/**/*.test.ts')],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: here('../../tsconfig.json') }),
    baylinkApi(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      },
    }),
  ],
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 20_000 } },
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /></head>
  <body>
    <script>
      // @open-wc/testing loads Lit's development build, which warns once per page: expected here.
      globalThis.litIssuedWarnings = new Set(['dev-mode']);
    </script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
};
