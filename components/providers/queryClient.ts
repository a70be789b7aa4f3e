/**
 * The one QueryClient recipe, for the browser and for server components (tRPC's App Router
 * pattern). What the server prefetched crosses to the browser dehydrated with superjson, as tRPC's
 * own wire does: inputs and answers carry dates. Queries still pending when the page is sent are
 * dehydrated too, and their answers stream in behind the HTML.
 */
import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Live updates arrive over the socket; refetching on focus or on mount would only repeat
      // them, and the minute of staleness keeps the hydrated cache from being fetched again.
      queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: 1 },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
        // the browser shows its own words for an error; the server's message stays out of the HTML
        shouldRedactErrors: () => true,
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
