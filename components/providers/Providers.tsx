'use client';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { useState, type ReactNode } from 'react';
import superjson from 'superjson';
import type { AppRouter } from '../../server/trpc/root';
import { csrfHeader } from './csrfHeader';
import { LiveProvider } from '../live/LiveProvider';
import { TRPCProvider } from '../trpc';
import { makeQueryClient } from './queryClient';

/** One client per tab: a new one on every render would drop the cache the server filled. */
let browserQueryClient: QueryClient | undefined;
function getQueryClient(): QueryClient {
  // On the server (the client components' HTML pass) every request gets its own.
  if (typeof window === 'undefined') return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: '/api/trpc', transformer: superjson, headers: csrfHeader })],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <LiveProvider>{children}</LiveProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
