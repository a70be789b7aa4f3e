/**
 * What every request handler, job and socket needs: the database, the KPI catalogue, the org-unit
 * tree and the event bus. Created once per process by server/main.ts (or by a test) and kept on
 * globalThis, because Next bundles app/ code apart from the custom server's modules and both must
 * share one embedded database.
 */
import { kpiCatalogue, type KpiCatalogue } from '../kpi-definitions';
import type { Db } from './db/db';
import { loadOrgUnits } from './db/queries/orgUnits';
import { OrgUnitTree } from './domain/orgUnitTree';
import { getEventBus, type EventBus } from './realtime/bus';

export interface AppContext {
  db: Db;
  catalogue: KpiCatalogue;
  bus: EventBus;
  /** the current tree; replaced by `reloadOrgUnits` after an import */
  orgUnits(): OrgUnitTree;
  reloadOrgUnits(): Promise<void>;
}

export async function createAppContext(db: Db, bus: EventBus = getEventBus()): Promise<AppContext> {
  let tree = new OrgUnitTree(await loadOrgUnits(db));
  return {
    db,
    catalogue: kpiCatalogue,
    bus,
    orgUnits: () => tree,
    reloadOrgUnits: async () => {
      tree = new OrgUnitTree(await loadOrgUnits(db));
    },
  };
}

const holder = globalThis as typeof globalThis & { __lienthongApp?: AppContext };

export function setAppContext(ctx: AppContext): void {
  holder.__lienthongApp = ctx;
}

export function getAppContext(): AppContext {
  if (!holder.__lienthongApp) throw new Error('the app context is not initialised: start the app with server/main.ts');
  return holder.__lienthongApp;
}
