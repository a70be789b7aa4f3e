/**
 * The staff reports behind the demo's recent history: for the periods `/completeness` follows
 * (REPORTED_PERIODS), each (KPI, unit, period) value arrives as a report that its unit submitted,
 * mostly by the deadline, some late, a few never (and then the dashboards have no value either:
 * the report is where the value comes from). Approvers approve a few days after submission, so the
 * latest reports still wait, provisional. Pure and deterministic for a seed, a unit and `now`.
 */
import type { MeasuredKpi } from '../kpi-definitions/schema';
import type { ReportInputs } from '../server/db/queries/reports';
import type { OrgUnit } from '../shared/domain/orgUnitTree';
import { addPeriods, periodStart, reportDeadline, periodUnitOf } from '../shared/domain/periods';
import { REPORTED_PERIODS } from '../shared/domain/reportingWindow';
import { stable } from './random';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface DemoReport {
  submittedAt: Date;
  submittedBy: string;
  /** null: still waiting for approval at `now` */
  approvedAt: Date | null;
  approvedBy: string | null;
}

/** Whether a period is reported by staff in the demo: one of those `/completeness` offers, and over. */
export function inReportWindow(kpi: Pick<MeasuredKpi, 'frequency'>, start: Date, now: Date): boolean {
  const current = periodStart(periodUnitOf(kpi.frequency), now);
  return start < current && start >= addPeriods(current, periodUnitOf(kpi.frequency), -(REPORTED_PERIODS[kpi.frequency] - 1));
}

/**
 * The report of a KPI for a unit and period (in the report window), or null when it is not in by
 * `now` — never sent, or not sent yet. Each unit has its own habits: some are often late.
 */
export function demoReport(seed: number, kpi: MeasuredKpi, unit: OrgUnit, provinceCode: string, start: Date, now: Date): DemoReport | null {
  const key = `${kpi.id}:${unit.code}:${start.getTime()}`;
  /** 0 punctual … 1 often late or missing: the unit's habit */
  const habit = stable(seed, `habit:${unit.code}`) ** 2;
  const fate = stable(seed, `fate:${key}`);
  const missing = 0.004 + 0.05 * habit;
  const late = missing + 0.015 + 0.2 * habit;
  if (fate < missing) return null;

  const end = addPeriods(start, periodUnitOf(kpi.frequency), 1);
  const deadline = reportDeadline(periodUnitOf(kpi.frequency), start, kpi.deadlineDaysAfterPeriod);
  const when = stable(seed, `when:${key}`);
  const submittedAt =
    fate < late
      ? new Date(deadline.getTime() + HOUR_MS + when * 6 * DAY_MS)
      : // by the deadline, an hour after the period ends at the earliest
        new Date(end.getTime() + HOUR_MS + when * (deadline.getTime() - end.getTime() - HOUR_MS));
  if (submittedAt > now) return null;

  const approvedAt = new Date(submittedAt.getTime() + (0.5 + 4 * stable(seed, `review:${key}`)) * DAY_MS);
  const approved = approvedAt <= now;
  return {
    submittedAt,
    submittedBy: `user:canbo.${unit.code.toLowerCase()}`,
    approvedAt: approved ? approvedAt : null,
    // commune reports are approved by their province's staff, provincial ones by an administrator
    approvedBy: approved ? (unit.level === 'commune' ? `user:duyet.${provinceCode}` : 'user:quantri') : null,
  };
}

/** The inputs a report holds for stored parts, as staff would have typed them (the generator's rounding). */
export function demoInputs(kpi: MeasuredKpi, parts: { num: number; den: number }): ReportInputs {
  const m = kpi.measure;
  switch (m.kind) {
    case 'ratio':
      return { numerator: parts.num, denominator: parts.den };
    case 'mean': {
      const value = parts.num / parts.den;
      return { value: m.value.integer ? Math.round(value) : Math.round(value * 100) / 100, weight: parts.den };
    }
    case 'sum':
      return { value: parts.num };
  }
}
