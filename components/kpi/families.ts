import type { KpiFamily } from '../../kpi-definitions/schema';

/** Family names, in the order the overview shows them. */
export const FAMILY_LABELS: ReadonlyArray<[KpiFamily, { vi: string; en: string }]> = [
  ['processing_time', { vi: 'Thời gian giải quyết', en: 'Processing time' }],
  ['transparency', { vi: 'Công khai, minh bạch', en: 'Transparency' }],
  ['online_services', { vi: 'Dịch vụ công trực tuyến', en: 'Online services' }],
  ['digitisation', { vi: 'Số hóa', en: 'Digitisation' }],
  ['satisfaction', { vi: 'Mức độ hài lòng', en: 'Satisfaction' }],
  ['compliance_cost', { vi: 'Chi phí tuân thủ', en: 'Compliance cost' }],
  ['accuracy', { vi: 'Độ chính xác', en: 'Accuracy' }],
  ['forecasting', { vi: 'Phân tích, dự báo', en: 'Analysis and forecasting' }],
];
