'use client';
import type { MeasuredKpi } from '../../kpi-definitions/schema';
import type { LocalizedText } from '../../shared/errors';
import { useLocale } from '../i18n/LocaleProvider';
import { formatKpiValue } from '../kpi/units';
import type { EntryCheck } from './entryCheck';

/** Why an unusual value is right: the server refuses to submit one without it. */
export function ExplanationField({
  id,
  value,
  onChange,
  error,
  required,
  warningId,
}: {
  id: string;
  value: string;
  onChange: (text: string) => void;
  error: LocalizedText | null;
  required: boolean;
  /** the outlier warning this explains, read out with the field */
  warningId?: string;
}) {
  const { t, l } = useLocale();
  const describedBy = [warningId, `${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="entry-field explanation-field">
      <label htmlFor={id}>{t('explanationLabel')}</label>
      <textarea
        id={id}
        name={id}
        rows={2}
        maxLength={2000}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy}
      />
      <span id={`${id}-hint`} className="field-hint">
        {t('explanationHint')}
      </span>
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {l(error)}
        </span>
      ) : null}
    </div>
  );
}

/** The warning shown when the typed value is unusual against the unit's own history. */
export function OutlierWarning({ id, kpi, check }: { id: string; kpi: MeasuredKpi; check: EntryCheck }) {
  const { t, locale } = useLocale();
  return (
    <p className="outlier-warning" id={id}>
      <span aria-hidden="true">⚠ </span>
      {t('outlierWarning', { value: formatKpiValue(kpi, check.value, locale), typical: formatKpiValue(kpi, check.typical, locale) })}
    </p>
  );
}
