import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/** Publicity: a procedure citizens cannot read in full cannot be followed without a trip to ask. */
export default {
  id: 'procedures_published_full',
  name: {
    vi: 'Tỷ lệ thủ tục hành chính được công khai đầy đủ thông tin',
    en: 'Share of administrative procedures published with full information',
  },
  description: {
    vi: 'Số thủ tục hành chính thuộc thẩm quyền được công khai đầy đủ, đúng quy định (trình tự, thành phần hồ sơ, thời hạn giải quyết, phí, lệ phí, mẫu đơn, tờ khai) trên Cổng Dịch vụ công quốc gia so với tổng số thủ tục hành chính đang có hiệu lực.',
    en: 'Procedures under the unit’s authority published in full (steps, documents required, time limit, fees and charges, forms) on the National Public Service Portal, as a share of all procedures in force.',
  },
  family: 'transparency',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số thủ tục được công khai đầy đủ', en: 'Procedures published in full' },
      // a province handles about 2,000 procedures; 10,000 leaves room for ministries' lists
      range: { min: 0, max: 10_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số thủ tục đang có hiệu lực thuộc thẩm quyền', en: 'Procedures in force under the unit’s authority' },
      range: { min: 0, max: 10_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 100, by: '2026-12-31' },
  // percent of procedures in force
  bands: standardBands({ good: 98, fair: 95, average: 90, weak: 80 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'monthly',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 10,
} satisfies KpiDefinition;
