import type { Metadata } from 'next';
import { Scorecard } from '../../components/scorecard/Scorecard';
import { HydrateClient, prefetch, trpc } from '../_trpc/server';

export const metadata: Metadata = { title: 'Bảng xếp hạng tỉnh, thành phố — Liên Thông' };

export default async function ScorecardPage() {
  await prefetch(trpc.values.scorecard.queryOptions({}));
  return (
    <HydrateClient>
      <Scorecard />
    </HydrateClient>
  );
}
