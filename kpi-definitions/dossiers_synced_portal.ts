import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Publicity: a dossier that never reaches the national portal is invisible to the citizen's
 * tracking page and to every KPI computed from the portal. Live, so it is reported daily.
 */
export default {
  id: 'dossiers_synced_portal',
  name: {
    vi: 'Tỷ lệ hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia',
    en: 'Share of dossiers synchronised to the National Public Service Portal',
  },
  description: {
    vi: 'Số hồ sơ tiếp nhận trong ngày được đồng bộ đầy đủ trạng thái xử lý lên Cổng Dịch vụ công quốc gia so với tổng số hồ sơ tiếp nhận trong ngày.',
    en: 'Dossiers received during the day whose processing status is fully synchronised to the National Public Service Portal, as a share of all dossiers received that day.',
  },
  family: 'transparency',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số hồ sơ được đồng bộ', en: 'Dossiers synchronised' },
      // dossiers per province per day; the largest cities receive tens of thousands
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số hồ sơ tiếp nhận', en: 'Dossiers received' },
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 100, by: '2026-12-31' },
  // percent of dossiers received
  bands: standardBands({ good: 98, fair: 95, average: 90, weak: 80 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'daily',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 1,
} satisfies KpiDefinition;
