/**
 * tRPC for server components (tRPC's App Router pattern): one QueryClient and one tRPC context per
 * request (React `cache()`), the options proxy over the app router, `prefetch` to fill the cache
 * and `HydrateClient` to hand it to the client components, whose `useQuery` calls then find their
 * answers already there. Server-only: it runs the router in process, against the one database and
 * app context the custom server keeps on globalThis (server/appContext.ts).
 */
import { dehydrate, HydrationBoundary, type FetchQueryOptions, type QueryKey } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { headers } from 'next/headers';
import { cache, type ReactNode } from 'react';
import { makeQueryClient } from '../../components/providers/queryClient';
import { pageTrpcRequest } from '../../server/http/peerHeaders';
import { withStaleReads } from '../../server/services/readCache';
import { createTrpcContext } from '../../server/trpc/init';
import { appRouter } from '../../server/trpc/root';

/** The request's context: the same builder and rules as /api/trpc (principal from cookie or token). */
export const trpcContext = cache(async () => createTrpcContext(pageTrpcRequest(await headers())));

export const getQueryClient = cache(() => {
  const client = makeQueryClient();
  // The server asks its own router: a failure is an answer (a 404, a refusal), not a glitch to retry.
  const defaults = client.getDefaultOptions();
  client.setDefaultOptions({ ...defaults, queries: { ...defaults.queries, retry: false } });
  return client;
});

export const trpc = createTRPCOptionsProxy({ ctx: trpcContext, router: appRouter, queryClient: getQueryClient });

/**
 * Runs these queries into the request's cache, all at once, and waits for them: the HTML is then
 * drawn with their answers. A failed query is left out (the browser asks again and shows its error).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any tRPC query's options
export async function prefetch(...queries: Array<FetchQueryOptions<any, any, any, any>>): Promise<void> {
  const queryClient = getQueryClient();
  await Promise.all(queries.map((q) => queryClient.prefetchQuery(q)));
}

/**
 * As `prefetch`, for a live dashboard's numbers: a read whose newest version is not ready within
 * `waitMs` (the embedded database is busy, a burst of data has just landed) is answered from the
 * version before, so the HTML goes out at once, and without waiting when that version was read at
 * most `maxAgeMs` ago (a constant feed: always a newer version in the making); such a query reaches
 * the browser marked invalid, and the browser asks for it again as it hydrates. The numbers are
 * seconds old at most and the live push follows.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any tRPC query's options
export async function prefetchLive(wait: { waitMs: number; maxAgeMs: number }, queries: Array<FetchQueryOptions<any, any, any, any>>): Promise<void> {
  const queryClient = getQueryClient();
  await Promise.all(
    queries.map(async (q) => {
      const policy = { ...wait, servedStale: false };
      await withStaleReads(policy, () => queryClient.prefetchQuery(q));
      if (policy.servedStale) await queryClient.invalidateQueries({ queryKey: q.queryKey as QueryKey, exact: true, refetchType: 'none' });
    }),
  );
}

/** The request's cache, dehydrated into the client components below. */
export function HydrateClient({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
