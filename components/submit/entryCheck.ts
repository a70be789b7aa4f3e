/**
 * What the form knows about one KPI while staff type: the text in each input, the server's own
 * validator run on it (same messages as the server), the value it gives and whether that value is
 * unusual against the unit's history (the server's outlier test, run early). Pure.
 */
import type { KpiDefinition, MeasuredKpi } from '../../kpi-definitions/schema';
import type { ReportInputs, ReportRow } from '../wireTypes';
import { valueFromSums } from '../../shared/domain/aggregate';
import { median, outlierFlags } from '../../shared/domain/outliers';
import { inputSpecs, parseNumber, validateKpiInputs, type InputField } from '../../shared/domain/validateKpiInputs';
import { formatUserNumber, type UserNumberContext } from '../../shared/domain/parseUserNumber';
import type { LocalizedText } from '../../shared/errors';
import type { Locale } from '../format';


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

/**
 * How the form reads what is typed: the one number reader of the server, with ',' as the decimal
 * mark in the Vietnamese form ("1.234,5" and "1,234" are 1234,5 and 1,234). The English form
 * refuses "1,234" as ambiguous rather than guess, and reads "1.026" as the import does (1026).
 */
function numberContext(locale: Locale): UserNumberContext {
  return { decimalComma: locale === 'vi' };
}

/**
 * A stored number as it goes back into an input: the reader's decimal mark, no grouping (1234,5 /
 * 1234.5), read back by the form as the same number. In English 1.234 would read as 1234 (the
 * Vietnamese thousands), so it is written 1.2340.
 */
export function numberText(n: number, locale: Locale): string {
  return formatUserNumber(n, locale === 'vi' ? ',' : '.', numberContext(locale));
}

export function draftFromReport(kpi: MeasuredKpi, report: Pick<ReportRow, 'inputs' | 'explanation'> | null, locale: Locale): EntryDraft {
  const values: EntryDraft['values'] = {};
  for (const field of fieldsOf(kpi)) {
    const n = report?.inputs[field];
    values[field] = n === null || n === undefined ? '' : numberText(n, locale);
  }
  return { values, explanation: report?.explanation ?? '' };
}

/** The server's outlier rule, run early in the browser. */
function isUnusual(value: number, history: readonly number[]): boolean {
  return outlierFlags(value, history).length > 0;
}

export function checkEntry(kpi: MeasuredKpi, draft: EntryDraft, history: ReadonlyArray<{ value: number | null }>, locale: Locale): EntryCheck {
  const fields = fieldsOf(kpi);
  const raw: Partial<Record<InputField, string>> = {};
  for (const f of fields) raw[f] = (draft.values[f] ?? '').trim();
  const context = numberContext(locale);
  const { errors: found, parts } = validateKpiInputs(kpi, raw, context);
  const errors: EntryCheck['errors'] = {};
  for (const e of found) errors[e.field] ??= e.message;
  const inputs: ReportInputs = {};
  const unreadable: InputField[] = [];
  for (const f of fields) {
    const n = parseNumber(raw[f], context);
    if (typeof n === 'number') inputs[f] = n;
    else if (typeof n === 'object') unreadable.push(f);
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
    const typed = parseNumber(draft.values[f] ?? '', numberContext(locale));
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
