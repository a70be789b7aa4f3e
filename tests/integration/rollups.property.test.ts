/**
 * Property: whatever measurements land, the roll-up reads equal an independent in-memory
 * computation — sums of (num, den) per local (UTC+7) period, a ratio being sum(num) / sum(den) × scale
 * and never a mean of ratios — for every scope (nation, province, commune), every granularity, the
 * child breakdowns and the series. Runs in both modes; in embedded TimescaleDB some runs
 * materialise the continuous aggregates between two batches so that reads mix materialised buckets,
 * refreshed corrections and real-time raw rows.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { resetTestClock, TEST_NOW } from '../helpers/clock';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { insertIngestBatch, upsertMeasurements } from '../../server/db/queries/measurements';
import { getChildSums, getPeriodSums, type ChildSumRow, type Granularity, type Scope } from '../../server/db/queries/rollups';
import { refreshAllRollups } from '../../server/jobs/rollupMaintenance';
import { refreshRollupsFor } from '../../server/db/rollupRefresh';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { getSeries } from '../../server/services/kpiValues';
import { clearMeasurements } from '../helpers/integration';
import { availableModes, openTestApp } from '../helpers/testDb';

// ---------------------------------------------------------------------------------------------
// The reference model: local periods of Asia/Ho_Chi_Minh (UTC+7 all year) and sums per period.
// Written here, apart from shared/domain/periods.ts, so that a bug there cannot hide itself.
// ---------------------------------------------------------------------------------------------

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 7 * HOUR;

const hourOf = (t: number) => Math.floor((t + OFFSET) / HOUR) * HOUR - OFFSET;
const dayOf = (t: number) => Math.floor((t + OFFSET) / DAY) * DAY - OFFSET;
function monthOf(t: number, add = 0): number {
  const l = new Date(t + OFFSET);
  return Date.UTC(l.getUTCFullYear(), l.getUTCMonth() + add, 1) - OFFSET;
}
function quarterOf(t: number): number {
  const l = new Date(t + OFFSET);
  return Date.UTC(l.getUTCFullYear(), l.getUTCMonth() - (l.getUTCMonth() % 3), 1) - OFFSET;
}

/** The bucket a granularity's relation keeps (quarters are read from months) and the period it reports. */
const MODEL: Record<Granularity, { bucket: (t: number) => number; period: (t: number) => number }> = {
  hour: { bucket: hourOf, period: hourOf },
  day: { bucket: dayOf, period: dayOf },
  month: { bucket: monthOf, period: monthOf },
  quarter: { bucket: monthOf, period: quarterOf },
};
const GRANULARITIES = Object.keys(MODEL) as Granularity[];

interface StoredRow {
  kpiId: string;
  orgUnitId: number;
  provinceId: number;
  ts: number;
  num: number;
  den: number;
}

interface Sums {
  kpi_id: string;
  period: number;
  num: number;
  den: number;
  n: number;
  units: number;
}

/** Sums per (KPI, key, period) of the rows whose bucket starts in [from, to). */
function expectedSums(rows: readonly StoredRow[], granularity: Granularity, from: number, to: number, keyOf: (r: StoredRow) => number | null) {
  const groups = new Map<string, Sums & { key: number; unitSet: Set<number> }>();
  for (const r of rows) {
    const key = keyOf(r);
    const bucket = MODEL[granularity].bucket(r.ts);
    if (key === null || bucket < from || bucket >= to) continue;
    const period = MODEL[granularity].period(r.ts);
    const id = `${r.kpiId}|${key}|${period}`;
    const g = groups.get(id) ?? { kpi_id: r.kpiId, key, period, num: 0, den: 0, n: 0, units: 0, unitSet: new Set<number>() };
    g.num += r.num;
    g.den += r.den;
    g.n += 1;
    g.unitSet.add(r.orgUnitId);
    g.units = g.unitSet.size;
    groups.set(id, g);
  }
  return [...groups.values()].sort((a, b) => a.kpi_id.localeCompare(b.kpi_id) || a.key - b.key || a.period - b.period);
}

/** About 1e-9 relative: means store value × weight, and a float sum depends on its order. */
const near = (x: number): unknown => expect.closeTo(x, Math.max(0, 9 - Math.ceil(Math.log10(Math.abs(x) + 1))));

const closeSums = (s: { kpi_id: string; period: number; num: number; den: number; n: number; units: number }) => ({
  kpi_id: s.kpi_id,
  period: s.period,
  num: near(s.num),
  den: near(s.den),
  n: s.n,
  units: s.units,
});

const plainChild = (r: ChildSumRow) => ({ key: r.child_id, kpi_id: r.kpi_id, period: r.period.getTime(), num: r.num, den: r.den, n: r.n, units: r.units });

// ---------------------------------------------------------------------------------------------
// What a run submits
// ---------------------------------------------------------------------------------------------

/** Commune-level monthly KPIs (a ratio and a mean) and province-level daily ones (a ratio and a mean). */
const COMMUNE_KPIS = ['data_reused', 'office_trips_per_procedure'] as const;
const PROVINCE_KPIS = ['dossiers_on_time', 'processing_time_mean'] as const;
const KPIS = [...COMMUNE_KPIS, ...PROVINCE_KPIS];
type KpiId = (typeof KPIS)[number];

const RATIO_SCALE: Partial<Record<KpiId, number>> = { data_reused: 100, dossiers_on_time: 100 };
const FREQUENCY: Record<KpiId, 'monthly' | 'daily'> = {
  data_reused: 'monthly',
  office_trips_per_procedure: 'monthly',
  dossiers_on_time: 'daily',
  processing_time_mean: 'daily',
};

/** Raw amounts; each KPI takes what it needs (see `partsFor`). */
const amounts = fc.record({
  a: fc.integer({ min: 0, max: 5_000 }),
  b: fc.integer({ min: 0, max: 5_000 }),
  /** hundredths of a mean value: 0.00–20.00 */
  hundredths: fc.integer({ min: 0, max: 2_000 }),
  weight: fc.integer({ min: 1, max: 500 }),
});
type Amounts = typeof amounts extends fc.Arbitrary<infer T> ? T : never;

/** How long before "now": mostly spread over ~90 days, often within the current hour or day. */
const age = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 88 * DAY }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 * DAY }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 * 60_000 }) },
);

const draft = fc.record({
  kpi: fc.constantFrom(...KPIS),
  province: fc.nat(),
  /** one of the first few communes, so that units report several times */
  commune: fc.integer({ min: 0, max: 5 }),
  ageMs: age,
  amounts,
});
type Draft = typeof draft extends fc.Arbitrary<infer T> ? T : never;

const scenario = fc.record({
  /** indexes into CANDIDATE_PROVINCES */
  provinces: fc.shuffledSubarray([0, 1, 2, 3, 4, 5], { minLength: 2, maxLength: 3 }),
  first: fc.array(draft, { minLength: 1, maxLength: 40 }),
  second: fc.array(draft, { maxLength: 15 }),
  /** rows of the first batch re-submitted with new amounts in the second */
  corrections: fc.array(fc.record({ pick: fc.nat(), amounts }), { maxLength: 5 }),
  /** embedded: materialise the continuous aggregates between the two batches */
  materialiseBetween: fc.boolean(),
  /** an arbitrary, unaligned window for one more getPeriodSums per granularity */
  window: fc.record({ startAgo: fc.integer({ min: 0, max: 100 * DAY }), lengthMs: fc.integer({ min: HOUR, max: 100 * DAY }) }),
});

/**
 * The fields a KPI's row submits, and the model of what it stores: a ratio keeps (numerator,
 * denominator); a mean keeps (value × weight, weight).
 */
function partsFor(kpiId: KpiId, x: Amounts): { fields: Record<string, number>; num: number; den: number } {
  if (RATIO_SCALE[kpiId] !== undefined) {
    const [numerator, denominator] = [Math.min(x.a, x.b), Math.max(x.a, x.b)];
    return { fields: { numerator, denominator }, num: numerator, den: denominator };
  }
  const value = x.hundredths / 100;
  return { fields: { value, weight: x.weight }, num: value * x.weight, den: x.weight };
}

const CANDIDATE_PROVINCES = ['01', '22', '48', '79', '92', '96'];

describe.each(await availableModes())('roll-ups equal an in-memory model (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
  });
  afterAll(async () => {
    await close?.();
  });

  const principal = (): Principal => ({ kind: 'system', name: 'system:property', scopeUnitId: app.orgUnits().nation.id, role: 'system' });

  /** Turns drafts into submitted rows and the rows they store; one row per (KPI, unit, time). */
  function toRows(drafts: readonly Draft[], provinceCodes: readonly string[], now: number, taken: Set<string>) {
    const tree = app.orgUnits();
    const inputs: Array<Record<string, unknown>> = [];
    const stored: StoredRow[] = [];
    for (const d of drafts) {
      const province = tree.byCodeOrUndefined(provinceCodes[d.province % provinceCodes.length]!)!;
      const unit = (COMMUNE_KPIS as readonly string[]).includes(d.kpi) ? tree.childrenOf(province.id)[d.commune]! : province;
      const ts = now - d.ageMs;
      const key = `${d.kpi}|${unit.id}|${ts}`;
      if (taken.has(key)) continue;
      taken.add(key);
      const parts = partsFor(d.kpi, d.amounts);
      inputs.push({ kpiId: d.kpi, orgUnitCode: unit.code, time: new Date(ts).toISOString(), ...parts.fields });
      stored.push({ kpiId: d.kpi, orgUnitId: unit.id, provinceId: province.id, ts, num: parts.num, den: parts.den });
    }
    return { inputs, stored };
  }

  async function sumsOf(q: { granularity: Granularity; scope: Scope; from: number; to: number }) {
    const rows = await getPeriodSums(app.db, { kpiIds: KPIS, granularity: q.granularity, scope: q.scope, from: new Date(q.from), to: new Date(q.to) });
    return rows.map((r) => ({ kpi_id: r.kpi_id, period: r.period.getTime(), num: r.num, den: r.den, n: r.n, units: r.units }));
  }

  it(
    'getPeriodSums, getChildSums and getSeries equal the model for random batches',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          await clearMeasurements(app.db);
          const tree = app.orgUnits();
          const now = Date.now();
          const provinceCodes = s.provinces.map((i) => CANDIDATE_PROVINCES[i]!);
          const taken = new Set<string>();

          const first = toRows(s.first, provinceCodes, now, taken);
          await ingestMeasurements(app, principal(), first.inputs, { source: 'api' });
          if (s.materialiseBetween) await refreshAllRollups(app.db);

          // the second batch: new rows, and corrections of first-batch rows (same key, new amounts)
          const second = toRows(s.second, provinceCodes, now, taken);
          const corrected = new Set<number>();
          for (const c of s.corrections) {
            const i = c.pick % first.inputs.length;
            if (corrected.has(i)) continue;
            corrected.add(i);
            const row = first.stored[i]!;
            const parts = partsFor(row.kpiId as KpiId, c.amounts);
            const { kpiId, orgUnitCode, time } = first.inputs[i]!;
            second.inputs.push({ kpiId, orgUnitCode, time, ...parts.fields });
            row.num = parts.num;
            row.den = parts.den;
          }
          if (second.inputs.length > 0) {
            const result = await ingestMeasurements(app, principal(), second.inputs, { source: 'api' });
            expect(result.replaced).toBe(corrected.size);
          }
          const all = [...first.stored, ...second.stored];

          // windows: everything (aligned on quarters), and an arbitrary unaligned one
          const everything = { from: quarterOf(now - 100 * DAY), to: monthOf(now, 1) };
          const arbitrary = { from: now - s.window.startAgo, to: now - s.window.startAgo + s.window.lengthMs };

          const provinces = provinceCodes.map((c) => tree.byCodeOrUndefined(c)!);
          const silentProvince = tree.byCodeOrUndefined(CANDIDATE_PROVINCES.find((c) => !provinceCodes.includes(c))!)!;
          const reportingCommunes = [...new Set(all.filter((r) => r.orgUnitId !== r.provinceId).map((r) => r.orgUnitId))].slice(0, 3);
          const silentCommune = tree.childrenOf(provinces[0]!.id)[9]!.id;
          const scopes: Array<{ scope: Scope; keep: (r: StoredRow) => boolean }> = [
            { scope: { level: 'nation' }, keep: () => true },
            ...[...provinces, silentProvince].map((p) => ({ scope: { level: 'province' as const, provinceId: p.id }, keep: (r: StoredRow) => r.provinceId === p.id })),
            ...[...reportingCommunes, silentCommune].map((id) => ({ scope: { level: 'commune' as const, orgUnitId: id }, keep: (r: StoredRow) => r.orgUnitId === id })),
          ];

          for (const granularity of GRANULARITIES) {
            for (const { scope, keep } of scopes) {
              for (const w of [everything, ...(scope.level === 'nation' ? [arbitrary] : [])]) {
                const actual = await sumsOf({ granularity, scope, ...w });
                const expected = expectedSums(all.filter(keep), granularity, w.from, w.to, () => 0).map(closeSums);
                expect(actual, `${granularity} ${JSON.stringify(scope)} ${new Date(w.from).toISOString()}…${new Date(w.to).toISOString()}`).toEqual(expected);
              }
            }

            // children: provinces of the nation (communes' data summed into their province) …
            const byProvince = await getChildSums(app.db, {
              kpiIds: KPIS,
              granularity,
              parent: { level: 'nation' },
              from: new Date(everything.from),
              to: new Date(everything.to),
            });
            expect(byProvince.map(plainChild), `${granularity} provinces of the nation`).toEqual(
              expectedSums(all, granularity, everything.from, everything.to, (r) => r.provinceId).map((e) => ({ key: e.key, ...closeSums(e) })),
            );
            // … and communes of a province (the province's own reports are not a child)
            for (const p of provinces) {
              const byCommune = await getChildSums(app.db, {
                kpiIds: KPIS,
                granularity,
                parent: { level: 'province', provinceId: p.id },
                from: new Date(everything.from),
                to: new Date(everything.to),
              });
              expect(byCommune.map(plainChild), `${granularity} communes of ${p.code}`).toEqual(
                expectedSums(all, granularity, everything.from, everything.to, (r) => (r.provinceId === p.id && r.orgUnitId !== p.id ? r.orgUnitId : null)).map(
                  (e) => ({ key: e.key, ...closeSums(e) }),
                ),
              );
            }
          }

          // series: a commune, a province and the nation, by day and by month
          const seriesUnits = [
            ...(reportingCommunes[0] === undefined ? [] : [{ id: reportingCommunes[0], keep: (r: StoredRow) => r.orgUnitId === reportingCommunes[0], kpis: COMMUNE_KPIS }]),
            { id: provinces[0]!.id, keep: (r: StoredRow) => r.provinceId === provinces[0]!.id, kpis: KPIS },
            { id: tree.nation.id, keep: () => true, kpis: KPIS },
          ];
          const seriesFrom = monthOf(now, -3);
          const seriesTo = monthOf(now, 1);
          for (const u of seriesUnits) {
            for (const kpiId of u.kpis) {
              for (const resolution of ['day', 'month'] as const) {
                const actual = await getSeries(app, { kpiId, orgUnitId: u.id, from: new Date(seriesFrom), to: new Date(seriesTo), resolution });
                const expected = expectedSeries(all.filter((r) => r.kpiId === kpiId && u.keep(r)), kpiId, resolution, seriesFrom, seriesTo);
                expect(
                  actual.map((p) => ({ period: p.period.getTime(), value: p.value, n: p.n })),
                  `series ${kpiId} unit ${u.id} by ${resolution}`,
                ).toEqual(expected.map((p) => ({ ...p, value: p.value === null ? null : near(p.value) })));
              }
            }
          }
        }),
        { numRuns: 20 },
      );
    },
    300_000,
  );

  /**
   * The series of one KPI: a point per period of the resolution that has data, each period read at
   * the coarser of the resolution and the KPI's frequency (a monthly KPI seen by day keeps its
   * month's value), the value from summed parts.
   */
  function expectedSeries(rows: readonly StoredRow[], kpiId: KpiId, resolution: 'day' | 'month', from: number, to: number) {
    const readBy = resolution === 'month' || FREQUENCY[kpiId] === 'monthly' ? monthOf : dayOf;
    const sums = new Map<number, { num: number; den: number; n: number }>();
    for (const r of rows) {
      const p = readBy(r.ts);
      if (p < from || p >= to) continue;
      const s = sums.get(p) ?? { num: 0, den: 0, n: 0 };
      sums.set(p, { num: s.num + r.num, den: s.den + r.den, n: s.n + 1 });
    }
    const points: Array<{ period: number; value: number | null; n: number }> = [];
    const step = (p: number) => (resolution === 'day' ? p + DAY : monthOf(p, 1));
    for (let p = resolution === 'day' ? dayOf(from) : monthOf(from); p < to; p = step(p)) {
      const s = sums.get(readBy(p));
      if (!s) continue;
      const scale = RATIO_SCALE[kpiId];
      const value = s.den > 0 ? (scale === undefined ? s.num / s.den : (s.num / s.den) * scale) : null;
      points.push({ period: p, value, n: s.n });
    }
    return points;
  }

  it('reads materialised buckets and raw rows of the current bucket together (real-time aggregation)', async () => {
    await clearMeasurements(app.db);
    const tree = app.orgUnits();
    const province = tree.byCodeOrUndefined('48')!;
    // the live rows must fall in the current hour: a clock frozen on the hour (TEST_NOW at 10:00)
    // would put rows a few milliseconds old into the previous one, so this test's "now" is half past
    const now = hourOf(TEST_NOW.getTime()) + 30 * 60_000;
    vi.setSystemTime(now);
    onTestFinished(resetTestClock);
    const kpiId = 'dossiers_on_time';
    const row = (ageMs: number, numerator: number, denominator: number) => ({
      kpiId,
      orgUnitCode: province.code,
      time: new Date(now - ageMs).toISOString(),
      numerator,
      denominator,
    });
    // history well before the current hour, day and month …
    await ingestMeasurements(app, principal(), [row(70 * DAY, 10, 20), row(40 * DAY, 30, 40), row(3 * DAY, 5, 10)], { source: 'api' });
    await refreshAllRollups(app.db);
    // … then live rows: the current hour (and so the current day and month) is never materialised
    await ingestMeasurements(app, principal(), [row(1, 7, 8), row(2, 1, 2)], { source: 'api' });

    if (app.db.timescale) {
      // the history is in the materialised part, the live rows are not
      const [monthTarget] = await app.db.query<{ relation: string }>(
        `SELECT format('%I.%I', materialization_hypertable_schema, materialization_hypertable_name) AS relation
         FROM timescaledb_information.continuous_aggregates WHERE view_name = 'rollup_day'`,
      );
      const materialised = await app.db.query<{ num: number }>(`SELECT sum(num)::float8 AS num FROM ${monthTarget!.relation}`);
      expect(materialised).toEqual([{ num: 45 }]);
    }

    const scope: Scope = { level: 'province', provinceId: province.id };
    for (const granularity of GRANULARITIES) {
      const rows = await getPeriodSums(app.db, { kpiIds: [kpiId], granularity, scope, from: new Date(quarterOf(now - 100 * DAY)), to: new Date(now + DAY) });
      expect(rows.reduce((a, r) => a + r.num, 0), granularity).toBe(53);
      expect(rows.reduce((a, r) => a + r.den, 0), granularity).toBe(80);
      const current = rows.find((r) => r.period.getTime() === MODEL[granularity].period(now));
      expect(current, granularity).toBeDefined();
    }
    const [hour] = await getPeriodSums(app.db, { kpiIds: [kpiId], granularity: 'hour', scope, from: new Date(hourOf(now)), to: new Date(hourOf(now) + HOUR) });
    expect(hour).toMatchObject({ num: 8, den: 10, n: 2 });
  });

  /**
   * A bucket whose rows arrived while it was current is never materialised by their batch. When a
   * later batch refreshes a newer bucket, the refresh must start at the continuous aggregate's
   * watermark, or the threshold would move past the older bucket and hide it. Simulated with
   * explicit clocks on a fresh database: a row lands in the then current hour H0, then, two hours
   * on, a late row for H1.
   */
  it.runIf(mode === 'embedded')('refreshing a later bucket keeps an earlier, unmaterialised one visible', async () => {
    const fresh = await openTestApp(mode);
    try {
      const db = fresh.app.db;
      const province = fresh.app.orgUnits().byCodeOrUndefined('92')!;
      const h0 = hourOf(Date.now()) - 10 * HOUR;
      await refreshAllRollups(db, new Date(h0 + 10 * 60_000)); // a maintenance pass during H0
      const write = async (ts: number, num: number, clock: number) => {
        await db.transaction(async (tx) => {
          const batch = await insertIngestBatch(tx, { principal: 'system:test', source: 'seed', idempotencyKey: null, contentHash: null, rowCount: 1 });
          await upsertMeasurements(tx, batch!.id, [{ kpiId: 'dossiers_on_time', orgUnitId: province.id, provinceId: province.id, ts: new Date(ts), num, den: 100 }]);
        });
        // what ingestMeasurements does after commit, with the clock at `clock`
        await refreshRollupsFor(db, new Date(ts), new Date(ts), new Date(clock));
      };
      await write(h0 + 20 * 60_000, 10, h0 + 21 * 60_000); // live row in H0
      await write(h0 + HOUR + 5 * 60_000, 20, h0 + 2 * HOUR + 30 * 60_000); // late row for H1, in H2
      const rows = await getPeriodSums(db, {
        kpiIds: ['dossiers_on_time'],
        granularity: 'hour',
        scope: { level: 'province', provinceId: province.id },
        from: new Date(h0),
        to: new Date(h0 + 2 * HOUR),
      });
      expect(rows.map((r) => ({ period: r.period.getTime(), num: r.num }))).toEqual([
        { period: h0, num: 10 },
        { period: h0 + HOUR, num: 20 },
      ]);
    } finally {
      await fresh.close();
    }
  });
});
