/**
 * The forecasting engine for one series (pure: no I/O). Given a KPI's evenly spaced history on its
 * own scale, it
 * 1. says 'too_short' when the history cannot support a backtest (and how many periods it needs);
 * 2. runs a rolling-origin backtest of every candidate model on the unit's own history (origins in
 *    the last part of the history, each forecasting up to the horizon ahead) and keeps the one with
 *    the lowest mean absolute error; its MAPE and MASE (against the seasonal-naive in-sample error)
 *    are reported beside the seasonal-naive baseline's MAPE over the same held-out points;
 * 3. calibrates the chosen model's 80 % / 95 % intervals from its backtest misses (calibration.ts);
 * 4. fits it to the whole history and forecasts, back on the KPI's scale;
 * 5. says 'too_noisy' when no model beats the seasonal-naive baseline over the backtest's held-out
 *    points (the baseline itself has the lowest error, or its error is equalled): the view shows the
 *    forecast but warns that it is no better than "same as a season ago". (MASE, scaled by the
 *    baseline's one-season in-sample error, is reported beside it; on multi-step backtests of
 *    noisy daily series it often exceeds 1 even where the model does beat the baseline.)
 */
import type { Frequency } from '../../kpi-definitions/schema';
import { addPeriods, periodUnitOf } from '../../shared/domain/periods';
import type { BacktestScore, ForecastModel, ForecastPoint, ForecastVerdict } from '../../shared/forecast/types';
import { coverageAt, intervalUnits, wideningFactor, widen } from './calibration';
import { mape, mase, meanAbsoluteError, seasonalNaiveScale } from './metrics';
import { runModel, type ModelForecast, type ModelId } from './models';
import { estimateTetEffect, tetEffectAt } from './tetEffect';
import type { Transform } from './transforms';

export interface SeriesToForecast {
  frequency: Frequency;
  /** period starts, evenly spaced at the frequency, oldest first, no gaps */
  periods: readonly Date[];
  /** values on the KPI's own scale */
  values: readonly number[];
  transform: Transform;
  horizon: number;
}

export interface CandidateScore {
  id: ModelId;
  mae: number;
  mape: number;
  mase: number;
}

export interface SeriesForecast {
  verdict: ForecastVerdict;
  needed?: number;
  model: ForecastModel | null;
  backtest: BacktestScore | null;
  forecast: ForecastPoint[];
  /** every candidate's backtest error (the chosen one is the lowest MAE) */
  candidates: CandidateScore[];
  /** the calibrated forecast on the transformed scale (target attainment reads its spread) */
  transformed: ModelForecast | null;
  /** backtest coverage of the library's own intervals, before widening */
  rawCoverage80: number;
  rawCoverage95: number;
}

interface FrequencyPlan {
  /** the baseline's season and MASE's lag */
  season: number;
  /** MSTL's seasons when the training history holds two of each */
  seasons: number[];
  /** the shortest history a backtest origin trains on */
  minTrain: number;
  /** the fewest held-out periods after the first origin */
  minHeldOut: number;
  /** forecast origins of the backtest */
  origins: number;
  /** whether a Tết effect is modelled */
  tet: boolean;
}

const PLANS: Record<Frequency, FrequencyPlan> = {
  monthly: { season: 12, seasons: [12], minTrain: 12, minHeldOut: 6, origins: 4, tet: false },
  quarterly: { season: 4, seasons: [4], minTrain: 8, minHeldOut: 4, origins: 4, tet: false },
  // daily: a week; the year only with two whole years before the first origin; Tết as a holiday
  daily: { season: 7, seasons: [7, 365], minTrain: 56, minHeldOut: 28, origins: 3, tet: true },
};

/** Periods of history a frequency needs before it is forecast at all. */
export function periodsNeeded(frequency: Frequency): number {
  return PLANS[frequency].minTrain + PLANS[frequency].minHeldOut;
}

interface Candidate {
  id: ModelId;
  seasonLengths: number[];
  tet: boolean;
}

/** Fits one candidate to a training history and forecasts `h` steps, on the transformed scale. */
function forecastWith(c: Candidate, periods: readonly Date[], z: readonly number[], future: readonly Date[]): { f: ModelForecast; tet: boolean } {
  const effect = c.tet ? estimateTetEffect(periods, z) : null;
  const past = effect ? tetEffectAt(effect, periods) : null;
  const adjusted = past ? z.map((v, i) => v - past[i]!) : z;
  const f = runModel(c.id, adjusted, future.length, c.seasonLengths);
  if (!effect) return { f, tet: false };
  const ahead = tetEffectAt(effect, future);
  const add = (xs: number[]) => xs.map((v, i) => v + ahead[i]!);
  return { f: { point: add(f.point), lo80: add(f.lo80), hi80: add(f.hi80), lo95: add(f.lo95), hi95: add(f.hi95) }, tet: true };
}

function futurePeriods(last: Date, frequency: Frequency, h: number): Date[] {
  return Array.from({ length: h }, (_, i) => addPeriods(last, periodUnitOf(frequency), i + 1));
}

interface Backtest {
  actual: number[];
  predicted: number[];
  units80: number[];
  units95: number[];
  baseline: number[];
  origins: number;
}

export function forecastSeries(s: SeriesToForecast): SeriesForecast {
  const plan = PLANS[s.frequency];
  const n = s.values.length;
  const needed = periodsNeeded(s.frequency);
  const empty = { forecast: [], candidates: [], transformed: null, rawCoverage80: 0, rawCoverage95: 0 };
  if (n < needed) return { verdict: 'too_short', needed, model: null, backtest: null, ...empty };

  const z = s.values.map(s.transform.forward);
  const back = (v: number) => s.transform.inverse(v);

  // Origins: the last `origins` starts, spaced evenly (at most a horizon apart) over the history
  // after the shortest training window. MSTL joins when every origin trains on two of its seasons.
  const seasonsFor = (train: number) => plan.seasons.filter((m) => train >= 2 * m);
  const mstlFirst = 2 * Math.min(...plan.seasons);
  const firstOrigin = n - mstlFirst >= plan.minHeldOut ? Math.max(plan.minTrain, mstlFirst) : plan.minTrain;
  const step = Math.max(1, Math.min(s.horizon, Math.floor((n - firstOrigin) / plan.origins)));
  const origins: number[] = [];
  for (let k = plan.origins; k >= 1; k--) if (n - k * step >= firstOrigin) origins.push(n - k * step);
  const mstlSeasons = seasonsFor(origins[0]!);
  const candidates: Candidate[] = [
    { id: 'seasonal_naive', seasonLengths: [plan.season], tet: false },
    { id: 'auto_ets', seasonLengths: [], tet: plan.tet },
    ...(mstlSeasons.length ? [{ id: 'mstl_ets' as const, seasonLengths: mstlSeasons, tet: plan.tet }] : []),
  ];

  const backtests = new Map<ModelId, Backtest>();
  for (const c of candidates) {
    const bt: Backtest = { actual: [], predicted: [], units80: [], units95: [], baseline: [], origins: 0 };
    for (const o of origins) {
      const h = Math.min(s.horizon, n - o);
      const future = s.periods.slice(o, o + h);
      let f: ModelForecast;
      try {
        f = forecastWith(c, s.periods.slice(0, o), z.slice(0, o), future).f;
      } catch {
        continue; // the library refused this window (too flat, too short): the origin is not scored
      }
      bt.origins++;
      for (let i = 0; i < h; i++) {
        bt.actual.push(s.values[o + i]!);
        bt.predicted.push(back(f.point[i]!));
        bt.units80.push(intervalUnits(z[o + i]!, f.point[i]!, f.lo80[i]!, f.hi80[i]!));
        bt.units95.push(intervalUnits(z[o + i]!, f.point[i]!, f.lo95[i]!, f.hi95[i]!));
      }
    }
    if (bt.origins > 0) backtests.set(c.id, bt);
  }
  const scale = seasonalNaiveScale(s.values, plan.season);
  const scores: CandidateScore[] = [...backtests].map(([id, bt]) => {
    const mae = meanAbsoluteError(bt.actual, bt.predicted);
    return { id, mae, mape: mape(bt.actual, bt.predicted), mase: mase(mae, scale) };
  });
  const baselineScore = scores.find((c) => c.id === 'seasonal_naive')!;
  // lowest error wins; on a tie the simpler model (candidates are listed simplest first)
  const best = scores.reduce((a, b) => (b.mae < a.mae - 1e-12 ? b : a));
  const chosen = candidates.find((c) => c.id === best.id)!;
  const bt = backtests.get(best.id)!;
  const k80 = wideningFactor(bt.units80, 0.8);
  const k95 = wideningFactor(bt.units95, 0.95);

  const last = s.periods.at(-1)!;
  const future = futurePeriods(last, s.frequency, s.horizon);
  const finalSeasons = chosen.id === 'mstl_ets' ? seasonsFor(n) : chosen.seasonLengths;
  const fitted = forecastWith({ ...chosen, seasonLengths: finalSeasons }, s.periods, z, future);
  const calibrated = widen(fitted.f, k80, k95);
  const forecast: ForecastPoint[] = future.map((period, i) => ({
    period,
    mean: back(calibrated.point[i]!),
    lo80: back(calibrated.lo80[i]!),
    hi80: back(calibrated.hi80[i]!),
    lo95: back(calibrated.lo95[i]!),
    hi95: back(calibrated.hi95[i]!),
  }));

  return {
    verdict: best.mae >= baselineScore.mae - 1e-12 ? 'too_noisy' : 'ok',
    model: { id: chosen.id, transform: s.transform.id, seasonLengths: finalSeasons, tet: fitted.tet, intervalWidening: k80, intervalWidening95: k95 },
    backtest: {
      origins: bt.origins,
      points: bt.actual.length,
      mape: best.mape,
      mase: best.mase,
      baselineMape: baselineScore.mape,
      coverage80: coverageAt(bt.units80, k80),
      coverage95: coverageAt(bt.units95, k95),
    },
    forecast,
    candidates: scores,
    transformed: calibrated,
    rawCoverage80: coverageAt(bt.units80, 1),
    rawCoverage95: coverageAt(bt.units95, 1),
  };
}
