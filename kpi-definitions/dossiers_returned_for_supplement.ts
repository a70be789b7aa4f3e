import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Each request to add or fix documents costs the applicant another round (and often a trip);
 * a high share usually means the published requirements are unclear.
 */
export default {
  id: 'dossiers_returned_for_supplement',
  name: {
    vi: 'Tỷ lệ hồ sơ phải bổ sung, hoàn thiện',
    en: 'Share of dossiers returned for additional documents',
  },
  description: {
    vi: 'Số hồ sơ bị yêu cầu bổ sung, hoàn thiện thành phần hồ sơ ít nhất một lần so với tổng số hồ sơ tiếp nhận trong tháng.',
    en: 'Dossiers asked at least once to add or correct documents, as a share of all dossiers received in the month.',
  },
  family: 'compliance_cost',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số hồ sơ phải bổ sung, hoàn thiện', en: 'Dossiers returned for additional documents' },
      // dossiers per province per month
      range: { min: 0, max: 10_000_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số hồ sơ tiếp nhận', en: 'Dossiers received' },
      range: { min: 0, max: 10_000_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'lower_is_better',
  decimals: 1,
  target: { value: 5, by: '2026-12-31' },
  // percent of dossiers received
  bands: standardBands({ good: 5, fair: 10, average: 20, weak: 30 }),
  // percent: none returned scores 100, 40 % returned 0
  scoring: { best: 0, worst: 40 },
  frequency: 'monthly',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 10,
} satisfies KpiDefinition;
