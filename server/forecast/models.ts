/**
 * The models a series may be forecast with, each run on the transformed scale (transforms.ts):
 * - `mstl_ets`: MSTL decomposition (one or more season lengths), its seasonally adjusted part
 *   forecast by AutoETS and the seasons carried forward (augurs);
 * - `auto_ets`: AutoETS without season (augurs);
 * - `seasonal_naive`: the baseline every model must beat: the value one season back, with the
 *   usual h-step interval σ·√k, σ from the in-sample seasonal differences, k = seasons ahead
 *   (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, §5.5). Ours: it is the
 *   yardstick of MASE, not a model to fit.
 */
import { newAutoEts, newMstlEts } from './augurs';

export type ModelId = 'mstl_ets' | 'auto_ets' | 'seasonal_naive';

/** Point forecast and 80 % / 95 % intervals, on the transformed scale, one entry per step ahead. */
export interface ModelForecast {
  point: number[];
  lo80: number[];
  hi80: number[];
  lo95: number[];
  hi95: number[];
}

export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

interface Predictor {
  predict(horizon: number, level?: number | null): { point: number[]; intervals: { lower: number[]; upper: number[] } | undefined };
  free(): void;
}

function fromLibrary(model: Predictor, y: readonly number[], horizon: number): ModelForecast {
  try {
    const f80 = model.predict(horizon, 0.8);
    const f95 = model.predict(horizon, 0.95);
    const point = f80.point;
    return {
      point,
      lo80: f80.intervals?.lower ?? point,
      hi80: f80.intervals?.upper ?? point,
      lo95: f95.intervals?.lower ?? point,
      hi95: f95.intervals?.upper ?? point,
    };
  } finally {
    model.free();
  }
}

function seasonalNaive(y: readonly number[], horizon: number, season: number): ModelForecast {
  const m = y.length > season ? season : 1;
  let sumSq = 0;
  for (let t = m; t < y.length; t++) sumSq += (y[t]! - y[t - m]!) ** 2;
  const sigma = y.length > m ? Math.sqrt(sumSq / (y.length - m)) : 0;
  const out: ModelForecast = { point: [], lo80: [], hi80: [], lo95: [], hi95: [] };
  for (let h = 1; h <= horizon; h++) {
    const p = y[y.length - m + ((h - 1) % m)]!;
    const s = sigma * Math.sqrt(Math.floor((h - 1) / m) + 1);
    out.point.push(p);
    out.lo80.push(p - Z80 * s);
    out.hi80.push(p + Z80 * s);
    out.lo95.push(p - Z95 * s);
    out.hi95.push(p + Z95 * s);
  }
  return out;
}

/**
 * Fits a model to `y` (transformed scale, evenly spaced, no gaps) and forecasts `horizon` steps.
 * `seasonLengths` are the MSTL seasons; the baseline uses the first (1 when there is none).
 */
export function runModel(id: ModelId, y: readonly number[], horizon: number, seasonLengths: readonly number[]): ModelForecast {
  switch (id) {
    case 'seasonal_naive':
      return seasonalNaive(y, horizon, seasonLengths[0] ?? 1);
    case 'auto_ets': {
      const model = newAutoEts();
      try {
        model.fit(Float64Array.from(y));
      } catch (err) {
        model.free();
        throw err;
      }
      return fromLibrary(model, y, horizon);
    }
    case 'mstl_ets': {
      const model = newMstlEts([...seasonLengths]);
      try {
        model.fit(Float64Array.from(y));
      } catch (err) {
        model.free();
        throw err;
      }
      return fromLibrary(model, y, horizon);
    }
  }
}
