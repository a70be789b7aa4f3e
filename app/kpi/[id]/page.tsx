import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { KpiPage } from '../../../components/kpi/KpiPage';
import { kpiCatalogue } from '../../../kpi-definitions';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const kpi = kpiCatalogue.byId.get(id);
  return { title: `${kpi?.name.vi ?? id} — Liên Thông` };
}

export default async function Page({ params }: Props) {
  const { id } = await params;
  if (!kpiCatalogue.byId.has(id)) notFound();
  return <KpiPage id={id} />;
}
