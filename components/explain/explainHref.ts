/**
 * Where "why did it move?" lives: `/kpi/<kpi>/explain?unit=<code>` (the nation without `unit`).
 * Its own page, under the KPI's: it renders on the server like every page, a leader can send the
 * link, and the KPI page it sits under stays as it is. `unit` is read on the server by
 * `loadExplainParams` and in the browser by `explainParams` (nuqs), like every view's URL state.
 */
import { createLoader, parseAsString } from 'nuqs/server';

export const explainParams = { unit: parseAsString.withDefault('VN') };
export const loadExplainParams = createLoader(explainParams);

export function explainHref(kpiId: string, unitCode: string): string {
  return `/kpi/${encodeURIComponent(kpiId)}/explain${unitCode === 'VN' ? '' : `?unit=${encodeURIComponent(unitCode)}`}`;
}
