import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Digitisation: a dossier digitised once (with its result) can be reused instead of asked for
 * again. Done at the one-stop desk, mostly in communes, so communes report it monthly.
 */
export default {
  id: 'dossiers_digitised',
  name: {
    vi: 'Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính',
    en: 'Share of dossiers and results digitised',
  },
  description: {
    vi: 'Số hồ sơ đã giải quyết được số hóa cả thành phần hồ sơ và kết quả giải quyết, lưu vào kho quản lý dữ liệu điện tử, so với tổng số hồ sơ đã giải quyết trong tháng.',
    en: 'Resolved dossiers whose documents and result were both digitised into the electronic data store, as a share of all dossiers resolved in the month.',
  },
  family: 'digitisation',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số hồ sơ được số hóa đầy đủ hồ sơ, kết quả', en: 'Dossiers digitised with their result' },
      // dossiers per commune per month
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số hồ sơ đã giải quyết', en: 'Dossiers resolved' },
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 100, by: '2026-12-31' },
  // percent of dossiers resolved
  bands: standardBands({ good: 90, fair: 80, average: 60, weak: 40 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'monthly',
  submittedAt: 'commune',
  deadlineDaysAfterPeriod: 5,
} satisfies KpiDefinition;
