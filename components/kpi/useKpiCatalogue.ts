'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import { useTRPC } from '../trpc';

/** The KPI catalogue from the server (loaded once per page; it changes only with a deployment). */
export function useKpiCatalogue(): { all: readonly KpiDefinition[]; byId: ReadonlyMap<string, KpiDefinition>; ready: boolean } {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.catalogue.kpis.queryOptions(), staleTime: Infinity });
  return useMemo(() => {
    const all = q.data ?? [];
    return { all, byId: new Map(all.map((k) => [k.id, k])), ready: q.isSuccess };
  }, [q.data, q.isSuccess]);
}
