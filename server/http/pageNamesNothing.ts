/**
 * Whether a page request names a province, commune or KPI that does not exist, so that the custom
 * server answers it with the 404 page and a real 404 status. Next.js cannot: the root layout
 * streams its shell (a Suspense boundary around the app shell) before a page's notFound() runs,
 * and the status is sent with the shell. Client-side navigations (RSC requests) are left to the
 * page files' own notFound().
 */
import type { IncomingMessage } from 'node:http';
import { parse, type UrlWithParsedQuery } from 'node:url';
import type { AppContext } from '../appContext';

const PAGE = /^\/(province|commune|kpi)\/([^/?#]+)\/?(?:[?#]|$)/;

export function pageNamesNothing(app: Pick<AppContext, 'catalogue' | 'orgUnits'>, req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.headers.rsc === '1') return false;
  const match = PAGE.exec(req.url ?? '/');
  if (!match) return false;
  const [, kind, raw = ''] = match;
  let key: string;
  try {
    key = decodeURIComponent(raw);
  } catch {
    return true; // a malformed escape names nothing
  }
  return kind === 'kpi' ? !app.catalogue.byId.has(key) : !app.orgUnits().byCodeOrUndefined(key);
}

/** The parsed URL that makes Next.js render its not-found page (status 404) for this request. */
export function notFoundUrl(req: Pick<IncomingMessage, 'url'>): UrlWithParsedQuery {
  return { ...parse(req.url ?? '/', true), pathname: '/_not-found' };
}
