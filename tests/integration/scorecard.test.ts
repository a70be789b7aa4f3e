/**
 * The scorecard in both database modes: a few known measurements for two provinces give an index
 * and group scores equal to a hand computation from the KPIs' scoring, equal to what the ranking
 * shows for the same provinces; the other provinces have no index and no rank.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreFor } from '../../kpi-definitions/bands';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { getChildRanking } from '../../server/services/kpiValues';
import { getScorecard, type Scorecard } from '../../server/services/scorecard';
import { serverCallerContext } from '../../server/trpc/init';
import { createCaller } from '../../server/trpc/root';
import { localDate } from '../helpers/integration';
import { availableModes, openTestApp } from '../helpers/testDb';

describe.each(await availableModes())('getScorecard (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  let scorecard: Scorecard;
  const yesterday = addPeriods(periodStart('day', new Date()), 'day', -1);
  const dayBefore = addPeriods(yesterday, 'day', -1);
  const score = (kpiId: string, value: number) => scoreFor(app.catalogue.get(kpiId), value);
  const row = (code: string) => scorecard.rows.find((r) => r.code === code)!;
  const groupScore = (code: string, groupId: string) => row(code).groups.find((g) => g.id === groupId)!;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    const principal: Principal = { kind: 'system', name: 'system:test', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    const communeOf = (code: string, i: number) => app.orgUnits().childrenOf(app.orgUnits().byCodeOrUndefined(code)!.id)[i]!.code;
    await ingestMeasurements(
      app,
      principal,
      [
        // Hà Nội: progress (two KPIs, and the day before for the change), satisfaction, digitisation (two communes)
        { kpiId: 'dossiers_on_time', orgUnitCode: '01', time: localDate(yesterday), numerator: 90, denominator: 100 },
        { kpiId: 'dossiers_on_time', orgUnitCode: '01', time: localDate(dayBefore), numerator: 80, denominator: 100 },
        { kpiId: 'processing_time_mean', orgUnitCode: '01', time: localDate(yesterday), value: 48, weight: 10 },
        { kpiId: 'citizen_satisfaction', orgUnitCode: '01', time: localDate(yesterday), value: 75, weight: 20 },
        { kpiId: 'data_reused', orgUnitCode: communeOf('01', 0), time: localDate(yesterday), numerator: 30, denominator: 40 },
        { kpiId: 'data_reused', orgUnitCode: communeOf('01', 1), time: localDate(yesterday), numerator: 10, denominator: 60 },
        // Cần Thơ: progress and satisfaction, current period only
        { kpiId: 'dossiers_on_time', orgUnitCode: '92', time: localDate(yesterday), numerator: 60, denominator: 100 },
        { kpiId: 'citizen_satisfaction', orgUnitCode: '92', time: localDate(yesterday), value: 50, weight: 10 },
      ],
      { source: 'api' },
    );
    scorecard = await getScorecard(app);
  });
  afterAll(async () => {
    await close?.();
  });

  it('lists the 34 provinces with their regions and the index groups with their weights', () => {
    expect(scorecard.rows).toHaveLength(34);
    expect(row('92').region).toBe('mekong_delta');
    expect(row('01').region).toBe('red_river_delta');
    expect(scorecard.groups.map((g) => [g.id, g.weight])).toEqual([
      ['publicity_transparency', 18],
      ['processing_progress', 20],
      ['online_services', 22],
      ['satisfaction', 18],
      ['digitisation', 22],
    ]);
    expect(scorecard.period).toEqual(yesterday);
  });

  it('computes group scores and the index as a hand computation does', () => {
    // group = mean of its KPIs' scores; data_reused over Hà Nội's communes is (30 + 10) / (40 + 60)
    const progress = (score('dossiers_on_time', 90) + score('processing_time_mean', 48)) / 2;
    const satisfaction = score('citizen_satisfaction', 75);
    const digitisation = score('data_reused', 40);
    expect(groupScore('01', 'processing_progress').score).toBeCloseTo(progress, 9);
    expect(groupScore('01', 'digitisation').score).toBeCloseTo(digitisation, 9);
    expect(groupScore('01', 'publicity_transparency').score).toBeNull();
    // groups without data are left out and the weights renormalised
    expect(row('01').index).toBeCloseTo((20 * progress + 18 * satisfaction + 22 * digitisation) / (20 + 18 + 22), 9);
    expect(row('92').index).toBeCloseTo((20 * score('dossiers_on_time', 60) + 18 * score('citizen_satisfaction', 50)) / (20 + 18), 9);
  });

  it('keeps the previous period for the change', () => {
    expect(groupScore('01', 'processing_progress').previousScore).toBeCloseTo(score('dossiers_on_time', 80), 9);
    expect(groupScore('01', 'satisfaction').previousScore).toBeNull();
    expect(row('01').previousIndex).toBeCloseTo(score('dossiers_on_time', 80), 9);
    expect(row('92').previousIndex).toBeNull();
  });

  it('ranks, bands and values the provinces exactly as the ranking does', async () => {
    const ranking = await getChildRanking(app, { kpiId: 'service_index', parentId: app.orgUnits().nation.id });
    for (const code of ['01', '92']) {
      const ranked = ranking.children.find((c) => c.code === code)!;
      expect(row(code).index).toBe(ranked.value);
      expect(row(code).previousIndex).toBe(ranked.previousValue);
      expect(row(code).band).toBe(ranked.band);
      expect(row(code).rank).toBe(ranked.rank);
    }
    expect(row('01').band).toBe('average'); // 66.98 points
    expect(scorecard.rows.slice(0, 2).map((r) => [r.code, r.rank])).toEqual([
      ['01', 1],
      ['92', 2],
    ]);
    expect(scorecard.rows.slice(2).every((r) => r.index === null && r.rank === null && r.band === null)).toBe(true);
  });

  it('answers through tRPC', async () => {
    const caller = createCaller(serverCallerContext(app));
    expect(await caller.values.scorecard({})).toEqual(scorecard);
  });
});
