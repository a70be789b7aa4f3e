/**
 * upsertMeasurements sends the batch's columns as PostgreSQL array literals it writes itself
 * (server/db/queries/measurements.ts, `columnLiterals`), not through the drivers' array
 * serialisation: what is stored must be exactly what was given — every double to the last bit,
 * every instant to the millisecond, any text of a KPI id — and the count of replaced rows must
 * match the revisions kept. Runs in both modes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import { insertIngestBatch, upsertMeasurements } from '../../server/db/queries/measurements';
import type { ValidMeasurement } from '../../shared/domain/validateMeasurementBatch';
import { TEST_NOW } from '../helpers/clock';
import { clearMeasurements } from '../helpers/integration';
import { availableModes, openTestApp } from '../helpers/testDb';

describe.each(await availableModes())('upsertMeasurements stores the rows exactly (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
  });
  afterAll(async () => {
    await close?.();
  });

  async function write(rows: ValidMeasurement[]): Promise<number> {
    return app.db.transaction(async (tx) => {
      const batch = await insertIngestBatch(tx, { principal: 'system:test', source: 'seed', idempotencyKey: null, contentHash: null, rowCount: rows.length });
      return upsertMeasurements(tx, batch!.id, rows);
    });
  }

  it('keeps doubles, instants and KPI ids as given, and counts the rows it replaced', async () => {
    await clearMeasurements(app.db);
    const province = app.orgUnits().byCodeOrUndefined('01')!;
    const awkward = [0.1, 1 / 3, 2 ** 53 + 2, 1e-7, 123456.789, -0, 5e-324, 1.7976931348623157e308];
    // ids no catalogue has, with what an array literal must quote: the write does not depend on them being tame
    const ids = ['dossiers_on_time', 'a "quoted", {braced} id', 'back\\slash', 'NULL', ' spaced '];
    const rows: ValidMeasurement[] = awkward.flatMap((num, i) =>
      ids.map((kpiId, j) => ({
        kpiId,
        orgUnitId: province.id,
        provinceId: province.id,
        // milliseconds that a rounding to microseconds or seconds would move
        ts: new Date(TEST_NOW.getTime() - (i * ids.length + j) * 86_400_001 - 7),
        num,
        den: 1 / (i + 3),
      })),
    );
    expect(await write(rows)).toBe(0);
    const stored = await app.db.query<{ kpi_id: string; ts: Date; num: number; den: number }>(
      'SELECT kpi_id, ts, num, den FROM measurement ORDER BY ts DESC, kpi_id',
    );
    const key = (r: { kpiId: string; ts: Date }) => `${r.kpiId}|${r.ts.getTime()}`;
    const byKey = new Map(stored.map((s) => [key({ kpiId: s.kpi_id, ts: s.ts }), s]));
    expect(stored).toHaveLength(rows.length);
    for (const r of rows) {
      const s = byKey.get(key(r));
      expect(s, key(r)).toBeDefined();
      // bit for bit (=== compares the doubles; −0 is sent as 0, as the drivers send it)
      expect(s!.num === r.num, `${r.num}`).toBe(true);
      expect(s!.den).toBe(r.den);
    }

    // an overwrite of a few of them: replaced counts them, and the revisions keep the old values
    const changed = rows.slice(0, 7).map((r) => ({ ...r, num: r.num + 1 }));
    expect(await write(changed)).toBe(7);
    const [{ n }] = (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM measurement_revision')) as [{ n: number }];
    expect(n).toBe(7);
  });
});
