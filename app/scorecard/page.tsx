import type { Metadata } from 'next';
import { Scorecard } from '../../components/scorecard/Scorecard';

export const metadata: Metadata = { title: 'Bảng xếp hạng tỉnh, thành phố — Liên Thông' };

export default function ScorecardPage() {
  return <Scorecard />;
}
