import type { Metadata } from 'next';
import { ImportPage } from '../../components/import/ImportPage';

export const metadata: Metadata = { title: 'Nhập số liệu từ tệp — Liên Thông' };

export default function Page() {
  return <ImportPage />;
}
