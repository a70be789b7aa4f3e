import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Online public services, supply side: citizens can only file online what the province offers
 * online. The list of services changes slowly, so it is reviewed quarterly.
 */
export default {
  id: 'procedures_fully_online',
  name: {
    vi: 'Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình',
    en: 'Share of procedures offered as full online public services',
  },
  description: {
    vi: 'Số thủ tục hành chính được cung cấp dưới dạng dịch vụ công trực tuyến toàn trình trên Cổng Dịch vụ công quốc gia so với tổng số thủ tục hành chính đủ điều kiện cung cấp trực tuyến toàn trình.',
    en: 'Procedures offered as full online public services on the National Public Service Portal, as a share of all procedures eligible to be offered fully online.',
  },
  family: 'online_services',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số thủ tục cung cấp trực tuyến toàn trình', en: 'Procedures offered fully online' },
      // procedures per province
      range: { min: 0, max: 10_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số thủ tục đủ điều kiện cung cấp trực tuyến toàn trình', en: 'Procedures eligible to be offered fully online' },
      range: { min: 0, max: 10_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 100, by: '2026-12-31' },
  // percent of eligible procedures
  bands: standardBands({ good: 95, fair: 85, average: 70, weak: 50 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'quarterly',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 15,
} satisfies KpiDefinition;
