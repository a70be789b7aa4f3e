/**
 * The public open-data pages' words (/du-lieu-mo, /du-lieu-mo/<kpi>), Vietnamese first, read with
 * next-intl's getTranslations({ locale }) in those server components. The headings that the
 * downloaded files also write come from shared/openData/texts.ts (FILE_HEADINGS), so a page and
 * its file say the same words from one source.
 */
import { FILE_HEADINGS } from '../../shared/openData/texts';

export const OPEN_DATA_MESSAGES = {
  openDataKpi: FILE_HEADINGS.kpi,
  openDataPeriod: FILE_HEADINGS.period,
  openDataUnitOfMeasure: FILE_HEADINGS.unitOfMeasure,
  openDataDefinition: FILE_HEADINGS.definition,
  openDataMethod: FILE_HEADINGS.method,
  openDataPublication: FILE_HEADINGS.publication,
  openDataLicence: FILE_HEADINGS.licence,
  openDataTitle: { vi: 'Dữ liệu mở', en: 'Open data' },
  openDataMetaDescription: {
    vi: 'Chỉ số phục vụ người dân, doanh nghiệp của 34 tỉnh, thành phố: định nghĩa, phương pháp tính và số liệu đã công bố để tải về (CSV, XLSX) hoặc đọc qua API.',
    en: 'Public-service KPIs of the 34 provinces: definitions, methods and published values to download (CSV, XLSX) or read through the API.',
  },
  openDataIntro: {
    vi: 'Số liệu chỉ số đã được phê duyệt và công bố của cả nước, 34 tỉnh, thành phố và các xã, phường, đặc khu — theo nguyên tắc dữ liệu mở, minh bạch, trách nhiệm giải trình của Quy định 05. Không cần đăng nhập.',
    en: 'Approved, published KPI values of the nation, the 34 provinces and their communes — open data, transparency and accountability under Regulation 05. No sign-in needed.',
  },
  openDataQuickDownload: { vi: 'Tải nhanh một năm của một chỉ số', en: 'Download a year of a KPI' },
  openDataUnits: { vi: 'Đơn vị', en: 'Units' },
  openDataUnitsNation: { vi: 'Toàn quốc', en: 'Nation' },
  openDataUnitsProvinces: { vi: 'Tất cả 34 tỉnh, thành phố', en: 'All 34 provinces' },
  openDataUnitsProvince: { vi: 'Một tỉnh, thành phố', en: 'One province' },
  openDataUnitsCommunesOf: { vi: 'Các xã, phường của {name}', en: 'Communes of {name}' },
  openDataYear: { vi: 'Năm', en: 'Year' },
  openDataFormat: { vi: 'Định dạng', en: 'Format' },
  openDataFormatCsv: { vi: 'CSV (Excel tiếng Việt: dấu ; và dấu phẩy thập phân)', en: 'CSV (Excel, Vietnamese settings: ; and decimal comma)' },
  openDataFormatCsvComma: { vi: 'CSV chuẩn (dấu , và dấu chấm thập phân)', en: 'Standard CSV (, and decimal point)' },
  openDataFormatXlsx: { vi: 'Excel (XLSX)', en: 'Excel (XLSX)' },
  openDataFormatJson: { vi: 'JSON', en: 'JSON' },
  openDataDownload: { vi: 'Tải về', en: 'Download' },
  openDataShow: { vi: 'Xem', en: 'Show' },
  openDataCatalogue: { vi: 'Danh mục chỉ số', en: 'KPI catalogue' },
  openDataFrequency: { vi: 'Tần suất', en: 'Frequency' },
  openDataDirection: { vi: 'Chiều tốt', en: 'Better when' },
  openDataHigherIsBetter: { vi: 'càng cao càng tốt', en: 'higher' },
  openDataLowerIsBetter: { vi: 'càng thấp càng tốt', en: 'lower' },
  openDataTarget: { vi: 'Chỉ tiêu', en: 'Target' },
  openDataTargetBy: { vi: '{value} trước {date}', en: '{value} by {date}' },
  openDataSubmittedBy: { vi: 'Cấp báo cáo', en: 'Reported by' },
  openDataDeadline: { vi: 'Hạn báo cáo', en: 'Reporting deadline' },
  openDataDeadlineDays: { vi: '{days, number} ngày sau khi kết thúc kỳ', en: '{days, number} days after the period ends' },
  openDataDataAsOf: { vi: 'Số liệu đã công bố đến hết ngày {date}', en: 'Published data up to the end of {date}' },
  openDataNoPublished: { vi: 'Chưa có kỳ nào được công bố', en: 'No period published yet' },
  openDataApi: { vi: 'API đọc số liệu', en: 'Read API' },
  openDataApiIntro: {
    vi: 'Cùng số liệu qua API: GET /api/v1/open/values (JSON, CSV, XLSX), danh mục GET /api/v1/open/kpis, đơn vị GET /api/v1/open/units. Mô tả OpenAPI:',
    en: 'The same data through the API: GET /api/v1/open/values (JSON, CSV, XLSX), the catalogue GET /api/v1/open/kpis, units GET /api/v1/open/units. OpenAPI description:',
  },
  openDataValues: { vi: 'Số liệu đã công bố', en: 'Published values' },
  openDataUnit: { vi: 'Đơn vị', en: 'Unit' },
  openDataLegend: {
    vi: '— : không có số liệu; «chờ phê duyệt»: có báo cáo chưa được phê duyệt, số liệu được giữ lại.',
    en: '— : no data; "pending approval": a report is not yet approved, the value is held back.',
  },
  openDataTooManyColumns: {
    vi: 'Bảng có {count, number} kỳ, quá rộng để hiển thị; chọn kỳ «Tháng» hoặc tải tệp để xem đầy đủ.',
    en: 'The table has {count, number} periods, too wide to show; choose monthly periods or download the file.',
  },
  openDataProblem: { vi: 'Yêu cầu chưa hợp lệ', en: 'The request is not valid' },
  openDataBack: { vi: '‹ Danh mục dữ liệu mở', en: '‹ Open data catalogue' },
  openDataOtherLanguage: { vi: 'English', en: 'Tiếng Việt' },
} as const;
