'use client';
import type { Frequency, MeasuredKpi } from '../../kpi-definitions/schema';
import { periodLabel, periodUnitOf } from '../../shared/domain/periods';
import { Sparkline } from '../charts/Sparkline';
import { useLocale } from '../i18n/LocaleProvider';
import { formatKpiValue } from '../kpi/units';

/** How many of the latest periods are listed with their value (the sparkline shows them all). */
const LISTED = 3;

/** The unit's own values in the periods before, beside the inputs: a line and the latest few. */
export function PreviousValues({ kpi, frequency, history }: { kpi: MeasuredKpi; frequency: Frequency; history: ReadonlyArray<{ period: Date; value: number | null }> }) {
  const { t, l, locale } = useLocale();
  const known = history.filter((h) => h.value !== null);
  return (
    <div className="entry-previous">
      <p className="entry-previous-title">{t('entryPrevious')}</p>
      {known.length === 0 ? (
        <p className="muted small">{t('entryNoHistory')}</p>
      ) : (
        <>
          {known.length >= 2 ? <Sparkline points={known} label={`${t('entryPrevious')}: ${l(kpi.name)}`} height={36} /> : null}
          <ul className="entry-previous-list">
            {[...known]
              .reverse()
              .slice(0, LISTED)
              .map((h) => (
                <li key={h.period.getTime()}>
                  <span className="muted">{periodLabel(periodUnitOf(frequency), h.period)}</span> <span className="num">{formatKpiValue(kpi, h.value, locale)}</span>
                </li>
              ))}
          </ul>
        </>
      )}
    </div>
  );
}
