import type { Metadata } from 'next';
import { pageMetadata } from '../../components/i18n/pageMetadata';
import { Scorecard } from '../../components/scorecard/Scorecard';

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('scorecardTitle', 'metaScorecardDescription');
}

export default function ScorecardPage() {
  return <Scorecard />;
}
