import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { KpiPage } from '../../../components/kpi/KpiPage';
import { kpiCatalogue } from '../../../kpi-definitions';
import { getAppContext } from '../../../server/appContext';
import { HydrateClient, trpc } from '../../_trpc/server';
import { prefetchViews, shownOnly } from '../../_trpc/views';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const kpi = kpiCatalogue.byId.get(id);
  if (!kpi) return { title: id };
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  return { title: kpi.name[locale], description: t('metaKpiDescription', { name: kpi.name[locale] }) };
}

export default async function Page({ params }: Props) {
  const { id } = await params;
  const kpi = kpiCatalogue.byId.get(id);
  if (!kpi) notFound();
  const nation = getAppContext().orgUnits().nation;
  const components = kpi.measure.kind === 'composite' ? kpi.measure.groups.flatMap((g) => g.kpiIds) : [];
  await prefetchViews(
    shownOnly(
      trpc.catalogue.orgUnit.queryOptions({ code: 'VN' }),
      trpc.values.current.queryOptions({ orgUnitId: nation.id, kpiIds: [kpi.id, ...components] }),
      trpc.values.ranking.queryOptions({ kpiId: kpi.id, parentId: nation.id }),
    ),
  );
  return (
    <HydrateClient>
      <KpiPage id={id} />
    </HydrateClient>
  );
}
