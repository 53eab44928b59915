import postgres, { type Sql } from 'postgres';
import { startEmbeddedPostgres } from './embedded.ts';

export type { Sql };

export interface Database {
  sql: Sql;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export function connect(url: string, options: { max?: number } = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    idle_timeout: 60,
    connection: { application_name: 'baylink' },
    // Timestamps leave the database as ISO strings, the way the contract sends them.
    types: {
      date: {
        to: 1184,
        from: [1082, 1083, 1114, 1184],
        serialize: (value: Date | string) =>
          value instanceof Date ? value.toISOString() : String(value),
        parse: (value: string) => new Date(value).toISOString(),
      },
    },
  });
}

/**
 * Opens the database: the server at `databaseUrl` when given, otherwise an embedded PostgreSQL
 * kept in `dataDir`. Same driver, same SQL, same migrations either way.
 */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  max?: number;
  log?: (message: string) => void;
}): Promise<Database> {
  if (options.databaseUrl) {
    const sql = connect(options.databaseUrl, { max: options.max ?? 10 });
    return { sql, url: options.databaseUrl, embedded: false, close: () => sql.end({ timeout: 5 }) };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: `${options.dataDir}/postgres`,
    ...(options.log ? { log: options.log } : {}),
  });
  const sql = connect(embedded.url, { max: options.max ?? 10 });
  return {
    sql,
    url: embedded.url,
    embedded: true,
    async close() {
      await sql.end({ timeout: 5 });
      await embedded.stop();
    },
  };
}
