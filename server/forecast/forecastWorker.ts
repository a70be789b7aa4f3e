/**
 * The forecast worker thread: runs the engine (forecastSeries, augurs' WASM fits: CPU-bound, tens
 * of milliseconds a monthly series, about a second a daily one) on the chunks the main thread sends,
 * so that the event loop serving pages and sockets never waits for a fit. It has no database: the
 * main thread reads the histories and stores the results (childrenForecastJob.ts).
 */
import { parentPort } from 'node:worker_threads';
import { forecastSeries } from './forecastSeries';
import type { ForecastReply, ForecastRequest, SeriesOutcome } from './forecastWorkerProtocol';
import { TRANSFORMS } from './transforms';

function outcomeOf(task: ForecastRequest['series'][number]): SeriesOutcome {
  try {
    return { ok: true, result: forecastSeries({ ...task, transform: TRANSFORMS[task.transform] }) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

parentPort!.on('message', (req: ForecastRequest) => {
  const reply: ForecastReply = { taskId: req.taskId, outcomes: req.series.map(outcomeOf) };
  parentPort!.postMessage(reply);
});
