import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Accuracy: data-driven governance is only as good as the records under it. Communes check
 * resident records against the National Population Database every month.
 */
export default {
  id: 'records_match_population_db',
  name: {
    vi: 'Tỷ lệ thông tin công dân khớp đúng với Cơ sở dữ liệu quốc gia về dân cư',
    en: 'Share of records matching the National Population Database',
  },
  description: {
    vi: 'Số bản ghi thông tin công dân trong hồ sơ, cơ sở dữ liệu chuyên ngành được đối chiếu khớp đúng với Cơ sở dữ liệu quốc gia về dân cư so với tổng số bản ghi được đối chiếu trong tháng.',
    en: 'Citizen records in dossiers and sector databases that match the National Population Database, as a share of all records checked in the month.',
  },
  family: 'accuracy',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số bản ghi khớp đúng', en: 'Records matching' },
      // records checked per commune per month
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số bản ghi được đối chiếu', en: 'Records checked' },
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 99, by: '2026-12-31' },
  // percent of records checked
  bands: standardBands({ good: 99, fair: 97, average: 95, weak: 90 }),
  // percent: below 80 % the data is unusable, so the scale starts there
  scoring: { best: 100, worst: 80 },
  frequency: 'monthly',
  submittedAt: 'commune',
  deadlineDaysAfterPeriod: 5,
} satisfies KpiDefinition;
