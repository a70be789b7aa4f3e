/**
 * The `Db` interface keeps its promises in both modes, the embedded one running in a worker thread
 * (server/db/embeddedDb.ts): the same JavaScript values, errors with PostgreSQL's fields, afterCommit
 * only after a commit. And, embedded: the event loop stays free while a query runs, an open
 * transaction has the connection to itself, and the statements that waited for it go next, in
 * arrival order, before a transaction queued later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db';
import { openDb } from '../../server/db/db';
import { availableModes, openTestDb, type TestDb } from '../helpers/testDb';

describe.each(await availableModes())('the Db interface (%s)', (mode) => {
  let testDb: TestDb;
  let db: Db;

  beforeAll(async () => {
    testDb = await openTestDb(mode);
    db = testDb.db;
    await db.query('CREATE TABLE db_interface_probe (n integer PRIMARY KEY CHECK (n > 0))');
  });
  afterAll(async () => {
    await testDb?.close();
  });

  it('hands back the same JavaScript values', async () => {
    const [row] = await db.query<Record<string, unknown>>(
      `SELECT 9007199254740991::int8 AS big, 2.5::numeric AS num, 3::int AS int, $1::timestamptz AS at,
              ARRAY[1, 2]::int[] AS ints, '{"a": [1, "x"]}'::jsonb AS doc, 'vi'::text AS txt, NULL::int AS nothing, true AS yes`,
      [new Date('2026-11-27T03:00:00Z')],
    );
    expect(row).toEqual({ big: 9007199254740991, num: 2.5, int: 3, at: new Date('2026-11-27T03:00:00Z'), ints: [1, 2], doc: { a: [1, 'x'] }, txt: 'vi', nothing: null, yes: true });
    expect(row!.at).toBeInstanceOf(Date);
  });

  it('throws errors that carry PostgreSQL’s fields', async () => {
    await db.query('INSERT INTO db_interface_probe (n) VALUES (1)');
    const unique = await db.query('INSERT INTO db_interface_probe (n) VALUES (1)').catch((e: unknown) => e);
    expect(unique).toBeInstanceOf(Error);
    expect(unique).toMatchObject({ code: '23505', constraint: 'db_interface_probe_pkey', detail: 'Key (n)=(1) already exists.', table: 'db_interface_probe' });
    const check = await db.transaction((tx) => tx.query('INSERT INTO db_interface_probe (n) VALUES (-1)')).catch((e: unknown) => e);
    expect(check).toMatchObject({ code: '23514', constraint: 'db_interface_probe_n_check' });
  });

  it('rolls back on a throw and runs afterCommit only after a commit, before transaction returns', async () => {
    const ran: string[] = [];
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO db_interface_probe (n) VALUES (2)');
        tx.afterCommit(() => void ran.push('rolled back'));
        throw new Error('the work fails');
      }),
    ).rejects.toThrow('the work fails');
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO db_interface_probe (n) VALUES (3)');
      tx.afterCommit(async (after) => void ran.push(`committed ${(await after.query<{ n: number }>('SELECT n FROM db_interface_probe WHERE n = 3')).length}`));
    });
    expect(ran).toEqual(['committed 1']);
    expect(await db.query('SELECT n FROM db_interface_probe WHERE n = 2')).toEqual([]);
  });
});

describe('the embedded database in its worker thread', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openDb({});
  });
  afterAll(async () => {
    await db?.close();
  });

  it('leaves the event loop free while a query runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      let done = false;
      const slow = db.query('SELECT count(*) FROM generate_series(1, 3000000)').then(() => (done = true));
      // this thread gets turns while the worker counts
      while (!done && ticks < 3) await new Promise((r) => setTimeout(r, 1));
      expect(done).toBe(false);
      await slow;
    } finally {
      clearInterval(timer);
    }
  });

  it('keeps a transaction exclusive; what waited for it runs next in arrival order, before a later transaction', async () => {
    const order: string[] = [];
    let holdOpen: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holdOpen = resolve));
    let began: () => void = () => undefined;
    const begun = new Promise<void>((resolve) => (began = resolve));
    const first = db.transaction(async (tx) => {
      await tx.query('CREATE TEMP TABLE turn_probe (n int)');
      began();
      await held;
      order.push('first transaction');
    });
    await begun;
    const second = db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      order.push('second transaction');
    });
    const reads = [1, 2, 3].map((i) => db.query('SELECT $1::int AS i', [i]).then(() => void order.push(`read ${i}`)));
    // the reads cannot overtake the open transaction, however long its caller takes
    await new Promise((r) => setTimeout(r, 50));
    expect(order).toEqual([]);
    holdOpen();
    await Promise.all([first, second, ...reads]);
    expect(order).toEqual(['first transaction', 'read 1', 'read 2', 'read 3', 'second transaction']);
  });

  it('runs what a transaction sent before its BEGIN ran in it, in order; a queued transaction holds nothing', async () => {
    let holdOpen: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holdOpen = resolve));
    let began: () => void = () => undefined;
    const begun = new Promise<void>((resolve) => (began = resolve));
    const first = db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      began();
      await held;
    });
    await begun;
    // queued behind the first: its statements are sent at once, without waiting for its BEGIN
    const second = db.transaction(async (tx) => {
      const [a, b] = await Promise.all([
        tx.query('CREATE TEMP TABLE early_probe (n int)'),
        tx.query('INSERT INTO early_probe VALUES (1), (2) RETURNING n'),
      ]);
      return [a, b, await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM early_probe')];
    });
    await new Promise((r) => setTimeout(r, 30));
    holdOpen();
    await first;
    const [, inserted, counted] = await second;
    expect(inserted).toHaveLength(2);
    expect(counted).toEqual([{ n: 2 }]);
    // a failing statement sent early rolls its transaction back like any other
    await expect(db.transaction((tx) => tx.query('SELECT * FROM no_such_table_early'))).rejects.toThrow(/no_such_table_early/);
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('answers a liveness ping while a transaction holds the connection and work is queued behind it', async () => {
    let holdOpen: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (holdOpen = resolve));
    let began: () => void = () => undefined;
    const begun = new Promise<void>((resolve) => (began = resolve));
    const open = db.transaction(async (tx) => {
      await tx.query('SELECT 1');
      began();
      await held;
    });
    await begun;
    const queued = [db.query('SELECT 2'), db.transaction((tx) => tx.query('SELECT 3'))];
    let answered = false;
    const queuedDone = Promise.all(queued).then(() => (answered = true));
    const ping = await db.liveness!();
    // the ping did not wait for the transaction: the queued work has not run
    expect(answered).toBe(false);
    expect(ping).toMatchObject({ open: true, inTransaction: true, runningSince: null, queuedStatements: 1, queuedTransactions: 1 });
    expect(ping.lastCompletedAt).toBeGreaterThan(0);
    holdOpen();
    await Promise.all([open, queuedDone]);
    expect(await db.liveness!()).toMatchObject({ open: true, inTransaction: false, queuedStatements: 0, queuedTransactions: 0 });
  });

  it('delivers notifications committed in a transaction before the transaction returns', async () => {
    const heard: string[] = [];
    const unlisten = await db.listen('db_interface_channel', (payload) => heard.push(payload));
    await db.transaction((tx) => tx.query(`SELECT pg_notify('db_interface_channel', 'hello')`));
    expect(heard).toEqual(['hello']);
    await unlisten();
  });

  it('closes once, however often asked, and refuses work afterwards', async () => {
    const other = await openDb({});
    await Promise.all([other.close(), other.close()]);
    await expect(other.query('SELECT 1')).rejects.toThrow(/closed/);
  });
});
