/**
 * Every quarter of an hour: compares the stored forecasts with the actuals that arrived
 * (server/forecast/ownForecasts.ts), forecasts again every KPI at every province whose data moved
 * (the background forecast jobs, in worker threads; what did not move is a cache hit), and writes
 * what that measures (forecast_mape, forecasts_up_to_date per province). Monthly reports land over
 * days, so nothing needs it sooner. One pass at a time; a failure is logged and the next pass
 * tries again.
 */
import type { AppContext } from '../appContext';
import { forecastJobsOf } from '../forecast/forecastJobs';
import { recordOwnForecastingMeasures, scoreOwnForecasts } from '../forecast/ownForecasts';
import { SYSTEM_MEASURED_KPI_IDS } from '../../kpi-definitions';

/** Forecasts each indicator for the 34 provinces, one KPI after another; resolves how many series were computed afresh. */
async function refreshProvinceForecasts(app: AppContext): Promise<number> {
  const jobs = forecastJobsOf(app);
  const nation = app.orgUnits().nation;
  let computed = 0;
  for (const kpi of app.catalogue.measured) {
    if (SYSTEM_MEASURED_KPI_IDS.has(kpi.id)) continue;
    const spec = { kpiId: kpi.id, parentId: nation.id, level: 'province' as const };
    jobs.start(spec);
    computed += (await jobs.finished(spec))?.computed ?? 0;
  }
  return computed;
}

const INTERVAL_MS = 15 * 60_000;

export function scheduleForecastScoring(app: AppContext, intervalMs = INTERVAL_MS): () => void {
  let running = false;
  const pass = async () => {
    if (running) return;
    running = true;
    try {
      const scored = await scoreOwnForecasts(app);
      if (scored > 0) console.log(`[forecast] compared ${scored} stored forecasts with their actuals`);
      const refreshed = await refreshProvinceForecasts(app);
      if (refreshed > 0) console.log(`[forecast] forecast ${refreshed} province series whose data moved`);
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
