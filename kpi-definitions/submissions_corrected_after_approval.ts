import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Accuracy of the control room's own data: an approved figure that is later corrected means a
 * leader may have acted on a wrong number. Computed by this system from its audit trail.
 */
export default {
  id: 'submissions_corrected_after_approval',
  name: {
    vi: 'Tỷ lệ số liệu báo cáo phải điều chỉnh sau khi phê duyệt',
    en: 'Share of submissions corrected after approval',
  },
  description: {
    vi: 'Số báo cáo chỉ số của tỉnh/thành phố và các xã, phường, đặc khu trực thuộc đã được phê duyệt nhưng sau đó phải điều chỉnh số liệu so với tổng số báo cáo được phê duyệt trong tháng.',
    en: 'Approved indicator reports of the province and its communes whose figures were later corrected, as a share of all reports approved in the month.',
  },
  family: 'accuracy',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số báo cáo phải điều chỉnh sau phê duyệt', en: 'Approved reports later corrected' },
      // reports per province per month
      range: { min: 0, max: 100_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số báo cáo đã được phê duyệt', en: 'Reports approved' },
      range: { min: 0, max: 100_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'lower_is_better',
  decimals: 1,
  target: { value: 2, by: '2026-12-31' },
  // percent of approved reports
  bands: standardBands({ good: 2, fair: 5, average: 10, weak: 20 }),
  // percent: no corrections scores 100, 30 % corrected 0
  scoring: { best: 0, worst: 30 },
  frequency: 'monthly',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 15,
} satisfies KpiDefinition;
