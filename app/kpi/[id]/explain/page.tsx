import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { ExplainChangePage } from '../../../../components/explain/ExplainChangePage';
import { loadExplainParams } from '../../../../components/explain/explainHref';
import '../../../../components/explain/explain.css';
import { kpiCatalogue } from '../../../../kpi-definitions';
import { getAppContext } from '../../../../server/appContext';
import { HydrateClient, trpc } from '../../../_trpc/server';
import { prefetchViews, shownOnly } from '../../../_trpc/views';
import type { SearchParamsRecord } from '../../../../components/navigation/unitHref';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { id } = await params;
  const { unit: code } = await loadExplainParams(searchParams);
  const kpi = kpiCatalogue.byId.get(id);
  const unit = getAppContext().orgUnits().byCodeOrUndefined(code);
  if (!kpi || !unit) return { title: id };
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const unitName = unit.level === 'nation' ? t('nation') : unit.name;
  return { title: `${t('explainCrumb')}: ${kpi.name[locale]} · ${unitName}`, description: t('explainMetaDescription', { kpi: kpi.name[locale], unit: unitName }) };
}

/**
 * `/kpi/[id]/explain?unit=79`: why the KPI moved at the unit (the nation without `unit`). The
 * server draws it with its numbers, like every page, so the link a leader sends opens complete.
 */
export default async function Page({ params, searchParams }: Props) {
  const { id } = await params;
  const { unit: code } = await loadExplainParams(searchParams);
  const kpi = kpiCatalogue.byId.get(id);
  const unit = getAppContext().orgUnits().byCodeOrUndefined(code);
  if (!kpi || !unit) notFound();
  await prefetchViews(
    shownOnly(trpc.catalogue.orgUnit.queryOptions({ code }), trpc.values.explainChange.queryOptions({ kpiId: kpi.id, orgUnitId: unit.id })),
  );
  return (
    <HydrateClient>
      <ExplainChangePage kpiId={id} />
    </HydrateClient>
  );
}
