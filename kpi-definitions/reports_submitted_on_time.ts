import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Accountability of the data itself: leaders can only govern on real-time data if units report
 * by the deadline. Computed by this system from its own submission log, per province and month
 * (the province's own reports and its communes'); due after the other reports' deadlines pass.
 */
export default {
  id: 'reports_submitted_on_time',
  name: {
    vi: 'Tỷ lệ báo cáo chỉ số được nộp đúng hạn',
    en: 'Share of indicator reports submitted on time',
  },
  description: {
    vi: 'Số báo cáo chỉ số của tỉnh/thành phố và các xã, phường, đặc khu trực thuộc được nộp đúng hạn so với tổng số báo cáo phải nộp trong tháng.',
    en: 'Indicator reports of the province and its communes submitted by their deadline, as a share of all reports due in the month.',
  },
  family: 'transparency',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số báo cáo nộp đúng hạn', en: 'Reports submitted on time' },
      // reports per province per month: a few dozen KPIs × up to a few hundred communes, daily ones × 31
      range: { min: 0, max: 100_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số báo cáo phải nộp', en: 'Reports due' },
      range: { min: 0, max: 100_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 98, by: '2026-12-31' },
  // percent of reports due
  bands: standardBands({ good: 98, fair: 95, average: 90, weak: 80 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'monthly',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 15,
} satisfies KpiDefinition;
