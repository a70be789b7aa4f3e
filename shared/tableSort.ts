/**
 * How the sortable tables sort, for the pages and for their exports alike (server/export/
 * exportViews.ts), so that a file lists the rows in the order the page showed them: the ranking
 * tables (the provinces of a KPI, the communes of a province: `sort`/`dir`, `csort`/`cdir`) and
 * the scorecard (`sort`/`dir`). Rows without a value stay at the end whichever the direction.
 */
import type { RegionId } from './reference/provinces';

export const SORT_DIRS = ['asc', 'desc'] as const;
export type SortDir = (typeof SORT_DIRS)[number];

/** The change as shown at the KPI's decimals: −0,04 at one decimal is no change (it sorts as 0). */
export function shownChange(value: number | null, previous: number | null, decimals: number): number | null {
  if (value === null || previous === null) return null;
  const diff = value - previous;
  return Math.abs(diff) < 0.5 * 10 ** -decimals ? 0 : diff;
}

function collatorFor(locale: string): Intl.Collator {
  return new Intl.Collator(locale === 'vi' ? 'vi' : 'en');
}

/** Rows sorted by `valueOf` in `dir`, missing values last, equal values by `tie`. */
function sortBy<T>(rows: readonly T[], valueOf: (row: T) => number | string | null, dir: SortDir, collator: Intl.Collator, tie: (a: T, b: T) => number): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = valueOf(a);
    const vb = valueOf(b);
    if (va === null || vb === null) return va === vb ? tie(a, b) : va === null ? 1 : -1;
    const d = typeof va === 'string' ? collator.compare(va, vb as string) : va - (vb as number);
    return d === 0 ? tie(a, b) : sign * d;
  });
}

// ——— ranking tables: rank, name, value, change ———

export const RANKING_SORT_KEYS = ['rank', 'name', 'value', 'change'] as const;
export type RankingSortKey = (typeof RANKING_SORT_KEYS)[number];
export interface RankingSort {
  key: RankingSortKey;
  dir: SortDir;
}

/** the direction a column starts in when first clicked: best, A→Z, largest, biggest rise */
export const RANKING_FIRST_DIR: Record<RankingSortKey, SortDir> = { rank: 'asc', name: 'asc', value: 'desc', change: 'desc' };

/** The sort the URL asks for; without one, by rank. */
export function rankingSortFrom(params: { sort: RankingSortKey | null | undefined; dir: SortDir | null | undefined }): RankingSort {
  const key = params.sort ?? 'rank';
  return { key, dir: params.dir ?? RANKING_FIRST_DIR[key] };
}

interface RankingRow {
  rank: number | null;
  name: string;
  value: number | null;
  previousValue: number | null;
}

/** A ranking's rows in the table's order; ties by name. */
export function sortRanking<T extends RankingRow>(rows: readonly T[], sort: RankingSort, locale: string, decimals: number): T[] {
  const collator = collatorFor(locale);
  const valueOf = (row: T): number | string | null => {
    switch (sort.key) {
      case 'rank':
        return row.rank;
      case 'name':
        return row.name;
      case 'value':
        return row.value;
      case 'change':
        return shownChange(row.value, row.previousValue, decimals);
    }
  };
  return sortBy(rows, valueOf, sort.dir, collator, (a, b) => collator.compare(a.name, b.name));
}

// ——— the scorecard: rank, name, region, index, change, attainment, or an index group ———

export const SCORECARD_FIXED_SORTS = ['rank', 'name', 'region', 'index', 'change', 'attainment'] as const;
/** one of SCORECARD_FIXED_SORTS or an index group's id */
export type ScorecardSortKey = string;
export interface ScorecardSort {
  key: ScorecardSortKey;
  dir: SortDir;
}
export const SCORECARD_DEFAULT_SORT: ScorecardSort = { key: 'index', dir: 'desc' };

/** the direction a column starts in when first chosen: best, A→Z, highest score, biggest rise */
export function scorecardFirstDir(key: ScorecardSortKey): SortDir {
  return key === 'rank' || key === 'name' || key === 'region' ? 'asc' : 'desc';
}

/** Whether `key` names a column of a scorecard with these groups. */
export function isScorecardSortKey(key: string, groupIds: readonly string[]): boolean {
  return (SCORECARD_FIXED_SORTS as readonly string[]).includes(key) || groupIds.includes(key);
}

/** The sort the URL asks for; an unknown column falls back to the default one. */
export function scorecardSortFrom(params: { sort: string | null | undefined; dir: string | null | undefined }, groupIds: readonly string[]): ScorecardSort {
  const key = params.sort && isScorecardSortKey(params.sort, groupIds) ? params.sort : SCORECARD_DEFAULT_SORT.key;
  return { key, dir: params.dir === 'asc' || params.dir === 'desc' ? params.dir : scorecardFirstDir(key) };
}

interface ScorecardSortRow {
  orgUnitId: number;
  rank: number | null;
  name: string;
  region: RegionId | null;
  index: number | null;
  previousIndex: number | null;
  groups: ReadonlyArray<{ id: string; score: number | null }>;
}

/** The scorecard's rows in the page's order; ties by rank, then name. */
export function sortScorecard<T extends ScorecardSortRow>(
  rows: readonly T[],
  sort: ScorecardSort,
  ctx: {
    locale: string;
    /** a region's name in the reader's language (the region column sorts by what it shows) */
    regionName: (region: RegionId) => string;
    /** each province's chance of reaching the index's target, 0–1, by org-unit id */
    attainment?: ReadonlyMap<number, number | null>;
  },
): T[] {
  const collator = collatorFor(ctx.locale);
  const valueOf = (row: T): number | string | null => {
    switch (sort.key) {
      case 'rank':
        return row.rank;
      case 'name':
        return row.name;
      case 'region':
        return row.region === null ? null : ctx.regionName(row.region);
      case 'index':
        return row.index;
      case 'change':
        return row.index === null || row.previousIndex === null ? null : row.index - row.previousIndex;
      case 'attainment':
        return ctx.attainment?.get(row.orgUnitId) ?? null;
      default:
        return row.groups.find((g) => g.id === sort.key)?.score ?? null;
    }
  };
  return sortBy(rows, valueOf, sort.dir, collator, (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || collator.compare(a.name, b.name));
}
