// PostgreSQL for the tests: EVENTMODEL_TEST_PG, else the cluster of scripts/start-postgres.sh (started
// here when needed); one fresh database per test, so no test sees another's events or checkpoints.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import pg from 'pg';
import { REPO } from './build';

let serverUrl: string | undefined;

export function serverConnectionString(): string {
  serverUrl ??=
    process.env.EVENTMODEL_TEST_PG ||
    execFileSync('bash', [path.join(REPO, 'scripts/start-postgres.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
      .trim()
      .split('\n')
      .pop()!;
  return serverUrl;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverConnectionString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<TestDatabase> {
  const database = missingDatabase();
  await database.create();
  return database;
}

/** The URL of a database that does not exist yet (`create()` makes it). */
export function missingDatabase(): TestDatabase & { create(): Promise<void> } {
  const name = `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const url = new URL(serverConnectionString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    create: async () => {
      await admin((client) => client.query(`CREATE DATABASE ${name}`));
    },
    drop: () =>
      admin(async (client) => {
        // Closed pools and killed processes leave backends that end a moment later; wait for them.
        for (let waited = 0; waited < 5000; waited += 50) {
          const { rows } = await client.query<{ open: string }>(`SELECT count(*) AS open FROM pg_stat_activity WHERE datname = $1`, [name]);
          // A bigint once dumbo is loaded: it parses int8 as BigInt process-wide.
          if (Number(rows[0]?.open) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

/** Runs a query against a test database (assertions on what Emmett stored). */
export async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
