/**
 * What the form knows about one KPI while staff type: the text in each input, the server's own
 * validator run on it (same messages as the server), the value it gives and whether that value is
 * unusual against the unit's history (the server's outlier test, run early). Pure.
 */
import type { KpiDefinition, MeasuredKpi } from '../../kpi-definitions/schema';
import type { ReportInputs, ReportRow } from '../../server/db/queries/reports';
import { valueFromSums } from '../../server/domain/aggregate';
import { median, outlierFlags } from '../../server/domain/outliers';
import { inputSpecs, parseNumber, validateKpiInputs, type InputField } from '../../server/domain/validateKpiInputs';
import type { LocalizedText } from '../../server/errors';
import type { Locale } from '../format';

/** The server asks at least this many characters of an explanation or a correction reason. */
export const MIN_EXPLANATION = 5;

export interface EntryDraft {
  /** what is typed in each input, as typed */
  values: Partial<Record<InputField, string>>;
  explanation: string;
}

export interface EntryCheck {
  /** the first problem of each input */
  errors: Partial<Record<InputField, LocalizedText>>;
  /** inputs typed but not readable as numbers: even a draft cannot keep them */
  unreadable: InputField[];
  /** the numbers to send (what could be read) */
  inputs: ReportInputs;
  /** the KPI's value when every input is valid */
  value: number | null;
  /** the value is unusual against the unit's history: submitting needs an explanation */
  outlier: boolean;
  /** median of the history the value was tested against, for the warning */
  typical: number | null;
  /** nothing typed in any input */
  empty: boolean;
}

export function fieldsOf(kpi: MeasuredKpi): InputField[] {
  return Object.keys(inputSpecs(kpi)) as InputField[];
}

/** A stored number as it goes back into an input: the reader's decimal mark, no grouping (1234,5 / 1234.5). */
export function numberText(n: number, locale: Locale): string {
  return locale === 'vi' ? String(n).replace('.', ',') : String(n);
}

export function draftFromReport(kpi: MeasuredKpi, report: Pick<ReportRow, 'inputs' | 'explanation'> | null, locale: Locale): EntryDraft {
  const values: EntryDraft['values'] = {};
  for (const field of fieldsOf(kpi)) {
    const n = report?.inputs[field];
    values[field] = n === null || n === undefined ? '' : numberText(n, locale);
  }
  return { values, explanation: report?.explanation ?? '' };
}

/**
 * What a person typed, as the validator reads numbers (a dot for decimals, no grouping). In
 * Vietnamese a comma marks decimals and dots group thousands: "1.234,5" is 1234.5 and "1.000" is
 * one thousand, not one. In English commas group thousands: "1,000" is one thousand. A lone comma
 * between digits ("12,5") is a decimal mark in both. Anything else is left for the validator to judge.
 */
export function normaliseNumberText(text: string, locale: Locale): string {
  const t = text.trim().replace(/(?<=\d)[\s\u00a0\u202f]+(?=\d)/g, '');
  if (locale === 'vi' && /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) return t.replace(/\./g, '').replace(',', '.');
  if (locale === 'en' && /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return t.replace(/,/g, '');
  return /^-?\d+,\d+$/.test(t) ? t.replace(',', '.') : t;
}

/** The server's outlier rule, run early in the browser. */
export function isUnusual(value: number, history: readonly number[]): boolean {
  return outlierFlags(value, history).length > 0;
}

export function checkEntry(kpi: MeasuredKpi, draft: EntryDraft, history: ReadonlyArray<{ value: number | null }>, locale: Locale): EntryCheck {
  const fields = fieldsOf(kpi);
  const raw: Partial<Record<InputField, string>> = {};
  for (const f of fields) raw[f] = normaliseNumberText(draft.values[f] ?? '', locale);
  const { errors: found, parts } = validateKpiInputs(kpi, raw);
  const errors: EntryCheck['errors'] = {};
  for (const e of found) errors[e.field] ??= e.message;
  const inputs: ReportInputs = {};
  const unreadable: InputField[] = [];
  for (const f of fields) {
    const n = parseNumber(raw[f]);
    if (typeof n === 'number') inputs[f] = n;
    else if (n === null) unreadable.push(f);
  }
  const value = parts ? valueFromSums(kpi.measure, parts.num, parts.den) : null;
  const past = history.flatMap((h) => (h.value === null ? [] : [h.value]));
  const outlier = value !== null && isUnusual(value, past);
  return {
    errors,
    unreadable,
    inputs,
    value,
    outlier,
    typical: past.length > 0 ? median(past) : null,
    empty: fields.every((f) => !raw[f]),
  };
}

/** Whether the typed numbers or explanation differ from what is saved. */
export function isDirty(kpi: MeasuredKpi, draft: EntryDraft, saved: Pick<ReportRow, 'inputs' | 'explanation'> | null, locale: Locale): boolean {
  const changed = fieldsOf(kpi).some((f) => {
    const typed = parseNumber(normaliseNumberText(draft.values[f] ?? '', locale));
    const stored = saved?.inputs[f];
    return stored === null || stored === undefined ? typed !== 'absent' : typed !== stored;
  });
  return changed || draft.explanation.trim() !== (saved?.explanation ?? '').trim();
}

/** The value a report's stored inputs give; null when they are incomplete (a draft) or invalid. */
export function valueOfInputs(kpi: MeasuredKpi, inputs: ReportInputs | null): number | null {
  if (!inputs) return null;
  const { parts } = validateKpiInputs(kpi, inputs);
  return parts ? valueFromSums(kpi.measure, parts.num, parts.den) : null;
}

/** The catalogue's entry as a KPI that staff submit (composites are computed, never submitted). */
export function asMeasured(kpi: KpiDefinition | undefined): MeasuredKpi | undefined {
  return kpi && kpi.measure.kind !== 'composite' ? (kpi as MeasuredKpi) : undefined;
}
