/**
 * The one module that knows whether the database is the embedded TimescaleDB (PGlite, in a worker
 * thread of this process: embeddedDb.ts) or a PostgreSQL server reached through `pg`. Everything else speaks `Db`: parameterised
 * queries, transactions on one connection, LISTEN for cross-instance events. SQL is the same for
 * both; only the roll-up migrations differ (continuous aggregates vs plain views).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openEmbeddedDb } from './embeddedDb';
import { ListenConnection, type ListenState } from './listenConnection';
import { runAfterCommit } from './runAfterCommit';

export type DbMode = 'embedded-timescaledb' | 'server-timescaledb' | 'server-postgresql';

export interface Queryable {
  /** Runs one parameterised statement; values go in as $1, $2, … never into the text. */
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Transaction extends Queryable {
  /** Runs a script of several statements without parameters (migrations only). */
  execScript(sql: string): Promise<void>;
  /**
   * Queues work for after COMMIT, given the database the transaction ran on: never run after a
   * rollback. Queued work runs in the order queued, before `transaction` returns, so a write's
   * roll-up refresh (queued as it writes) comes before the announcement of that write. A failure
   * is logged, never thrown: the data is in, and the caller's answer must say so.
   */
  afterCommit(work: AfterCommit): void;
}

export type AfterCommit = (db: Db) => Promise<void> | void;

export interface Db extends Queryable {
  readonly mode: DbMode;
  /** hypertables, continuous aggregates, compression and retention are available */
  readonly timescale: boolean;
  /** Runs `work` on one connection between BEGIN and COMMIT; any throw rolls everything back. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Runs a script of several statements without parameters (migrations only). */
  execScript(sql: string): Promise<void>;
  /** Subscribes to NOTIFY on a channel; returns the unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Whether notifications can arrive now (server mode: the LISTEN connection; it reconnects by itself). */
  listenState(): { state: ListenState; since: Date };
  onListenState(listener: (state: ListenState) => void): () => void;
  /**
   * Takes the named lease if no other instance holds it (server mode: a session advisory lock on a
   * connection of its own), or null. The lease ends when released, or when its connection is lost
   * (`lost` resolves): then another instance may take it. The embedded database is one instance.
   */
  tryLease(name: string): Promise<Lease | null>;
  /**
   * The embedded database only: whether its worker thread runs and the database is open, answered
   * between two statements without waiting in the queue behind the writes (/api/health).
   */
  liveness?(): Promise<DbLiveness>;
  close(): Promise<void>;
}

/** What the embedded database's worker says of itself; times in ms since the epoch. */
export interface DbLiveness {
  /** opened and not closing */
  open: boolean;
  /** when the statement in progress started; null between statements */
  runningSince: number | null;
  /** when the last statement finished; null before the first */
  lastCompletedAt: number | null;
  queuedStatements: number;
  queuedTransactions: number;
  /** a transaction holds the connection */
  inTransaction: boolean;
}

export interface Lease {
  /** resolves when the lease is gone without being released (its connection died) */
  lost: Promise<void>;
  release(): Promise<void>;
}

export interface OpenDbOptions {
  /** a PostgreSQL connection string; without it the embedded database is opened */
  databaseUrl?: string;
  /** the embedded database's folder; undefined keeps it in memory (tests) */
  dataDir?: string;
}

// pg returns int8 and numeric as strings to avoid precision loss; our counts and sums fit in a
// double, and both modes must hand back the same JavaScript types (the embedded worker parses alike).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** The embedded database runs in a worker thread (embeddedDb.ts); the server mode in this one, through `pg`. */
export async function openDb(options: OpenDbOptions): Promise<Db> {
  return options.databaseUrl ? openServerDb(options.databaseUrl) : openEmbeddedDb(options.dataDir);
}

async function openServerDb(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: 10, application_name: `lienthong-${randomUUID().slice(0, 8)}` });
  pool.on('error', (err) => console.error('[db] idle connection error:', err.message));
  const timescale = await enableTimescale(pool);
  const listener = new ListenConnection(connectionString);

  // pg types rows as any[]; the caller names the row type, as with PGlite.
  const run = async <Row>(q: Pick<pg.Pool, 'query'>, text: string, params?: readonly unknown[]) =>
    (await q.query(text, params ? [...params] : undefined)).rows as Row[];
  const db: Db = {
    mode: timescale ? 'server-timescaledb' : 'server-postgresql',
    timescale,
    query: (text, params) => run(pool, text, params),
    transaction: async <T,>(work: (tx: Transaction) => Promise<T>): Promise<T> => {
      const client = await pool.connect();
      const queued: AfterCommit[] = [];
      let result: T;
      try {
        await client.query('BEGIN');
        result = await work({
          query: (text, params) => run(client, text, params),
          execScript: async (sql) => {
            await client.query(sql);
          },
          afterCommit: (next) => void queued.push(next),
        });
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
      await runAfterCommit(db, queued);
      return result;
    },
    execScript: async (sql) => {
      await pool.query(sql);
    },
    listen: (channel, onPayload) => listener.listen(channel, onPayload),
    listenState: () => listener.state(),
    onListenState: (cb) => listener.onState(cb),
    tryLease: (name) => tryAdvisoryLease(connectionString, name),
    close: async () => {
      await listener.close();
      await pool.end();
    },
  };
  return db;
}

/**
 * A session advisory lock on a connection of its own: PostgreSQL releases it when that session
 * ends, so an instance that dies (or loses the server) frees its leases by itself.
 */
async function tryAdvisoryLease(connectionString: string, name: string): Promise<Lease | null> {
  const client = new pg.Client({ connectionString, application_name: 'lienthong-lease' });
  let lose: () => void = () => undefined;
  const lost = new Promise<void>((resolve) => (lose = resolve));
  let released = false;
  client.on('error', (err) => console.error(`[db] lease ${name}: connection error:`, err.message));
  client.on('end', () => {
    if (!released) lose();
  });
  await client.connect();
  try {
    const [row] = (await client.query<{ held: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS held', [name])).rows;
    if (row?.held) {
      return {
        lost,
        release: async () => {
          released = true;
          await client.end().catch(() => undefined);
        },
      };
    }
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
  released = true;
  await client.end();
  return null;
}

/** TimescaleDB when the server has it installed and preloaded; plain PostgreSQL otherwise. */
async function enableTimescale(pool: pg.Pool): Promise<boolean> {
  const available = await pool.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`);
  if (available.rowCount === 0) return false;
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
    return true;
  } catch (err) {
    // Installed but not in shared_preload_libraries: the server cannot load it.
    console.warn('[db] timescaledb is installed but cannot be loaded:', (err as Error).message);
    return false;
  }
}
