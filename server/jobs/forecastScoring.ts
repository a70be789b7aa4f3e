/**
 * Compares the stored forecasts with the actuals that arrived (server/forecast/ownForecasts.ts)
 * and writes what that measures (forecast_mape, forecasts_up_to_date per province), every quarter
 * of an hour: monthly reports land over days, so nothing needs it sooner. One pass at a time; a
 * failure is logged and the next pass tries again.
 */
import type { AppContext } from '../appContext';
import { recordOwnForecastingMeasures, scoreOwnForecasts } from '../forecast/ownForecasts';

const INTERVAL_MS = 15 * 60_000;

export function scheduleForecastScoring(app: AppContext, intervalMs = INTERVAL_MS): () => void {
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      const scored = await scoreOwnForecasts(app);
      if (scored > 0) console.log(`[forecast] compared ${scored} stored forecasts with their actuals`);
      const measured = await recordOwnForecastingMeasures(app);
      if (measured > 0) console.log(`[forecast] wrote ${measured} values of the system's own forecasting KPIs`);
    } catch (err) {
      console.error('[forecast] scoring the stored forecasts failed; the next pass retries:', err);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void pass(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
