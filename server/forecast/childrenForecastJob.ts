/**
 * One background job: a KPI forecast for every unit of a level under a parent (the 34 provinces;
 * a province's communes; all 3,321 communes), at the KPI's own frequency. The main thread reads
 * the histories (one read per parent: loadChildHistories, the same numbers forecast.series reads)
 * and keeps the database; the worker pool (forecastWorkerPool.ts) fits the models off the event
 * loop. Each result lands in the forecast cache under the key forecast.series reads, so it is
 * served from there until new data lands for that series (forecastCache.ts), and is stored as made
 * (ownForecasts.ts) like every forecast. Units whose forecast is cached are counted, not recomputed.
 */
import type { AppContext } from '../appContext';
import { appNow } from '../clock';
import { getDataVersion } from '../db/queries/dataVersion';
import type { Frequency, KpiDefinition } from '../../kpi-definitions/schema';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { AppError } from '../../shared/errors';
import type { ChildForecastRow, ChildrenForecasts, ForecastJobLevel } from '../../shared/forecast/types';
import { requireKpi, requireUnit } from '../services/kpiValues';
import { chunksOf, runChunks, type JobProgress } from './chunkedRun';
import { forecastCacheOf, type ChangeMark } from './forecastCache';
import { DEFAULT_HORIZON, MAX_HORIZON, seriesKey, type ComputedSeries } from './forecastService';
import type { SeriesOutcome, SeriesTask } from './forecastWorkerProtocol';
import type { ForecastWorkerPool } from './forecastWorkerPool';
import { recordForecasts, type MadeForecast } from './ownForecasts';
import { loadChildHistories, type LoadedHistory } from './seriesHistory';
import { transformFor } from './transforms';

export interface ChildrenForecastSpec {
  kpiId: string;
  parentId: number;
  level: ForecastJobLevel;
  horizon?: number;
}

/** A spec checked against the catalogue and the tree: the units, grouped by the parent they are read under. */
export interface ChildrenForecastPlan {
  kpi: KpiDefinition;
  parent: OrgUnit;
  level: ForecastJobLevel;
  frequency: Frequency;
  horizon: number;
  groups: Array<{ parent: OrgUnit; units: OrgUnit[] }>;
  total: number;
}

/**
 * Series per chunk sent to a worker: about a fifth of a second of engine time each (a monthly
 * series takes ~5 ms, a daily one with its yearly season and Tết ~110 ms, bench/forecast.ts), so
 * progress moves smoothly and a chunk's stored forecasts stay one statement (ownForecasts.ts).
 */
const CHUNK_SIZE: Record<Frequency, number> = { monthly: 32, quarterly: 32, daily: 2 };

const EMPTY: LoadedHistory = { history: [], periods: [], values: [] };

export function planChildrenForecast(app: AppContext, spec: ChildrenForecastSpec): ChildrenForecastPlan {
  const kpi = requireKpi(app, spec.kpiId);
  const parent = requireUnit(app, spec.parentId);
  const tree = app.orgUnits();
  const active = (units: readonly OrgUnit[]) => units.filter((u) => u.active);
  let groups: ChildrenForecastPlan['groups'];
  if (spec.level === 'province' && parent.level === 'nation') groups = [{ parent, units: active(tree.childrenOf(parent.id)) }];
  else if (spec.level === 'commune' && parent.level === 'province') groups = [{ parent, units: active(tree.childrenOf(parent.id)) }];
  else if (spec.level === 'commune' && parent.level === 'nation') groups = active(tree.provinces()).map((p) => ({ parent: p, units: active(tree.childrenOf(p.id)) }));
  else {
    throw new AppError('BAD_REQUEST', {
      vi: 'Chỉ dự báo được các tỉnh, thành phố của cả nước, hoặc các xã, phường của một tỉnh hay của cả nước',
      en: 'Only the nation’s provinces, or the communes of a province or of the nation, can be forecast together',
    });
  }
  const horizon = Math.min(MAX_HORIZON[kpi.frequency], spec.horizon ?? DEFAULT_HORIZON[kpi.frequency]);
  return { kpi, parent, level: spec.level, frequency: kpi.frequency, horizon, groups, total: groups.reduce((n, g) => n + g.units.length, 0) };
}

interface Item {
  unit: OrgUnit;
  loaded: LoadedHistory;
  /** when its history was read (the app's clock), and the cache's count of changes before */
  at: Date;
  started: ChangeMark;
}

function taskOf(plan: ChildrenForecastPlan, item: Item): SeriesTask {
  const { periods, values } = item.loaded;
  return { frequency: plan.frequency, periods, values, transform: transformFor(plan.kpi, values).id, horizon: plan.horizon };
}

/** Runs a planned job to its end, counting every unit in `progress`; rejects only when the database fails. */
export async function runChildrenForecast(app: AppContext, plan: ChildrenForecastPlan, progress: JobProgress, pool: ForecastWorkerPool): Promise<void> {
  const cache = forecastCacheOf(app);
  const version = await getDataVersion(app.db);
  const keyOf = (unit: OrgUnit) => seriesKey(app, plan.kpi, unit, plan.frequency, plan.horizon);

  // a group's histories are read when the pool is ready for its first chunk (runChunks draws on demand)
  async function* chunks(): AsyncGenerator<Item[]> {
    for (const group of plan.groups) {
      const todo = group.units.filter((u) => cache.peek(keyOf(u), version) === undefined);
      progress.add('fromCache', group.units.length - todo.length);
      if (todo.length === 0) continue;
      const started = cache.mark();
      const at = appNow();
      const histories = await loadChildHistories(app, plan.kpi, group.parent, plan.frequency, at);
      yield* chunksOf(
        todo.map((unit) => ({ unit, loaded: histories?.get(unit.id) ?? EMPTY, at, started })),
        CHUNK_SIZE[plan.frequency],
      );
    }
  }

  await runChunks(chunks(), {
    // one chunk waiting in the pool's queue per thread, so no thread idles while the main thread stores
    maxInFlight: pool.size + 1,
    run: (items) => pool.run(items.map((item) => taskOf(plan, item))),
    settle: async (items, outcome) => {
      if (!outcome.ok) {
        console.error(`[forecast] a chunk of ${items.length} ${plan.kpi.id} forecasts failed in the worker:`, outcome.error);
        progress.add('failed', items.length);
        return;
      }
      const made: MadeForecast[] = [];
      items.forEach((item, i) => {
        const o: SeriesOutcome = outcome.value[i] ?? { ok: false, error: 'no answer from the worker' };
        if (!o.ok) {
          console.error(`[forecast] ${plan.kpi.id} at unit ${item.unit.id} failed in the worker: ${o.error}`);
          progress.add('failed');
          return;
        }
        const computed: ComputedSeries = { loaded: item.loaded, result: o.result, at: item.at };
        cache.store(keyOf(item.unit), version, item.started, computed);
        made.push({ kpi: plan.kpi, unit: item.unit, frequency: plan.frequency, origin: item.loaded.periods.at(-1), result: o.result, madeAt: item.at, version });
      });
      await recordForecasts(app, made);
      progress.add('computed', made.length);
    },
  });
}

function rowOf(unit: OrgUnit, c: ComputedSeries): ChildForecastRow {
  return {
    orgUnitId: unit.id,
    code: unit.code,
    name: unit.name,
    verdict: c.result.verdict,
    model: c.result.model?.id ?? null,
    last: c.loaded.history.at(-1) ?? null,
    end: c.result.forecast.at(-1) ?? null,
    mape: c.result.backtest?.mape ?? null,
  };
}

/** The job's results as cached now: a unit whose data changed since is left out until forecast again. */
export async function getChildrenForecasts(app: AppContext, spec: ChildrenForecastSpec): Promise<ChildrenForecasts> {
  const plan = planChildrenForecast(app, spec);
  const cache = forecastCacheOf(app);
  const version = await getDataVersion(app.db);
  const rows: ChildForecastRow[] = [];
  for (const g of plan.groups) {
    for (const unit of g.units) {
      const c = cache.peek<ComputedSeries>(seriesKey(app, plan.kpi, unit, plan.frequency, plan.horizon), version);
      if (c) rows.push(rowOf(unit, c));
    }
  }
  return { kpiId: plan.kpi.id, frequency: plan.frequency, horizon: plan.horizon, total: plan.total, rows };
}
