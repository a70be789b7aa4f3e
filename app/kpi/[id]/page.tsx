import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { KpiPage } from '../../../components/kpi/KpiPage';
import { kpiCatalogue } from '../../../kpi-definitions';

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
  if (!kpiCatalogue.byId.has(id)) notFound();
  return <KpiPage id={id} />;
}
