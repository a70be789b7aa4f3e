/**
 * Which KPI a view shows for its `?kpi=` (or `?ckpi=`) value: the one rule the client views and
 * their server pages (which prefetch that KPI's queries) share. A value that names no KPI, or a
 * KPI the view cannot show, falls back like an absent one. No 'use client'.
 */
import type { KpiDefinition } from '../../kpi-definitions/schema';

/** The catalogue as both sides hold it: `kpiCatalogue` on the server, `useKpiCatalogue()` in the browser. */
interface Catalogue {
  all: readonly KpiDefinition[];
  byId: ReadonlyMap<string, KpiDefinition>;
}

/** The overview's and a province trend's default */
export const DEFAULT_VIEW_KPI = 'service_index';

/** The requested KPI, else the service index (else the first, for a catalogue without it). */
export function viewKpi(catalogue: Catalogue, requested: string | null): KpiDefinition | undefined {
  return (requested === null ? undefined : catalogue.byId.get(requested)) ?? catalogue.byId.get(DEFAULT_VIEW_KPI) ?? catalogue.all[0];
}

/** The requested KPI when communes report it, else the first that they do (a commune's page, a province's communes). */
export function communeViewKpi(catalogue: Catalogue, requested: string | null): KpiDefinition | undefined {
  const asked = requested === null ? undefined : catalogue.byId.get(requested);
  return asked?.submittedAt === 'commune' ? asked : catalogue.all.find((k) => k.submittedAt === 'commune');
}
