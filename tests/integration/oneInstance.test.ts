/**
 * Jobs that must run once across instances (server/jobs/oneInstance.ts): of two instances on one
 * PostgreSQL server only one runs the job; when it stops, or its lease connection dies as when an
 * instance is killed, the other takes over within the retry interval. The embedded database is
 * one instance: its job runs at once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDb, type Db } from '../../server/db/db';
import { runOnOneInstance } from '../../server/jobs/oneInstance';
import { availableModes, openTestDb } from '../helpers/testDb';

const RETRY_MS = 100;

describe.each(await availableModes())('a job on one instance (%s)', (mode) => {
  let first: Db;
  let second: Db;
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    const opened = await openTestDb(mode);
    first = opened.db;
    closers.push(() => opened.close());
    second = first;
    if (mode === 'server') {
      const other = await openDb({ databaseUrl: opened.url });
      second = other;
      closers.unshift(() => other.close());
    }
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  /** A job that records which instance runs it. */
  const jobOf = (name: string, runs: string[]) => () => {
    runs.push(`${name}:start`);
    return () => runs.push(`${name}:stop`);
  };

  it.runIf(mode === 'embedded')('runs at once on the embedded database', async () => {
    const runs: string[] = [];
    const stop = runOnOneInstance(first, `job-${randomUUID()}`, jobOf('only', runs), RETRY_MS);
    await vi.waitFor(() => expect(runs).toEqual(['only:start']));
    await stop();
    expect(runs).toEqual(['only:start', 'only:stop']);
  });

  it.runIf(mode === 'server')('runs on one of two instances, and on the other once the first stops', async () => {
    const name = `job-${randomUUID()}`;
    const runs: string[] = [];
    const stopA = runOnOneInstance(first, name, jobOf('a', runs), RETRY_MS);
    await vi.waitFor(() => expect(runs).toEqual(['a:start']));
    const stopB = runOnOneInstance(second, name, jobOf('b', runs), RETRY_MS);
    // b tries several times meanwhile, and never runs alongside a
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS * 5));
    expect(runs).toEqual(['a:start']);
    await stopA();
    await vi.waitFor(() => expect(runs).toEqual(['a:start', 'a:stop', 'b:start']));
    await stopB();
  });

  it.runIf(mode === 'server')('moves to the other instance when the holder dies (its lease connection is gone)', async () => {
    const name = `job-${randomUUID()}`;
    const runs: string[] = [];
    // A killed instance takes no lease again; one whose lease connection merely dropped would, and
    // might take it back before b's next try (one CI run in many saw a:start, a:stop, a:start).
    let dead = false;
    const instanceA: Db = { ...first, tryLease: (lease) => (dead ? Promise.resolve(null) : first.tryLease(lease)) };
    const stopA = runOnOneInstance(instanceA, name, jobOf('a', runs), RETRY_MS);
    await vi.waitFor(() => expect(runs).toEqual(['a:start']));
    const stopB = runOnOneInstance(second, name, jobOf('b', runs), RETRY_MS);
    // what killing instance a does to its lease: the session holding the lock ends
    dead = true;
    const [killed] = await second.query<{ n: number }>(
      `SELECT count(*) FILTER (WHERE pg_terminate_backend(l.pid))::int AS n
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND a.application_name = 'lienthong-lease' AND a.datname = current_database()`,
    );
    expect(killed?.n).toBe(1);
    // a stops its job when it learns the lease is gone; b takes over
    await vi.waitFor(() => expect(runs).toEqual(expect.arrayContaining(['a:stop', 'b:start'])), { timeout: 10_000 });
    expect(runs.filter((r) => r.endsWith(':start') && !runs.includes(r.replace('start', 'stop')))).toEqual(['b:start']);
    await stopB();
    await stopA();
  });
});
