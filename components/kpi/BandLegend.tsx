'use client';
import type { KpiDefinition } from '../../kpi-definitions/schema';
import type { Locale } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { formatKpiValue } from './units';

/**
 * Where each band of a KPI starts, in words: "≥ 98,0 %" for a higher-is-better KPI, "≤ 24,0 giờ"
 * for a lower-is-better one; the last band is what the one before leaves ("< 80,0 %").
 */
export function bandBounds(kpi: Pick<KpiDefinition, 'bands' | 'direction' | 'unit' | 'decimals'>, locale: Locale): string[] {
  const higher = kpi.direction === 'higher_is_better';
  return kpi.bands.map((band, i) => {
    if (band.bound !== null) return `${higher ? '≥' : '≤'} ${formatKpiValue(kpi, band.bound, locale)}`;
    const previous = kpi.bands[i - 1]?.bound;
    return previous === undefined || previous === null ? '' : `${higher ? '<' : '>'} ${formatKpiValue(kpi, previous, locale)}`;
  });
}

/** The bands of a KPI as badges with their bounds: "Tốt ≥ 98,0 %  Khá ≥ 95,0 % …". */
export function BandLegend({ kpi, compact = false }: { kpi: KpiDefinition; compact?: boolean }) {
  const { l, t, locale } = useLocale();
  const bounds = bandBounds(kpi, locale);
  return (
    <ul className={`band-legend${compact ? ' band-legend-compact' : ''}`} aria-label={t('bandsLegend')}>
      {kpi.bands.map((band, i) => (
        <li key={band.id}>
          <span className={`band band-${band.id}`}>{l(band.label)}</span> <span className="band-bound">{bounds[i]}</span>
        </li>
      ))}
    </ul>
  );
}
