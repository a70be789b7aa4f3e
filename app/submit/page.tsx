import type { Metadata } from 'next';
import { SubmitPage } from '../../components/submit/SubmitPage';

export const metadata: Metadata = { title: 'Nộp số liệu — Liên Thông' };

export default function Page() {
  return <SubmitPage />;
}
