import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * Digitisation pays off only when data already held is reused: the "once only" principle behind
 * lower compliance cost. Counted by the commune's one-stop system, monthly.
 */
export default {
  id: 'data_reused',
  name: {
    vi: 'Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa',
    en: 'Share of data reused instead of requested again',
  },
  description: {
    vi: 'Số hồ sơ có thành phần được lấy lại từ dữ liệu đã số hóa hoặc cơ sở dữ liệu dùng chung, không yêu cầu người dân, doanh nghiệp nộp lại, so với tổng số hồ sơ có thành phần đã được số hóa trước đó trong tháng.',
    en: 'Dossiers in which documents were taken from digitised data or shared databases instead of being asked for again, as a share of all dossiers in the month with documents already digitised.',
  },
  family: 'digitisation',
  unit: 'percent',
  measure: {
    kind: 'ratio',
    numerator: {
      label: { vi: 'Số hồ sơ sử dụng lại dữ liệu số hóa', en: 'Dossiers reusing digitised data' },
      // dossiers per commune per month
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    denominator: {
      label: { vi: 'Số hồ sơ có thành phần đã được số hóa', en: 'Dossiers with documents already digitised' },
      range: { min: 0, max: 1_000_000 },
      integer: true,
    },
    scale: 100,
    numeratorWithinDenominator: true,
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 80, by: '2026-12-31' },
  // percent of dossiers with digitised documents
  bands: standardBands({ good: 80, fair: 60, average: 40, weak: 20 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'monthly',
  submittedAt: 'commune',
  deadlineDaysAfterPeriod: 5,
} satisfies KpiDefinition;
