'use client';
/**
 * Every child unit of a ranking in one sortable table (rank, name, value, change, band). The sort
 * is view state and lives in the URL (`sort`, `dir`: searchParams.ts), so a shared link keeps it.
 */
import Link from 'next/link';
import { useMemo } from 'react';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import type { RankedChild } from '../wireTypes';
import { useLocale } from '../i18n/LocaleProvider';
import { RANKING_FIRST_DIR, rankingSortFrom, sortRanking, type RankingSort, type RankingSortKey, type SortDir } from '../../shared/tableSort';
import type { MessageKey } from '../i18n/messages';
import { BandBadge } from './BandBadge';
import { ChangeArrow } from './ChangeArrow';
import { formatKpiValue } from './units';

export type SortKey = RankingSortKey;
export type SortState = RankingSort;

/** The sort the URL asks for (rankingSortParams); without one, by rank. */
export const sortFromParams = rankingSortFrom;

/** The URL values of a sort; the default sort leaves the URL clean. */
export function sortPatch(sort: SortState): { sort: SortKey | null; dir: SortDir | null } {
  const isDefault = sort.key === 'rank' && sort.dir === 'asc';
  return { sort: isDefault ? null : sort.key, dir: isDefault ? null : sort.dir };
}

export function RankingTable({
  kpi,
  rows,
  hrefOf,
  nameLabel,
  caption,
  sort,
  onSort,
  testId,
}: {
  kpi: KpiDefinition;
  rows: readonly RankedChild[];
  hrefOf: (code: string) => string;
  /** the header of the name column: "Tỉnh/thành phố", "Xã/phường/đặc khu" */
  nameLabel: string;
  caption: string;
  sort: SortState;
  onSort: (next: SortState) => void;
  testId?: string;
}) {
  const { t, locale } = useLocale();
  const sorted = useMemo(() => sortRanking(rows, sort, locale, kpi.decimals), [rows, sort, locale, kpi.decimals]);
  const columns: ReadonlyArray<{ key: SortKey; label: string; numeric: boolean }> = [
    { key: 'rank', label: t('rank'), numeric: true },
    { key: 'name', label: nameLabel, numeric: false },
    { key: 'value', label: t('value'), numeric: true },
    { key: 'change', label: t('change'), numeric: true },
  ];
  const sortWords: Record<SortDir, MessageKey> = { asc: 'sortedAscending', desc: 'sortedDescending' };
  return (
    <table className="data ranking-table" data-testid={testId}>
      <caption className="sr-only">
        {caption}. {t('sortHint')}
      </caption>
      <thead>
        <tr>
          {columns.map((c) => {
            const active = sort.key === c.key;
            return (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => onSort({ key: c.key, dir: active ? (sort.dir === 'asc' ? 'desc' : 'asc') : RANKING_FIRST_DIR[c.key] })}
                  data-testid={`sort-${c.key}`}
                >
                  {c.label}
                  <span className="sort-mark" aria-hidden="true">
                    {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
                  </span>
                  {active ? <span className="sr-only"> ({t(sortWords[sort.dir])})</span> : null}
                </button>
              </th>
            );
          })}
          <th scope="col">{t('band')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={row.code} data-code={row.code} data-band={row.band ?? 'none'}>
            <td className="num rank-cell">{row.rank ?? '—'}</td>
            <th scope="row" className="name-cell">
              <Link href={hrefOf(row.code)}>{row.name}</Link>
            </th>
            <td className="num value-cell">{formatKpiValue(kpi, row.value, locale)}</td>
            <td className="num">
              <ChangeArrow kpi={kpi} value={row.value} previous={row.previousValue} />
            </td>
            <td>
              <BandBadge band={row.band} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
