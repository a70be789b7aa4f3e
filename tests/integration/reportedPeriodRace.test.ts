/**
 * A raw feed cannot overwrite a period staff have reported, even when the report is submitted
 * while the feed's batch is being written: the check runs in the feed's transaction after its
 * write (server/services/ingestMeasurements.ts), so the rows' locks order the two writers.
 *
 * The submission is held open just before its COMMIT; the feed starts then and (server mode)
 * waits on the submission's measurement row. A check made before the feed's write would have
 * seen no report and let the feed overwrite the reported value once the submission committed.
 * The embedded database runs one transaction at a time, so there the feed simply comes after.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import type { Db } from '../../server/db/db';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { saveReports } from '../../server/services/reports';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { appErrorOf, localDate } from '../helpers/integration';
import { availableModes, openTestApp } from '../helpers/testDb';
import { TEST_NOW } from '../helpers/clock';

const KPI = 'data_reused';

describe.each(await availableModes())('a raw feed against a report submitted meanwhile (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
  });
  afterAll(async () => {
    await close?.();
  });

  it('refuses the feed and keeps the reported value', async () => {
    const province = app.orgUnits().byCodeOrUndefined('22')!;
    const commune = app.orgUnits().childrenOf(province.id)[3]!;
    const staff: Principal = { kind: 'user', name: `user:canbo.${commune.code.toLowerCase()}`, scopeUnitId: commune.id, role: 'commune_staff' };
    const feed: Principal = { kind: 'token', name: `token:feed-${mode}`, scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    const lastMonth = addPeriods(periodStart('month', TEST_NOW), 'month', -1);

    // A database whose transactions stop just before COMMIT until released.
    let reachedCommit!: () => void;
    const atCommit = new Promise<void>((resolve) => (reachedCommit = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held: Db = {
      ...app.db,
      transaction: (work) =>
        app.db.transaction(async (tx) => {
          const result = await work(tx);
          reachedCommit();
          await released;
          return result;
        }),
    };

    const submission = saveReports({ ...app, db: held }, staff, {
      orgUnitId: commune.id,
      frequency: 'monthly',
      period: lastMonth,
      submit: true,
      entries: [{ kpiId: KPI, inputs: { numerator: 6, denominator: 10 }, explanation: null, expectedVersion: null }],
    });
    await atCommit;
    const raw = appErrorOf(
      ingestMeasurements(app, feed, [{ kpiId: KPI, orgUnitCode: commune.code, time: localDate(lastMonth), numerator: 9, denominator: 10 }], { source: 'api' }),
    );
    if (mode === 'server') {
      // the feed has written as far as the submission's row and waits for it
      await vi.waitFor(async () => {
        const [waiting] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        expect(waiting!.n).toBeGreaterThan(0);
      });
    }
    release();
    await submission;

    const err = await raw;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.rowErrors).toEqual([expect.objectContaining({ index: 0, field: 'time', code: 'reported_period' })]);
    expect(await app.db.query('SELECT num, den FROM measurement WHERE kpi_id = $1 AND org_unit_id = $2 AND ts = $3', [KPI, commune.id, lastMonth])).toEqual([{ num: 6, den: 10 }]);
  });
});
