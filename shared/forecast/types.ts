/**
 * The forecast contract between the server (server/forecast/, the `forecast` tRPC router) and the
 * planner views (/plan, the scorecard's attainment column, the province page). Values are in the
 * KPI's own unit (percent for ratios, hours, points …); periods are the start instants of the KPI's
 * periods (see shared/domain/periods.ts), carried as Date through superjson.
 */

/** Why a series gets no forecast, or what the view should say beside one. */
export type ForecastVerdict =
  | 'ok'
  /** fewer periods of history than the models need (the view says how many it has and needs) */
  | 'too_short'
  /** the best model does not beat the seasonal-naive baseline in backtest (its MAE ≥ the baseline's over the same held-out points) */
  | 'too_noisy';

export interface HistoryPoint {
  period: Date;
  value: number;
}

export interface ForecastPoint {
  period: Date;
  /** point forecast (median on the original scale when fitted on log/logit) */
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

/** Rolling-origin backtest on the unit's own history (one step … horizon ahead). */
export interface BacktestScore {
  /** number of forecast origins and of held-out points scored */
  origins: number;
  points: number;
  /** mean absolute percentage error of the chosen model, percent */
  mape: number;
  /** mean absolute scaled error against the seasonal-naive baseline's in-sample error */
  mase: number;
  /** the seasonal-naive baseline's MAPE over the same held-out points */
  baselineMape: number;
  /** share (0–1) of held-out points inside the calibrated 80 % / 95 % intervals */
  coverage80: number;
  coverage95: number;
}

export interface ForecastModel {
  /** e.g. 'mstl_ets', 'auto_ets', 'seasonal_naive' */
  id: string;
  /** how the series was transformed before fitting */
  transform: 'none' | 'log' | 'logit';
  /** periods per season used (12 monthly, 7 and 365.25 daily …), empty when non-seasonal */
  seasonLengths: number[];
  /** true when a Tết holiday effect (real lunar dates) is part of the model */
  tet: boolean;
  /** factor the library's intervals were widened by to calibrate them (1 = unchanged); the 80 % one */
  intervalWidening: number;
  /** the 95 % interval's own widening factor (server/forecast/calibration.ts) */
  intervalWidening95?: number;
}

export interface UnitForecast {
  orgUnitId: number;
  verdict: ForecastVerdict;
  history: HistoryPoint[];
  /** empty when verdict is 'too_short' */
  forecast: ForecastPoint[];
  model: ForecastModel | null;
  backtest: BacktestScore | null;
  /** periods of history the models need, when verdict is 'too_short' */
  needed?: number;
}

export interface ForecastResult {
  kpiId: string;
  frequency: 'daily' | 'monthly' | 'quarterly';
  horizon: number;
  /** the newest data the forecast saw (the data version's time) */
  asOf: Date;
  units: UnitForecast[];
}

/** likely ≥ 70 %, unlikely ≤ 30 %, at risk in between ("khả năng đạt chỉ tiêu"). */
export type AttainmentVerdict = 'likely' | 'at_risk' | 'unlikely';

export interface Attainment {
  kpiId: string;
  orgUnitId: number;
  target: number;
  /** the target date (the definition's `by`, else the end of the current year) */
  by: Date;
  /** null when there is no forecast (too short) */
  probability: number | null;
  verdict: AttainmentVerdict | null;
  /** the forecast value the target is judged on at `by` (annual/cumulative where the KPI says so) */
  expected: number | null;
  lo80: number | null;
  hi80: number | null;
}

export function attainmentVerdict(probability: number): AttainmentVerdict {
  if (probability >= 0.7) return 'likely';
  if (probability <= 0.3) return 'unlikely';
  return 'at_risk';
}

/** The units a background forecast job covers under its parent: the nation's provinces, or communes (a province's, or all). */
export type ForecastJobLevel = 'province' | 'commune';

/** A background job forecasting one KPI for every unit of a level under a parent (forecast.childrenJob). */
export interface ForecastJobStatus {
  kpiId: string;
  parentId: number;
  level: ForecastJobLevel;
  horizon: number;
  /** queued: waiting for a running job to end (two run at once) */
  state: 'queued' | 'running' | 'done' | 'failed';
  /** units covered; done = computed + fromCache + failed, and reaches total when the job ends */
  total: number;
  done: number;
  computed: number;
  fromCache: number;
  failed: number;
  startedAt: Date;
  finishedAt: Date | null;
}

/** One unit's forecast, as the job's results table shows it. */
export interface ChildForecastRow {
  orgUnitId: number;
  code: string;
  name: string;
  verdict: ForecastVerdict;
  /** the model chosen, null when too short */
  model: string | null;
  /** the newest reported value */
  last: HistoryPoint | null;
  /** the forecast at the end of the horizon */
  end: ForecastPoint | null;
  /** the backtest's MAPE, percent */
  mape: number | null;
}

export interface ChildrenForecasts {
  kpiId: string;
  frequency: 'daily' | 'monthly' | 'quarterly';
  horizon: number;
  /** units covered */
  total: number;
  /** the units whose forecast is cached (new data has not landed for it since), in the tree's order */
  rows: ChildForecastRow[];
}
