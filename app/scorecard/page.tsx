import type { Metadata } from 'next';
import { pageMetadata } from '../../components/i18n/pageMetadata';
import { Scorecard } from '../../components/scorecard/Scorecard';
import { getAppContext } from '../../server/appContext';
import { HydrateClient } from '../_trpc/server';
import { prefetchViews, prefetchViewsWithin, SCORECARD_ATTAINMENT_WAIT_MS, scorecardAttainmentQueries, scorecardQueries } from '../_trpc/views';

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('scorecardTitle', 'metaScorecardDescription');
}

export default async function ScorecardPage() {
  const nation = getAppContext().orgUnits().nation;
  await Promise.all([prefetchViews(scorecardQueries(nation)), prefetchViewsWithin(SCORECARD_ATTAINMENT_WAIT_MS, scorecardAttainmentQueries(nation))]);
  return (
    <HydrateClient>
      <Scorecard />
    </HydrateClient>
  );
}
