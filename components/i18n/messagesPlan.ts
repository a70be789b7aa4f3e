/**
 * The planners' views (branch planview): the forecast page `/plan`, its fan chart, table and
 * backtest panel, and the target-attainment words the scorecard and the province page share.
 * Same shape as MESSAGES (Vietnamese first), spread into it in messages.ts.
 */
export const PLAN_MESSAGES = {
  planNav: { vi: 'Dự báo', en: 'Forecast' },
  planTitle: { vi: 'Dự báo chỉ số', en: 'KPI forecast' },
  planMetaDescription: {
    vi: 'Dự báo các chỉ số cho cả nước và từng tỉnh, thành phố, với khoảng dự báo 80\u00a0% và 95\u00a0%, sai số kiểm tra ngược và khả năng đạt chỉ tiêu',
    en: 'Forecasts of the KPIs for the nation and each province, with 80\u00a0% and 95\u00a0% prediction intervals, backtest error and the chance of reaching the target',
  },
  planIntro: {
    vi: 'Đường liền là số liệu thực tế, đường đứt là dự báo; dải màu đậm là khoảng dự báo 80\u00a0%, dải nhạt là 95\u00a0%.',
    en: 'The solid line is what was reported, the dashed line the forecast; the darker band is the 80\u00a0% prediction interval, the lighter one 95\u00a0%.',
  },
  // — the choices (all in the URL) —
  planKpi: { vi: 'Chỉ số', en: 'KPI' },
  planHorizon: { vi: 'Dự báo trước', en: 'Horizon' },
  planHorizonDays: { vi: '{n, plural, other {# ngày}}', en: '{n, plural, one {# day} other {# days}}' },
  planHorizonMonths: { vi: '{n, plural, other {# tháng}}', en: '{n, plural, one {# month} other {# months}}' },
  planHorizonQuarters: { vi: '{n, plural, other {# quý}}', en: '{n, plural, one {# quarter} other {# quarters}}' },
  planInterval: { vi: 'Khoảng dự báo', en: 'Interval' },
  planIntervalBoth: { vi: '80\u00a0% và 95\u00a0%', en: '80\u00a0% and 95\u00a0%' },
  planInterval80: { vi: '80\u00a0%', en: '80\u00a0%' },
  planInterval95: { vi: '95\u00a0%', en: '95\u00a0%' },
  planUnits: { vi: 'Đơn vị so sánh', en: 'Units compared' },
  planAddUnit: { vi: 'Thêm đơn vị', en: 'Add a unit' },
  planAddUnitPlaceholder: { vi: '— chọn tỉnh, thành phố —', en: '— choose a province —' },
  planRemoveUnit: { vi: 'Bỏ {name} khỏi so sánh', en: 'Remove {name} from the comparison' },
  planUnitsMax: { vi: 'Tối đa {n, number} đơn vị trên một biểu đồ.', en: 'At most {n, number} units on one chart.' },
  planCopyLink: { vi: 'Sao chép liên kết', en: 'Copy link' },
  planLinkCopied: { vi: 'Đã sao chép liên kết: người nhận sẽ thấy đúng dự báo này.', en: 'Link copied: whoever opens it sees this forecast.' },
  planLinkCopyFailed: { vi: 'Không sao chép được; hãy sao chép địa chỉ trên thanh trình duyệt.', en: 'Could not copy; copy the address from the browser’s bar.' },
  planAsOf: { vi: 'Số liệu đến {date}', en: 'Data as of {date}' },
  planUpdating: { vi: 'Đang tính lại dự báo…', en: 'Updating the forecast…' },
  // — the chart —
  planChartLabel: {
    vi: 'Biểu đồ dự báo {kpi}: {units}, {horizon} tới',
    en: 'Forecast chart of {kpi}: {units}, the next {horizon}',
  },
  planActual: { vi: 'Thực tế', en: 'Actual' },
  planForecast: { vi: 'Dự báo', en: 'Forecast' },
  planBand80: { vi: 'Khoảng 80\u00a0%', en: '80\u00a0% interval' },
  planBand95: { vi: 'Khoảng 95\u00a0%', en: '95\u00a0% interval' },
  planForecastStart: { vi: 'Bắt đầu dự báo', en: 'Forecast starts' },
  planNoForecast: { vi: 'Không có dự báo cho lựa chọn này.', en: 'No forecast for this choice.' },
  // — the table —
  planTableTitle: { vi: 'Số liệu dự báo', en: 'Forecast figures' },
  planTableCaption: { vi: 'Dự báo {kpi} theo kỳ, với cận dưới – cận trên của các khoảng dự báo', en: 'Forecast of {kpi} by period, with the lower – upper bounds of the intervals' },
  planPeriod: { vi: 'Kỳ', en: 'Period' },
  planLastActual: { vi: 'Thực tế gần nhất', en: 'Latest actual' },
  // — model and backtest —
  planQualityTitle: { vi: 'Mô hình và độ tin cậy', en: 'Model and reliability' },
  planModel: { vi: 'Mô hình', en: 'Model' },
  planModelMstlEts: { vi: 'MSTL + ETS (tách mùa vụ, xu hướng)', en: 'MSTL + ETS (seasonal decomposition, trend)' },
  planModelAutoEts: { vi: 'ETS tự động (xu hướng, không mùa vụ)', en: 'Automatic ETS (trend, no season)' },
  planModelSeasonalNaive: { vi: 'Lặp lại mùa trước', en: 'Seasonal naive (repeat last season)' },
  planModelNaive: { vi: 'Giữ nguyên giá trị gần nhất', en: 'Naive (latest value held)' },
  planModelProphet: { vi: 'Prophet (xu hướng, mùa vụ, ngày lễ)', en: 'Prophet (trend, seasons, holidays)' },
  planModelArima: { vi: 'ARIMA theo mùa', en: 'Seasonal ARIMA' },
  planTransformLog: { vi: 'ước lượng trên thang log', en: 'fitted on the log scale' },
  planTransformLogit: { vi: 'ước lượng trên thang logit (giữ trong 0–100\u00a0%)', en: 'fitted on the logit scale (kept within 0–100\u00a0%)' },
  planSeasons: { vi: 'chu kỳ mùa vụ: {lengths} kỳ', en: 'seasons of {lengths} periods' },
  planTet: { vi: 'tính Tết theo âm lịch', en: 'Tết on its lunar dates' },
  planWidened: { vi: 'khoảng dự báo nới rộng ×{factor} theo sai số kiểm tra ngược', en: 'intervals widened ×{factor} from the backtest errors' },
  planBacktest: { vi: 'Kiểm tra ngược', en: 'Backtest' },
  planBacktestSpan: {
    vi: '{origins, plural, other {# lần dự báo lại}}, {points, plural, other {# điểm}} kiểm tra',
    en: '{origins, plural, one {# origin} other {# origins}}, {points, plural, one {# point} other {# points}} held out',
  },
  planMape: { vi: 'Sai số % trung bình (MAPE)', en: 'Mean absolute % error (MAPE)' },
  planMase: { vi: 'Sai số so với lặp lại mùa trước (MASE)', en: 'Error vs seasonal naive (MASE)' },
  planBaselineMape: { vi: 'MAPE của cách lặp lại mùa trước', en: 'Seasonal-naive MAPE' },
  planCoverage: { vi: 'Tỷ lệ trúng khoảng 80\u00a0% / 95\u00a0%', en: 'Interval coverage 80\u00a0% / 95\u00a0%' },
  planMaseHint: { vi: 'dưới 1 là tốt hơn cách lặp lại mùa trước', en: 'below 1 beats the seasonal naive' },
  planVerdictOk: {
    vi: 'Dự báo đáng tin cậy: trong kiểm tra ngược mô hình sai trung bình {mape}\u00a0%, tốt hơn cách lặp lại mùa trước ({baseline}\u00a0%).',
    en: 'A usable forecast: in backtest the model was off by {mape}\u00a0% on average, better than the seasonal naive ({baseline}\u00a0%).',
  },
  planVerdictTooShort: {
    vi: 'Lịch sử quá ngắn để dự báo: có {have, plural, other {# kỳ}} số liệu, cần ít nhất {needed, plural, other {# kỳ}}.',
    en: 'The history is too short to forecast: {have, plural, one {# period} other {# periods}} of data, at least {needed, plural, one {# period} other {# periods}} needed.',
  },
  planVerdictTooShortPlain: { vi: 'Lịch sử quá ngắn để dự báo.', en: 'The history is too short to forecast.' },
  planVerdictTooNoisy: {
    vi: 'Số liệu biến động quá nhiều: trong kiểm tra ngược không mô hình nào dự báo tốt hơn cách lặp lại mùa trước (sai {mape}\u00a0% so với {baseline}\u00a0%). Chỉ nên xem dự báo như một mức tham khảo.',
    en: 'The data is too noisy: in backtest no model beat the seasonal naive (off by {mape}\u00a0% against {baseline}\u00a0%). Read the forecast as a rough guide only.',
  },

  // — target attainment (scorecard column, province page) —
  planAttainment: { vi: 'Khả năng đạt chỉ tiêu', en: 'Chance of reaching the target' },
  planAttainmentLikely: { vi: 'Có khả năng đạt', en: 'Likely' },
  planAttainmentAtRisk: { vi: 'Có nguy cơ không đạt', en: 'At risk' },
  planAttainmentUnlikely: { vi: 'Khó đạt', en: 'Unlikely' },
  planAttainmentUnknown: { vi: 'Chưa đủ số liệu để dự báo', en: 'Not enough data to forecast' },
  planAttainmentProbability: { vi: 'xác suất {p}\u00a0%', en: 'probability {p}\u00a0%' },
  planAttainmentRule: {
    vi: 'Có khả năng đạt: xác suất ≥ 70\u00a0%; khó đạt: ≤ 30\u00a0%; có nguy cơ không đạt: ở giữa.',
    en: 'Likely: probability ≥ 70\u00a0%; unlikely: ≤ 30\u00a0%; at risk: in between.',
  },
  planAttainmentTargetBy: { vi: 'chỉ tiêu {target} đến {by}', en: 'target {target} by {by}' },
  planAttainmentTitle: { vi: 'Khả năng đạt chỉ tiêu của {name}', en: 'Chance of {name} reaching its targets' },
  planAttainmentCaption: {
    vi: 'Từ phân bố dự báo của từng chỉ số: xác suất đạt chỉ tiêu vào ngày đích, giá trị dự kiến và khoảng 80\u00a0%. Các chỉ số có nguy cơ nhất ở trên.',
    en: 'From each KPI’s forecast distribution: the probability of reaching the target by its date, the expected value and its 80\u00a0% interval. The most at-risk KPIs come first.',
  },
  planAttainmentTarget: { vi: 'Chỉ tiêu', en: 'Target' },
  planAttainmentBy: { vi: 'Hạn', en: 'By' },
  planAttainmentExpected: { vi: 'Dự kiến', en: 'Expected' },
  planAttainmentInterval: { vi: 'Khoảng 80\u00a0%', en: '80\u00a0% interval' },
  planAttainmentOpen: { vi: 'Xem dự báo', en: 'Open the forecast' },
  planAttainmentNone: { vi: 'Không có chỉ số nào có chỉ tiêu để đánh giá.', en: 'No KPI with a target to judge.' },
} as const;
