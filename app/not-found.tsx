import type { Metadata } from 'next';
import { PageNotFound } from '../components/navigation/PageNotFound';

export const metadata: Metadata = { title: 'Không tìm thấy trang — Liên Thông' };

/** Every address that names nothing: unknown routes, and unknown provinces, communes and KPIs. */
export default function NotFoundRoute() {
  return <PageNotFound />;
}
