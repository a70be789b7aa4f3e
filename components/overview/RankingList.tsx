'use client';
import Link from 'next/link';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import type { RankedChild } from '../wireTypes';
import { useLocale } from '../i18n/LocaleProvider';
import { BandBadge } from '../kpi/BandBadge';
import { ChangeArrow } from '../kpi/ChangeArrow';
import { formatKpiValue } from '../kpi/units';

/** Leading and lagging units of a ranking, side by side. */
export function RankingList({ kpi, children, hrefOf, size = 5 }: { kpi: KpiDefinition; children: readonly RankedChild[]; hrefOf: (code: string) => string; size?: number }) {
  const { t, locale } = useLocale();
  const ranked = children.filter((c) => c.rank !== null);
  // With few ranked units the two lists split them rather than show a unit twice.
  const half = Math.min(size, Math.ceil(ranked.length / 2));
  const lists = [
    { title: t('best'), rows: ranked.slice(0, half), id: 'best' },
    { title: t('worst'), rows: ranked.slice(half).slice(-size).reverse(), id: 'worst' },
  ];
  return (
    <div className="ranking-lists">
      {lists.map((list) => (
        <div key={list.id}>
          <h3>{list.title}</h3>
          <ol className="ranking" data-testid={`ranking-${list.id}`}>
            {list.rows.map((c) => (
              <li key={c.code} data-code={c.code}>
                <span className="rank">{c.rank}</span>
                <Link href={hrefOf(c.code)}>{c.name}</Link>
                <span className="num">{formatKpiValue(kpi, c.value, locale)}</span>
                <ChangeArrow kpi={kpi} value={c.value} previous={c.previousValue} />
                <BandBadge band={c.band} />
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}
