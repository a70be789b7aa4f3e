import type { Frequency } from '../../kpi-definitions/schema';

/**
 * How many periods back staff reporting is followed, by frequency, counting the current one: the
 * periods `/completeness` offers, and those the demo seed stands on staff reports.
 */
export const REPORTED_PERIODS: Readonly<Record<Frequency, number>> = { daily: 31, monthly: 12, quarterly: 8 };
