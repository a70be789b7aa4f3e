import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import type { MeasuredKpi } from '../../kpi-definitions/schema';
import { countHistoryRows, generateHistory, prng, seasonality, type HistoryOptions } from '../../seed/history';
import { periodStart, periodUnitOf } from '../../shared/domain/periods';
import { validateMeasurementBatch, type MeasurementInput, type ValidMeasurement } from '../../shared/domain/validateMeasurementBatch';
import { NATION_ID, seedTree } from '../helpers/orgUnitFixtures';

const tree = seedTree();
/** 10:00 local on 27/11/2026 */
const NOW = new Date('2026-11-27T03:00:00Z');
const OPTIONS: HistoryOptions = { now: NOW, months: 3, provinceCodes: ['01', '79'], seed: 42 };

function generate(options: HistoryOptions, chunkSize?: number): ValidMeasurement[] {
  return [...generateHistory(kpiCatalogue, tree, options, chunkSize)].flat();
}

function measured(id: string): MeasuredKpi {
  const kpi = kpiCatalogue.measured.find((k) => k.id === id);
  if (!kpi) throw new Error(`no measured KPI ${id}`);
  return kpi;
}

/** A generated row written back as a client would submit it. */
function asInput(row: ValidMeasurement): MeasurementInput {
  const m = measured(row.kpiId).measure;
  const base = { kpiId: row.kpiId, orgUnitCode: tree.get(row.orgUnitId).code, time: row.ts.toISOString() };
  switch (m.kind) {
    case 'ratio':
      return { ...base, numerator: row.num, denominator: row.den };
    case 'mean':
      return { ...base, value: row.num / row.den, weight: row.den };
    case 'sum':
      return { ...base, value: row.num };
  }
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const rows = generate(OPTIONS);

describe('generateHistory', () => {
  it('generates rows for every measured KPI, and only for the chosen provinces', () => {
    expect(new Set(rows.map((r) => r.kpiId))).toEqual(new Set(kpiCatalogue.measured.map((k) => k.id)));
    const provinces = new Set(rows.map((r) => tree.get(r.provinceId).code));
    expect(provinces).toEqual(new Set(['01', '79']));
    for (const r of rows) expect(tree.get(r.orgUnitId).level).toBe(measured(r.kpiId).submittedAt);
  });

  it('every generated row passes validation as a nation-wide sender at `now`', () => {
    const result = validateMeasurementBatch(rows.map(asInput), { catalogue: kpiCatalogue, tree, scopeUnitId: NATION_ID, now: NOW });
    expect(result.ok ? [] : result.errors.slice(0, 5)).toEqual([]);
    if (!result.ok) return;
    expect(result.rows).toHaveLength(rows.length);
    result.rows.forEach((validated, i) => {
      const generated = rows[i];
      if (!generated) throw new Error('row count mismatch');
      expect({ ...validated, num: 0 }).toEqual({ ...generated, num: 0 });
      expect(validated.num).toBeCloseTo(generated.num, 6);
    });
  });

  it('every row still passes when every row is a planted outlier, and observations are split', () => {
    const extreme = generate({ ...OPTIONS, provinceCodes: ['46'], outlierRate: 1, scale: 3, seed: 7 });
    expect(extreme.length).toBeGreaterThan(0);
    const result = validateMeasurementBatch(extreme.map(asInput), { catalogue: kpiCatalogue, tree, scopeUnitId: NATION_ID, now: NOW });
    expect(result.ok ? [] : result.errors.slice(0, 5)).toEqual([]);
  });

  it('stamps each row at the start of its period, never after `now`', () => {
    for (const r of rows) {
      expect(periodStart(periodUnitOf(measured(r.kpiId).frequency), r.ts).getTime()).toBe(r.ts.getTime());
      expect(r.ts.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
  });

  it('covers the last three months: August–October for monthly KPIs, Q3 for quarterly ones, to today for daily', () => {
    const times = (id: string, unitCode: string) =>
      rows
        .filter((r) => r.kpiId === id && tree.get(r.orgUnitId).code === unitCode)
        .map((r) => r.ts.toISOString());
    expect(times('data_reused', 'X01001')).toEqual(['2026-07-31T17:00:00.000Z', '2026-08-31T17:00:00.000Z', '2026-09-30T17:00:00.000Z']);
    expect(times('business_compliance_hours', '79')).toEqual(['2026-06-30T17:00:00.000Z']);
    const daily = times('dossiers_on_time', '01');
    // 27/8 to 27/11 local, today included (partial)
    expect(daily[0]).toBe('2026-08-26T17:00:00.000Z');
    expect(daily.at(-1)).toBe('2026-11-26T17:00:00.000Z');
    expect(daily).toHaveLength(93);
  });

  it('leaves the recent months of the KPIs the app measures itself to its scoring job: August–September only', () => {
    for (const id of ['forecast_mape', 'forecasts_up_to_date']) {
      const times = rows.filter((r) => r.kpiId === id && tree.get(r.orgUnitId).code === '01').map((r) => r.ts.toISOString());
      // October and November are the two months (SYSTEM_MEASURED_MONTHS) the job writes
      expect(times).toEqual(['2026-07-31T17:00:00.000Z', '2026-08-31T17:00:00.000Z']);
    }
  });

  it('is deterministic for a seed, and a different seed gives different numbers', () => {
    const options = { ...OPTIONS, provinceCodes: ['01'], kpiIds: ['dossiers_on_time', 'citizen_satisfaction'] };
    const first = generate(options);
    expect(generate(options)).toEqual(first);
    const other = generate({ ...options, seed: 43 });
    expect(other.map((r) => r.ts)).toEqual(first.map((r) => r.ts));
    expect(other.map((r) => r.num)).not.toEqual(first.map((r) => r.num));
  });

  it('yields chunks of at most `chunkSize` rows, the same rows in the same order', () => {
    const chunks = [...generateHistory(kpiCatalogue, tree, OPTIONS, 1000)];
    expect(chunks.every((c) => c.length > 0 && c.length <= 1000)).toBe(true);
    expect(chunks.slice(0, -1).every((c) => c.length === 1000)).toBe(true);
    expect(chunks.flat()).toEqual(rows);
  });

  it('never repeats a KPI, unit and time', () => {
    const keys = new Set(rows.map((r) => `${r.kpiId}|${r.orgUnitId}|${r.ts.getTime()}`));
    expect(keys.size).toBe(rows.length);
  });

  it('rows per KPI match countHistoryRows', () => {
    const perKpi = countBy(rows, (r) => r.kpiId);
    for (const kpi of kpiCatalogue.measured) {
      expect(perKpi.get(kpi.id) ?? 0, kpi.id).toBe(countHistoryRows(kpiCatalogue, tree, { ...OPTIONS, kpiIds: [kpi.id] }));
    }
    expect(countHistoryRows(kpiCatalogue, tree, OPTIONS)).toBe(rows.length);
  });

  it('skips inactive communes, in the rows and in the count', () => {
    const options = { ...OPTIONS, provinceCodes: ['01'], kpiIds: ['data_reused'] };
    const withInactive = seedTree({ inactiveCodes: ['X01001', 'X01002'] });
    const generated = [...generateHistory(kpiCatalogue, withInactive, options)].flat();
    expect(generated).toHaveLength(3 * 124);
    expect(generated.some((r) => r.orgUnitId === withInactive.byCodeOrUndefined('X01001')?.id)).toBe(false);
    expect(countHistoryRows(kpiCatalogue, withInactive, options)).toBe(3 * 124);
  });

  // BUG: with scale > 1, generateHistory stops at `now` inside today's daily period (ts > now → break),
  // but countHistoryRows counts periods × scale, so it over-counts for the current day.
  it('countHistoryRows matches the rows when scale > 1 and today is only partly over', () => {
    // 03:00 local: of four reports at 00:00, 06:00, 12:00 and 18:00 today, only the first is due
    const options: HistoryOptions = { now: new Date('2026-11-26T20:00:00Z'), months: 1, provinceCodes: ['01'], kpiIds: ['dossiers_on_time'], scale: 4 };
    expect(countHistoryRows(kpiCatalogue, tree, options)).toBe(generate(options).length);
  });

  it('ratios stay within their bounds: 0 ≤ num ≤ den, den ≥ 1', () => {
    for (const r of rows.filter((row) => measured(row.kpiId).measure.kind === 'ratio')) {
      expect(r.num).toBeGreaterThanOrEqual(0);
      expect(r.num).toBeLessThanOrEqual(r.den);
      expect(r.den).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('seasonality', () => {
  const localDay = (date: string) => new Date(`${date}T00:00:00+07:00`);

  it('dips around Tết (17/02/2026): lower quality and volume than in April', () => {
    const tet = seasonality(localDay('2026-02-17'), 1);
    const april = seasonality(localDay('2026-04-15'), 1);
    expect(april).toEqual({ quality: 0, volume: 1 });
    expect(tet.quality).toBeLessThan(april.quality - 0.1);
    expect(tet.volume).toBeLessThan(april.volume * 0.6);
  });

  it('the month of Tết dips too, less deeply', () => {
    const february = seasonality(localDay('2026-02-01'), 28);
    expect(february.quality).toBeLessThan(-0.1);
    expect(february.volume).toBeLessThan(0.7);
    expect(seasonality(localDay('2026-04-01'), 30)).toEqual({ quality: 0, volume: 1 });
  });

  it('pushes at the year end: November above September', () => {
    const november = seasonality(localDay('2026-11-01'), 30);
    const september = seasonality(localDay('2026-09-01'), 30);
    expect(november.volume).toBeCloseTo(1.25, 10);
    expect(september.volume).toBe(1);
    expect(november.quality).toBeGreaterThan(september.quality);
  });

  it('shows in the generated data: fewer dossiers a day around Tết than in April', () => {
    const history = generate({ now: new Date('2026-05-01T03:00:00Z'), months: 4, provinceCodes: ['01'], kpiIds: ['dossiers_on_time'], seed: 1 });
    const meanDen = (from: string, to: string) => {
      const inWindow = history.filter((r) => r.ts >= localDay(from) && r.ts < localDay(to));
      return inWindow.reduce((a, r) => a + r.den, 0) / inWindow.length;
    };
    expect(meanDen('2026-02-14', '2026-02-21')).toBeLessThan(0.75 * meanDen('2026-04-08', '2026-04-22'));
  });
});

describe('prng', () => {
  it('is reproducible and stays in [0, 1)', () => {
    const a = prng(123);
    const b = prng(123);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(prng(124)()).not.toBe(draws[0]);
  });
});
