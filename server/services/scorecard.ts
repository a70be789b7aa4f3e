/**
 * The scorecard: every provincial unit against the composite service index and each of its
 * groups, in the nation's newest period with data, with the period before for the change. The
 * values come from getChildValues, so a province's index here is the one the ranking shows.
 */
import { bandFor } from '../../kpi-definitions/bands';
import { isComposite, type BandId, type CompositeKpi } from '../../kpi-definitions/schema';
import { REGIONS, type RegionId } from '../../shared/reference/provinces';
import type { AppContext } from '../appContext';
import { getChildValues, rankByValue } from './kpiValues';

/** The composite the scorecard shows. */
export const SCORECARD_KPI_ID = 'service_index';

interface ScorecardGroup {
  id: string;
  name: { vi: string; en: string };
  /** points out of the index's 100 */
  weight: number;
}

interface ScorecardRow {
  orgUnitId: number;
  code: string;
  name: string;
  region: RegionId | null;
  /** 0–100 points; null when no group has data */
  index: number | null;
  previousIndex: number | null;
  band: BandId | null;
  /** 1 = best; null without an index */
  rank: number | null;
  /** in the order of `Scorecard.groups`; scores 0–100, null when none of the group's KPIs has data */
  groups: Array<{ id: string; score: number | null; previousScore: number | null }>;
}

export interface Scorecard {
  /** start of the newest period with data; null when there is none */
  period: Date | null;
  groups: ScorecardGroup[];
  /** best first; units without an index last, by code */
  rows: ScorecardRow[];
}

function isRegion(region: string | null): region is RegionId {
  return region !== null && Object.hasOwn(REGIONS, region);
}

export async function getScorecard(app: AppContext, q: { asOf?: Date } = {}): Promise<Scorecard> {
  const { kpi, period, children } = await getChildValues(app, { kpiId: SCORECARD_KPI_ID, parentId: app.orgUnits().nation.id, asOf: q.asOf });
  // The catalogue defines it as a composite; anything else is a broken deployment, not a user error.
  if (!isComposite(kpi)) throw new Error(`${SCORECARD_KPI_ID} is not a composite KPI`);
  const index: CompositeKpi = kpi;

  const rows = children.map((c) => {
    const previous = new Map((c.previousGroups ?? []).map((g) => [g.id, g.score]));
    return {
      orgUnitId: c.unit.id,
      code: c.unit.code,
      name: c.unit.name,
      region: isRegion(c.unit.region) ? c.unit.region : null,
      value: c.value,
      previousIndex: c.previousValue,
      band: c.value === null ? null : bandFor(index, c.value),
      rank: null as number | null,
      groups: (c.groups ?? []).map((g) => ({ id: g.id, score: g.score, previousScore: previous.get(g.id) ?? null })),
    };
  });

  return {
    period,
    groups: index.measure.groups.map((g) => ({ id: g.id, name: g.name, weight: g.weight })),
    rows: rankByValue(index, rows).map(({ value, ...row }): ScorecardRow => ({ ...row, index: value })),
  };
}
