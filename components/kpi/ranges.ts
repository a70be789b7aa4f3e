/** Time windows the UI asks series for, aligned to period starts so query keys stay stable. */
import { viewNow } from '../viewNow';
import type { Frequency } from '../../kpi-definitions/schema';
import { addPeriods, periodStart, type Resolution } from '../../shared/domain/periods';

export interface SeriesWindow {
  from: Date;
  to: Date;
  resolution: Resolution;
}

/** The sparkline of a card: 30 days of a daily KPI, 12 months of a monthly, 24 of a quarterly. */
export function sparklineWindow(frequency: Frequency, now = viewNow()): SeriesWindow {
  if (frequency === 'daily') {
    const to = addPeriods(periodStart('day', now), 'day', 1);
    return { from: addPeriods(to, 'day', -30), to, resolution: 'day' };
  }
  const to = addPeriods(periodStart('month', now), 'month', 1);
  return { from: addPeriods(to, 'month', frequency === 'monthly' ? -12 : -24), to, resolution: 'month' };
}

export type RangeId = '7d' | '30d' | '12m' | 'custom';

/** The range picker's windows with the resolution that fits them. */
export function rangeWindow(range: RangeId, custom: { from?: string; to?: string }, now = viewNow()): SeriesWindow {
  switch (range) {
    case '7d': {
      const to = addPeriods(periodStart('hour', now), 'hour', 1);
      return { from: addPeriods(periodStart('day', now), 'day', -6), to, resolution: 'hour' };
    }
    case '30d': {
      const to = addPeriods(periodStart('day', now), 'day', 1);
      return { from: addPeriods(to, 'day', -30), to, resolution: 'day' };
    }
    case '12m': {
      const to = addPeriods(periodStart('month', now), 'month', 1);
      return { from: addPeriods(to, 'month', -12), to, resolution: 'month' };
    }
    case 'custom': {
      const from = custom.from ? new Date(`${custom.from}T00:00:00+07:00`) : addPeriods(periodStart('day', now), 'day', -90);
      const toDay = custom.to ? new Date(`${custom.to}T00:00:00+07:00`) : periodStart('day', now);
      const to = addPeriods(toDay, 'day', 1);
      const days = (to.getTime() - from.getTime()) / 86_400_000;
      return { from, to, resolution: days <= 10 ? 'hour' : days <= 400 ? 'day' : 'month' };
    }
  }
}
