'use client';
import { memo } from 'react';
import type { CompositeGroupScore } from '../../shared/domain/aggregate';
import { formatNumber } from '../format';
import { useLocale } from '../i18n/LocaleProvider';

/**
 * The index's groups as bars: each group's name, its weight in the index and its score out of 100.
 * Plain HTML, not a chart: a live update that moves a score changes one bar's width and one number
 * (a canvas chart with rich-text axis labels was redrawn whole, ~10 ms of the main thread each time),
 * the numbers are in the server's HTML, and the colours follow the page's theme by themselves.
 */
export const IndexGroupBars = memo(function IndexGroupBars({ groups, label }: { groups: readonly CompositeGroupScore[]; label: string }) {
  const { t, l, locale } = useLocale();
  return (
    <ol className="index-group-bars" aria-label={label} data-testid="index-groups">
      {groups.map((g) => (
        <li key={g.id} data-group={g.id}>
          <span className="index-group-name">
            {l(g.name)}
            <span className="small muted">{t('groupWeight', { weight: formatNumber(g.weight, 0, locale) })}</span>
          </span>
          <span className="index-group-bar" aria-hidden="true">
            <span style={{ width: `${Math.max(0, Math.min(100, g.score ?? 0))}%` }} />
          </span>
          <span className="index-group-score">{formatNumber(g.score, 1, locale)}</span>
        </li>
      ))}
    </ol>
  );
});
