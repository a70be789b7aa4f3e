import { TRPCError, type inferRouterOutputs } from '@trpc/server';
import type { Metadata } from 'next';
import { pageMetadata } from '../../../components/i18n/pageMetadata';
import { notFound } from 'next/navigation';
import { ReportHistoryPage } from '../../../components/submit/ReportHistory';
import { createCaller, type AppRouter } from '../../../server/trpc/root';
import { getQueryClient, HydrateClient, prefetch, trpc, trpcContext } from '../../_trpc/server';

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('historyTitle', 'metaStaffDescription');
}

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // A non-numeric id names no report.
  if (!/^\d{1,12}$/.test(id)) notFound();
  const reportId = Number(id);
  // Signed in: the history is read here, and a report that does not exist, or lies outside the
  // reader's scope (the server does not tell the two apart), is a real 404. Signed out, or in a
  // role that may not read histories, the page says so as before.
  const ctx = await trpcContext();
  if (ctx.principal) {
    // Asked of the router directly, not through the cache: a pending lookup there would be
    // dehydrated by the layout, and its refusal would surface as an error in the HTML pass.
    let history: inferRouterOutputs<AppRouter>['reports']['history'] | undefined;
    try {
      history = await createCaller(ctx).reports.history({ reportId });
    } catch (error) {
      if (error instanceof TRPCError && error.code === 'NOT_FOUND') notFound();
      // anything else (a role that may not read histories): the browser asks and shows why
    }
    if (history) {
      getQueryClient().setQueryData(trpc.reports.history.queryKey({ reportId }), history);
      await prefetch(trpc.catalogue.orgUnit.queryOptions({ id: history.unit.id }));
    }
  }
  return (
    <HydrateClient>
      <ReportHistoryPage id={reportId} />
    </HydrateClient>
  );
}
