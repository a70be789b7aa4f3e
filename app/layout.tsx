import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AppShell } from '../components/layout/AppShell';
import { Providers } from '../components/providers/Providers';
import { HydrateClient, prefetch, trpc, trpcContext } from './_trpc/server';
import './globals.css';

export const metadata: Metadata = {
  title: 'Liên Thông — Trung tâm điều hành chỉ số quốc gia',
  description: 'Bảng điều khiển chỉ số thời gian thực cho quản trị dựa trên dữ liệu',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // What the shell shows on every page (who is signed in, the alert count) and the catalogue
  // every view reads. No Suspense around the shell: the HTML waits for the page's numbers, and
  // a page's notFound() comes before anything is sent, so its status is a real 404.
  // Every page is drawn per request (the reader's session decides what it shows); reading the
  // context here says so, where a prefetch would swallow the signal.
  await trpcContext();
  await prefetch(trpc.catalogue.kpis.queryOptions(), trpc.auth.me.queryOptions(), trpc.alerts.list.queryOptions({ state: 'open', pageSize: 1 }));
  return (
    <html lang="vi">
      <body>
        <Providers>
          <HydrateClient>
            <AppShell>{children}</AppShell>
          </HydrateClient>
        </Providers>
      </body>
    </html>
  );
}
