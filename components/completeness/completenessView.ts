/**
 * The view state of `/completeness`, read from and written to the URL: the KPI set
 * (`?set=monthly.commune`), the period (`?period=2026-10`, as files write it) and the province whose
 * units are listed (`?province=01`). Also the small formatting shared by the page's parts.
 */
import { bandFor } from '../../kpi-definitions/bands';
import reportsSubmittedOnTime from '../../kpi-definitions/reports_submitted_on_time';
import type { BandId, Frequency, KpiDefinition, SubmittingLevel } from '../../kpi-definitions/schema';
import { FREQUENCIES, SUBMITTING_LEVELS } from '../../kpi-definitions/schema';
import { formatPeriod, parsePeriod } from '../../shared/domain/parsePeriod';
import { addPeriods, periodStart, periodUnitOf } from '../../shared/domain/periods';
import { REPORTED_PERIODS } from '../../shared/domain/reportingWindow';
// when the URL names no period: the last one that has ended, as on /submit (its reports are due now or soon)
import { defaultPeriod } from '../submit/reportPeriods';
import type { Completeness } from '../wireTypes';
import { formatNumber, type Locale } from '../format';
import type { Translate } from '../i18n/catalogues';
import type { MessageKey } from '../i18n/messages';

interface KpiSetKey {
  frequency: Frequency;
  level: SubmittingLevel;
}

export interface KpiSetOption extends KpiSetKey {
  /** how the set is written in the URL: `monthly.commune` */
  id: string;
  kpiCount: number;
}

/** The set opened first: the communes' monthly reports are the ones most often missing. */
const PREFERRED_SETS = ['monthly.commune', 'monthly.province', 'daily.province', 'quarterly.province'];

const setId = (k: KpiSetKey) => `${k.frequency}.${k.level}`;

/** Every (frequency, level) pair with at least one KPI to submit, the preferred ones first. */
export function kpiSetOptions(catalogue: readonly KpiDefinition[]): KpiSetOption[] {
  const options: KpiSetOption[] = [];
  for (const frequency of FREQUENCIES) {
    for (const level of SUBMITTING_LEVELS) {
      const kpiCount = catalogue.filter((k) => k.measure.kind !== 'composite' && k.frequency === frequency && k.submittedAt === level).length;
      if (kpiCount > 0) options.push({ id: setId({ frequency, level }), frequency, level, kpiCount });
    }
  }
  const rank = (id: string) => (PREFERRED_SETS.includes(id) ? PREFERRED_SETS.indexOf(id) : PREFERRED_SETS.length);
  return options.sort((a, b) => rank(a.id) - rank(b.id));
}

/** The period starts offered, newest first: the current period and those before it. */
export function periodOptions(frequency: Frequency, now: Date): Date[] {
  const current = periodStart(periodUnitOf(frequency), now);
  return Array.from({ length: REPORTED_PERIODS[frequency] }, (_, i) => addPeriods(current, periodUnitOf(frequency), -i));
}

export function readPeriod(param: string | null, frequency: Frequency, now: Date): Date {
  const parsed = param ? parsePeriod(param, periodUnitOf(frequency)) : null;
  return parsed && parsed <= now ? parsed : defaultPeriod(frequency, now);
}

export const writePeriod = formatPeriod;

export const FREQUENCY_LABEL: Record<Frequency, MessageKey> = { daily: 'frequencyDaily', monthly: 'frequencyMonthly', quarterly: 'frequencyQuarterly' };
export const LEVEL_LABEL: Record<SubmittingLevel, MessageKey> = { province: 'completenessLevelProvince', commune: 'completenessLevelCommune' };

/** A 0–1 rate as a percentage: "87,5 %"; "—" when nothing is expected. */
export function formatRate(rate: number | null, locale: Locale): string {
  return rate === null ? '—' : `${formatNumber(rate * 100, 1, locale)} %`;
}

/**
 * The band of a reporting or on-time rate (0–1), so that a rate is drawn in its band's colour:
 * the bands of the KPI that measures exactly this (reports_submitted_on_time, in percent).
 * null when nothing is expected, and while the reports are not all due yet (`due` false): a rate
 * still filling up is not "poor".
 */
export function rateBand(rate: number | null, due = true): BandId | null {
  return rate === null || !due ? null : bandFor(reportsSubmittedOnTime, rate * 100);
}

/** Whether every report of the period is due by `now` (its KPIs' deadlines have all passed). */
export function reportsDue(data: Pick<Completeness, 'kpis'>, now: Date): boolean {
  return data.kpis.every((k) => k.deadline.getTime() <= now.getTime());
}

/** "còn 3 ngày", "hôm nay là hạn chót", "quá hạn 4 ngày" — from `daysToDeadline`. */
export function deadlineText(days: number, t: Translate): string {
  if (days > 0) return t('completenessDaysLeft', { days });
  if (days === 0) return t('completenessDueToday');
  return t('completenessOverdue', { days: -days });
}

/** The colours of the three parts of a reporting bar, shared by the chart and its legend. */
export const PART_COLOR = { onTime: '#1a7f37', late: '#e0b000', missing: '#c62828' } as const;
