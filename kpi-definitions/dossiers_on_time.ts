import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/** Progress and results of handling dossiers: the headline of the real-time service index. */
export default {
  id: 'dossiers_on_time',
  name: {
    vi: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
    en: 'Share of dossiers resolved on time',
  },
  description: {
    vi: 'Số hồ sơ giải quyết trước hạn và đúng hạn so với tổng số hồ sơ đã giải quyết trong ngày.',
    en: 'Dossiers resolved before or on their due date, as a share of all dossiers resolved during the day.',
  },
  family: 'processing_time',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số hồ sơ giải quyết đúng hạn', en: 'Dossiers resolved on time' },
      // dossiers per province per day
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số hồ sơ đã giải quyết', en: 'Dossiers resolved' },
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 98, by: '2026-12-31' },
  // percent of dossiers resolved
  bands: standardBands({ good: 98, fair: 95, average: 90, weak: 80 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'daily',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 1,
} satisfies KpiDefinition;
