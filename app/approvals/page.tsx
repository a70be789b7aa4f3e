import type { Metadata } from 'next';
import { pageMetadata } from '../../components/i18n/pageMetadata';
import { ApprovalsPage } from '../../components/submit/ApprovalQueue';

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('approvalsTitle', 'metaStaffDescription');
}

export default function Page() {
  return <ApprovalsPage />;
}
