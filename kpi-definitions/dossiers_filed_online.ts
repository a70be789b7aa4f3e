import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/** Online public services: a dossier filed fully online needs no trip at all. Live, daily. */
export default {
  id: 'dossiers_filed_online',
  name: {
    vi: 'Tỷ lệ hồ sơ nộp trực tuyến toàn trình',
    en: 'Share of dossiers filed fully online',
  },
  description: {
    vi: 'Số hồ sơ được tiếp nhận qua dịch vụ công trực tuyến toàn trình so với tổng số hồ sơ tiếp nhận trong ngày (trực tuyến, trực tiếp và qua dịch vụ bưu chính công ích).',
    en: 'Dossiers received through full online public services, as a share of all dossiers received during the day (online, in person and by post).',
  },
  family: 'online_services',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số hồ sơ tiếp nhận trực tuyến toàn trình', en: 'Dossiers received fully online' },
      // dossiers per province per day
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số hồ sơ tiếp nhận', en: 'Dossiers received' },
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 80, by: '2026-12-31' },
  // percent of dossiers received
  bands: standardBands({ good: 80, fair: 60, average: 40, weak: 20 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'daily',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 1,
} satisfies KpiDefinition;
