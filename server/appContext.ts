/**
 * What every request handler, job and socket needs: the database, the KPI catalogue, the org-unit
 * tree and the event bus. Created once per process by main.ts (or by a test) and kept on
 * globalThis, because Next bundles app/ code apart from the custom server's modules and both must
 * share one embedded database.
 */
import { randomUUID } from 'node:crypto';
import { kpiCatalogue, type KpiCatalogue } from '../kpi-definitions';
import type { Db } from './db/db';
import { loadOrgUnits } from './db/queries/orgUnits';
import { OrgUnitTree } from '../shared/domain/orgUnitTree';
import { EARLIEST_MEASUREMENT } from '../shared/domain/validateMeasurementBatch';
import { SignInThrottle } from './auth/signInThrottle';
import { TokenBucketLimiter } from './http/rateLimit';
import { OpenDataCache } from './services/openDataCache';
import { ReadCache, topicsOfChange } from './services/readCache';
import { getDataVersion } from './db/queries/dataVersion';
import { getEventBus, type EventBus } from './realtime/bus';

/** Requests per API token to the ingestion entry points: a steady 20 a second, 40 at once after a pause. */
export const MEASUREMENTS_RATE_LIMIT = { ratePerSecond: 20, burst: 40 } as const;

/** Requests per client address to the open-data API (/api/v1/open): a steady 5 a second, 30 at once after a pause. */
export const OPEN_DATA_RATE_LIMIT = { ratePerSecond: 5, burst: 30 } as const;

export interface AppContextOptions {
  /** the earliest measurement time accepted; older rows are refused as mistyped */
  earliestMeasurement?: Date;
  /** the clock of the rate limiters (tests pass a fixed one); ms */
  now?: () => number;
  /** the address people open (PUBLIC_URL); https makes cookies Secure */
  publicUrl?: string;
  /** reverse proxies in front of the app whose X-Forwarded-For is believed (TRUST_PROXY_HOPS) */
  trustProxyHops?: number;
  /**
   * keep read results per data version (the running server); off, every read asks the database
   * (tests that write behind the bus, with plain SQL, read what they wrote)
   */
  cacheReads?: boolean;
}

export interface AppContext {
  db: Db;
  catalogue: KpiCatalogue;
  bus: EventBus;
  /** names this instance in announcements between instances (server/realtime/announceChange.ts) */
  instanceId: string;
  /** the current tree; replaced by `reloadOrgUnits` after an import */
  orgUnits(): OrgUnitTree;
  reloadOrgUnits(): Promise<void>;
  /** the earliest measurement time accepted */
  earliestMeasurement: Date;
  /**
   * one budget per API token, shared by POST /api/v1/measurements and tRPC measurements.ingest,
   * so that a system cannot double its rate by switching entry point
   */
  ingestLimiter: TokenBucketLimiter;
  /** one budget per client address for the public open-data API */
  openDataLimiter: TokenBucketLimiter;
  /** open-data tables computed, kept while the data is unchanged */
  openDataCache: OpenDataCache;
  /** the dashboards' read results per data version (services/readCache.ts); undefined: not cached */
  readCache: ReadCache | undefined;
  /** slows password guessing per address, per address and username, and per username */
  signInThrottle: SignInThrottle;
  /** cookies are Secure whatever the request says: the public address is https */
  secureCookies: boolean;
  /** reverse proxies in front of the app (server/http/clientAddress.ts) */
  trustProxyHops: number;
}

export async function createAppContext(db: Db, bus: EventBus = getEventBus(), options: AppContextOptions = {}): Promise<AppContext> {
  let tree = new OrgUnitTree(await loadOrgUnits(db));
  // The embedded database is this process's alone: every change to it is announced on this bus.
  // A server's other instances announce theirs through NOTIFY, which a dropped LISTEN connection
  // loses: there the database's own stamp (getDataVersion) is added, read at most once a second.
  const readCache = options.cacheReads ? new ReadCache(db.mode === 'embedded-timescaledb' ? {} : { externalVersion: () => getDataVersion(db) }) : undefined;
  // Numbers and provisional marks move with batches and report statuses (per KPI); alerts are not cached.
  readCache?.listenTo(bus, topicsOfChange);
  return {
    db,
    catalogue: kpiCatalogue,
    bus,
    instanceId: randomUUID(),
    earliestMeasurement: options.earliestMeasurement ?? EARLIEST_MEASUREMENT,
    ingestLimiter: new TokenBucketLimiter({ ...MEASUREMENTS_RATE_LIMIT, ...(options.now ? { now: options.now } : {}) }),
    openDataLimiter: new TokenBucketLimiter({ ...OPEN_DATA_RATE_LIMIT, ...(options.now ? { now: options.now } : {}) }),
    openDataCache: new OpenDataCache(),
    readCache,
    signInThrottle: new SignInThrottle(options.now ? { now: options.now } : {}),
    secureCookies: options.publicUrl?.startsWith('https:') ?? false,
    trustProxyHops: options.trustProxyHops ?? 0,
    orgUnits: () => tree,
    reloadOrgUnits: async () => {
      tree = new OrgUnitTree(await loadOrgUnits(db));
      // units were added or renamed: no result read from the old tree is served again
      readCache?.dataChanged();
    },
  };
}

const holder = globalThis as typeof globalThis & { __lienthongApp?: AppContext };

export function setAppContext(ctx: AppContext): void {
  holder.__lienthongApp = ctx;
}

export function getAppContext(): AppContext {
  if (!holder.__lienthongApp) throw new Error('the app context is not initialised: start the app with main.ts');
  return holder.__lienthongApp;
}
