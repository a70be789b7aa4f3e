/**
 * The period /submit opens on. The address names periods as files do (shared/domain/parsePeriod.ts:
 * 2026-11-27, 2026-10, 2026-Q4); the calendar arithmetic is shared/domain/periods.ts.
 */
import type { Frequency } from '../../kpi-definitions/schema';
import { addPeriods, periodStart, periodUnitOf } from '../../shared/domain/periods';

/** The last period that has ended (yesterday, last month, last quarter): the one staff report now. */
export function defaultPeriod(frequency: Frequency, now: Date): Date {
  const unit = periodUnitOf(frequency);
  return addPeriods(periodStart(unit, now), unit, -1);
}
