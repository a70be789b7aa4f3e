/**
 * A province's service index is one number per period wherever it is shown: the province page's
 * headline (values.current), its standing panel (values.ranking) and the scorecard. Province 79
 * has not reported today yet while 01 has, so the province's own newest day and the nation's
 * differ — the case where the headline used to read the province's own newest periods and the
 * ranking the nation's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { getChildRanking, getCurrentValues, getSeries } from '../../server/services/kpiValues';
import type { Principal } from '../../server/auth/principal';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { getScorecard } from '../../server/services/scorecard';
import { seedHistory } from '../../seed/seedDatabase';
import { availableModes, kpiCatalogue, openTestApp } from '../helpers/testDb';
import { TEST_NOW } from '../helpers/clock';

describe.each(await availableModes())('province service index agrees everywhere (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  // the fixed test clock (tests/setup/fixedClock.ts)
  const now = TEST_NOW;
  const yesterday = addPeriods(now, 'day', -1);

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    await seedHistory(app.db, kpiCatalogue, app.orgUnits(), { now, months: 3, provinceCodes: ['01'] });
    await seedHistory(app.db, kpiCatalogue, app.orgUnits(), { now: yesterday, months: 3, provinceCodes: ['79'] });
    // 01 has already reported a monthly component for the newest month, 79 not yet: the nation's
    // newest month for it is one 79 has no report for.
    const system: Principal = { kind: 'system', name: 'system:test', scopeUnitId: 1, role: 'system' };
    const month = periodStart('month', now);
    const newest = await ingestMeasurements(app, system, [{ kpiId: 'procedures_published_full', orgUnitCode: '01', time: month.toISOString(), numerator: 40, denominator: 100 }], { source: 'api', now });
    expect(newest.rowCount).toBe(1);
  });
  afterAll(async () => {
    await close?.();
  });

  it('the headline, the standing panel and the scorecard show the same index, change and period for a province that has not reported today', async () => {
    const province = app.orgUnits().byCodeOrUndefined('79')!;
    const nation = app.orgUnits().nation;
    const [headline] = await getCurrentValues(app, { orgUnitId: province.id, kpiIds: ['service_index'], asOf: now });
    const ranking = await getChildRanking(app, { kpiId: 'service_index', parentId: nation.id, asOf: now });
    const scorecard = await getScorecard(app, { asOf: now });
    const standing = ranking.children.find((c) => c.orgUnitId === province.id)!;
    const row = scorecard.rows.find((r) => r.orgUnitId === province.id)!;

    expect(headline!.value).not.toBeNull();
    // the period the headline labels is the one the standing panel and the scorecard label
    expect(headline!.period).toEqual(ranking.period);
    expect(scorecard.period).toEqual(ranking.period);
    expect(headline!.period).toEqual(periodStart('day', now));
    // the same number and the same change
    expect(headline!.value).toBe(standing.value);
    expect(row.index).toBe(standing.value);
    expect(headline!.previousValue).toBe(standing.previousValue);
    expect(row.previousIndex).toBe(standing.previousValue);
    expect(headline!.band).toBe(standing.band);
    expect(headline!.groups?.map((g) => g.score)).toEqual(row.groups.map((g) => g.score));
  });

  it('the nation headline is computed in the nation’s own newest periods, which are the scorecard’s', async () => {
    const nation = app.orgUnits().nation;
    const [headline] = await getCurrentValues(app, { orgUnitId: nation.id, kpiIds: ['service_index'], asOf: now });
    const scorecard = await getScorecard(app, { asOf: now });
    expect(headline!.value).not.toBeNull();
    expect(headline!.period).toEqual(scorecard.period);
  });
  it.each(['01', '79'])('the daily trend of %s ends on the headline’s period with the headline’s index', async (code) => {
    const unit = app.orgUnits().byCodeOrUndefined(code)!;
    const [headline] = await getCurrentValues(app, { orgUnitId: unit.id, kpiIds: ['service_index'], asOf: now });
    const today = periodStart('day', now);
    const series = await getSeries(app, { kpiId: 'service_index', orgUnitId: unit.id, from: addPeriods(today, 'day', -6), to: addPeriods(today, 'day', 1), resolution: 'day' });
    const last = series.at(-1)!;
    expect(last.period).toEqual(headline!.period);
    expect(last.value).toBe(headline!.value);
  });
});
