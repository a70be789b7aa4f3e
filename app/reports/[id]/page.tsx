import type { Metadata } from 'next';
import { pageMetadata } from '../../../components/i18n/pageMetadata';
import { ReportHistoryPage } from '../../../components/submit/ReportHistory';

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('historyTitle', 'metaStaffDescription');
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // A non-numeric id names no report: the page says so (there is no report 0).
  return <ReportHistoryPage id={/^\d{1,12}$/.test(id) ? Number(id) : 0} />;
}
