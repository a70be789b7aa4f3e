import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReportHistoryPage } from '../../../components/submit/ReportHistory';
import { getQueryClient, HydrateClient, prefetch, trpc, trpcContext } from '../../_trpc/server';

export const metadata: Metadata = { title: 'Lịch sử báo cáo — Liên Thông' };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // A non-numeric id names no report.
  if (!/^\d{1,12}$/.test(id)) notFound();
  const reportId = Number(id);
  // Signed in: the history is read here, and a report that does not exist, or lies outside the
  // reader's scope (the server does not tell the two apart), is a real 404. Signed out, or in a
  // role that may not read histories, the page says so as before.
  if ((await trpcContext()).principal) {
    let unitId: number | undefined;
    try {
      unitId = (await getQueryClient().fetchQuery(trpc.reports.history.queryOptions({ reportId }))).unit.id;
    } catch (error) {
      if (error instanceof TRPCError && error.code === 'NOT_FOUND') notFound();
      // anything else (a role that may not read histories): the browser asks and shows why
    }
    if (unitId !== undefined) await prefetch(trpc.catalogue.orgUnit.queryOptions({ id: unitId }));
  }
  return (
    <HydrateClient>
      <ReportHistoryPage id={reportId} />
    </HydrateClient>
  );
}
