/**
 * Reporting completeness and timeliness (as DHIS2's reporting rates): for a set of KPIs due from
 * one level for one period, how many (unit, KPI) reports are expected, how many are in (submitted
 * or approved), and how many of those came in by the KPI's deadline. Every active unit of the level
 * is expected to report every KPI of the set; a draft counts as missing.
 *
 * A report is on time when it was first submitted by the deadline: the first `submit` event, not
 * `report.submitted_at`, which a re-submission or a correction after approval moves forward (a
 * report sent on time and corrected a month later was still on time). Reports without events
 * (written by other paths) fall back to `submitted_at`.
 */
import type { Queryable } from '../db';

export interface DueKpi {
  kpiId: string;
  /** the instant by which its report is due */
  deadline: Date;
}

export interface CompletenessScope {
  kpis: readonly DueKpi[];
  periodStart: Date;
  level: 'province' | 'commune';
  /** only units of this province; null for every province */
  provinceId: number | null;
  /** only this unit (a commune user's own scope); null for every unit */
  orgUnitId: number | null;
}

/**
 * The expected × reported grid, one row per (active unit, due KPI): the shared first step of both
 * queries below. Parameters $1–$6 as in `scopeParams`.
 */
const GRID = `
  due AS (
    SELECT * FROM unnest($1::text[], $2::timestamptz[]) AS d(kpi_id, deadline)
  ),
  grid AS (
    SELECT u.id AS org_unit_id, u.province_id, d.kpi_id, d.deadline, r.id AS report_id,
           COALESCE((SELECT min(e.at) FROM report_event e WHERE e.report_id = r.id AND e.action = 'submit'), r.submitted_at) AS first_submitted_at
    FROM org_unit u
    CROSS JOIN due d
    LEFT JOIN report r
      ON r.org_unit_id = u.id AND r.kpi_id = d.kpi_id AND r.period_start = $3 AND r.status IN ('submitted', 'approved')
    WHERE u.level = $4 AND u.active
      AND ($5::int IS NULL OR u.province_id = $5)
      AND ($6::int IS NULL OR u.id = $6)
  ),
  per_unit AS (
    SELECT org_unit_id, province_id,
           count(*)::int AS expected,
           count(report_id)::int AS submitted,
           count(report_id) FILTER (WHERE first_submitted_at <= deadline)::int AS on_time,
           array_agg(kpi_id ORDER BY kpi_id) FILTER (WHERE report_id IS NULL) AS missing_kpi_ids,
           min(deadline) FILTER (WHERE report_id IS NULL) AS next_missing_deadline
    FROM grid
    GROUP BY org_unit_id, province_id
  )`;

function scopeParams(q: CompletenessScope): unknown[] {
  return [q.kpis.map((k) => k.kpiId), q.kpis.map((k) => k.deadline), q.periodStart, q.level, q.provinceId, q.orgUnitId];
}

export interface CompletenessTotalsRow {
  /** null on the row that totals every province */
  province_id: number | null;
  units: number;
  /** units with every expected report in */
  units_complete: number;
  /** units with every expected report in by its deadline */
  units_on_time: number;
  expected: number;
  submitted: number;
  on_time: number;
}

/** Totals per province and over all of them (the row with province_id null), in one pass. */
export async function getCompletenessTotals(db: Queryable, q: CompletenessScope): Promise<CompletenessTotalsRow[]> {
  if (q.kpis.length === 0) return [];
  return db.query<CompletenessTotalsRow>(
    `WITH ${GRID}
     SELECT province_id,
            count(*)::int AS units,
            count(*) FILTER (WHERE submitted = expected)::int AS units_complete,
            count(*) FILTER (WHERE on_time = expected)::int AS units_on_time,
            sum(expected)::int AS expected,
            sum(submitted)::int AS submitted,
            sum(on_time)::int AS on_time
     FROM per_unit
     GROUP BY GROUPING SETS ((province_id), ())
     ORDER BY province_id NULLS FIRST`,
    scopeParams(q),
  );
}

export interface UnitCompletenessRow {
  org_unit_id: number;
  province_id: number;
  expected: number;
  submitted: number;
  on_time: number;
  /** the KPIs not in yet, by id; null when none is missing */
  missing_kpi_ids: string[] | null;
  /** the earliest deadline among the missing KPIs; null when none is missing */
  next_missing_deadline: Date | null;
}

/** One row per unit in the scope; meant for one province's communes or the 34 provinces, not all 3,321 communes at once. */
export async function listUnitCompleteness(db: Queryable, q: CompletenessScope): Promise<UnitCompletenessRow[]> {
  if (q.kpis.length === 0) return [];
  return db.query<UnitCompletenessRow>(
    `WITH ${GRID}
     SELECT org_unit_id, province_id, expected, submitted, on_time, missing_kpi_ids, next_missing_deadline
     FROM per_unit
     ORDER BY org_unit_id`,
    scopeParams(q),
  );
}
