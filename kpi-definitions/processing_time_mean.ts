import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Shorter processing time is one of the four outcomes Regulation 05 names. Stored as a mean
 * weighted by dossiers, so a province's value is the dossier-weighted mean of what its systems
 * report, never a mean of means. A p90 cannot be rolled up from sums, so it is not a catalogue KPI.
 */
export default {
  id: 'processing_time_mean',
  name: {
    vi: 'Thời gian giải quyết hồ sơ bình quân',
    en: 'Mean processing time of dossiers',
  },
  description: {
    vi: 'Thời gian bình quân (giờ, tính cả ngày nghỉ) từ khi tiếp nhận hồ sơ hợp lệ đến khi có kết quả, tính trên các hồ sơ đã giải quyết trong ngày.',
    en: 'Mean elapsed time (hours, calendar) from receipt of a complete dossier to its result, over the dossiers resolved during the day.',
  },
  family: 'processing_time',
  unit: 'hours',
  measure: {
    kind: 'mean',
    value: {
      label: { vi: 'Thời gian giải quyết bình quân (giờ)', en: 'Mean processing time (hours)' },
      // hours; 2,000 h is about 83 days, beyond the longest statutory time limit
      range: { min: 0, max: 2_000 },
      integer: false,
    },
    weight: {
      label: { vi: 'Số hồ sơ đã giải quyết', en: 'Dossiers resolved' },
      range: { min: 1, max: 1_000_000 },
      integer: true,
    },
  },
  direction: 'lower_is_better',
  decimals: 1,
  target: { value: 48, by: '2026-12-31' },
  // hours: 2, 3, 5 and 7 days
  bands: standardBands({ good: 48, fair: 72, average: 120, weak: 168 }),
  // hours: one day scores 100, ten days 0
  scoring: { best: 24, worst: 240 },
  frequency: 'daily',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 1,
} satisfies KpiDefinition;
