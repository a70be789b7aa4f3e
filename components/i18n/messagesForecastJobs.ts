/**
 * Forecasting every unit under the first one at once on /plan (branch fcworker): the choice, the
 * background job's progress and its results table. Same shape as MESSAGES (Vietnamese first),
 * spread into it in messages.ts.
 */
export const FORECAST_JOB_MESSAGES = {
  forecastAllTitle: { vi: 'Dự báo hàng loạt', en: 'Forecast them all' },
  forecastAllIntro: {
    vi: 'Dự báo chỉ số này cho mọi đơn vị cùng lúc. Việc tính chạy nền, không làm chậm trang; kết quả được giữ đến khi có số liệu mới.',
    en: 'Forecast this KPI for every unit at once. The work runs in the background without slowing the pages; results are kept until new data arrives.',
  },
  forecastAllChoice: { vi: 'Dự báo cho', en: 'Forecast for' },
  forecastAllNone: { vi: '— không —', en: '— none —' },
  forecastAllProvinces: { vi: 'Tất cả {n, number} tỉnh, thành phố', en: 'All {n, number} provinces' },
  forecastAllCommunesOfNation: { vi: 'Tất cả xã, phường trong cả nước', en: 'Every commune in the country' },
  forecastAllCommunesOf: { vi: 'Các xã, phường của {name}', en: 'The communes of {name}' },
  forecastAllSignIn: { vi: 'Đăng nhập để dự báo hàng loạt.', en: 'Sign in to forecast them all.' },
  forecastAllQueued: { vi: 'Đang chờ lượt tính…', en: 'Waiting for its turn…' },
  forecastAllProgress: {
    vi: 'Đã dự báo {done, number}/{total, number} đơn vị',
    en: 'Forecast {done, number} of {total, plural, one {# unit} other {# units}}',
  },
  forecastAllProgressLabel: { vi: 'Tiến độ dự báo hàng loạt', en: 'Progress of the batch forecast' },
  forecastAllDone: {
    vi: 'Xong: {total, number} đơn vị ({fromCache, number} lấy từ kết quả đã tính).',
    en: 'Done: {total, plural, one {# unit} other {# units}} ({fromCache, number} from results already computed).',
  },
  forecastAllFailedSome: { vi: '{n, number} đơn vị không dự báo được.', en: '{n, plural, one {# unit} other {# units}} could not be forecast.' },
  forecastAllFailed: { vi: 'Dự báo hàng loạt bị lỗi; hãy thử lại.', en: 'The batch forecast failed; try again.' },
  forecastAllStale: {
    vi: '{n, number} đơn vị có số liệu mới từ khi dự báo.',
    en: '{n, plural, one {# unit has} other {# units have}} new data since the forecast.',
  },
  forecastAllRecompute: { vi: 'Tính lại', en: 'Recompute' },
  forecastAllTableCaption: { vi: 'Dự báo {kpi} cho từng đơn vị', en: 'Forecast of {kpi} for each unit' },
  forecastAllUnit: { vi: 'Đơn vị', en: 'Unit' },
  forecastAllEnd: { vi: 'Dự báo {period}', en: 'Forecast {period}' },
  forecastAllInterval80: { vi: 'Khoảng 80\u00a0%', en: '80\u00a0% interval' },
  forecastAllVerdict: { vi: 'Đánh giá', en: 'Verdict' },
  forecastAllVerdictOk: { vi: 'Tin cậy', en: 'Reliable' },
  forecastAllVerdictTooNoisy: { vi: 'Nhiễu, chỉ tham khảo', en: 'Noisy, a rough guide' },
  forecastAllVerdictTooShort: { vi: 'Lịch sử quá ngắn', en: 'History too short' },
  forecastAllShown: {
    vi: 'Hiển thị {shown, number}/{total, number} đơn vị đầu tiên.',
    en: 'Showing the first {shown, number} of {total, number} units.',
  },
} as const;
