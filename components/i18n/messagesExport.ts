/** The export menu's words (components/export), Vietnamese first. */
export const EXPORT_MESSAGES = {
  exportMenu: { vi: 'Xuất tệp', en: 'Export' },
  exportMenuLabel: { vi: 'Xuất số liệu của trang này', en: 'Export this view' },
  exportCsv: { vi: 'CSV (mở bằng Excel)', en: 'CSV (opens in Excel)' },
  exportXlsx: { vi: 'Excel (XLSX)', en: 'Excel (XLSX)' },
  exportPng: { vi: 'Ảnh biểu đồ (PNG)', en: 'Chart image (PNG)' },
  exportPdf: { vi: 'Báo cáo PDF (A4)', en: 'PDF report (A4)' },
  exportLarge: { vi: 'Tất cả xã, phường × 24 tháng', en: 'Every commune × 24 months' },
  exportPreparing: { vi: 'Đang chuẩn bị tệp…', en: 'Preparing the file…' },
  exportProgress: { vi: 'Đang tải {rows} dòng: {percent} %', en: 'Downloading {rows} rows: {percent} %' },
  exportDone: { vi: 'Đã tải xong {file}', en: 'Downloaded {file}' },
  exportFailed: { vi: 'Không xuất được tệp: {reason}', en: 'Could not export the file: {reason}' },
  exportSignIn: { vi: 'Hãy đăng nhập để xuất số liệu.', en: 'Sign in to export data.' },
  exportCancel: { vi: 'Hủy', en: 'Cancel' },
  exportCancelled: { vi: 'Đã hủy tải tệp.', en: 'Download cancelled.' },
} as const;
