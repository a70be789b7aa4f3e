/**
 * The one QueryClient recipe, for the browser and for server components (tRPC's App Router
 * pattern). What the server prefetched crosses to the browser dehydrated with superjson, as tRPC's
 * own wire does: inputs and answers carry dates. Only answered queries cross: every prefetch is
 * awaited before its boundary renders (the HTML waits for the numbers), and a query the layout's
 * boundary would catch still pending belongs to the page's own boundary.
 */
import { defaultShouldDehydrateQuery, QueryClient } from '@tanstack/react-query';
import superjson from 'superjson';
import { keepEqualData } from './keepEqualData';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Live updates arrive over the socket; refetching on focus or on mount would only repeat
      // them, and the minute of staleness keeps the hydrated cache from being fetched again.
      // A new answer keeps the rows (and dates) equal to the old ones: views of them do not draw again.
      queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: 1, structuralSharing: keepEqualData },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query),
        // the browser shows its own words for an error; the server's message stays out of the HTML
        shouldRedactErrors: () => true,
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
