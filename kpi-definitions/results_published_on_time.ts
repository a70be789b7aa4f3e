import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Publicity: results must be public within the time the rules allow. Communes publish most
 * results, so communes report it, monthly.
 */
export default {
  id: 'results_published_on_time',
  name: {
    vi: 'Tỷ lệ kết quả giải quyết thủ tục hành chính được công khai đúng hạn',
    en: 'Share of procedure results published on time',
  },
  description: {
    vi: 'Số kết quả giải quyết hồ sơ được công khai trên Cổng Dịch vụ công quốc gia trong thời hạn quy định so với tổng số kết quả phải công khai trong tháng.',
    en: 'Dossier results published on the National Public Service Portal within the required time, as a share of all results due for publication in the month.',
  },
  family: 'transparency',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số kết quả được công khai đúng hạn', en: 'Results published on time' },
      // results per commune per month
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số kết quả phải công khai', en: 'Results due for publication' },
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 95, by: '2026-12-31' },
  // percent of results due
  bands: standardBands({ good: 95, fair: 90, average: 80, weak: 60 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'monthly',
  submittedAt: 'commune',
  deadlineDaysAfterPeriod: 5,
} satisfies KpiDefinition;
