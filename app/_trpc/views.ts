/**
 * The queries each client view runs, as the server prefetches them: the same procedures with the
 * same inputs (windows from the same functions, "now" from the app's clock), so that the browser
 * finds every answer in the hydrated cache and asks for none of them again.
 */
import { kpiCatalogue } from '../../kpi-definitions';
import { sparklineWindow } from '../../components/kpi/ranges';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { appNow } from '../../server/clock';
import { trpc } from './server';

/** IndexHeader: the service index now and its trend. */
export function indexHeaderQueries(unit: OrgUnit) {
  const window = { ...sparklineWindow('quarterly', appNow()), resolution: 'month' as const };
  return [
    trpc.values.current.queryOptions({ orgUnitId: unit.id, kpiIds: ['service_index'] }),
    trpc.values.series.queryOptions({ kpiId: 'service_index', orgUnitId: unit.id, ...window }),
  ];
}

/** KpiCardGrid: the unit's current values and every shown card's sparkline. */
export function kpiCardGridQueries(unit: OrgUnit) {
  const now = appNow();
  const shown = kpiCatalogue.all.filter((k) => k.measure.kind !== 'composite' && (unit.level !== 'commune' || k.submittedAt === 'commune'));
  return [
    trpc.values.current.queryOptions({ orgUnitId: unit.id }),
    ...shown.map((k) => trpc.values.series.queryOptions({ kpiId: k.id, orgUnitId: unit.id, ...sparklineWindow(k.frequency, now) })),
  ];
}

/** The KPI named by a `?kpi=` value, or the default when it names none (as the views fall back). */
export function kpiOrDefault(requested: string | string[] | undefined, fallback: string): string {
  const id = typeof requested === 'string' ? requested : undefined;
  return id && kpiCatalogue.byId.has(id) ? id : fallback;
}
