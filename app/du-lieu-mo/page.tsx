import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { OpenDataIndex } from '../../components/openData/OpenDataIndex';
import { getOpenCatalogue, getOpenUnits } from '../../server/services/openData';
import { localeOf, offeredYears, openDataApp, toSearchParams, type SearchParams } from './openDataPageContext';

// read on every request: the published periods move with the clock
export const dynamic = 'force-dynamic';

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const locale = await localeOf(toSearchParams(await searchParams));
  const t = await getTranslations({ locale });
  return { title: t('openDataTitle'), description: t('openDataMetaDescription') };
}

export default async function OpenDataPage({ searchParams }: { searchParams: SearchParams }) {
  const locale = await localeOf(toSearchParams(await searchParams));
  const app = openDataApp();
  const { kpis, licence } = getOpenCatalogue(app);
  const provinces = getOpenUnits(app).units.filter((u) => u.level === 'province');
  return <OpenDataIndex locale={locale} kpis={kpis} provinces={provinces} years={offeredYears(app.catalogue.all)} licence={licence} />;
}
