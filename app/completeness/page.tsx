import type { Metadata } from 'next';
import { CompletenessPage } from '../../components/completeness/CompletenessPage';

export const metadata: Metadata = { title: 'Tiến độ báo cáo — Liên Thông' };

export default function CompletenessRoute() {
  return <CompletenessPage />;
}
