import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Satisfaction, accountability side: feedback that goes unanswered turns into distrust; the
 * share answered within the time limit shows whether users are heard.
 */
export default {
  id: 'complaints_resolved_on_time',
  name: {
    vi: 'Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn',
    en: 'Share of feedback and petitions handled on time',
  },
  description: {
    vi: 'Số phản ánh, kiến nghị của người dân, doanh nghiệp về quy định và việc giải quyết thủ tục hành chính được xử lý, trả lời trong thời hạn so với tổng số phản ánh, kiến nghị đến hạn xử lý trong tháng.',
    en: 'Feedback and petitions from citizens and businesses on regulations and procedure handling answered within the time limit, as a share of all those due in the month.',
  },
  family: 'satisfaction',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số phản ánh, kiến nghị xử lý đúng hạn', en: 'Feedback handled on time' },
      // items per province per month
      range: { min: 0, max: 100_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số phản ánh, kiến nghị đến hạn xử lý', en: 'Feedback due' },
      range: { min: 0, max: 100_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 95, by: '2026-12-31' },
  // percent of items due
  bands: standardBands({ good: 95, fair: 90, average: 80, weak: 60 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'monthly',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 10,
} satisfies KpiDefinition;
