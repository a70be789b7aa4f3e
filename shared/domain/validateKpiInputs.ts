/**
 * The numbers one KPI asks for (numerator and denominator, or value and weight), checked against
 * its definition: present, numeric, whole where they count things, in range, numerator within
 * denominator. Pure, and shared by the batch validator on the server and the forms in the browser,
 * so a message is worded once.
 */
import type { MeasuredKpi } from '../../kpi-definitions/schema';
import type { FieldProblem } from '../errors';
import { storedParts } from './aggregate';
import { notANumber, parseUserNumber, type UserNumberContext, type UserNumberRefusal, type UserNumberRefusalCode } from './parseUserNumber';

export const INPUT_FIELDS = ['numerator', 'denominator', 'value', 'weight'] as const;
export type InputField = (typeof INPUT_FIELDS)[number];

export type InputProblemCode = 'required' | UserNumberRefusalCode | 'not_integer' | 'out_of_range' | 'numerator_exceeds_denominator' | 'not_used';

/** Whether two sets of inputs give the same numbers (a field left out equals one left empty). */
export function sameInputs(a: Partial<Record<InputField, number | null>>, b: Partial<Record<InputField, number | null>>): boolean {
  return INPUT_FIELDS.every((f) => (a[f] ?? null) === (b[f] ?? null));
}

/** What one numeric input of a KPI accepts (from its definition). */
export interface InputSpec {
  label: { vi: string; en: string };
  range: { min: number; max: number };
  integer: boolean;
  /** a mean's weight may be left out: it then counts as one observation */
  optional?: boolean;
}

export const INPUT_LABELS: Record<InputField, { vi: string; en: string }> = {
  numerator: { vi: 'Tử số', en: 'Numerator' },
  denominator: { vi: 'Mẫu số', en: 'Denominator' },
  value: { vi: 'Giá trị', en: 'Value' },
  weight: { vi: 'Số quan sát', en: 'Weight' },
};

const viNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });
const enNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });

/** The inputs a KPI's form shows, in order. */
export function inputSpecs(kpi: MeasuredKpi): Partial<Record<InputField, InputSpec>> {
  const m = kpi.measure;
  return m.kind === 'ratio'
    ? { numerator: m.numerator, denominator: m.denominator }
    : m.kind === 'mean'
      ? { value: m.value, weight: { ...m.weight, optional: true } }
      : { value: m.value };
}

/**
 * A number from JSON, a spreadsheet's numeric cell, or text (CSV, a text cell, a form field) read
 * by parseUserNumber; `absent` for nothing entered, the refusal when the text names no number.
 */
/** `inputSpecs` of each KPI, made once: a batch asks for them on every row. */
const specsByKpi = new WeakMap<MeasuredKpi, Partial<Record<InputField, InputSpec>>>();
function specsOf(kpi: MeasuredKpi): Partial<Record<InputField, InputSpec>> {
  let specs = specsByKpi.get(kpi);
  if (!specs) {
    specs = inputSpecs(kpi);
    specsByKpi.set(kpi, specs);
  }
  return specs;
}

export function parseNumber(raw: unknown, context: UserNumberContext = {}): number | 'absent' | UserNumberRefusal {
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return 'absent';
  if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
  if (typeof raw !== 'string') return notANumber(typeof raw === 'number' ? String(raw) : JSON.stringify(raw) ?? typeof raw);
  const parsed = parseUserNumber(raw, context);
  return parsed.ok ? parsed.value : parsed;
}

export function validateKpiInputs(
  kpi: MeasuredKpi,
  input: Partial<Record<InputField, unknown>>,
  context: UserNumberContext = {},
): { errors: Array<FieldProblem<InputField, InputProblemCode>>; parts: { num: number; den: number } | null } {
  const errors: Array<FieldProblem<InputField, InputProblemCode>> = [];
  const fail = (field: InputField, code: InputProblemCode, vi: string, en: string) => errors.push({ field, code, message: { vi, en } });
  const wanted = specsOf(kpi);
  const numbers: Partial<Record<InputField, number>> = {};
  for (const field of INPUT_FIELDS) {
    const spec = wanted[field];
    const raw = input[field];
    // a plain number within range, the case of nearly every row of a feed: nothing to parse or name
    if (spec && typeof raw === 'number' && Number.isFinite(raw) && (!spec.integer || Number.isInteger(raw)) && raw >= spec.range.min && raw <= spec.range.max) {
      numbers[field] = raw;
      continue;
    }
    const parsed = parseNumber(raw, context);
    const label = INPUT_LABELS[field];
    if (!spec) {
      if (parsed !== 'absent') fail(field, 'not_used', `${label.vi} không dùng cho chỉ số «${kpi.name.vi}»`, `${label.en} is not used by "${kpi.name.en}"`);
      continue;
    }
    const named = { vi: `${label.vi} (${spec.label.vi})`, en: `${label.en} (${spec.label.en})` };
    if (parsed === 'absent') {
      if (!spec.optional) fail(field, 'required', `Thiếu ${named.vi.toLowerCase()}`, `${named.en} is missing`);
    } else if (typeof parsed === 'object') {
      fail(field, parsed.code, `${named.vi}: ${parsed.message.vi}`, `${named.en}: ${parsed.message.en}`);
    } else if (spec.integer && !Number.isInteger(parsed)) {
      fail(field, 'not_integer', `${named.vi} phải là số nguyên`, `${named.en} must be a whole number`);
    } else if (parsed < spec.range.min || parsed > spec.range.max) {
      fail(
        field,
        'out_of_range',
        `${named.vi} phải trong khoảng ${viNumber.format(spec.range.min)}–${viNumber.format(spec.range.max)}`,
        `${named.en} must be between ${enNumber.format(spec.range.min)} and ${enNumber.format(spec.range.max)}`,
      );
    } else {
      numbers[field] = parsed;
    }
  }
  const m = kpi.measure;
  if (m.kind === 'ratio' && m.numeratorWithinDenominator && numbers.numerator !== undefined && numbers.denominator !== undefined && numbers.numerator > numbers.denominator) {
    fail(
      'numerator',
      'numerator_exceeds_denominator',
      `${m.numerator.label.vi} (${viNumber.format(numbers.numerator)}) không được lớn hơn ${m.denominator.label.vi.toLowerCase()} (${viNumber.format(numbers.denominator)})`,
      `${m.numerator.label.en} (${enNumber.format(numbers.numerator)}) must not exceed ${m.denominator.label.en.toLowerCase()} (${enNumber.format(numbers.denominator)})`,
    );
  }
  return { errors, parts: errors.length === 0 ? storedParts(m, numbers) : null };
}
