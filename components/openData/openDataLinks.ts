import type { OpenLocale } from '../../shared/openData/texts';

/** The public pages' address (Vietnamese, as citizens type it). */
export const OPEN_DATA_PATH = '/du-lieu-mo';
export const OPEN_VALUES_API = '/api/v1/open/values';

/** An address with a query string; the default language (vi) is left out. */
export function withQuery(path: string, params: Record<string, string | undefined>, locale?: OpenLocale): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  if (locale === 'en') q.set('lang', 'en');
  const text = q.toString();
  return text ? `${path}?${text}` : path;
}
