import type { Metadata } from 'next';
import { AlertsPage } from '../../components/alerts/AlertsPage';

export const metadata: Metadata = { title: 'Cảnh báo — Liên Thông' };

export default function AlertsRoute() {
  return <AlertsPage />;
}
