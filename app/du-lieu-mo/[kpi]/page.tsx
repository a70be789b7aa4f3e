import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { OpenKpiView, type OpenKpiViewProps } from '../../../components/openData/OpenKpiView';
import { kpiCatalogue } from '../../../kpi-definitions';
import { appNow } from '../../../server/clock';
import { describeOpenKpi, getOpenUnits, getOpenValues, OPEN_LICENCE } from '../../../server/services/openData';
import { readOpenValuesRequest, VALUES_PARAMETERS } from '../../../server/services/openDataRequest';
import { clientAddressFrom } from '../../../server/http/clientAddress';
import { pageTrpcRequest } from '../../../server/http/peerHeaders';
import { AppError } from '../../../shared/errors';
import { localeOf, offeredYears, openDataApp, toSearchParams, type SearchParams } from '../openDataPageContext';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ kpi: string }>; searchParams: SearchParams };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { kpi: id } = await params;
  const locale = await localeOf(toSearchParams(await searchParams));
  const kpi = kpiCatalogue.byId.get(id);
  const t = await getTranslations({ locale });
  return { title: `${kpi?.name[locale] ?? id} — ${t('openDataTitle')}`, description: kpi?.description[locale] };
}

export default async function OpenKpiPage({ params, searchParams }: Props) {
  const { kpi: id } = await params;
  const app = openDataApp();
  const definition = app.catalogue.byId.get(id);
  if (!definition) notFound();
  const query = toSearchParams(await searchParams);
  const locale = await localeOf(query);
  const now = appNow();
  const years = offeredYears([definition], now);

  // The page's own defaults: every province, a daily KPI by month (a year of days is too wide to read).
  query.set('kpi', definition.id);
  if (!query.get('unit')) query.set('unit', 'provinces');
  if (!query.get('period')) query.set('period', definition.frequency === 'daily' ? 'monthly' : definition.frequency);
  if (!query.get('year') && !query.get('from') && !query.get('to')) query.set('year', String(years[0]));

  // The page computes what the API does, so it spends the same per-address budget; the page's own
  // address (?utm_source=, ?kiosk) keys are not the API's business and are left out, not refused.
  const h = await headers();
  const budget = app.openDataLimiter.take(clientAddressFrom(h.get('x-forwarded-for'), pageTrpcRequest(h).remoteAddress, app.trustProxyHops));
  const asked = new URLSearchParams([...query].filter(([key]) => (VALUES_PARAMETERS as readonly string[]).includes(key)));
  let result: OpenKpiViewProps['result'];
  try {
    if (!budget.allowed) {
      const seconds = Math.max(1, Math.ceil(budget.retryAfterMs / 1000));
      throw new AppError('RATE_LIMITED', { vi: `Quá nhiều yêu cầu từ địa chỉ này; hãy thử lại sau ${seconds} giây`, en: `Too many requests from this address; retry in ${seconds} s` });
    }
    result = { table: await getOpenValues(app, readOpenValuesRequest(app, asked, now).query, now) };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    result = { problem: err.userMessage };
  }
  const provinces = getOpenUnits(app).units.filter((u) => u.level === 'province');
  const selection = { unit: query.get('unit') ?? '', period: query.get('period') ?? '', year: query.get('year') ?? '', from: query.get('from') ?? '', to: query.get('to') ?? '' };
  return <OpenKpiView locale={locale} kpi={describeOpenKpi(app, definition, now)} provinces={provinces} years={years} licence={OPEN_LICENCE} selection={selection} result={result} />;
}
