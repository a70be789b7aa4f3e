import type { Metadata } from 'next';
import { pageMetadata } from '../../components/i18n/pageMetadata';
import { SubmitPage } from '../../components/submit/SubmitPage';

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('submitTitle', 'metaStaffDescription');
}

export default function Page() {
  return <SubmitPage />;
}
