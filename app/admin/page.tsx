import type { Metadata } from 'next';
import { pageMetadata } from '../../components/i18n/pageMetadata';
import { AdminPage } from '../../components/admin/AdminPage';

export function generateMetadata(): Promise<Metadata> {
  return pageMetadata('adminTitle', 'metaStaffDescription');
}

export default function AdminRoute() {
  return <AdminPage />;
}
