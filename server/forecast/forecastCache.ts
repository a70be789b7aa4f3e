/**
 * Forecasts kept until new data lands for their series. An entry is good while either
 * - the data version (server/db/queries/dataVersion.ts) is the one it was computed at, or
 * - the bus has been heard since before it was computed, and no `changed` event touching its KPI
 *   and unit has arrived since (server/realtime/announceChange.ts delivers every committed write,
 *   this instance's and, in server mode, the others'). A landed batch then clears only the series
 *   it touched: its KPIs (and the composites built on them) at the nation, at the provinces it
 *   names and at their communes; the other series stay cached.
 * A computation that overlaps a change is kept only under the first rule (its data may be older
 * than the change). One cache per database, on globalThis: Next's bundle and the custom server are
 * separate module graphs, and a write heard by one must clear the entries of both.
 */
import type { AppContext } from '../appContext';
import type { Db } from '../db/db';
import type { Change } from '../realtime/bus';

interface Entry {
  version: string;
  /** computed with no change heard meanwhile: the bus alone can tell when it goes stale */
  busTrusted: boolean;
  value: unknown;
}

/** What a cached series stands on: a KPI (and the KPIs a composite is built from) at a unit. */
export interface SeriesKey {
  kpiId: string;
  /** the measured KPIs whose data it reads (the KPI itself, or a composite's components) */
  dependsOn: readonly string[];
  orgUnitId: number;
  /** the unit's province; null for the nation */
  provinceId: number | null;
  /** anything else the value depends on (horizon, frequency) */
  variant: string;
}

/** The cache's count of changes heard when a computation started. */
export interface ChangeMark {
  readonly changes: number;
}

export class ForecastCache {
  private readonly entries = new Map<string, Entry & { key: SeriesKey }>();
  /** changes heard; a computation that starts and ends at the same count saw none */
  private changes = 0;
  /** values computed (misses), for tests and the benchmark */
  computed = 0;

  static keyOf(k: SeriesKey): string {
    return `${k.kpiId}|${k.orgUnitId}|${k.variant}`;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached value, or computes, stores and returns it. */
  async getOrCompute<T>(key: SeriesKey, version: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.peek<T>(key, version);
    if (hit !== undefined) return hit;
    const started = this.mark();
    const value = await compute();
    this.store(key, version, started, value);
    return value;
  }

  private readonly inFlight = new Map<string, Promise<unknown>>();

  /**
   * One computation for callers asking the same thing at once (the scorecard's HTML, which waits
   * for its attainment column only so long, and the browser asking for it next): the second joins
   * the first instead of forecasting every province again. `id` names the question and the data
   * version it is asked at.
   */
  share<T>(id: string, compute: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(id);
    if (running) return running as Promise<T>;
    const started = compute().finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, started);
    return started;
  }

  /** The cached value when it is still good at `version`, else undefined. */
  peek<T>(key: SeriesKey, version: string): T | undefined {
    const hit = this.entries.get(ForecastCache.keyOf(key));
    return hit && (hit.version === version || hit.busTrusted) ? (hit.value as T) : undefined;
  }

  /** Taken before a computation that is stored later (`store`): tells whether a change overlapped it. */
  mark(): ChangeMark {
    return { changes: this.changes };
  }

  /**
   * Stores a value computed elsewhere (the background worker) from data read after `started`;
   * the same rules as getOrCompute's own computations.
   */
  store(key: SeriesKey, version: string, started: ChangeMark, value: unknown): void {
    this.computed++;
    this.entries.set(ForecastCache.keyOf(key), { key, version, busTrusted: this.changes === started.changes, value });
  }

  /** Drops the entries a change touches. */
  onChange(change: Change): void {
    if (change.kind !== 'measurementsLanded' && change.kind !== 'reportStatusChanged') return;
    this.changes++;
    const kpis = new Set(change.kpiIds);
    const provinces = new Set(change.provinceIds);
    for (const [id, entry] of this.entries) {
      const k = entry.key;
      if (!k.dependsOn.some((d) => kpis.has(d))) continue;
      if (k.provinceId === null || provinces.has(k.provinceId)) this.entries.delete(id);
    }
  }

  clear(): void {
    this.entries.clear();
  }
}

const holder = globalThis as typeof globalThis & { __lienthongForecastCaches?: WeakMap<Db, ForecastCache> };

/** The database's forecast cache, listening to the app's bus from its creation on. */
export function forecastCacheOf(app: Pick<AppContext, 'db' | 'bus'>): ForecastCache {
  holder.__lienthongForecastCaches ??= new WeakMap();
  let cache = holder.__lienthongForecastCaches.get(app.db);
  if (!cache) {
    const created = new ForecastCache();
    app.bus.on('changed', (change) => created.onChange(change));
    holder.__lienthongForecastCaches.set(app.db, created);
    cache = created;
  }
  return cache;
}
