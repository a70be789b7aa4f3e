/**
 * Databases for integration tests, in both modes the app supports:
 * - 'embedded': an in-memory embedded TimescaleDB (PGlite), new for each call;
 * - 'server': a fresh database on the PostgreSQL server (TEST_DATABASE_URL, default
 *   postgresql://postgres@127.0.0.1:5432/test), dropped on close.
 * Without a reachable server the server-mode suites are skipped with a one-line notice, except
 * under CI, where they must run.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { kpiCatalogue } from '../../kpi-definitions';
import { createAppContext, type AppContext } from '../../server/appContext';
import { openDb, type Db } from '../../server/db/db';
import { migrate } from '../../server/db/migrate';
import { EventEmitter } from 'node:events';
import { seedOrgUnits } from '../../seed/seedDatabase';

export type TestDbMode = 'embedded' | 'server';

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

let reachable: boolean | undefined;

/** Whether the PostgreSQL server answers; under CI an unreachable server is an error. */
async function serverReachable(): Promise<boolean> {
  if (reachable !== undefined) return reachable;
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    reachable = true;
  } catch (err) {
    if (process.env.CI) throw new Error(`PostgreSQL server at ${SERVER_URL} is not reachable under CI: ${(err as Error).message}`);
    console.warn(`[tests] PostgreSQL server at ${SERVER_URL} not reachable: server-mode integration tests skipped`);
    reachable = false;
  }
  return reachable;
}

/**
 * The modes to run a suite in: embedded always, server when reachable (always under CI).
 * TEST_DB_MODES=embedded narrows it (the calendar sweep, scripts/testDates.mjs).
 */
export async function availableModes(): Promise<TestDbMode[]> {
  if (process.env.TEST_DB_MODES === 'embedded') return ['embedded'];
  return (await serverReachable()) ? ['embedded', 'server'] : ['embedded'];
}

export interface TestDb {
  db: Db;
  /** server mode: the database's address, for a second app instance on it */
  url?: string;
  close: () => Promise<void>;
}

export async function openTestDb(mode: TestDbMode): Promise<TestDb> {
  if (mode === 'embedded') {
    const db = await openDb({});
    await migrate(db);
    return { db, close: () => db.close() };
  }
  const name = `lienthong_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: url.toString() });
  await migrate(db);
  return {
    db,
    url: url.toString(),
    close: async () => {
      await db.close();
      const dropper = new pg.Client({ connectionString: SERVER_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** A migrated database with the org-unit tree, an app context and a private event bus. */
export async function openTestApp(mode: TestDbMode): Promise<{ app: AppContext; url?: string; close: () => Promise<void> }> {
  const { db, url, close } = await openTestDb(mode);
  await seedOrgUnits(db);
  const app = await createAppContext(db, new EventEmitter());
  return { app, url, close };
}

/**
 * Server mode: another app instance on the same database, as a second process would be (its own
 * connections, bus and instance id). Close it before the first one drops the database.
 */
export async function openOtherInstance(url: string): Promise<{ app: AppContext; close: () => Promise<void> }> {
  const db = await openDb({ databaseUrl: url });
  const app = await createAppContext(db, new EventEmitter());
  return { app, close: () => db.close() };
}

export { kpiCatalogue };
