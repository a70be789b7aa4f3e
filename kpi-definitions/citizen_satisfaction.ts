import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Satisfaction: the user-centred principle measured by the users themselves. Ratings arrive all
 * day from the portal and the one-stop desks; the mean is weighted by the number of ratings.
 */
export default {
  id: 'citizen_satisfaction',
  name: {
    vi: 'Mức độ hài lòng của người dân, doanh nghiệp',
    en: 'Citizen and business satisfaction score',
  },
  description: {
    vi: 'Điểm hài lòng bình quân (thang 0–100) của người dân, doanh nghiệp đánh giá việc giải quyết thủ tục hành chính trên Cổng Dịch vụ công quốc gia và tại Bộ phận Một cửa trong ngày.',
    en: 'Mean satisfaction score (0–100) given by citizens and businesses rating how their procedures were handled, on the National Public Service Portal and at one-stop desks, during the day.',
  },
  family: 'satisfaction',
  unit: 'score',
  measure: {
    kind: 'mean',
    value: {
      label: { vi: 'Điểm hài lòng bình quân (0–100)', en: 'Mean satisfaction score (0–100)' },
      range: { min: 0, max: 100 },
      integer: false,
    },
    weight: {
      label: { vi: 'Số lượt đánh giá', en: 'Ratings received' },
      range: { min: 1, max: 1_000_000 },
      integer: true,
    },
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 90, by: '2026-12-31' },
  // score out of 100
  bands: standardBands({ good: 90, fair: 80, average: 65, weak: 50 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'daily',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 1,
} satisfies KpiDefinition;
