import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import {
  validateMeasurementBatch,
  type MeasurementField,
  type MeasurementProblemCode,
  type ValidationContext,
  type ValidMeasurement,
} from '../../shared/domain/validateMeasurementBatch';
import type { RowProblem } from '../../shared/errors';
import { NATION_ID, seedTree } from '../helpers/orgUnitFixtures';

type MeasurementProblem = RowProblem<MeasurementField | 'row', MeasurementProblemCode>;

/** 10:00 local time on 27/11/2026 */
const NOW = new Date('2026-11-27T03:00:00Z');
/** the last commune of Hà Nội, merged away */
const INACTIVE_COMMUNE = 'X01126';
const tree = seedTree({ inactiveCodes: [INACTIVE_COMMUNE] });

function idOf(code: string): number {
  const unit = tree.byCodeOrUndefined(code);
  if (!unit) throw new Error(`no seeded unit ${code}`);
  return unit.id;
}

function ctx(overrides: Partial<ValidationContext> = {}): ValidationContext {
  return { catalogue: kpiCatalogue, tree, scopeUnitId: NATION_ID, now: NOW, ...overrides };
}

function errorsOf(inputs: readonly unknown[], context = ctx()): MeasurementProblem[] {
  const result = validateMeasurementBatch(inputs, context);
  if (result.ok) throw new Error('expected the batch to be refused');
  return result.errors;
}

function rowsOf(inputs: readonly unknown[], context = ctx()): ValidMeasurement[] {
  const result = validateMeasurementBatch(inputs, context);
  if (!result.ok) throw new Error(`expected the batch to pass: ${JSON.stringify(result.errors)}`);
  return result.rows;
}

/** index, field and code of each error, the part most tests compare */
function summary(errors: readonly MeasurementProblem[]) {
  return errors.map(({ index, field, code }) => ({ index, field, code }));
}

// A province ratio (daily, integer counts 0–1,000,000, numerator within denominator).
const ratioRow = { kpiId: 'dossiers_on_time', orgUnitCode: '01', time: '2026-11-26', numerator: 95, denominator: 100 };
// A province mean (value 0–100 not integer, weight 1–1,000,000 integer, optional).
const meanRow = { kpiId: 'citizen_satisfaction', orgUnitCode: '79', time: '2026-11-26', value: 87.5, weight: 40 };
// A commune ratio (monthly).
const communeRow = { kpiId: 'data_reused', orgUnitCode: 'X01001', time: '2026-10-01', numerator: 3, denominator: 4 };

describe('validateMeasurementBatch: valid rows', () => {
  it('stores a ratio as numerator and denominator as given, at local midnight of a bare date', () => {
    expect(rowsOf([ratioRow])).toEqual([
      { kpiId: 'dossiers_on_time', orgUnitId: idOf('01'), provinceId: idOf('01'), ts: new Date('2026-11-25T17:00:00Z'), num: 95, den: 100 },
    ]);
  });

  it('stores a mean as value × weight over weight', () => {
    expect(rowsOf([meanRow])).toEqual([
      { kpiId: 'citizen_satisfaction', orgUnitId: idOf('79'), provinceId: idOf('79'), ts: new Date('2026-11-25T17:00:00Z'), num: 3500, den: 40 },
    ]);
  });

  it('counts a mean without a weight as one observation', () => {
    const { weight: _weight, ...withoutWeight } = meanRow;
    const [row] = rowsOf([withoutWeight, { ...meanRow, time: '2026-11-25', weight: '' }]);
    expect(row).toMatchObject({ num: 87.5, den: 1 });
    expect(rowsOf([{ ...meanRow, weight: null }])[0]).toMatchObject({ num: 87.5, den: 1 });
  });

  it('accepts numeric strings as numbers, as a CSV line sends them', () => {
    const [ratio, mean] = rowsOf([
      { ...ratioRow, numerator: '12', denominator: ' 100 ' },
      { ...meanRow, value: '87.25', weight: '4' },
    ]);
    expect(ratio).toMatchObject({ num: 12, den: 100 });
    expect(mean).toMatchObject({ num: 349, den: 4 });
  });

  it('refuses a numeric string "12.345" as ambiguous rather than reading 12345: programs write the point as a decimal mark', () => {
    const errors = errorsOf([{ ...meanRow, value: '12.345', weight: '4' }]);
    expect(errors).toMatchObject([{ index: 0, field: 'value', code: 'ambiguous_number' }]);
    expect(rowsOf([{ ...meanRow, value: 12.345, weight: 4 }])[0]).toMatchObject({ num: 49.38, den: 4 });
  });

  it('gives a commune row its province id', () => {
    expect(rowsOf([communeRow])).toEqual([
      { kpiId: 'data_reused', orgUnitId: idOf('X01001'), provinceId: idOf('01'), ts: new Date('2026-09-30T17:00:00Z'), num: 3, den: 4 },
    ]);
  });

  it('accepts zoned instants in several spellings and Date objects', () => {
    const rows = rowsOf([
      { ...ratioRow, time: '2026-11-26T08:00:00+07:00' },
      { ...ratioRow, time: '2026-11-26T02:00Z' },
      { ...ratioRow, time: '2026-11-26T03:00:00.250Z' },
      { ...ratioRow, time: new Date('2026-11-26T04:00:00Z') },
    ]);
    expect(rows.map((r) => r.ts.toISOString())).toEqual([
      '2026-11-26T01:00:00.000Z',
      '2026-11-26T02:00:00.000Z',
      '2026-11-26T03:00:00.250Z',
      '2026-11-26T04:00:00.000Z',
    ]);
  });

  it('accepts a numerator equal to its denominator, and zero over zero', () => {
    expect(rowsOf([{ ...ratioRow, numerator: 100 }, { ...ratioRow, time: '2026-11-25', numerator: 0, denominator: 0 }])).toHaveLength(2);
  });

  it('accepts an empty batch', () => {
    expect(validateMeasurementBatch([], ctx())).toEqual({ ok: true, rows: [] });
  });
});

describe('validateMeasurementBatch: one rule per error code', () => {
  it('required: every missing field is named', () => {
    expect(summary(errorsOf([{}]))).toEqual([
      { index: 0, field: 'kpiId', code: 'required' },
      { index: 0, field: 'orgUnitCode', code: 'required' },
      { index: 0, field: 'time', code: 'required' },
    ]);
    expect(summary(errorsOf([{ ...ratioRow, kpiId: '', orgUnitCode: '', time: '' }])).map((e) => e.field)).toEqual([
      'kpiId',
      'orgUnitCode',
      'time',
    ]);
  });

  it('required: a ratio needs both parts, a mean its value', () => {
    const { numerator: _n, denominator: _d, ...ratioWithoutParts } = ratioRow;
    const { value: _v, ...meanWithoutValue } = meanRow;
    expect(summary(errorsOf([ratioWithoutParts, meanWithoutValue]))).toEqual([
      { index: 0, field: 'numerator', code: 'required' },
      { index: 0, field: 'denominator', code: 'required' },
      { index: 1, field: 'value', code: 'required' },
    ]);
  });

  it('required: a row that is not an object is refused as a whole', () => {
    expect(summary(errorsOf([null, 'dossiers_on_time,01', [ratioRow], 42]))).toEqual([
      { index: 0, field: 'row', code: 'required' },
      { index: 1, field: 'row', code: 'required' },
      { index: 2, field: 'row', code: 'required' },
      { index: 3, field: 'row', code: 'required' },
    ]);
  });

  it('unknown_field: a field outside the seven is refused and named', () => {
    const errors = errorsOf([{ ...ratioRow, comment: 'đã kiểm tra' }]);
    expect(summary(errors)).toEqual([{ index: 0, field: 'row', code: 'unknown_field' }]);
    expect(errors[0]?.message.en).toContain('"comment"');
    expect(errors[0]?.message.vi).toContain('«comment»');
  });

  it('unknown_kpi', () => {
    const errors = errorsOf([{ ...ratioRow, kpiId: 'dossiers_lost' }]);
    expect(summary(errors)).toEqual([{ index: 0, field: 'kpiId', code: 'unknown_kpi' }]);
    expect(errors[0]?.message.en).toBe('Unknown KPI "dossiers_lost"');
  });

  it('composite_not_submitted: the service index is computed, never submitted', () => {
    const errors = errorsOf([{ kpiId: 'service_index', orgUnitCode: '01', time: '2026-11-26', value: 75 }]);
    expect(summary(errors)).toEqual([{ index: 0, field: 'kpiId', code: 'composite_not_submitted' }]);
    expect(errors[0]?.message.vi).toContain('chỉ số tổng hợp');
  });

  it('unknown_org_unit', () => {
    expect(summary(errorsOf([{ ...ratioRow, orgUnitCode: '99' }, { ...communeRow, orgUnitCode: 'X01999' }]))).toEqual([
      { index: 0, field: 'orgUnitCode', code: 'unknown_org_unit' },
      { index: 1, field: 'orgUnitCode', code: 'unknown_org_unit' },
    ]);
  });

  it('inactive_org_unit', () => {
    expect(summary(errorsOf([{ ...communeRow, orgUnitCode: INACTIVE_COMMUNE }]))).toEqual([
      { index: 0, field: 'orgUnitCode', code: 'inactive_org_unit' },
    ]);
    // the neighbour is still active
    expect(rowsOf([{ ...communeRow, orgUnitCode: 'X01125' }])).toHaveLength(1);
  });

  it('wrong_level: a commune KPI at a province, a province KPI at a commune or at the nation', () => {
    const errors = errorsOf([
      { ...communeRow, orgUnitCode: '01' },
      { ...ratioRow, orgUnitCode: 'X01001' },
      { ...ratioRow, orgUnitCode: 'VN' },
    ]);
    expect(summary(errors)).toEqual([
      { index: 0, field: 'orgUnitCode', code: 'wrong_level' },
      { index: 1, field: 'orgUnitCode', code: 'wrong_level' },
      { index: 2, field: 'orgUnitCode', code: 'wrong_level' },
    ]);
    expect(errors[0]?.message.vi).toContain('cấp xã');
    expect(errors[1]?.message.vi).toContain('cấp tỉnh');
  });

  it('out_of_scope: a province may write only to itself and its communes', () => {
    const scope = ctx({ scopeUnitId: idOf('01') });
    expect(
      summary(
        errorsOf(
          [
            { ...communeRow, orgUnitCode: 'X79001' },
            { ...ratioRow, orgUnitCode: '79' },
            { ...ratioRow, orgUnitCode: 'VN' },
          ],
          scope,
        ),
      ),
    ).toEqual([
      { index: 0, field: 'orgUnitCode', code: 'out_of_scope' },
      { index: 1, field: 'orgUnitCode', code: 'out_of_scope' },
      { index: 2, field: 'orgUnitCode', code: 'out_of_scope' },
    ]);
    expect(rowsOf([ratioRow, communeRow, { ...communeRow, orgUnitCode: 'X01125' }], scope)).toHaveLength(3);
  });

  it('out_of_scope: a commune may write only to itself', () => {
    const scope = ctx({ scopeUnitId: idOf('X01001') });
    expect(summary(errorsOf([{ ...communeRow, orgUnitCode: 'X01002' }, ratioRow], scope))).toEqual([
      { index: 0, field: 'orgUnitCode', code: 'out_of_scope' },
      { index: 1, field: 'orgUnitCode', code: 'out_of_scope' },
    ]);
    expect(rowsOf([communeRow], scope)).toHaveLength(1);
  });

  it('out_of_scope is decided before inactive: an outsider learns nothing about the unit', () => {
    const scope = ctx({ scopeUnitId: idOf('79') });
    expect(summary(errorsOf([{ ...communeRow, orgUnitCode: INACTIVE_COMMUNE }], scope))).toEqual([
      { index: 0, field: 'orgUnitCode', code: 'out_of_scope' },
    ]);
  });

  it.each([
    ['a word', 'yesterday'],
    ['a Vietnamese date', '27/11/2026'],
    ['a space instead of T', '2026-11-26 08:00:00+07:00'],
    ['an instant without a zone', '2026-11-26T08:00:00'],
    ['a day that does not exist', '2026-02-30'],
    ['31 April', '2026-04-31'],
    ['month 13', '2026-13-01'],
    ['hour 25', '2026-11-26T25:00:00+07:00'],
    ['a number', 1_795_000_000_000],
    ['a boolean', true],
  ])('invalid_time: %s', (_name, time) => {
    expect(summary(errorsOf([{ ...ratioRow, time }]))).toEqual([{ index: 0, field: 'time', code: 'invalid_time' }]);
  });

  // BUG: parseTime only checks that the calendar date exists for bare dates; a zoned instant on a
  // day that does not exist is rolled over by Date (30 February → 2 March) and accepted.
  it('invalid_time: a zoned instant on a day that does not exist (30 February)', () => {
    expect(summary(errorsOf([{ ...ratioRow, time: '2026-02-30T10:00:00+07:00' }]))).toEqual([
      { index: 0, field: 'time', code: 'invalid_time' },
    ]);
  });

  it('future_time: beyond the five-minute clock skew', () => {
    expect(
      summary(
        errorsOf([
          { ...ratioRow, time: '2026-11-27T03:05:01Z' },
          { ...ratioRow, time: '2026-11-28' },
        ]),
      ),
    ).toEqual([
      { index: 0, field: 'time', code: 'future_time' },
      { index: 1, field: 'time', code: 'future_time' },
    ]);
  });

  it('future_time: within the skew is accepted, up to exactly five minutes', () => {
    expect(
      rowsOf([
        { ...ratioRow, time: '2026-11-27T03:04:00Z' },
        { ...ratioRow, time: '2026-11-27T10:05:00+07:00' },
      ]),
    ).toHaveLength(2);
  });

  it('future_time: the skew is configurable', () => {
    expect(summary(errorsOf([{ ...ratioRow, time: '2026-11-27T03:00:01Z' }], ctx({ clockSkewMs: 0 })))).toEqual([
      { index: 0, field: 'time', code: 'future_time' },
    ]);
  });

  it.each([
    ['a word', 'abc'],
    ['a percent sign', '5%'],
    ['a sign alone', '+'],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a boolean', true],
    ['an object', { n: 5 }],
  ])('not_a_number: %s', (_name, numerator) => {
    expect(summary(errorsOf([{ ...ratioRow, numerator }]))).toEqual([{ index: 0, field: 'numerator', code: 'not_a_number' }]);
  });

  it('not_integer: counts must be whole; a mean value need not be', () => {
    expect(
      summary(
        errorsOf([
          { ...ratioRow, numerator: 9.5 },
          { ...ratioRow, time: '2026-11-25', denominator: '100.5' },
          { ...meanRow, weight: 2.5 },
        ]),
      ),
    ).toEqual([
      { index: 0, field: 'numerator', code: 'not_integer' },
      { index: 1, field: 'denominator', code: 'not_integer' },
      { index: 2, field: 'weight', code: 'not_integer' },
    ]);
  });

  it('out_of_range: both ends, numerator and denominator', () => {
    const errors = errorsOf([
      { ...ratioRow, numerator: -1 },
      { ...ratioRow, time: '2026-11-25', numerator: 5, denominator: 1_000_001 },
    ]);
    expect(summary(errors)).toEqual([
      { index: 0, field: 'numerator', code: 'out_of_range' },
      { index: 1, field: 'denominator', code: 'out_of_range' },
    ]);
    expect(errors[0]?.message.vi).toBe('Tử số (Số hồ sơ giải quyết đúng hạn) phải trong khoảng 0–1.000.000');
    expect(errors[1]?.message.en).toBe('Denominator (Dossiers resolved) must be between 0 and 1,000,000');
  });

  it('out_of_range: both ends, mean value and weight', () => {
    const errors = errorsOf([
      { ...meanRow, value: -0.1 },
      { ...meanRow, time: '2026-11-25', value: 100.5 },
      { ...meanRow, time: '2026-11-24', weight: 0 },
      { ...meanRow, time: '2026-11-23', weight: 1_000_001 },
    ]);
    expect(summary(errors)).toEqual([
      { index: 0, field: 'value', code: 'out_of_range' },
      { index: 1, field: 'value', code: 'out_of_range' },
      { index: 2, field: 'weight', code: 'out_of_range' },
      { index: 3, field: 'weight', code: 'out_of_range' },
    ]);
    expect(errors[0]?.message.vi).toBe('Giá trị (Điểm hài lòng bình quân (0–100)) phải trong khoảng 0–100');
    expect(errors[2]?.message.vi).toBe('Số quan sát (Số lượt đánh giá) phải trong khoảng 1–1.000.000');
  });

  it('out_of_range: the bounds themselves are accepted', () => {
    expect(
      rowsOf([
        { ...meanRow, value: 0, weight: 1 },
        { ...meanRow, time: '2026-11-25', value: 100, weight: 1_000_000 },
        { ...ratioRow, numerator: 1_000_000, denominator: 1_000_000 },
      ]),
    ).toHaveLength(3);
  });

  it('numerator_exceeds_denominator', () => {
    const errors = errorsOf([{ ...ratioRow, numerator: 101, denominator: 100 }]);
    expect(summary(errors)).toEqual([{ index: 0, field: 'numerator', code: 'numerator_exceeds_denominator' }]);
    expect(errors[0]?.message.vi).toBe('Số hồ sơ giải quyết đúng hạn (101) không được lớn hơn số hồ sơ đã giải quyết (100)');
    expect(errors[0]?.message.en).toBe('Dossiers resolved on time (101) must not exceed dossiers resolved (100)');
  });

  it('numerator_exceeds_denominator is not reported when a part is already wrong', () => {
    expect(summary(errorsOf([{ ...ratioRow, numerator: 101, denominator: 'many' }]))).toEqual([
      { index: 0, field: 'denominator', code: 'not_a_number' },
    ]);
  });

  it('not_used: a value or weight for a ratio, a numerator or denominator for a mean', () => {
    expect(
      summary(
        errorsOf([
          { ...ratioRow, value: 95 },
          { ...ratioRow, time: '2026-11-25', weight: 3 },
          { ...meanRow, numerator: 5, denominator: 6 },
        ]),
      ),
    ).toEqual([
      { index: 0, field: 'value', code: 'not_used' },
      { index: 1, field: 'weight', code: 'not_used' },
      { index: 2, field: 'numerator', code: 'not_used' },
      { index: 2, field: 'denominator', code: 'not_used' },
    ]);
  });

  it('not_used: an empty or null field counts as absent', () => {
    expect(rowsOf([{ ...ratioRow, value: '', weight: null }])).toHaveLength(1);
  });

  it('duplicate: the same KPI, unit and time twice', () => {
    const errors = errorsOf([ratioRow, meanRow, { ...ratioRow, numerator: 90 }]);
    expect(summary(errors)).toEqual([{ index: 2, field: 'time', code: 'duplicate' }]);
    expect(errors[0]?.message.vi).toBe('Trùng với dòng 1: cùng chỉ số, đơn vị và thời điểm');
  });

  it('duplicate: the same instant written two ways', () => {
    expect(
      summary(
        errorsOf([
          { ...communeRow, time: '2026-11-01' },
          { ...communeRow, time: '2026-10-31T17:00:00Z' },
          { ...communeRow, time: '2026-11-01T00:00:00+07:00' },
        ], ctx({ now: new Date('2026-12-01T00:00:00Z') })),
      ),
    ).toEqual([
      { index: 1, field: 'time', code: 'duplicate' },
      { index: 2, field: 'time', code: 'duplicate' },
    ]);
  });

  it('duplicate: another unit, KPI or time is not a duplicate', () => {
    expect(
      rowsOf([
        ratioRow,
        { ...ratioRow, orgUnitCode: '79' },
        { ...ratioRow, kpiId: 'dossiers_overdue_now' },
        { ...ratioRow, time: '2026-11-26T00:00:01+07:00' },
      ]),
    ).toHaveLength(4);
  });
});

describe('validateMeasurementBatch: reporting', () => {
  it('reports every bad row, with its 0-based index and the field, not just the first', () => {
    const result = validateMeasurementBatch(
      [
        ratioRow,
        { ...ratioRow, time: '2026-11-25', numerator: 'x' },
        meanRow,
        { ...communeRow, orgUnitCode: 'X00001', time: 'soon' },
        { ...communeRow, numerator: 5 },
        communeRow,
      ],
      ctx(),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(summary(result.errors)).toEqual([
      { index: 1, field: 'numerator', code: 'not_a_number' },
      { index: 3, field: 'orgUnitCode', code: 'unknown_org_unit' },
      { index: 3, field: 'time', code: 'invalid_time' },
      { index: 4, field: 'numerator', code: 'numerator_exceeds_denominator' },
    ]);
  });

  it('refuses the whole batch: no rows come back when one row is bad', () => {
    const result = validateMeasurementBatch([ratioRow, { ...meanRow, value: 'good' }], ctx());
    expect(result).not.toHaveProperty('rows');
  });

  /** a Vietnamese word naming each field, as users read it */
  const FIELD_WORDS_VI = {
    kpiId: 'chỉ số',
    orgUnitCode: 'đơn vị',
    time: 'thời điểm',
    numerator: 'tử số',
    denominator: 'mẫu số',
    value: 'giá trị',
    weight: 'số quan sát',
  } as const;

  it('gives every error a message in Vietnamese and English; the Vietnamese one names the field', () => {
    const errors = errorsOf([
      {},
      { ...ratioRow, kpiId: 'nope' },
      { ...ratioRow, orgUnitCode: 'nope' },
      { ...ratioRow, orgUnitCode: 'X01001' },
      { ...ratioRow, time: 'nope' },
      { ...ratioRow, time: '2027-01-01' },
      { ...ratioRow, numerator: 'x', denominator: 1.5 },
      { ...ratioRow, numerator: -1 },
      { ...meanRow, value: 101, weight: 'x' },
      { ...ratioRow, value: 1, weight: 1 },
      { ...meanRow, numerator: 1, denominator: 1 },
      { ...ratioRow, orgUnitCode: '79', time: '2026-11-20' },
      { ...ratioRow, orgUnitCode: '79', time: '2026-11-20' },
    ]);
    expect(new Set(errors.map((e) => e.code))).toEqual(
      new Set(['required', 'unknown_kpi', 'unknown_org_unit', 'wrong_level', 'invalid_time', 'future_time', 'not_a_number', 'not_integer', 'out_of_range', 'not_used', 'duplicate']),
    );
    for (const error of errors) {
      expect(error.message.vi.length).toBeGreaterThan(5);
      expect(error.message.en.length).toBeGreaterThan(5);
      expect(error.message.vi).not.toBe(error.message.en);
      if (error.field !== 'row') expect(error.message.vi.toLowerCase()).toContain(FIELD_WORDS_VI[error.field]);
    }
  });
});
