/**
 * Every word the open-data pages, files and API say, Vietnamese first, in one place: the public
 * pages (components/openData), the CSV/XLSX headers and the API's licence block all read from
 * here, so a move to another message library is one file.
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

/** The public pages' words. */
export const OPEN_DATA_TEXT = {
  title: { vi: 'Dữ liệu mở', en: 'Open data' },
  metaDescription: {
    vi: 'Chỉ số phục vụ người dân, doanh nghiệp của 34 tỉnh, thành phố: định nghĩa, phương pháp tính và số liệu đã công bố để tải về (CSV, XLSX) hoặc đọc qua API.',
    en: 'Public-service KPIs of the 34 provinces: definitions, methods and published values to download (CSV, XLSX) or read through the API.',
  },
  intro: {
    vi: 'Số liệu chỉ số đã được phê duyệt và công bố của cả nước, 34 tỉnh, thành phố và các xã, phường, đặc khu — theo nguyên tắc dữ liệu mở, minh bạch, trách nhiệm giải trình của Quy định 05. Không cần đăng nhập.',
    en: 'Approved, published KPI values of the nation, the 34 provinces and their communes — open data, transparency and accountability under Regulation 05. No sign-in needed.',
  },
  quickDownload: { vi: 'Tải nhanh một năm của một chỉ số', en: 'Download a year of a KPI' },
  kpi: { vi: 'Chỉ số', en: 'KPI' },
  units: { vi: 'Đơn vị', en: 'Units' },
  unitsNation: { vi: 'Toàn quốc', en: 'Nation' },
  unitsProvinces: { vi: 'Tất cả 34 tỉnh, thành phố', en: 'All 34 provinces' },
  unitsProvince: { vi: 'Một tỉnh, thành phố', en: 'One province' },
  unitsCommunesOf: { vi: 'Các xã, phường của {name}', en: 'Communes of {name}' },
  year: { vi: 'Năm', en: 'Year' },
  from: { vi: 'Từ kỳ', en: 'From' },
  to: { vi: 'Đến kỳ', en: 'To' },
  period: { vi: 'Kỳ số liệu', en: 'Period' },
  format: { vi: 'Định dạng', en: 'Format' },
  formatCsv: { vi: 'CSV (Excel tiếng Việt: dấu ; và dấu phẩy thập phân)', en: 'CSV (Excel, Vietnamese settings: ; and decimal comma)' },
  formatCsvComma: { vi: 'CSV chuẩn (dấu , và dấu chấm thập phân)', en: 'Standard CSV (, and decimal point)' },
  formatXlsx: { vi: 'Excel (XLSX)', en: 'Excel (XLSX)' },
  formatJson: { vi: 'JSON', en: 'JSON' },
  download: { vi: 'Tải về', en: 'Download' },
  show: { vi: 'Xem', en: 'Show' },
  catalogue: { vi: 'Danh mục chỉ số', en: 'KPI catalogue' },
  frequency: { vi: 'Tần suất', en: 'Frequency' },
  unitOfMeasure: { vi: 'Đơn vị tính', en: 'Unit of measure' },
  direction: { vi: 'Chiều tốt', en: 'Better when' },
  higherIsBetter: { vi: 'càng cao càng tốt', en: 'higher' },
  lowerIsBetter: { vi: 'càng thấp càng tốt', en: 'lower' },
  target: { vi: 'Chỉ tiêu', en: 'Target' },
  targetBy: { vi: '{value} trước {date}', en: '{value} by {date}' },
  submittedBy: { vi: 'Cấp báo cáo', en: 'Reported by' },
  deadline: { vi: 'Hạn báo cáo', en: 'Reporting deadline' },
  deadlineDays: { vi: '{days} ngày sau khi kết thúc kỳ', en: '{days} days after the period ends' },
  definition: { vi: 'Định nghĩa', en: 'Definition' },
  method: { vi: 'Phương pháp tính và tổng hợp', en: 'How it is computed and aggregated' },
  dataAsOf: { vi: 'Số liệu đã công bố đến hết ngày {date}', en: 'Published data up to the end of {date}' },
  noPublished: { vi: 'Chưa có kỳ nào được công bố', en: 'No period published yet' },
  readAt: { vi: 'Đọc lúc {time}', en: 'Read at {time}' },
  publication: { vi: 'Số liệu nào được công bố', en: 'What is published' },
  licence: { vi: 'Giấy phép', en: 'Licence' },
  api: { vi: 'API đọc số liệu', en: 'Read API' },
  apiIntro: {
    vi: 'Cùng số liệu qua API: GET /api/v1/open/values (JSON, CSV, XLSX), danh mục GET /api/v1/open/kpis, đơn vị GET /api/v1/open/units. Mô tả OpenAPI:',
    en: 'The same data through the API: GET /api/v1/open/values (JSON, CSV, XLSX), the catalogue GET /api/v1/open/kpis, units GET /api/v1/open/units. OpenAPI description:',
  },
  values: { vi: 'Số liệu đã công bố', en: 'Published values' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  pendingMark: { vi: 'chờ phê duyệt', en: 'pending approval' },
  legend: {
    vi: '— : không có số liệu; «chờ phê duyệt»: có báo cáo chưa được phê duyệt, số liệu được giữ lại.',
    en: '— : no data; "pending approval": a report is not yet approved, the value is held back.',
  },
  tooManyColumns: {
    vi: 'Bảng có {count} kỳ, quá rộng để hiển thị; chọn kỳ «Tháng» hoặc tải tệp để xem đầy đủ.',
    en: 'The table has {count} periods, too wide to show; choose monthly periods or download the file.',
  },
  problem: { vi: 'Yêu cầu chưa hợp lệ', en: 'The request is not valid' },
  back: { vi: '‹ Danh mục dữ liệu mở', en: '‹ Open data catalogue' },
  otherLanguage: { vi: 'English', en: 'Tiếng Việt' },
  viewKpi: { vi: 'Xem số liệu', en: 'View values' },
  staffSignIn: { vi: 'Cán bộ đăng nhập', en: 'Staff sign-in' },
} satisfies Record<string, Bilingual>;

/** Fills {name} placeholders. */
export function fillText(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
