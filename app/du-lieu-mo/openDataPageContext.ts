/**
 * What the public open-data pages share: the app context (the one on globalThis, never a second
 * database handle), the language (`?lang=` or the cookie), the years a form offers.
 */
import { getLocale } from 'next-intl/server';
import { getAppContext, type AppContext } from '../../server/appContext';
import { appNow } from '../../server/clock';
import { latestPublishedPeriod } from '../../server/services/openData';
import type { OpenLocale } from '../../shared/openData/texts';
import { localYear, periodUnitOf } from '../../shared/domain/periods';
import type { KpiDefinition } from '../../kpi-definitions/schema';

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** How many years back the forms offer (the API takes any range). */
const YEARS_OFFERED = 6;

export function openDataApp(): AppContext {
  return getAppContext();
}

export function toSearchParams(raw: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  return params;
}

/** `?lang=` when given (a plain link switches without JavaScript), else the viewer's language cookie. */
export async function localeOf(params: URLSearchParams): Promise<OpenLocale> {
  const asked = params.get('lang');
  if (asked === 'en' || asked === 'vi') return asked;
  return (await getLocale()) === 'en' ? 'en' : 'vi';
}

/** The newest years first, from the year of the newest published period of these KPIs. */
export function offeredYears(kpis: readonly KpiDefinition[], now: Date = appNow()): number[] {
  const newest = Math.max(...kpis.map((k) => localYear(latestPublishedPeriod(k, periodUnitOf(k.frequency), now))));
  return Array.from({ length: YEARS_OFFERED }, (_, i) => newest - i);
}
