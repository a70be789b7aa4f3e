/**
 * Forecasts and target attainment (issue 9), public reads like values.*: the numbers they stand on
 * are the public dashboards'. The work is in server/forecast/; the shapes are shared/forecast/types.ts.
 */
import { z } from 'zod';
import { FREQUENCIES } from '../../../kpi-definitions/schema';
import { getChildrenForecasts } from '../../forecast/childrenForecastJob';
import { forecastJobsOf } from '../../forecast/forecastJobs';
import { getAttainment, getAttainmentByChildren, getForecast } from '../../forecast/forecastService';
import { authenticatedProcedure, createTRPCRouter, publicProcedure } from '../init';

const kpiId = z.string().min(1).max(64);
const orgUnitId = z.number().int().nonnegative();

const historyPoint = z.object({ period: z.date(), value: z.number() });
const forecastPoint = z.object({ period: z.date(), mean: z.number(), lo80: z.number(), hi80: z.number(), lo95: z.number(), hi95: z.number() });
const forecastModel = z.object({
  id: z.string(),
  transform: z.enum(['none', 'log', 'logit']),
  seasonLengths: z.array(z.number()),
  tet: z.boolean(),
  intervalWidening: z.number(),
  intervalWidening95: z.number().optional(),
});
const backtestScore = z.object({
  origins: z.number().int(),
  points: z.number().int(),
  mape: z.number(),
  mase: z.number(),
  baselineMape: z.number(),
  coverage80: z.number(),
  coverage95: z.number(),
});
const verdict = z.enum(['ok', 'too_short', 'too_noisy']);

/** forecast.series: ForecastResult */
export const forecastResultOutput = z.object({
  kpiId: z.string(),
  frequency: z.enum(FREQUENCIES),
  horizon: z.number().int(),
  asOf: z.date(),
  units: z.array(
    z.object({
      orgUnitId: z.number().int(),
      verdict,
      history: z.array(historyPoint),
      forecast: z.array(forecastPoint),
      model: forecastModel.nullable(),
      backtest: backtestScore.nullable(),
      needed: z.number().int().optional(),
    }),
  ),
});

/** forecast.attainment and forecast.attainmentByChildren: Attainment[] */
export const attainmentOutput = z.array(
  z.object({
    kpiId: z.string(),
    orgUnitId: z.number().int(),
    target: z.number(),
    by: z.date(),
    probability: z.number().nullable(),
    verdict: z.enum(['likely', 'at_risk', 'unlikely']).nullable(),
    expected: z.number().nullable(),
    lo80: z.number().nullable(),
    hi80: z.number().nullable(),
  }),
);

/** A background job over every unit of a level under a parent (server/forecast/forecastJobs.ts). */
const childrenJobInput = z.object({
  kpiId,
  parentId: orgUnitId,
  level: z.enum(['province', 'commune']),
  horizon: z.number().int().min(1).max(90).optional(),
});

/** forecast.childrenJob and forecast.childrenJobStatus: ForecastJobStatus */
const jobStatusOutput = z.object({
  kpiId: z.string(),
  parentId: z.number().int(),
  level: z.enum(['province', 'commune']),
  horizon: z.number().int(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number().int(),
  done: z.number().int(),
  computed: z.number().int(),
  fromCache: z.number().int(),
  failed: z.number().int(),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
});

/** forecast.childrenForecasts: ChildrenForecasts */
const childrenForecastsOutput = z.object({
  kpiId: z.string(),
  frequency: z.enum(FREQUENCIES),
  horizon: z.number().int(),
  total: z.number().int(),
  rows: z.array(
    z.object({
      orgUnitId: z.number().int(),
      code: z.string(),
      name: z.string(),
      verdict,
      model: z.string().nullable(),
      last: historyPoint.nullable(),
      end: forecastPoint.nullable(),
      mape: z.number().nullable(),
    }),
  ),
});

export const forecastRouter = createTRPCRouter({
  /** One KPI for 1–8 units: history, forecast with 80 %/95 % intervals, model and backtest. */
  series: publicProcedure
    .input(z.object({ kpiId, orgUnitIds: z.array(orgUnitId).min(1).max(8), horizon: z.number().int().min(1).max(90).optional() }))
    .output(forecastResultOutput)
    .query(({ ctx, input }) => getForecast(ctx.app, input)),

  /** The chance of reaching each target (all KPIs, or those named) for one unit. */
  attainment: publicProcedure
    .input(z.object({ orgUnitId, kpiIds: z.array(kpiId).min(1).max(100).optional() }))
    .output(attainmentOutput)
    .query(({ ctx, input }) => getAttainment(ctx.app, input)),

  /** The chance of reaching a target (one KPI, or all) for every child of a unit: the scorecard's column. */
  attainmentByChildren: publicProcedure
    .input(z.object({ parentId: orgUnitId, kpiId: kpiId.optional() }))
    .output(attainmentOutput)
    .query(({ ctx, input }) => getAttainmentByChildren(ctx.app, input)),

  /**
   * Starts forecasting a KPI for every unit of a level under a parent in the background (all
   * communes of a province, all provinces, all communes), or joins the job already running for
   * it. Signed-in users only: it spends worker time, and stores the forecasts it makes.
   */
  childrenJob: authenticatedProcedure
    .input(childrenJobInput)
    .output(jobStatusOutput)
    .mutation(({ ctx, input }) => forecastJobsOf(ctx.app).start(input)),

  /** The job's progress (done of total), null when it was never started; polled while it runs. */
  childrenJobStatus: publicProcedure
    .input(childrenJobInput)
    .output(jobStatusOutput.nullable())
    .query(({ ctx, input }) => forecastJobsOf(ctx.app).status(input)),

  /** The job's results: every unit whose forecast is cached (data landed since leaves a unit out). */
  childrenForecasts: publicProcedure
    .input(childrenJobInput)
    .output(childrenForecastsOutput)
    .query(({ ctx, input }) => getChildrenForecasts(ctx.app, input)),
});
