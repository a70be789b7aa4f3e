import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Every trip to an office is a cost to the citizen; the one-stop desk of the commune records
 * each visit against the dossier, so communes report it monthly. Mean weighted by dossiers.
 */
export default {
  id: 'office_trips_per_procedure',
  name: {
    vi: 'Số lần đi lại bình quân để hoàn thành một thủ tục hành chính',
    en: 'Mean trips to an office per administrative procedure',
  },
  description: {
    vi: 'Số lần bình quân người dân, doanh nghiệp phải trực tiếp đến Bộ phận Một cửa để nộp, bổ sung hồ sơ hoặc nhận kết quả, tính trên các hồ sơ đã trả kết quả trong tháng.',
    en: 'Mean number of times a citizen or business had to come to the one-stop desk in person to file, complete or collect a dossier, over the dossiers whose result was delivered in the month.',
  },
  family: 'compliance_cost',
  unit: 'trips',
  measure: {
    kind: 'mean',
    value: {
      label: { vi: 'Số lần đi lại bình quân mỗi hồ sơ (lần)', en: 'Mean trips per dossier' },
      range: { min: 0, max: 20 },
      integer: false,
    },
    weight: {
      label: { vi: 'Số hồ sơ đã trả kết quả', en: 'Dossiers with result delivered' },
      range: { min: 1, max: 1_000_000 },
      integer: true,
    },
  },
  direction: 'lower_is_better',
  decimals: 2,
  target: { value: 0.5, by: '2026-12-31' },
  // trips per dossier
  bands: standardBands({ good: 0.5, fair: 1, average: 2, weak: 3 }),
  // trips: fully online (0) scores 100, four trips 0
  scoring: { best: 0, worst: 4 },
  frequency: 'monthly',
  submittedAt: 'commune',
  deadlineDaysAfterPeriod: 5,
} satisfies KpiDefinition;
