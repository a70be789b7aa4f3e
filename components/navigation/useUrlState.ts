'use client';
import { usePathname, useRouter, useSearchParams, type ReadonlyURLSearchParams } from 'next/navigation';
import { useCallback } from 'react';

/** A search-param patch: a string sets the key, null removes it. */
export type UrlPatch = Record<string, string | null>;

/**
 * View state kept in the URL, so that a link reproduces the view. `set` replaces the current
 * history entry (changing a select or a sort is not a new page) and keeps the bare `?kiosk` flag.
 */
export function useUrlState(): { params: ReadonlyURLSearchParams; set: (patch: UrlPatch) => void } {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const set = useCallback(
    (patch: UrlPatch) => {
      const next = new URLSearchParams(search.toString());
      for (const [key, value] of Object.entries(patch)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      const query = next.toString().replace(/kiosk=(&|$)/, 'kiosk$1');
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname, search],
  );
  return { params: search, set };
}
