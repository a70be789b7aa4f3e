/**
 * Whether a page request names a province, commune or KPI that does not exist, or a report by an
 * id that is no number, so that the custom server answers it with the 404 page before Next.js
 * renders anything. A page's own notFound() gives a real 404 to browsers too (no Suspense holds
 * the shell), but to crawlers Next.js then sends an empty error shell; this way everyone reads the
 * Vietnamese page. Client-side navigations (RSC requests) are left to the page files' notFound().
 */
import type { IncomingMessage } from 'node:http';
import { parse, type UrlWithParsedQuery } from 'node:url';
import type { AppContext } from '../appContext';

const PAGE = /^\/(province|commune|kpi|du-lieu-mo|reports)\/([^/?#]+)\/?(?:[?#]|$)/;

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
  // A report id is a number; whether that report exists, and lies in the reader's scope, the page decides.
  if (kind === 'reports') return !/^\d{1,12}$/.test(key);
  return kind === 'kpi' || kind === 'du-lieu-mo' ? !app.catalogue.byId.has(key) : !app.orgUnits().byCodeOrUndefined(key);
}

/** The parsed URL that makes Next.js render its not-found page (status 404) for this request. */
export function notFoundUrl(req: Pick<IncomingMessage, 'url'>): UrlWithParsedQuery {
  return { ...parse(req.url ?? '/', true), pathname: '/_not-found' };
}
