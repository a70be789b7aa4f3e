import type { Metadata } from 'next';
import { pageMetadata } from '../../components/i18n/pageMetadata';
import { ImportPage } from '../../components/import/ImportPage';

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('importTitle', 'metaStaffDescription');
}

export default function Page() {
  return <ImportPage />;
}
