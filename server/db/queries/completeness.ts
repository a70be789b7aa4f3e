/**
 * Reporting completeness and timeliness (as DHIS2's reporting rates): for a set of KPIs due from
 * one level for one period, how many (unit, KPI) reports are expected, how many are in (submitted
 * or approved), and how many of those came in by the KPI's deadline. Every active unit of the level
 * is expected to report every KPI of the set; a draft, or a report returned for revision, counts as
 * missing.
 *
 * A report is on time when it was first submitted by the deadline: the first `submit` event, not
 * `report.submitted_at`, which a re-submission or a correction after approval moves forward (a
 * report sent on time and corrected a month later was still on time). Reports without events
 * (written by other paths) fall back to `submitted_at`.
 */
import type { Queryable } from '../db';

interface DueKpi {
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

/** The units that count: active, at the level, within the scope. Parameters $1–$6 as in `scopeParams`. */
const IN_SCOPE = (u: string) => `${u}.level = $4 AND ${u}.active AND ($5::int IS NULL OR ${u}.province_id = $5) AND ($6::int IS NULL OR ${u}.id = $6)`;

/**
 * Every unit in scope is expected to report every KPI of the set, so the expected side needs no
 * join with the reports: the reports of the period (a few thousand at most, found through the
 * (kpi_id, org_unit_id, period_start) key) are counted per unit on their own, and only then put
 * beside the units — per province for the totals, per unit for a list of one province's units.
 */
const REPORTED = `
  due AS (
    SELECT * FROM unnest($1::text[], $2::timestamptz[]) AS d(kpi_id, deadline)
  ),
  -- MATERIALIZED: computed once; inlined, the planner may re-aggregate it for every unit
  reported AS MATERIALIZED (
    SELECT r.org_unit_id, ru.province_id,
           count(*)::int AS submitted,
           count(*) FILTER (WHERE COALESCE(
             (SELECT min(e.at) FROM report_event e WHERE e.report_id = r.id AND e.action = 'submit'),
             r.submitted_at) <= d.deadline)::int AS on_time,
           array_agg(r.kpi_id) AS kpi_ids
    FROM report r
    JOIN due d ON d.kpi_id = r.kpi_id
    JOIN org_unit ru ON ru.id = r.org_unit_id
    WHERE r.kpi_id = ANY($1::text[]) AND r.period_start = $3 AND r.status IN ('submitted', 'approved')
      AND ${IN_SCOPE('ru')}
    GROUP BY r.org_unit_id, ru.province_id
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

/** Totals per province and over all of them (the row with province_id null), in one query. */
export async function getCompletenessTotals(db: Queryable, q: CompletenessScope): Promise<CompletenessTotalsRow[]> {
  if (q.kpis.length === 0) return [];
  return db.query<CompletenessTotalsRow>(
    `WITH ${REPORTED},
     -- per province: its units, and the sums of its reporting units (34 rows each side)
     units AS (
       SELECT u.province_id, count(*)::int AS units FROM org_unit u WHERE ${IN_SCOPE('u')} GROUP BY u.province_id
     ),
     reported_by_province AS (
       SELECT province_id, sum(submitted)::int AS submitted, sum(on_time)::int AS on_time,
              count(*) FILTER (WHERE submitted = cardinality($1::text[]))::int AS units_complete,
              count(*) FILTER (WHERE on_time = cardinality($1::text[]))::int AS units_on_time
       FROM reported GROUP BY province_id
     )
     SELECT u.province_id,
            sum(u.units)::int AS units,
            COALESCE(sum(p.units_complete), 0)::int AS units_complete,
            COALESCE(sum(p.units_on_time), 0)::int AS units_on_time,
            (sum(u.units) * cardinality($1::text[]))::int AS expected,
            COALESCE(sum(p.submitted), 0)::int AS submitted,
            COALESCE(sum(p.on_time), 0)::int AS on_time
     FROM units u LEFT JOIN reported_by_province p ON p.province_id = u.province_id
     GROUP BY GROUPING SETS ((u.province_id), ())
     ORDER BY u.province_id NULLS FIRST`,
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
    `WITH ${REPORTED}
     SELECT u.id AS org_unit_id, u.province_id,
            cardinality($1::text[]) AS expected,
            COALESCE(rep.submitted, 0) AS submitted,
            COALESCE(rep.on_time, 0) AS on_time,
            m.missing_kpi_ids, m.next_missing_deadline
     FROM org_unit u
     LEFT JOIN reported rep ON rep.org_unit_id = u.id
     CROSS JOIN LATERAL (
       SELECT array_agg(d.kpi_id ORDER BY d.kpi_id) AS missing_kpi_ids, min(d.deadline) AS next_missing_deadline
       FROM due d WHERE NOT (d.kpi_id = ANY(COALESCE(rep.kpi_ids, '{}'::text[])))
     ) m
     WHERE ${IN_SCOPE('u')}
     ORDER BY u.id`,
    scopeParams(q),
  );
}
