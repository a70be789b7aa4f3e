import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Digitisation of the output: an electronic result (licence, certificate) has legal value and
 * can be reused by other agencies without a paper copy.
 */
export default {
  id: 'results_issued_electronic',
  name: {
    vi: 'Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử',
    en: 'Share of procedure results issued electronically',
  },
  description: {
    vi: 'Số hồ sơ có kết quả giải quyết được cấp dưới dạng điện tử, có giá trị pháp lý, so với tổng số hồ sơ đã có kết quả trong tháng.',
    en: 'Dossiers whose result was issued in electronic form with legal value, as a share of all dossiers with a result in the month.',
  },
  family: 'digitisation',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số kết quả điện tử được cấp', en: 'Electronic results issued' },
      // dossiers per province per month
      range: { min: 0, max: 10_000_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số hồ sơ đã có kết quả', en: 'Dossiers with a result' },
      range: { min: 0, max: 10_000_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 90, by: '2026-12-31' },
  // percent of dossiers with a result
  bands: standardBands({ good: 90, fair: 75, average: 50, weak: 30 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'monthly',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 10,
} satisfies KpiDefinition;
