import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Online public services: a dossier filed online but paid at the counter still needs a trip.
 * Fees are collected where dossiers are handled, mostly at communes, so communes report it.
 */
export default {
  id: 'fees_paid_online',
  name: {
    vi: 'Tỷ lệ hồ sơ thanh toán phí, lệ phí trực tuyến',
    en: 'Share of dossiers with fees paid online',
  },
  description: {
    vi: 'Số hồ sơ có phí, lệ phí được thanh toán trực tuyến qua Cổng Dịch vụ công quốc gia so với tổng số hồ sơ phải nộp phí, lệ phí trong tháng.',
    en: 'Dossiers whose fees and charges were paid online through the National Public Service Portal, as a share of all dossiers liable to fees in the month.',
  },
  family: 'online_services',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số hồ sơ thanh toán trực tuyến', en: 'Dossiers paid online' },
      // dossiers per commune per month
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số hồ sơ phải nộp phí, lệ phí', en: 'Dossiers liable to fees' },
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 60, by: '2026-12-31' },
  // percent of dossiers liable to fees
  bands: standardBands({ good: 60, fair: 45, average: 30, weak: 15 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'monthly',
  submittedAt: 'commune',
  deadlineDaysAfterPeriod: 5,
} satisfies KpiDefinition;
