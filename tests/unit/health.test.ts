/**
 * /api/health's database part: a PostgreSQL server answers `SELECT 1`; the embedded database is
 * asked its worker's liveness ping (never a statement queued behind the writes), and says what its
 * connection is doing.
 */
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { Db, DbLiveness } from '../../server/db/db';
import { checkHealth, WITHOUT_REDIS } from '../../server/http/health';
import { TEST_NOW } from '../helpers/clock';

function appWith(db: Partial<Db>): AppContext {
  return { db: { mode: 'embedded-timescaledb', listenState: () => ({ state: 'up', since: TEST_NOW }), ...db } } as unknown as AppContext;
}

const idle: DbLiveness = { open: true, runningSince: null, lastCompletedAt: null, queuedStatements: 0, queuedTransactions: 0, inTransaction: false };

describe('checkHealth', () => {
  it('asks the embedded worker its ping, not a query, and reports its queue', async () => {
    const now = TEST_NOW.getTime();
    const asked: string[] = [];
    const app = appWith({
      query: (text: string) => (asked.push(text), new Promise(() => undefined)) as never,
      liveness: () => Promise.resolve({ ...idle, lastCompletedAt: now - 40, runningSince: now - 5, queuedStatements: 2, queuedTransactions: 3, inTransaction: true }),
    });
    const report = await checkHealth(app, WITHOUT_REDIS);
    expect(asked).toEqual([]);
    expect(report).toMatchObject({ ok: true, database: 'up', relay: 'unused', embedded: { queued: 5, inTransaction: true, runningMs: 5, lastStatementAgoMs: 40 } });
  });

  it('says down when the worker answers that the database is not open, or fails', async () => {
    expect(await checkHealth(appWith({ liveness: () => Promise.resolve({ ...idle, open: false }) }), WITHOUT_REDIS)).toMatchObject({ ok: false, database: 'down' });
    expect(await checkHealth(appWith({ liveness: () => Promise.reject(new Error('the embedded database worker stopped')) }), WITHOUT_REDIS)).toMatchObject({ ok: false, database: 'down' });
  });

  it('asks a database without a ping SELECT 1, and reports no embedded part', async () => {
    const asked: string[] = [];
    const report = await checkHealth(appWith({ mode: 'server-postgresql', query: (text: string) => (asked.push(text), Promise.resolve([])) }), WITHOUT_REDIS);
    expect(asked).toEqual(['SELECT 1']);
    expect(report.database).toBe('up');
    expect(report).not.toHaveProperty('embedded');
  });
});
