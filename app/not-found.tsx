import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageNotFound } from '../components/navigation/PageNotFound';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { title: t('pageNotFound') };
}

/** Every address that names nothing: unknown routes, and unknown provinces, communes and KPIs. */
export default function NotFoundRoute() {
  return <PageNotFound />;
}
