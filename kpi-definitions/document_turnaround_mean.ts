import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * The interconnection model in Regulation 05 rests on documents moving between agencies on the
 * National Document Interconnection Axis; a slow reply there delays every dossier that needs
 * another agency. Mean weighted by documents.
 */
export default {
  id: 'document_turnaround_mean',
  name: {
    vi: 'Thời gian xử lý văn bản liên thông bình quân trên Trục liên thông văn bản quốc gia',
    en: 'Mean turnaround of inter-agency documents on the National Document Interconnection Axis',
  },
  description: {
    vi: 'Thời gian bình quân (giờ) từ khi văn bản điện tử được gửi qua Trục liên thông văn bản quốc gia đến khi cơ quan nhận văn bản cập nhật trạng thái hoàn thành xử lý, tính trên các văn bản đã xử lý xong trong tháng.',
    en: 'Mean time (hours) from sending an electronic document on the National Document Interconnection Axis to the receiving agency reporting it handled, over the documents completed in the month.',
  },
  family: 'processing_time',
  unit: 'hours',
  measure: {
    kind: 'mean',
    value: {
      label: { vi: 'Thời gian xử lý bình quân (giờ)', en: 'Mean turnaround (hours)' },
      range: { min: 0, max: 2_000 },
      integer: false,
    },
    weight: {
      label: { vi: 'Số văn bản đã xử lý xong', en: 'Documents completed' },
      range: { min: 1, max: 1_000_000 },
      integer: true,
    },
  },
  direction: 'lower_is_better',
  decimals: 1,
  target: { value: 24, by: '2026-12-31' },
  // hours: 1, 2, 3 and 5 days
  bands: standardBands({ good: 24, fair: 48, average: 72, weak: 120 }),
  // hours: a working day scores 100, a week 0
  scoring: { best: 8, worst: 168 },
  frequency: 'monthly',
  submittedAt: 'province',
  deadlineDaysAfterPeriod: 10,
} satisfies KpiDefinition;
