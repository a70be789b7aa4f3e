/**
 * The words the open-data files and API write, Vietnamese first: the CSV/XLSX headers and labels,
 * the API's licence block and statuses. They are data (the API answers carry them as { vi, en }),
 * so the server writes them without a translator; the public pages show the same ones. The pages'
 * own words are next-intl messages (components/i18n/messagesOpenData.ts), which take the file
 * headings from here.
 */
import type { Frequency, KpiUnit } from '../../kpi-definitions/schema';

export type OpenLocale = 'vi' | 'en';
export interface Bilingual {
  vi: string;
  en: string;
}

/** Who publishes the data and under which terms (principle 7 of Regulation 05). */
export const OPEN_DATA_LICENCE = {
  id: 'CC-BY-4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/deed.vi',
  name: { vi: 'Giấy phép Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)', en: 'Creative Commons Attribution 4.0 International (CC BY 4.0)' },
  publisher: {
    vi: 'Trung tâm điều hành chỉ số quốc gia Liên Thông',
    en: 'Liên Thông national KPI control room',
  },
  attribution: {
    vi: 'Nguồn: Trung tâm điều hành chỉ số quốc gia Liên Thông, dữ liệu mở theo giấy phép CC BY 4.0.',
    en: 'Source: Liên Thông national KPI control room, open data under CC BY 4.0.',
  },
  terms: {
    vi: 'Được tự do sao chép, phân phối, chỉnh sửa và sử dụng cho mọi mục đích, kể cả thương mại, với điều kiện ghi rõ nguồn như trên và nêu rõ nếu đã thay đổi dữ liệu.',
    en: 'Free to copy, redistribute, adapt and use for any purpose, including commercially, provided the source is credited as above and changes are indicated.',
  },
} as const;

/** What "published" means, said once for the pages, the files and the API. */
export const PUBLICATION_RULE: Bilingual = {
  vi: 'Chỉ công bố số liệu của các kỳ đã kết thúc và đã qua hạn báo cáo. Số liệu có báo cáo đang chờ phê duyệt (đã nộp hoặc bị trả lại để sửa) được giữ lại, ghi «chờ phê duyệt», cho đến khi được phê duyệt. Kỳ hiện tại và kỳ chưa đến hạn báo cáo chưa được công bố.',
  en: 'Only periods that have ended and whose reporting deadline has passed are published. A value that includes a report awaiting approval (submitted, or returned for revision) is held back, marked "pending approval", until it is approved. The current period and periods whose reports are not yet due are not published.',
};

export type OpenCellStatus = 'published' | 'no_data' | 'pending_approval';

export const CELL_STATUS_LABELS: Record<OpenCellStatus, Bilingual> = {
  published: { vi: 'đã công bố', en: 'published' },
  no_data: { vi: 'không có số liệu', en: 'no data' },
  pending_approval: { vi: 'chờ phê duyệt', en: 'pending approval' },
};

export const FREQUENCY_LABELS: Record<Frequency, Bilingual> = {
  daily: { vi: 'Ngày', en: 'Daily' },
  monthly: { vi: 'Tháng', en: 'Monthly' },
  quarterly: { vi: 'Quý', en: 'Quarterly' },
};

export const KPI_UNIT_NAMES: Record<KpiUnit, Bilingual> = {
  percent: { vi: 'phần trăm (%)', en: 'percent (%)' },
  hours: { vi: 'giờ', en: 'hours' },
  days: { vi: 'ngày', en: 'days' },
  vnd: { vi: 'đồng (VND)', en: 'Vietnamese đồng (VND)' },
  trips: { vi: 'lượt', en: 'trips' },
  score: { vi: 'điểm (0–100)', en: 'score (0–100)' },
  points: { vi: 'điểm (thang 100)', en: 'points (out of 100)' },
};

export const LEVEL_LABELS: Record<'nation' | 'province' | 'commune', Bilingual> = {
  nation: { vi: 'Toàn quốc', en: 'Nation' },
  province: { vi: 'Tỉnh, thành phố', en: 'Province' },
  commune: { vi: 'Xã, phường, đặc khu', en: 'Commune' },
};

/** The columns of a download, in order; `key` is the JSON field name. */
export const DOWNLOAD_COLUMNS = [
  { key: 'kpiId', label: { vi: 'Mã chỉ số', en: 'KPI id' } },
  { key: 'unitCode', label: { vi: 'Mã đơn vị', en: 'Unit code' } },
  { key: 'unitName', label: { vi: 'Tên đơn vị', en: 'Unit name' } },
  { key: 'level', label: { vi: 'Cấp', en: 'Level' } },
  { key: 'period', label: { vi: 'Kỳ', en: 'Period' } },
  { key: 'value', label: { vi: 'Giá trị', en: 'Value' } },
  { key: 'kpiUnit', label: { vi: 'Đơn vị tính', en: 'Unit of measure' } },
  { key: 'status', label: { vi: 'Trạng thái', en: 'Status' } },
  { key: 'source', label: { vi: 'Nguồn, giấy phép', en: 'Source, licence' } },
] as const;

/** The source column of every downloaded row, so that a row copied out still says where it comes from. */
export const ROW_SOURCE: Bilingual = {
  vi: `${OPEN_DATA_LICENCE.publisher.vi} — CC BY 4.0`,
  en: `${OPEN_DATA_LICENCE.publisher.en} — CC BY 4.0`,
};

/** The headings the downloaded files write (the XLSX's first sheet) and the pages show: one source for both. */
export const FILE_HEADINGS = {
  kpi: { vi: 'Chỉ số', en: 'KPI' },
  from: { vi: 'Từ kỳ', en: 'From' },
  to: { vi: 'Đến kỳ', en: 'To' },
  period: { vi: 'Kỳ số liệu', en: 'Period' },
  unitOfMeasure: { vi: 'Đơn vị tính', en: 'Unit of measure' },
  definition: { vi: 'Định nghĩa', en: 'Definition' },
  method: { vi: 'Phương pháp tính và tổng hợp', en: 'How it is computed and aggregated' },
  publication: { vi: 'Số liệu nào được công bố', en: 'What is published' },
  licence: { vi: 'Giấy phép', en: 'Licence' },
} as const satisfies Record<string, Bilingual>;
