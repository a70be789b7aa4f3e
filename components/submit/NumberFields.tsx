'use client';
/**
 * The numeric inputs of one KPI, labelled from its definition (numerator and denominator, or value
 * and weight), each with its valid range and, when there is one, its problem right under it.
 */
import type { MeasuredKpi } from '../../kpi-definitions/schema';
import { INPUT_LABELS, inputSpecs, type InputField } from '../../shared/domain/validateKpiInputs';
import type { LocalizedText } from '../../shared/errors';
import { formatNumber, type Locale } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { fieldsOf } from './entryCheck';

/** A stored input as the reader writes numbers, without rounding away what was entered. */
export function formatInputNumber(n: number | null | undefined, locale: Locale): string {
  if (n === null || n === undefined) return '—';
  return formatNumber(n, Math.min(3, (String(n).split('.')[1] ?? '').length), locale);
}

/** The id of an input, so that an error summary can link to it. */
export function inputId(idPrefix: string, field: string): string {
  return `${idPrefix}-${field}`;
}

export function NumberFields({
  kpi,
  idPrefix,
  values,
  errors,
  onChange,
}: {
  kpi: MeasuredKpi;
  idPrefix: string;
  values: Partial<Record<InputField, string>>;
  /** the problem to show under each input (null: none) */
  errors: Partial<Record<InputField, LocalizedText | null>>;
  onChange: (field: InputField, text: string) => void;
}) {
  const { t, l, locale } = useLocale();
  const specs = inputSpecs(kpi);
  const number = (n: number) => formatNumber(n, Number.isInteger(n) ? 0 : 2, locale);
  return (
    <div className="entry-fields">
      {fieldsOf(kpi).map((field) => {
        const spec = specs[field]!;
        const id = inputId(idPrefix, field);
        const error = errors[field] ?? null;
        const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
        return (
          <div className="entry-field" key={field}>
            <label htmlFor={id}>
              <span className="field-kind">
                {l(INPUT_LABELS[field])}
                {spec.optional ? ` (${t('fieldOptional')})` : ''}
              </span>
              <span className="field-label">{l(spec.label)}</span>
            </label>
            <input
              id={id}
              name={id}
              type="text"
              inputMode={spec.integer ? 'numeric' : 'decimal'}
              autoComplete="off"
              value={values[field] ?? ''}
              onChange={(e) => onChange(field, e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-required={spec.optional ? undefined : true}
              aria-describedby={describedBy}
            />
            <span id={`${id}-hint`} className="field-hint">
              {t('fieldRange', { min: number(spec.range.min), max: number(spec.range.max) })} · {spec.integer ? t('fieldWhole') : t('fieldDecimalRead')}
            </span>
            {error ? (
              <span id={`${id}-error`} className="field-error">
                {l(error)}
              </span>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}
