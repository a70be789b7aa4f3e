'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc';

/**
 * One org unit by its code, with its path from the nation and its children. An unknown code is
 * an answer, not a failure: it is not retried, and `notFound` says so.
 */
export function useOrgUnit(code: string) {
  const trpc = useTRPC();
  const query = useQuery({
    ...trpc.catalogue.orgUnit.queryOptions({ code }),
    staleTime: Infinity,
    retry: (failures, error) => error.data?.code !== 'NOT_FOUND' && failures < 1,
  });
  return { ...query, notFound: query.error?.data?.code === 'NOT_FOUND' };
}
