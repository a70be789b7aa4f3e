/**
 * Reporting completeness and timeliness, like DHIS2's reporting rates: for one KPI set (a
 * frequency and the level that submits it) and one period, who has reported, who reported on
 * time, who is late and who is still missing — per unit, per province and for the nation.
 *
 * Rates are over (unit, KPI) reports: reporting rate = submitted / expected, on-time rate =
 * on time / expected (both null when nothing is expected). A unit counts as complete when every
 * KPI of the set is in. Everyone sees their own subtree only.
 */
import { appNow } from '../clock';
import type { Frequency, MeasuredKpi, SubmittingLevel } from '../../kpi-definitions/schema';
import type { AppContext } from '../appContext';
import { canSee, requireCan } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { getCompletenessTotals, listUnitCompleteness, type CompletenessScope, type CompletenessTotalsRow, type UnitCompletenessRow } from '../db/queries/completeness';
import { daysToDeadline } from '../../shared/domain/daysToDeadline';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { periodStart, reportDeadline, periodUnitOf } from '../../shared/domain/periods';
import { AppError } from '../../shared/errors';

interface CompletenessCounts {
  /** (unit, KPI) reports expected */
  expected: number;
  /** submitted or approved */
  submitted: number;
  /** submitted by the KPI's deadline */
  onTime: number;
  /** submitted after the deadline */
  late: number;
  /** not submitted (absent, still a draft, or returned for revision) */
  missing: number;
  /** submitted / expected, 0–1; null when nothing is expected */
  reportingRate: number | null;
  /** on time / expected, 0–1; null when nothing is expected */
  onTimeRate: number | null;
}

interface ProvinceCompleteness extends CompletenessCounts {
  id: number;
  code: string;
  name: string;
  /** units expected to report (the province itself, or its active communes) */
  units: number;
  /** units with every report in */
  unitsComplete: number;
  /** units with every report in on time */
  unitsOnTime: number;
}

interface UnitCompleteness extends CompletenessCounts {
  id: number;
  code: string;
  name: string;
  provinceId: number;
  /** KPIs still missing, by id */
  missingKpiIds: string[];
  /** the earliest deadline among the missing KPIs; null when nothing is missing */
  deadline: Date | null;
  /** local days left to that deadline (0 = today is the last day), negative when overdue; null when nothing is missing */
  daysToDeadline: number | null;
}

export interface Completeness {
  frequency: Frequency;
  level: SubmittingLevel;
  periodStart: Date;
  /** the KPI set, each with its own deadline for this period */
  kpis: Array<{ id: string; name: { vi: string; en: string }; deadline: Date }>;
  /** when the numbers were taken: "late", "days left" are relative to it */
  asOf: Date;
  /** the principal's whole scope (the nation for nation-wide users, their province for provincial ones) */
  total: CompletenessCounts & { units: number; unitsComplete: number; unitsOnTime: number };
  /** every province in the scope, in code order */
  provinces: ProvinceCompleteness[];
  /** the province whose units are listed; null when none is (the commune set over the whole nation) */
  focusProvinceId: number | null;
  /** every unit of the focus (the province's communes, or the provinces for a provincial set), in code order */
  units: UnitCompleteness[];
}

export interface CompletenessQuery {
  frequency: Frequency;
  level: SubmittingLevel;
  /** any instant within the period */
  period: Date;
  /** list the units of this province (required reading for a province's communes) */
  provinceId?: number;
  /** the clock, for tests */
  now?: Date;
}

/** The KPIs of a set: measured KPIs of this frequency submitted at this level. */
export function kpiSet(app: AppContext, frequency: Frequency, level: SubmittingLevel): MeasuredKpi[] {
  return app.catalogue.measured.filter((k) => k.frequency === frequency && k.submittedAt === level);
}

function counts(row: { expected: number; submitted: number; on_time: number }): CompletenessCounts {
  const { expected, submitted, on_time: onTime } = row;
  return {
    expected,
    submitted,
    onTime,
    late: submitted - onTime,
    missing: expected - submitted,
    reportingRate: expected > 0 ? submitted / expected : null,
    onTimeRate: expected > 0 ? onTime / expected : null,
  };
}

const EMPTY_TOTALS: CompletenessTotalsRow = { province_id: null, units: 0, units_complete: 0, units_on_time: 0, expected: 0, submitted: 0, on_time: 0 };

export async function getCompleteness(app: AppContext, principal: Principal, q: CompletenessQuery): Promise<Completeness> {
  const tree = app.orgUnits();
  const now = q.now ?? appNow();
  const scope = tree.get(principal.scopeUnitId);
  const start = periodStart(periodUnitOf(q.frequency), q.period);
  const kpis = kpiSet(app, q.frequency, q.level).map((k) => ({ kpi: k, deadline: reportDeadline(periodUnitOf(q.frequency), start, k.deadlineDaysAfterPeriod) }));

  let focus: OrgUnit | null = null;
  if (q.provinceId !== undefined) {
    const province = tree.byIdOrUndefined(q.provinceId);
    if (!province || province.level !== 'province') throw new AppError('NOT_FOUND', { vi: 'Không tìm thấy tỉnh/thành phố', en: 'Province not found' });
    requireCan(canSee(tree, principal, province) || (scope.level === 'commune' && scope.provinceId === province.id), {
      vi: `xem tiến độ báo cáo của ${province.name}`,
      en: `see ${province.name}'s reporting`,
    });
    focus = province;
  } else if (scope.level !== 'nation') {
    // A provincial (or commune) user's view is their own province.
    focus = tree.get(scope.provinceId!);
  }

  // The totals cover the principal's whole subtree; the unit list, the focus province's communes (or the provinces).
  const base: Omit<CompletenessScope, 'provinceId'> = {
    kpis: kpis.map((k) => ({ kpiId: k.kpi.id, deadline: k.deadline })),
    periodStart: start,
    level: q.level,
    orgUnitId: scope.level === 'commune' ? scope.id : null,
  };
  const scopeProvinceId = scope.level === 'nation' ? null : scope.provinceId;
  const totals = await getCompletenessTotals(app.db, { ...base, provinceId: scopeProvinceId });
  // Units are listed for a province's communes, or for the provinces themselves; never all 3,321 communes at once.
  const listed = q.level === 'province' || focus !== null;
  const unitRows: UnitCompletenessRow[] = listed
    ? await listUnitCompleteness(app.db, { ...base, provinceId: q.level === 'commune' ? focus!.id : scopeProvinceId })
    : [];

  const overall = totals.find((r) => r.province_id === null) ?? EMPTY_TOTALS;
  const provinces = totals
    .filter((r) => r.province_id !== null)
    .map((r): ProvinceCompleteness => {
      const unit = tree.get(r.province_id!);
      return { id: unit.id, code: unit.code, name: unit.name, units: r.units, unitsComplete: r.units_complete, unitsOnTime: r.units_on_time, ...counts(r) };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
  const units = unitRows
    .map((r): UnitCompleteness => {
      const unit = tree.get(r.org_unit_id);
      return {
        id: unit.id,
        code: unit.code,
        name: unit.name,
        provinceId: r.province_id,
        ...counts(r),
        missingKpiIds: r.missing_kpi_ids ?? [],
        deadline: r.next_missing_deadline,
        daysToDeadline: r.next_missing_deadline ? daysToDeadline(r.next_missing_deadline, now) : null,
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code));

  return {
    frequency: q.frequency,
    level: q.level,
    periodStart: start,
    kpis: kpis.map((k) => ({ id: k.kpi.id, name: k.kpi.name, deadline: k.deadline })),
    asOf: now,
    total: { units: overall.units, unitsComplete: overall.units_complete, unitsOnTime: overall.units_on_time, ...counts(overall) },
    provinces,
    focusProvinceId: q.level === 'commune' ? (focus?.id ?? null) : null,
    units,
  };
}
