import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * The backlog leaders act on today: a snapshot at the end of each day of the dossiers still in
 * progress. Unlike the on-time share it sees dossiers that are late but not yet resolved.
 */
export default {
  id: 'dossiers_overdue_now',
  name: {
    vi: 'Tỷ lệ hồ sơ đang giải quyết bị quá hạn',
    en: 'Share of dossiers in progress that are overdue',
  },
  description: {
    vi: 'Số hồ sơ đang giải quyết đã quá thời hạn giải quyết so với tổng số hồ sơ đang giải quyết, chốt vào cuối ngày.',
    en: 'Dossiers in progress that are past their due date, as a share of all dossiers in progress, taken at the end of the day.',
  },
  family: 'processing_time',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số hồ sơ đang giải quyết đã quá hạn', en: 'Overdue dossiers in progress' },
      // dossiers in progress per province at the end of a day
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số hồ sơ đang giải quyết', en: 'Dossiers in progress' },
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'lower_is_better',
  decimals: 1,
  target: { value: 1, by: '2026-12-31' },
  // percent of dossiers in progress
  bands: standardBands({ good: 1, fair: 2, average: 5, weak: 10 }),
  // percent: none overdue scores 100, a fifth overdue scores 0
  scoring: { best: 0, worst: 20 },
  frequency: 'daily',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 1,
} satisfies KpiDefinition;
