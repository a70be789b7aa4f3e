/**
 * Generates demo history: for every measured KPI, every unit at its submitting level and every
 * period at its frequency over the last `months` months. Deterministic for a given seed.
 *
 * The shape of the numbers: each province has its own level of service, each commune a little
 * of its own; quality improves over the two years; the weeks around Tết dip (fewer dossiers,
 * fewer on time) and November–December push (more dossiers, more finished); a few genuine outliers
 * (a bad day or month far below the unit's own history) are planted for the alerts to find.
 */
import { SYSTEM_MEASURED_KPI_IDS, SYSTEM_MEASURED_MONTHS, type KpiCatalogue } from '../kpi-definitions';
import type { MeasuredKpi } from '../kpi-definitions/schema';
import { storedParts } from '../shared/domain/aggregate';
import type { OrgUnit, OrgUnitTree } from '../shared/domain/orgUnitTree';
import { addPeriods, periodStart, VN_OFFSET_MS, periodUnitOf } from '../shared/domain/periods';
import type { ValidMeasurement } from '../shared/domain/validateMeasurementBatch';
import { demoReport, inReportWindow } from './demoReports';
import { prng, stable } from './random';

export { prng };

export interface HistoryOptions {
  now: Date;
  /** months of history before `now` */
  months: number;
  /** observations per period (1 = one report per period); larger for benchmarks */
  scale?: number;
  seed?: number;
  /** limit to these KPIs / provinces (tests) */
  kpiIds?: readonly string[];
  provinceCodes?: readonly string[];
  /** chance that a row is a planted outlier */
  outlierRate?: number;
  /**
   * Stand the recent periods (those /completeness follows) on staff reports, as `demoReport`
   * decides: a value whose report is missing at `now` is not generated. One row per period only
   * (scale 1): a report is one value.
   */
  reports?: boolean;
}

/** Whether this (KPI, unit, period) has no value because its report is not in at `now`. */
function reportMissing(options: HistoryOptions, seed: number, kpi: MeasuredKpi, unit: OrgUnit, provinceCode: string, start: Date): boolean {
  return !!options.reports && inReportWindow(kpi, start, options.now) && demoReport(seed, kpi, unit, provinceCode, start, options.now) === null;
}

function checkScale(options: HistoryOptions): number {
  const scale = Math.max(1, Math.round(options.scale ?? 1));
  if (options.reports && scale !== 1) throw new RangeError('demo reports stand for one value per period: use them with scale 1');
  return scale;
}

/** Lunar New Year's day (Tết Nguyên Đán), local dates. */
const TET = ['2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06'].map((d) => Date.parse(`${d}T00:00:00+07:00`));
const DAY_MS = 86_400_000;

/** Seasonal effects for a period starting at `start` of `days` days: quality shift and volume factor. */
export function seasonality(start: Date, days: number): { quality: number; volume: number } {
  const mid = start.getTime() + (days * DAY_MS) / 2;
  const nearestTet = Math.min(...TET.map((t) => Math.abs(t - mid)));
  const tetWeight = Math.max(0, 1 - nearestTet / ((10 + days / 2) * DAY_MS));
  const month = new Date(mid + VN_OFFSET_MS).getUTCMonth(); // 0-based, local
  const yearEnd = month === 10 || month === 11 ? 1 : 0;
  return { quality: -0.14 * tetWeight + 0.04 * yearEnd, volume: 1 - 0.45 * tetWeight + 0.25 * yearEnd };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** A demo measurement of a KPI for a unit at a quality (0 worst … 1 best) and volume of observations. */
export function demoMeasurement(
  kpi: MeasuredKpi,
  unit: OrgUnit,
  ts: Date,
  quality: number,
  volume: number,
): ValidMeasurement {
  const { best, worst } = kpi.scoring;
  const value = worst + clamp(quality, 0, 1) * (best - worst);
  const m = kpi.measure;
  const provinceId = unit.provinceId!;
  switch (m.kind) {
    case 'ratio': {
      const den = Math.round(clamp(volume, Math.max(1, m.denominator.range.min), m.denominator.range.max));
      const share = clamp(value / m.scale, 0, 1);
      const num = clamp(Math.round(den * share), m.numerator.range.min, m.numerator.range.max);
      return { kpiId: kpi.id, orgUnitId: unit.id, provinceId, ts, ...storedParts(m, { numerator: num, denominator: den }) };
    }
    case 'mean': {
      const weight = Math.round(clamp(volume, Math.max(1, m.weight.range.min), m.weight.range.max));
      const v = clamp(value, m.value.range.min, m.value.range.max);
      const rounded = m.value.integer ? Math.round(v) : Math.round(v * 100) / 100;
      return { kpiId: kpi.id, orgUnitId: unit.id, provinceId, ts, ...storedParts(m, { value: rounded, weight }) };
    }
    case 'sum': {
      const v = clamp(value * volume, m.value.range.min, m.value.range.max);
      return { kpiId: kpi.id, orgUnitId: unit.id, provinceId, ts, ...storedParts(m, { value: m.value.integer ? Math.round(v) : v }) };
    }
  }
}

/** A unit's own level of service for a KPI (0 worst … 1 best) before trend and season: mostly its province's. */
export function baseQuality(seed: number, kpi: MeasuredKpi, unit: OrgUnit, province: OrgUnit): number {
  return (
    0.3 +
    0.45 * stable(seed, `q:${province.code}`) +
    0.12 * (stable(seed, `q:${province.code}:${kpi.id}`) - 0.5) +
    (unit.level === 'commune' ? 0.16 * (stable(seed, `q:${unit.code}`) - 0.5) : 0)
  );
}

export const DEFAULT_SEED = 20250701;
/** Quality a unit gains over the history, linearly; reached at `now` (the live simulator starts there). */
export const IMPROVEMENT = 0.22;
/** Width of the uniform quality noise of one report. */
export const QUALITY_NOISE = 0.05;

/** Typical observations (dossiers, procedures, responses) per period for a unit, before seasonality. */
function baseVolume(kpi: MeasuredKpi, unit: OrgUnit, seed: number): number {
  const perDay = unit.level === 'province' ? 1500 : 12;
  const size = 0.4 + 1.6 * stable(seed, `size:${unit.code}`) * (unit.kind === 'ward' || unit.kind === 'city' ? 1.6 : 1);
  const days = kpi.frequency === 'daily' ? 1 : kpi.frequency === 'monthly' ? 30 : 91;
  return perDay * days * size;
}

/** Periods of a frequency from `months` months ago up to now; the current period is partial. */
function periods(kpi: MeasuredKpi, now: Date, months: number): Array<{ start: Date; days: number; fraction: number }> {
  const out: Array<{ start: Date; days: number; fraction: number }> = [];
  const first = periodStart(periodUnitOf(kpi.frequency), addPeriods(now, 'month', -months));
  const current = periodStart(periodUnitOf(kpi.frequency), now);
  // The KPIs the app measures itself stop where its scoring job takes over: their recent months
  // come from the stored forecasts, never from demo numbers.
  const systemFrom = SYSTEM_MEASURED_KPI_IDS.has(kpi.id) ? addPeriods(periodStart('month', now), 'month', 1 - SYSTEM_MEASURED_MONTHS) : undefined;
  for (let start = first; start <= current; start = addPeriods(start, periodUnitOf(kpi.frequency), 1)) {
    if (systemFrom && start >= systemFrom) break;
    const end = addPeriods(start, periodUnitOf(kpi.frequency), 1);
    const days = (end.getTime() - start.getTime()) / DAY_MS;
    const isCurrent = start.getTime() === current.getTime();
    // Monthly and quarterly reports arrive after their period ends: the current one is not in yet.
    if (isCurrent && kpi.frequency !== 'daily') continue;
    const fraction = isCurrent ? (now.getTime() - start.getTime()) / (end.getTime() - start.getTime()) : 1;
    out.push({ start, days, fraction });
  }
  return out;
}

/** Yields the demo history in chunks of at most `chunkSize` rows. */
export function* generateHistory(
  catalogue: KpiCatalogue,
  tree: OrgUnitTree,
  options: HistoryOptions,
  chunkSize = 50_000,
): Generator<ValidMeasurement[]> {
  const seed = options.seed ?? DEFAULT_SEED;
  const random = prng(seed);
  const scale = checkScale(options);
  const outlierRate = options.outlierRate ?? 0.0015;
  const provinces = tree.provinces().filter((p) => !options.provinceCodes || options.provinceCodes.includes(p.code));
  const kpis = catalogue.measured.filter((k) => !options.kpiIds || options.kpiIds.includes(k.id));
  const totalMs = options.months * 30.44 * DAY_MS;
  let chunk: ValidMeasurement[] = [];

  for (const kpi of kpis) {
    const kpiPeriods = periods(kpi, options.now, options.months);
    const units =
      kpi.submittedAt === 'province' ? provinces : provinces.flatMap((p) => tree.childrenOf(p.id).filter((c) => c.active));
    for (const unit of units) {
      const province = unit.level === 'province' ? unit : tree.get(unit.provinceId!);
      const level = baseQuality(seed, kpi, unit, province);
      const volume = baseVolume(kpi, unit, seed);
      for (const period of kpiPeriods) {
        const progress = 1 - (options.now.getTime() - period.start.getTime()) / totalMs;
        const season = seasonality(period.start, period.days);
        for (let k = 0; k < scale; k++) {
          const ts = new Date(period.start.getTime() + (k * period.days * DAY_MS) / scale);
          if (ts > options.now) break;
          let quality = level + IMPROVEMENT * progress + season.quality + QUALITY_NOISE * (random() - 0.5);
          let vol = (volume * season.volume * period.fraction * (0.85 + 0.3 * random())) / scale;
          if (random() < outlierRate) {
            quality -= 0.35 + 0.2 * random();
            vol *= 0.5;
          }
          // decided after the draws above, so that every other value is the same with or without reports
          if (reportMissing(options, seed, kpi, unit, province.code, period.start)) continue;
          chunk.push(demoMeasurement(kpi, unit, ts, quality, vol));
          if (chunk.length >= chunkSize) {
            yield chunk;
            chunk = [];
          }
        }
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** How many rows `generateHistory` will yield, for progress reporting. */
export function countHistoryRows(catalogue: KpiCatalogue, tree: OrgUnitTree, options: HistoryOptions): number {
  const seed = options.seed ?? DEFAULT_SEED;
  const scale = checkScale(options);
  const provinces = tree.provinces().filter((p) => !options.provinceCodes || options.provinceCodes.includes(p.code));
  const communes = provinces.flatMap((p) => tree.childrenOf(p.id).filter((c) => c.active));
  let rows = 0;
  for (const kpi of catalogue.measured.filter((k) => !options.kpiIds || options.kpiIds.includes(k.id))) {
    const units = kpi.submittedAt === 'province' ? provinces : communes;
    for (const period of periods(kpi, options.now, options.months)) {
      // the same instants as generateHistory: reports still in the future are not made
      for (let k = 0; k < scale; k++) {
        if (period.start.getTime() + (k * period.days * DAY_MS) / scale > options.now.getTime()) break;
        rows += units.length;
      }
      if (options.reports && inReportWindow(kpi, period.start, options.now)) {
        for (const unit of units) if (reportMissing(options, seed, kpi, unit, unit.level === 'province' ? unit.code : tree.get(unit.provinceId!).code, period.start)) rows--;
      }
    }
  }
  return rows;
}
