import { KpiPage } from '../../../components/kpi/KpiPage';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <KpiPage id={id} />;
}
