/**
 * The period /submit opens on. The address names periods as files do (server/domain/parsePeriod.ts:
 * 2026-11-27, 2026-10, 2026-Q4); the calendar arithmetic is server/domain/periods.ts.
 */
import type { Frequency } from '../../kpi-definitions/schema';
import { addPeriods, periodStart } from '../../server/domain/periods';

/** The last period that has ended (yesterday, last month, last quarter): the one staff report now. */
export function defaultPeriod(frequency: Frequency, now: Date): Date {
  return addPeriods(periodStart(frequency, now), frequency, -1);
}
