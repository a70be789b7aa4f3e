import type { Metadata } from 'next';
import { pageMetadata } from '../../components/i18n/pageMetadata';
import { CompletenessPage } from '../../components/completeness/CompletenessPage';

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('completenessTitle', 'completenessIntro');
}

export default function CompletenessRoute() {
  return <CompletenessPage />;
}
