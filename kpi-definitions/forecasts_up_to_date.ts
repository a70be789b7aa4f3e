import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Capacity to plan: a forecast is useful only if it has seen the latest data. Counts the
 * province's indicator series (each KPI at the province) whose forecast was refreshed after their
 * latest actual value. Computed by the system at the end of each month.
 */
export default {
  id: 'forecasts_up_to_date',
  name: {
    vi: 'Tỷ lệ chuỗi chỉ số có dự báo được cập nhật',
    en: 'Share of indicator series with an up-to-date forecast',
  },
  description: {
    vi: 'Số chuỗi số liệu chỉ số của tỉnh/thành phố (mỗi chỉ số có số liệu ở cấp tỉnh) có dự báo được cập nhật sau số liệu thực tế mới nhất so với tổng số chuỗi cần dự báo, chốt vào cuối tháng.',
    en: 'Indicator series of the province (each KPI with data at the province) whose forecast was refreshed after their latest actual value, as a share of all series to forecast, taken at the end of the month.',
  },
  family: 'forecasting',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số chuỗi có dự báo được cập nhật', en: 'Series with an up-to-date forecast' },
      // series per province: a few dozen KPIs × up to a few hundred communes
      range: { min: 0, max: 100_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số chuỗi cần dự báo', en: 'Series to forecast' },
      range: { min: 0, max: 100_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 95, by: '2026-12-31' },
  // percent of series
  bands: standardBands({ good: 95, fair: 85, average: 70, weak: 50 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'monthly',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 15,
} satisfies KpiDefinition;
