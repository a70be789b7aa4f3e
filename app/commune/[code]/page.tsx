import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { CommunePage } from '../../../components/commune/CommunePage';
import { kpiCatalogue } from '../../../kpi-definitions';
import { getAppContext } from '../../../server/appContext';
import { HydrateClient, trpc } from '../../_trpc/server';
import { kpiCardGridQueries, prefetchViews, searchOf, shownOnly, unitTitleQueries, type SearchParams } from '../../_trpc/views';

type Props = { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  const tree = getAppContext().orgUnits();
  const unit = tree.byCodeOrUndefined(code);
  if (unit?.level !== 'commune' || unit.provinceId === null) return { title: code };
  // Demo communes share names across provinces ("Phường Mẫu 001"): the province tells them apart.
  const province = tree.get(unit.provinceId).name;
  const t = await getTranslations();
  return { title: `${unit.name}, ${province}`, description: t('metaCommuneDescription', { name: unit.name, province }) };
}

export default async function Page({ params, searchParams }: Props) {
  const { code } = await params;
  const tree = getAppContext().orgUnits();
  const unit = tree.byCodeOrUndefined(code);
  // A code that names no unit is a 404; a unit of another level gets the page's "open its page" hint.
  if (!unit) notFound();
  if (unit.level === 'commune') {
    const search = searchOf(await searchParams);
    // the KPI CommunePage picks from the URL: a commune KPI, else the first of them
    const requested = kpiCatalogue.byId.get(search.get('kpi') ?? '');
    const kpi = requested?.submittedAt === 'commune' ? requested : kpiCatalogue.all.find((k) => k.submittedAt === 'commune');
    const province = unit.provinceId === null ? undefined : tree.get(unit.provinceId);
    await prefetchViews(
      unitTitleQueries(code),
      // RankInProvince
      shownOnly(...(kpi && province ? [trpc.values.ranking.queryOptions({ kpiId: kpi.id, parentId: province.id })] : [])),
      kpiCardGridQueries(unit),
    );
  } else {
    await prefetchViews(unitTitleQueries(code));
  }
  return (
    <HydrateClient>
      <CommunePage code={code} />
    </HydrateClient>
  );
}
