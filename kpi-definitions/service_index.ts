import { standardBands } from './bands';
import type { KpiDefinition } from './schema';

/**
 * The 100-point service index, modelled on the real-time index the National Public Service Portal
 * has published since 2022 (Decision 766/QĐ-TTg): five groups with their weights in points. Each
 * group scores its KPIs 0–100 through their own `scoring`; the index is the weighted mean. It is
 * computed from the components' roll-ups, never submitted, and refreshed daily like the real one.
 */
export default {
  id: 'service_index',
  name: {
    vi: 'Chỉ số phục vụ người dân, doanh nghiệp',
    en: 'Service index for citizens and businesses',
  },
  description: {
    vi: 'Chỉ số tổng hợp thang 100 điểm đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, dịch vụ công, gồm 5 nhóm: công khai, minh bạch; tiến độ, kết quả giải quyết hồ sơ; cung cấp dịch vụ công trực tuyến; mức độ hài lòng; số hóa hồ sơ, kết quả.',
    en: 'A 100-point composite index of how well citizens and businesses are served in administrative procedures and public services, in five groups: publicity and transparency; progress and results of handling dossiers; online public services; satisfaction; digitisation of dossiers and results.',
  },
  family: 'composite',
  unit: 'points',
  measure: {
    kind: 'composite',
    // weights in points out of 100
    groups: [
      {
        id: 'publicity_transparency',
        name: { vi: 'Công khai, minh bạch', en: 'Publicity and transparency' },
        weight: 18,
        kpiIds: ['procedures_published_full', 'dossiers_synced_portal', 'results_published_on_time'],
      },
      {
        id: 'processing_progress',
        name: { vi: 'Tiến độ, kết quả giải quyết hồ sơ', en: 'Progress and results of handling dossiers' },
        weight: 20,
        kpiIds: ['dossiers_on_time', 'dossiers_overdue_now', 'processing_time_mean'],
      },
      {
        id: 'online_services',
        name: { vi: 'Cung cấp dịch vụ công trực tuyến', en: 'Online public services' },
        weight: 22,
        kpiIds: ['dossiers_filed_online', 'fees_paid_online', 'procedures_fully_online'],
      },
      {
        id: 'satisfaction',
        name: { vi: 'Mức độ hài lòng', en: 'Satisfaction' },
        weight: 18,
        kpiIds: ['citizen_satisfaction', 'complaints_resolved_on_time'],
      },
      {
        id: 'digitisation',
        name: { vi: 'Số hóa hồ sơ, kết quả', en: 'Digitisation of dossiers and results' },
        weight: 22,
        kpiIds: ['dossiers_digitised', 'data_reused', 'results_issued_electronic'],
      },
    ],
  },
  direction: 'higher_is_better',
  decimals: 1,
  target: { value: 80, by: '2026-12-31' },
  // points out of 100: Tốt ≥ 80, Khá ≥ 70, Trung bình ≥ 50, Yếu ≥ 30, Kém below
  bands: standardBands({ good: 80, fair: 70, average: 50, weak: 30 }),
  scoring: { best: 100, worst: 0 },
  frequency: 'daily',
  submittedAt: 'province',
  // computed, never submitted: nothing is due after the day ends
  deadlineDaysAfterPeriod: 0,
} satisfies KpiDefinition;
