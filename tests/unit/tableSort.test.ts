/**
 * The one sort of the ranking tables and the scorecard (shared/tableSort.ts), which the pages and
 * their exports both use: missing values last whichever the direction, ties by rank then name, a
 * change sorted as it is shown, and the URL's sort read with its defaults.
 */
import { describe, expect, it } from 'vitest';
import { rankingSortFrom, scorecardSortFrom, sortRanking, sortScorecard } from '../../shared/tableSort';

const ranked = [
  { rank: 1, name: 'Đà Nẵng', value: 90, previousValue: 89.96 },
  { rank: 2, name: 'An Giang', value: 80, previousValue: 70 },
  { rank: null, name: 'Bắc Ninh', value: null, previousValue: null },
  { rank: 3, name: 'Cà Mau', value: 70, previousValue: 75 },
];
const names = (rows: ReadonlyArray<{ name: string }>) => rows.map((r) => r.name);

describe('sortRanking', () => {
  it('sorts by rank by default, and by value either way with the unit without one last', () => {
    expect(names(sortRanking(ranked, rankingSortFrom({ sort: null, dir: null }), 'vi', 1))).toEqual(['Đà Nẵng', 'An Giang', 'Cà Mau', 'Bắc Ninh']);
    expect(names(sortRanking(ranked, { key: 'value', dir: 'asc' }, 'vi', 1))).toEqual(['Cà Mau', 'An Giang', 'Đà Nẵng', 'Bắc Ninh']);
    expect(rankingSortFrom({ sort: 'value', dir: null })).toEqual({ key: 'value', dir: 'desc' });
  });

  it('sorts names in Vietnamese order and a change as shown (+0,04 at one decimal is none)', () => {
    expect(names(sortRanking(ranked, { key: 'name', dir: 'asc' }, 'vi', 1))).toEqual(['An Giang', 'Bắc Ninh', 'Cà Mau', 'Đà Nẵng']);
    expect(names(sortRanking(ranked, { key: 'change', dir: 'desc' }, 'vi', 1))).toEqual(['An Giang', 'Đà Nẵng', 'Cà Mau', 'Bắc Ninh']);
  });
});

describe('sortScorecard', () => {
  const row = (orgUnitId: number, rank: number | null, name: string, index: number | null, culture: number | null) => ({
    orgUnitId,
    rank,
    name,
    region: null,
    index,
    previousIndex: index,
    groups: [{ id: 'culture', score: culture }],
  });
  const rows = [row(1, 2, 'Huế', 70, 10), row(2, 1, 'Hà Nội', 80, null), row(3, 3, 'Sơn La', 70, 30)];
  const ctx = { locale: 'vi', regionName: () => '' };

  it('reads the URL with the page’s defaults: by index, highest first; an unknown column falls back', () => {
    expect(scorecardSortFrom({ sort: null, dir: null }, ['culture'])).toEqual({ key: 'index', dir: 'desc' });
    expect(scorecardSortFrom({ sort: 'culture', dir: null }, ['culture'])).toEqual({ key: 'culture', dir: 'desc' });
    expect(scorecardSortFrom({ sort: 'nope', dir: 'asc' }, ['culture'])).toEqual({ key: 'index', dir: 'asc' });
  });

  it('breaks ties by rank, puts missing scores last, and sorts by the attainment it is given', () => {
    expect(names(sortScorecard(rows, { key: 'index', dir: 'desc' }, ctx))).toEqual(['Hà Nội', 'Huế', 'Sơn La']);
    expect(names(sortScorecard(rows, { key: 'culture', dir: 'asc' }, ctx))).toEqual(['Huế', 'Sơn La', 'Hà Nội']);
    const attainment = new Map([[1, 0.2], [2, null], [3, 0.9]]);
    expect(names(sortScorecard(rows, { key: 'attainment', dir: 'desc' }, { ...ctx, attainment }))).toEqual(['Sơn La', 'Huế', 'Hà Nội']);
  });
});
