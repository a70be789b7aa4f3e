import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Lower compliance cost is one of the outcomes Regulation 05 names. It comes from a survey of
 * completed procedures, so it is quarterly; the mean is weighted by the completions surveyed.
 */
export default {
  id: 'compliance_cost_per_procedure',
  name: {
    vi: 'Chi phí tuân thủ bình quân cho mỗi thủ tục hành chính',
    en: 'Mean compliance cost per administrative procedure',
  },
  description: {
    vi: 'Chi phí bình quân (đồng) người dân, doanh nghiệp bỏ ra để hoàn thành một thủ tục hành chính, gồm phí, lệ phí, chi phí đi lại, sao chụp, chứng thực giấy tờ và dịch vụ trung gian, theo kết quả khảo sát trong quý.',
    en: 'Mean cost (VND) to a citizen or business of completing one administrative procedure, including fees and charges, travel, copies, certification and intermediary services, from the quarter’s survey.',
  },
  family: 'compliance_cost',
  unit: 'vnd',
  measure: {
    kind: 'mean',
    value: {
      label: { vi: 'Chi phí bình quân mỗi thủ tục (đồng)', en: 'Mean cost per procedure (VND)' },
      // VND; 100 million covers land and construction procedures with intermediary services
      range: { min: 0, max: 100_000_000 },
      integer: false,
    },
    weight: {
      label: { vi: 'Số lượt thực hiện thủ tục được khảo sát', en: 'Procedure completions surveyed' },
      range: { min: 1, max: 1_000_000 },
      integer: true,
    },
  },
  direction: 'lower_is_better',
  decimals: 0,
  target: { value: 250_000, by: '2027-12-31' },
  // VND per procedure
  bands: standardBands({ good: 250_000, fair: 500_000, average: 1_000_000, weak: 2_000_000 }),
  // VND: 100 thousand scores 100, 3 million 0
  scoring: { best: 100_000, worst: 3_000_000 },
  frequency: 'quarterly',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 15,
} satisfies KpiDefinition;
