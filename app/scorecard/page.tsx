import type { Metadata } from 'next';
import { pageMetadata } from '../../components/i18n/pageMetadata';
import { Scorecard } from '../../components/scorecard/Scorecard';
import { getAppContext } from '../../server/appContext';
import { HydrateClient } from '../_trpc/server';
import { prefetchViews, scorecardQueries } from '../_trpc/views';

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('scorecardTitle', 'metaScorecardDescription');
}

export default async function ScorecardPage() {
  await prefetchViews(scorecardQueries(getAppContext().orgUnits().nation));
  return (
    <HydrateClient>
      <Scorecard />
    </HydrateClient>
  );
}
