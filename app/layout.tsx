import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import type { ReactNode } from 'react';
import { AppShell } from '../components/layout/AppShell';
import { Providers } from '../components/providers/Providers';
import { HydrateClient, prefetch, trpc, trpcContext } from './_trpc/server';
import './globals.css';

/** The site's title and description in the viewer's language; each page's title fills the template. */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return {
    title: { default: `${t('appName')} — ${t('appTagline')}`, template: `%s — ${t('appName')}` },
    description: t('metaSiteDescription'),
  };
}

// Rendered per request, so that the shell and pages read the URL (search params) on the server and
// the HTML holds the page: a Suspense boundary around the shell would stream every page into a
// hidden <div> that only JavaScript reveals, and the public open-data pages must read without it.
export const dynamic = 'force-dynamic';

export default async function RootLayout({ children }: { children: ReactNode }) {
  // the language of this request (its cookie; Vietnamese without one), see components/i18n/request.ts
  const locale = await getLocale();
  // What the shell shows on every page (who is signed in, the alert count) and the catalogue
  // every view reads. No Suspense around the shell: the HTML waits for the page's numbers, and
  // a page's notFound() comes before anything is sent, so its status is a real 404.
  await trpcContext();
  await prefetch(trpc.catalogue.kpis.queryOptions(), trpc.auth.me.queryOptions(), trpc.alerts.list.queryOptions({ state: 'open', pageSize: 1 }));
  return (
    <html lang={locale}>
      <body>
        {/* language and messages reach client components from the request config */}
        <NextIntlClientProvider>
          {/* URL state (nuqs): selects and sorts replace the history entry, never scroll */}
          <NuqsAdapter defaultOptions={{ history: 'replace', scroll: false }}>
            <Providers>
              <HydrateClient>
                <AppShell>{children}</AppShell>
              </HydrateClient>
            </Providers>
          </NuqsAdapter>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
