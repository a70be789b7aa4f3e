import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import { Suspense, type ReactNode } from 'react';
import { AppShell } from '../components/layout/AppShell';
import { Providers } from '../components/providers/Providers';
import './globals.css';

/** The site's title and description in the viewer's language; each page's title fills the template. */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return {
    title: { default: `${t('appName')} — ${t('appTagline')}`, template: `%s — ${t('appName')}` },
    description: t('metaSiteDescription'),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // the language of this request (its cookie; Vietnamese without one), see components/i18n/request.ts
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        {/* language and messages reach client components from the request config */}
        <NextIntlClientProvider>
          {/* URL state (nuqs): selects and sorts replace the history entry, never scroll */}
          <NuqsAdapter defaultOptions={{ history: 'replace', scroll: false }}>
            <Providers>
              {/* The shell and pages read their state from the URL (search params). */}
              <Suspense fallback={null}>
                <AppShell>{children}</AppShell>
              </Suspense>
            </Providers>
          </NuqsAdapter>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
