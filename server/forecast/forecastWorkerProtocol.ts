/**
 * The messages between the main thread and the forecast worker (forecastWorker.ts). A series goes
 * out as forecastSeries' input with its transform named (functions do not cross threads); Dates
 * and arrays cross as they are (structured clone).
 */
import type { SeriesForecast, SeriesToForecast } from './forecastSeries';
import type { TransformId } from './transforms';

export type SeriesTask = Omit<SeriesToForecast, 'transform'> & { transform: TransformId };

/** One series' forecast, or why the engine failed on it (the others of its chunk are unaffected). */
export type SeriesOutcome = { ok: true; result: SeriesForecast } | { ok: false; error: string };

export interface ForecastRequest {
  taskId: number;
  series: SeriesTask[];
}

export interface ForecastReply {
  taskId: number;
  /** in the order of the request's series */
  outcomes: SeriesOutcome[];
}
