/**
 * The inputs of one KPI as a form or a batch row gives them, checked against the real catalogue:
 * a ratio (data_reused: two whole counts, numerator within denominator) and a mean
 * (office_trips_per_procedure: a mean of 0–20 trips and an optional whole weight of at least 1).
 */
import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import type { MeasuredKpi } from '../../kpi-definitions/schema';
import { INPUT_LABELS, inputSpecs, parseNumber, validateKpiInputs } from '../../shared/domain/validateKpiInputs';
import type { FieldProblem } from '../../shared/errors';

function measured(id: string): MeasuredKpi {
  const kpi = kpiCatalogue.measured.find((k) => k.id === id);
  if (!kpi) throw new Error(`no measured KPI ${id} in the catalogue`);
  return kpi;
}

const ratio = measured('data_reused');
const mean = measured('office_trips_per_procedure');

/** field and code of each error, the part most tests compare */
const summary = (errors: readonly FieldProblem[]) => errors.map((e) => [e.field, e.code]);

describe('the KPIs under test are what these tests assume', () => {
  it('data_reused is a ratio of whole counts with the numerator within the denominator', () => {
    expect(ratio.measure).toMatchObject({
      kind: 'ratio',
      numerator: { range: { min: 0, max: 1_000_000 }, integer: true },
      denominator: { range: { min: 0, max: 1_000_000 }, integer: true },
      scale: 100,
      numeratorWithinDenominator: true,
    });
    expect(Object.keys(inputSpecs(ratio))).toEqual(['numerator', 'denominator']);
  });

  it('office_trips_per_procedure is a mean of 0–20 with a whole weight from 1, which may be left out', () => {
    expect(mean.measure).toMatchObject({
      kind: 'mean',
      value: { range: { min: 0, max: 20 }, integer: false },
      weight: { range: { min: 1, max: 1_000_000 }, integer: true },
    });
    expect(inputSpecs(mean)).toMatchObject({ value: { integer: false }, weight: { optional: true } });
    expect(inputSpecs(mean).value?.optional).toBeUndefined();
  });
});

describe('a ratio KPI', () => {
  it('stores valid counts as they are, whether numbers or text from a form', () => {
    expect(validateKpiInputs(ratio, { numerator: 3, denominator: 4 })).toEqual({ errors: [], parts: { num: 3, den: 4 } });
    expect(validateKpiInputs(ratio, { numerator: ' 30 ', denominator: '40' })).toEqual({ errors: [], parts: { num: 30, den: 40 } });
    expect(validateKpiInputs(ratio, { numerator: 0, denominator: 0 })).toEqual({ errors: [], parts: { num: 0, den: 0 } });
    expect(validateKpiInputs(ratio, { numerator: 1_000_000, denominator: '1e6' })).toEqual({ errors: [], parts: { num: 1_000_000, den: 1_000_000 } });
    // unused fields given as empty count as absent
    expect(validateKpiInputs(ratio, { numerator: 1, denominator: 2, value: '', weight: null })).toEqual({ errors: [], parts: { num: 1, den: 2 } });
  });

  it.each([
    { rule: 'a missing denominator', input: { numerator: 3 }, field: 'denominator', code: 'required' },
    { rule: 'an empty numerator', input: { numerator: '', denominator: 4 }, field: 'numerator', code: 'required' },
    { rule: 'text that is not a number', input: { numerator: 'ba', denominator: 4 }, field: 'numerator', code: 'not_a_number' },
    { rule: 'a decimal comma on a count (1,5 is one and a half)', input: { numerator: '1,5', denominator: 4 }, field: 'numerator', code: 'not_integer' },
    { rule: 'an ambiguous "1,234"', input: { numerator: '1,234', denominator: 4000 }, field: 'numerator', code: 'ambiguous_number' },
    { rule: 'thousands grouped wrongly', input: { numerator: '1.23.456', denominator: 4 }, field: 'numerator', code: 'bad_grouping' },
    { rule: 'NaN', input: { numerator: 1, denominator: Number.NaN }, field: 'denominator', code: 'not_a_number' },
    { rule: 'Infinity', input: { numerator: Number.POSITIVE_INFINITY, denominator: 4 }, field: 'numerator', code: 'not_a_number' },
    { rule: 'a boolean', input: { numerator: true, denominator: 4 }, field: 'numerator', code: 'not_a_number' },
    { rule: 'a fraction of a dossier', input: { numerator: 1.5, denominator: 4 }, field: 'numerator', code: 'not_integer' },
    { rule: 'a negative count', input: { numerator: 0, denominator: -1 }, field: 'denominator', code: 'out_of_range' },
    { rule: 'a count above the range', input: { numerator: 1, denominator: 1_000_001 }, field: 'denominator', code: 'out_of_range' },
    { rule: 'a numerator above the denominator', input: { numerator: 5, denominator: 4 }, field: 'numerator', code: 'numerator_exceeds_denominator' },
    { rule: 'a mean value it does not use', input: { numerator: 1, denominator: 4, value: 3 }, field: 'value', code: 'not_used' },
    { rule: 'a weight it does not use', input: { numerator: 1, denominator: 4, weight: '2' }, field: 'weight', code: 'not_used' },
  ])('refuses $rule ($field: $code) and stores nothing', ({ input, field, code }) => {
    const result = validateKpiInputs(ratio, input);
    expect(summary(result.errors)).toEqual([[field, code]]);
    expect(result.parts).toBeNull();
  });

  it('names the field in Vietnamese and English, with its label from the definition', () => {
    const [missing] = validateKpiInputs(ratio, { numerator: 3 }).errors;
    expect(missing!.message).toEqual({
      vi: 'Thiếu mẫu số (số hồ sơ có thành phần đã được số hóa)',
      en: 'Denominator (Dossiers with documents already digitised) is missing',
    });
    const [fraction] = validateKpiInputs(ratio, { numerator: 1.5, denominator: 4 }).errors;
    expect(fraction!.message).toEqual({
      vi: 'Tử số (Số hồ sơ sử dụng lại dữ liệu số hóa) phải là số nguyên',
      en: 'Numerator (Dossiers reusing digitised data) must be a whole number',
    });
    const [range] = validateKpiInputs(ratio, { numerator: 0, denominator: -1 }).errors;
    expect(range!.message).toEqual({
      vi: 'Mẫu số (Số hồ sơ có thành phần đã được số hóa) phải trong khoảng 0–1.000.000',
      en: 'Denominator (Dossiers with documents already digitised) must be between 0 and 1,000,000',
    });
    const [unused] = validateKpiInputs(ratio, { numerator: 1, denominator: 4, value: 3 }).errors;
    expect(unused!.message.vi).toBe(`Giá trị không dùng cho chỉ số «${ratio.name.vi}»`);
    expect(unused!.message.en).toBe(`Value is not used by "${ratio.name.en}"`);
  });

  it('words numerator above denominator with both numbers, in each language’s own format', () => {
    const [err] = validateKpiInputs(ratio, { numerator: 1500, denominator: 1200 }).errors;
    expect(err).toEqual({
      field: 'numerator',
      code: 'numerator_exceeds_denominator',
      message: {
        vi: 'Số hồ sơ sử dụng lại dữ liệu số hóa (1.500) không được lớn hơn số hồ sơ có thành phần đã được số hóa (1.200)',
        en: 'Dossiers reusing digitised data (1,500) must not exceed dossiers with documents already digitised (1,200)',
      },
    });
  });

  it('lists every problem at once, in field order, and compares the parts only when both are valid', () => {
    const result = validateKpiInputs(ratio, { numerator: 1.5, denominator: -1, value: 2 });
    expect(summary(result.errors)).toEqual([
      ['numerator', 'not_integer'],
      ['denominator', 'out_of_range'],
      ['value', 'not_used'],
    ]);
    expect(result.parts).toBeNull();
    // the numerator is not compared with a denominator that was refused
    expect(summary(validateKpiInputs(ratio, { numerator: 7, denominator: 'x' }).errors)).toEqual([['denominator', 'not_a_number']]);
    expect(summary(validateKpiInputs(ratio, {}).errors)).toEqual([
      ['numerator', 'required'],
      ['denominator', 'required'],
    ]);
  });
});

describe('a mean KPI', () => {
  it('stores value × weight over weight', () => {
    expect(validateKpiInputs(mean, { value: 2.5, weight: 4 })).toEqual({ errors: [], parts: { num: 10, den: 4 } });
    expect(validateKpiInputs(mean, { value: '1.25', weight: '40' })).toEqual({ errors: [], parts: { num: 50, den: 40 } });
    expect(validateKpiInputs(mean, { value: 0, weight: 1 })).toEqual({ errors: [], parts: { num: 0, den: 1 } });
  });

  it('counts a left-out weight as one observation', () => {
    expect(validateKpiInputs(mean, { value: 3 })).toEqual({ errors: [], parts: { num: 3, den: 1 } });
    expect(validateKpiInputs(mean, { value: 3, weight: null })).toEqual({ errors: [], parts: { num: 3, den: 1 } });
    expect(validateKpiInputs(mean, { value: 3, weight: '' })).toEqual({ errors: [], parts: { num: 3, den: 1 } });
  });

  it.each([
    { rule: 'a missing value (the weight alone says nothing)', input: { weight: 4 }, field: 'value', code: 'required' },
    { rule: 'a value that is not a number', input: { value: 'hai', weight: 4 }, field: 'value', code: 'not_a_number' },
    { rule: 'more than 20 trips', input: { value: 25, weight: 4 }, field: 'value', code: 'out_of_range' },
    { rule: 'a negative mean', input: { value: -0.5 }, field: 'value', code: 'out_of_range' },
    { rule: 'a weight of zero', input: { value: 2, weight: 0 }, field: 'weight', code: 'out_of_range' },
    { rule: 'a fractional weight', input: { value: 2, weight: 1.5 }, field: 'weight', code: 'not_integer' },
    { rule: 'a weight that is not a number', input: { value: 2, weight: 'bốn' }, field: 'weight', code: 'not_a_number' },
    { rule: 'a numerator it does not use', input: { value: 2, numerator: 1 }, field: 'numerator', code: 'not_used' },
    { rule: 'a denominator it does not use', input: { value: 2, denominator: 1 }, field: 'denominator', code: 'not_used' },
  ])('refuses $rule ($field: $code)', ({ input, field, code }) => {
    const result = validateKpiInputs(mean, input);
    expect(summary(result.errors)).toEqual([[field, code]]);
    expect(result.parts).toBeNull();
  });

  it('accepts a fractional mean (trips per dossier are not whole)', () => {
    expect(validateKpiInputs(mean, { value: 1.375, weight: 8 })).toEqual({ errors: [], parts: { num: 11, den: 8 } });
  });

  it('names the field in both languages', () => {
    const [range] = validateKpiInputs(mean, { value: 25, weight: 4 }).errors;
    expect(range!.message).toEqual({
      vi: 'Giá trị (Số lần đi lại bình quân mỗi hồ sơ (lần)) phải trong khoảng 0–20',
      en: 'Value (Mean trips per dossier) must be between 0 and 20',
    });
    const [weight] = validateKpiInputs(mean, { value: 2, weight: 0 }).errors;
    expect(weight!.message).toEqual({
      vi: 'Số quan sát (Số hồ sơ đã trả kết quả) phải trong khoảng 1–1.000.000',
      en: 'Weight (Dossiers with result delivered) must be between 1 and 1,000,000',
    });
    const [missing] = validateKpiInputs(mean, {}).errors;
    expect(missing!.message).toEqual({
      vi: 'Thiếu giá trị (số lần đi lại bình quân mỗi hồ sơ (lần))',
      en: 'Value (Mean trips per dossier) is missing',
    });
  });
});

describe('every error names its field', () => {
  it('in both languages, for every code of both KPIs', () => {
    const cases: Array<[MeasuredKpi, Record<string, unknown>]> = [
      [ratio, { numerator: 'x', denominator: 1.5 }],
      [ratio, { numerator: -1 }],
      [ratio, { numerator: 1, denominator: 1, value: 1, weight: 1 }],
      [mean, { value: 21, weight: 0.5, numerator: 1 }],
      [mean, { weight: 'x', denominator: 2 }],
      [mean, { value: '1,234', weight: '1.2.3' }],
    ];
    const seen = new Set<string>();
    for (const [kpi, input] of cases) {
      for (const e of validateKpiInputs(kpi, input).errors) {
        seen.add(e.code);
        expect(e.message.vi.toLowerCase()).toContain(INPUT_LABELS[e.field].vi.toLowerCase());
        expect(e.message.en.toLowerCase()).toContain(INPUT_LABELS[e.field].en.toLowerCase());
      }
    }
    expect([...seen].sort()).toEqual(['ambiguous_number', 'bad_grouping', 'not_a_number', 'not_integer', 'not_used', 'out_of_range', 'required']);
  });
});

describe('parseNumber', () => {
  it('reads numbers and plain numeric text, and tells nothing entered from something wrong', () => {
    expect(parseNumber(undefined)).toBe('absent');
    expect(parseNumber(null)).toBe('absent');
    expect(parseNumber('')).toBe('absent');
    expect(parseNumber(' 42 ')).toBe(42);
    expect(parseNumber('-0.5')).toBe(-0.5);
    expect(parseNumber('2.5e3')).toBe(2500);
    expect(parseNumber(7)).toBe(7);
    expect(parseNumber('   ')).toBe('absent');
    expect(parseNumber('1.234,5')).toBe(1234.5);
    expect(parseNumber('1,234', { decimalComma: true })).toBe(1.234);
    expect(parseNumber('12abc')).toMatchObject({ ok: false, code: 'not_a_number' });
    expect(parseNumber('0x10')).toMatchObject({ ok: false, code: 'not_a_number' });
    expect(parseNumber(Number.NaN)).toMatchObject({ ok: false, code: 'not_a_number' });
    expect(parseNumber({})).toMatchObject({ ok: false, code: 'not_a_number' });
  });
});
