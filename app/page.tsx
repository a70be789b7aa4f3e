import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NationalOverview } from '../components/overview/NationalOverview';

/** The overview keeps the site's own title (the layout's default) and says what it shows. */
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations();
  return { description: t('metaOverviewDescription') };
}

export default function HomePage() {
  return <NationalOverview />;
}
