import { fileURLToPath } from 'node:url';
import { mintUserToken } from '@baylink/sdk/server';
import { Command, InvalidArgumentError } from 'commander';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { ConfigError, type Env, loadEnv } from './env.ts';
import { createLogger } from './lib/logger.ts';
import { startBaylink } from './server.ts';
import { createIntegrator } from './services/integrators.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

function env(overrides: Partial<Record<string, string>> = {}): Env {
  try {
    return loadEnv({ ...process.env, ...overrides });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

async function withDatabase<T>(
  run: (sql: Awaited<ReturnType<typeof openDatabase>>['sql']) => Promise<T>,
) {
  const config = env();
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.dataDir,
    max: 2,
  });
  try {
    await migrate(database.sql);
    return await run(database.sql);
  } finally {
    await database.close();
  }
}

const port = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new InvalidArgumentError('Not a port number.');
  return String(n);
};

const program = new Command('baylink')
  .description(
    'Baylink API: embeddable settings, away status, notifications and collaboration for dealership software',
  )
  .showHelpAfterError();

program
  .command('start')
  .description(
    'Run the API and the delivery worker, or one of them (embedded PostgreSQL unless DATABASE_URL is set)',
  )
  .option(
    '--role <role>',
    'what this process runs: all (API and delivery worker), api (API only) or worker (delivery worker only, no HTTP server); default BAYLINK_ROLE or all',
  )
  .option('--demo', 'load the demo dealership and serve the example portal (never in production)')
  .option('-p, --port <port>', 'port to listen on (default PORT or 8787)', port)
  .action(async (options: { role?: string; demo?: boolean; port?: string }) => {
    if (options.role !== undefined && !['all', 'api', 'worker'].includes(options.role)) {
      process.stderr.write(`Unknown role "${options.role}": use all, api or worker.\n`);
      process.exit(64);
    }
    const config = env({
      ...(options.port ? { PORT: options.port } : {}),
      ...(options.demo ? { BAYLINK_DEMO: '1' } : {}),
      ...(options.role ? { BAYLINK_ROLE: options.role } : {}),
    });
    const logger = createLogger(config.LOG_LEVEL);
    const demo = config.BAYLINK_DEMO;
    const running = await startBaylink({
      env: config,
      logger,
      role: config.BAYLINK_ROLE,
      demo,
      staticRoots: demo
        ? [
            { prefix: '/portal', dir: `${repoRoot}examples/portal` },
            { prefix: '/dist', dir: `${repoRoot}dist` },
          ]
        : [],
    });
    // Signals are handled before the banner says the process runs: a SIGTERM sent on seeing it
    // must find the handler (without one, Node dies at once).
    let signals = 0;
    const stop = (signal: string) => {
      signals += 1;
      if (signals > 1) process.exit(1);
      logger.info({ signal }, 'signal received');
      running.close().then(
        () => process.exit(0),
        (error) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    if (running.role === 'worker') {
      logger.info({ role: running.role }, 'Baylink delivery worker running');
      process.stderr.write('\n  Baylink delivery worker running (no HTTP server)\n\n');
    } else {
      logger.info({ url: running.url, role: running.role }, 'Baylink API listening');
      process.stderr.write(
        demo
          ? `\n  Baylink demo: ${running.url}/portal/\n  API reference: ${running.url}/v1/reference\n\n`
          : `\n  Baylink API: ${running.url}\n\n`,
      );
    }
  });

program
  .command('migrate')
  .description('Apply pending database migrations')
  .action(async () => {
    const config = env();
    const database = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.dataDir,
      max: 1,
    });
    try {
      const applied = await migrate(database.sql);
      process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Up to date.\n');
    } finally {
      await database.close();
    }
  });

const integrator = program
  .command('integrator')
  .description('Manage integrators (DMS vendors, portal developers)');
integrator
  .command('create')
  .description('Create an integrator and print its API key and token-signing secret (shown once)')
  .requiredOption('--name <name>', 'the integrator name')
  .option('--origin <origin...>', 'origins allowed to call the API from browsers')
  .action(async (options: { name: string; origin?: string[] }) => {
    const created = await withDatabase((sql) =>
      createIntegrator(sql, {
        name: options.name,
        allowedOrigins: (options.origin ?? []).map((o) => new URL(o).origin),
      }),
    );
    process.stdout.write(
      [
        `Integrator ${created.integrator.name} (${created.integrator.id})`,
        `API key:        ${created.apiKey}`,
        `Signing secret: ${created.signingSecret}`,
        'Store both now: they are not shown again (only a hash of the key is kept).',
        '',
      ].join('\n'),
    );
  });

program
  .command('token')
  .description('Mint a user token for local use (signed with the account integrator secret)')
  .requiredOption('--account <accountId>', "Baylink's account id")
  .option('--user <userId>', "Baylink's user id")
  .option('--ref <referenceId>', "the user's reference id in the host system")
  .option('--ttl <seconds>', 'lifetime in seconds (at most 43200)', '3600')
  .action(async (options: { account: string; user?: string; ref?: string; ttl: string }) => {
    if (Boolean(options.user) === Boolean(options.ref)) {
      process.stderr.write('Give exactly one of --user or --ref.\n');
      process.exit(64);
    }
    const secret = await withDatabase(async (sql) => {
      const [row] = await sql<{ signing_secret: string }[]>`
        select i.signing_secret from accounts a join integrators i on i.id = a.integrator_id
        where a.id = ${options.account}`;
      return row?.signing_secret;
    });
    if (!secret) {
      process.stderr.write(`No account ${options.account}.\n`);
      process.exit(66);
    }
    const minted = await mintUserToken({
      secret,
      accountId: options.account,
      ...(options.user ? { userId: options.user } : { referenceId: options.ref! }),
      expiresInSeconds: Number(options.ttl),
    });
    process.stdout.write(`${minted.token}\n`);
  });

await program.parseAsync(process.argv);
