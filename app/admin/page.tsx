import type { Metadata } from 'next';
import { AdminPage } from '../../components/admin/AdminPage';

export const metadata: Metadata = { title: 'Quản trị — Liên Thông' };

export default function AdminRoute() {
  return <AdminPage />;
}
