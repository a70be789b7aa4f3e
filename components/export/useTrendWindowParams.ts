'use client';
/**
 * The trend's window as TrendPanel resolves it from the URL (`?range=&from=&to=`), written as the
 * export route's `from`, `to` and `resolution`, so an export holds the very points the chart draws.
 */
import { useQueryStates } from 'nuqs';
import { useMemo } from 'react';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { defaultRange, rangeFromParams, resolveRange } from '../kpi/rangeState';
import { rangeParams } from '../navigation/searchParams';

export function useTrendWindowParams(kpi: KpiDefinition | undefined): { from?: string; to?: string; resolution?: string } {
  const [values] = useQueryStates(rangeParams);
  const { range, from, to } = rangeFromParams(values, defaultRange(kpi?.frequency ?? 'monthly'));
  return useMemo(() => {
    const window = resolveRange({ range, from, to }).window;
    return window ? { from: window.from.toISOString(), to: window.to.toISOString(), resolution: window.resolution } : {};
  }, [range, from, to]);
}
