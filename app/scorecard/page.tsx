import type { Metadata } from 'next';
import { pageMetadata } from '../../components/i18n/pageMetadata';
import { Scorecard } from '../../components/scorecard/Scorecard';
import { HydrateClient, prefetch, trpc } from '../_trpc/server';

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('scorecardTitle', 'metaScorecardDescription');
}

export default async function ScorecardPage() {
  await prefetch(trpc.values.scorecard.queryOptions({}));
  return (
    <HydrateClient>
      <Scorecard />
    </HydrateClient>
  );
}
