import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * The time burden on businesses (licences, tax, social insurance, reports), from the province's
 * business survey. Surveyed every quarter, but each answer is annualised so quarters compare.
 */
export default {
  id: 'business_compliance_hours',
  name: {
    vi: 'Số giờ doanh nghiệp dành cho việc tuân thủ thủ tục hành chính trong năm',
    en: 'Hours a business spends on administrative compliance per year',
  },
  description: {
    vi: 'Số giờ bình quân một doanh nghiệp dành cho việc thực hiện thủ tục hành chính, chế độ báo cáo và làm việc với cơ quan nhà nước trong 12 tháng gần nhất, theo khảo sát doanh nghiệp của quý.',
    en: 'Mean hours a business spent over the last 12 months on administrative procedures, reporting duties and dealings with state agencies, from the quarter’s business survey.',
  },
  family: 'compliance_cost',
  unit: 'hours',
  measure: {
    kind: 'mean',
    value: {
      label: { vi: 'Số giờ tuân thủ bình quân mỗi doanh nghiệp trong năm (giờ)', en: 'Mean compliance hours per business per year' },
      // hours per year; 2,000 h is a full-time employee
      range: { min: 0, max: 2_000 },
      integer: false,
    },
    weight: {
      label: { vi: 'Số doanh nghiệp được khảo sát', en: 'Businesses surveyed' },
      range: { min: 1, max: 1_000_000 },
      integer: true,
    },
  },
  direction: 'lower_is_better',
  decimals: 0,
  target: { value: 150, by: '2027-12-31' },
  // hours per business per year
  bands: standardBands({ good: 150, fair: 250, average: 400, weak: 600 }),
  // hours per year: 80 scores 100, 800 scores 0
  scoring: { best: 80, worst: 800 },
  frequency: 'quarterly',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 15,
} satisfies KpiDefinition;
