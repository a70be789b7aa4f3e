'use client';
/**
 * Frequency and period of the form. Only the frequencies the unit's level reports are offered,
 * and no period after the one running now (the server refuses reports for periods not started).
 */
import { useId } from 'react';
import type { Frequency } from '../../kpi-definitions/schema';
import { formatPeriod, parsePeriod } from '../../shared/domain/parsePeriod';
import { addPeriods, periodLabel, periodStart, periodUnitOf } from '../../shared/domain/periods';
import { defaultPeriod } from './reportPeriods';
import { useLocale } from '../i18n/LocaleProvider';
import type { MessageKey } from '../i18n/messages';

const FREQUENCY_LABELS: Record<Frequency, MessageKey> = { daily: 'frequencyDaily', monthly: 'frequencyMonthly', quarterly: 'frequencyQuarterly' };
/** Every frequency, shortest first (the record above names them all; the schema's list would bring zod into the page). */
export const FREQUENCY_ORDER = Object.keys(FREQUENCY_LABELS) as Frequency[];
/** Quarters offered in the quarter select, the running one first. */
const QUARTERS_LISTED = 12;

export function PeriodPicker({
  frequencies,
  frequency,
  period,
  now,
  onChange,
}: {
  frequencies: readonly Frequency[];
  frequency: Frequency;
  period: Date;
  now: Date;
  onChange: (frequency: Frequency, period: Date) => void;
}) {
  const { t } = useLocale();
  const frequencyId = useId();
  const periodId = useId();
  const unit = periodUnitOf(frequency);
  const latest = periodStart(unit, now);
  const pick = (raw: string) => {
    const p = parsePeriod(raw, unit);
    if (p && p <= latest) onChange(frequency, p);
  };
  const quarters = Array.from({ length: QUARTERS_LISTED }, (_, i) => addPeriods(latest, unit, -i));
  if (frequency === 'quarterly' && !quarters.some((q) => q.getTime() === period.getTime())) quarters.push(period);
  const previous = addPeriods(period, unit, -1);
  const next = addPeriods(period, unit, 1);
  return (
    <>
      <div className="picker-field">
        <label htmlFor={frequencyId} className="picker-label">
          {t('frequency')}
        </label>
        <select
          id={frequencyId}
          value={frequency}
          onChange={(e) => {
            const f = e.target.value as Frequency;
            onChange(f, defaultPeriod(f, now));
          }}
          data-testid="frequency-select"
        >
          {frequencies.map((f) => (
            <option key={f} value={f}>
              {t(FREQUENCY_LABELS[f])}
            </option>
          ))}
        </select>
      </div>
      <div className="picker-field">
        <label htmlFor={periodId} className="picker-label">
          {t('submitPeriod')}
        </label>
        <div className="period-stepper">
          <button type="button" onClick={() => onChange(frequency, previous)} aria-label={`${t('submitPrevPeriod')} (${periodLabel(unit, previous)})`}>
            ‹
          </button>
          {frequency === 'quarterly' ? (
            <select id={periodId} value={formatPeriod(unit, period)} onChange={(e) => pick(e.target.value)} data-testid="period-input">
              {quarters.map((q) => (
                <option key={q.getTime()} value={formatPeriod(unit, q)}>
                  {periodLabel(unit, q)}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={periodId}
              type={frequency === 'daily' ? 'date' : 'month'}
              value={formatPeriod(unit, period)}
              max={formatPeriod(unit, latest)}
              onChange={(e) => pick(e.target.value)}
              required
              data-testid="period-input"
            />
          )}
          <button type="button" onClick={() => onChange(frequency, next)} disabled={next > latest} aria-label={`${t('submitNextPeriod')} (${periodLabel(unit, next)})`}>
            ›
          </button>
        </div>
      </div>
    </>
  );
}
