/**
 * Which (KPI, unit, period) series a batch of written rows changed. Pure.
 *
 * Every level is computed from sums (`sum(num) / sum(den)`), so a row changes its own unit's value
 * for its period and the value of every unit above it: a commune row moves its commune, its
 * province and the nation; a province's own row moves the province and the nation. The period is
 * the KPI's reporting period (a daily KPI's local day, a monthly KPI's month…) that holds the row.
 * Work that follows a write (alert checks, what a page must re-read) is sized by this set, not by
 * the country.
 */
import type { Frequency } from '../../kpi-definitions/schema';
import type { OrgLevel, OrgUnit, OrgUnitTree } from './orgUnitTree';
import { periodStart, periodUnitOf } from './periods';

export interface TouchedSeries {
  kpiId: string;
  orgUnitId: number;
  level: OrgLevel;
  /** start of the KPI's reporting period that holds the written rows */
  period: Date;
}

export interface WrittenRow {
  kpiId: string;
  orgUnitId: number;
  ts: Date;
}

/** The distinct series the rows changed, ancestors included: each unit before its ancestors, in first-seen order. */
export function touchedSeries(
  rows: Iterable<WrittenRow>,
  context: { frequencyOf: (kpiId: string) => Frequency; tree: Pick<OrgUnitTree, 'get'> },
): TouchedSeries[] {
  // An import of history is 100,000 rows over a few hundred thousand series: the local period
  // arithmetic is cached per KPI and instant, and a unit's ancestors are walked only until one
  // already seen (its own ancestors were listed with it).
  const periods = new Map<string, Date>();
  const seen = new Set<string>();
  const out: TouchedSeries[] = [];
  for (const row of rows) {
    const periodKey = `${row.kpiId}|${row.ts.getTime()}`;
    let period = periods.get(periodKey);
    if (!period) {
      period = periodStart(periodUnitOf(context.frequencyOf(row.kpiId)), row.ts);
      periods.set(periodKey, period);
    }
    for (let unit: OrgUnit | undefined = context.tree.get(row.orgUnitId); unit; unit = unit.parentId === null ? undefined : context.tree.get(unit.parentId)) {
      const key = `${row.kpiId}|${unit.id}|${period.getTime()}`;
      if (seen.has(key)) break;
      seen.add(key);
      out.push({ kpiId: row.kpiId, orgUnitId: unit.id, level: unit.level, period });
    }
  }
  return out;
}
