import type { Metadata } from 'next';
import { ApprovalsPage } from '../../components/submit/ApprovalQueue';

export const metadata: Metadata = { title: 'Phê duyệt số liệu — Liên Thông' };

export default function Page() {
  return <ApprovalsPage />;
}
