import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Capacity to forecast, measured on this system's own forecasts: once a period's actual value
 * arrives, each forecast made for it is scored. Modelled as a mean of per-forecast absolute
 * percentage errors weighted by the number of forecasts, so provinces roll up to the nation.
 * Computed by the system, per province and month.
 */
export default {
  id: 'forecast_mape',
  name: {
    vi: 'Sai số dự báo bình quân (MAPE) của hệ thống',
    en: 'Forecast error (MAPE) of the system’s own forecasts',
  },
  description: {
    vi: 'Sai số phần trăm tuyệt đối bình quân (MAPE, %) giữa giá trị dự báo và giá trị thực tế của các chỉ số, tính trên các dự báo có số liệu thực tế trong tháng.',
    en: 'Mean absolute percentage error (MAPE, %) between forecast and actual values of the indicators, over the forecasts whose actual value arrived in the month.',
  },
  family: 'forecasting',
  unit: 'percent',
  measure: {
    kind: 'mean',
    value: {
      label: { vi: 'MAPE bình quân (%)', en: 'Mean MAPE (%)' },
      // percent; an error can exceed 100 % when the actual is small
      range: { min: 0, max: 1_000 },
      integer: false,
    },
    weight: {
      label: { vi: 'Số dự báo được đánh giá', en: 'Forecasts scored' },
      range: { min: 1, max: 1_000_000 },
      integer: true,
    },
  },
  direction: 'lower_is_better',
  decimals: 1,
  target: { value: 10, by: '2027-12-31' },
  // percent error
  bands: standardBands({ good: 10, fair: 20, average: 30, weak: 50 }),
  // percent error: 5 % scores 100, 60 % scores 0
  scoring: { best: 5, worst: 60 },
  frequency: 'monthly',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 15,
} satisfies KpiDefinition;
