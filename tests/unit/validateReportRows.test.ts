import { EARLIEST_MEASUREMENT } from '../../shared/domain/validateMeasurementBatch';
import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import { canSubmit } from '../../server/auth/permissions';
import type { Principal } from '../../server/auth/principal';
import {
  EXAMPLE_ROW_MARKER,
  MAX_EXPLANATION_LENGTH,
  validateReportRows,
  type ReportFileRow,
  type ReportRowContext,
} from '../../shared/domain/validateReportRows';
import { NATION_ID, seedTree } from '../helpers/orgUnitFixtures';

/** 10:00 local time on 27/11/2026 */
const NOW = new Date('2026-11-27T03:00:00Z');
const INACTIVE_COMMUNE = 'X01126';
const tree = seedTree({ inactiveCodes: [INACTIVE_COMMUNE] });
const idOf = (code: string) => tree.byCodeOrUndefined(code)!.id;

const nationAdmin: Principal = { kind: 'user', name: 'user:admin', scopeUnitId: NATION_ID, role: 'admin' };
const hanoiStaff: Principal = { kind: 'user', name: 'user:canbo.hanoi', scopeUnitId: idOf('01'), role: 'province_staff' };
const communeStaff: Principal = { kind: 'user', name: 'user:canbo.xa', scopeUnitId: idOf('X01001'), role: 'commune_staff' };

function ctx(principal: Principal = nationAdmin): ReportRowContext {
  return { catalogue: kpiCatalogue, tree, maySubmit: (unit) => canSubmit(tree, principal, unit), now: NOW, earliest: EARLIEST_MEASUREMENT };
}

/** rows as they come out of a file: line 1 is the header */
const file = (...cells: Array<ReportFileRow['cells']>): ReportFileRow[] => cells.map((c, i) => ({ line: i + 2, cells: c }));

// A commune ratio, monthly, integer counts, numerator within denominator.
const communeRatio = { kpiId: 'data_reused', orgUnitCode: 'X01001', period: '2026-10', numerator: '30', denominator: '40' };
// A province mean, daily, weight optional.
const provinceMean = { kpiId: 'citizen_satisfaction', orgUnitCode: '79', period: '2026-11-26', value: '87.5' };
// A province ratio, quarterly.
const provinceQuarterly = { kpiId: 'procedures_fully_online', orgUnitCode: '01', period: '2026-Q3', numerator: 90, denominator: 100 };

const summary = (rows: readonly ReportFileRow[], context = ctx()) =>
  validateReportRows(rows, context).problems.map(({ index, line, field, code }) => ({ index, line, field, code }));

describe('validateReportRows', () => {
  it('prepares good rows of every frequency with their period start, inputs and stored parts', () => {
    const { prepared, problems } = validateReportRows(file(communeRatio, provinceMean, provinceQuarterly), ctx());
    expect(problems).toEqual([]);
    expect(prepared.map((r) => ({ kpi: r.kpi.id, unit: r.unit.code, period: r.periodStart.toISOString(), inputs: r.inputs, parts: r.parts, line: r.line }))).toEqual([
      { kpi: 'data_reused', unit: 'X01001', period: '2026-09-30T17:00:00.000Z', inputs: { numerator: 30, denominator: 40 }, parts: { num: 30, den: 40 }, line: 2 },
      { kpi: 'citizen_satisfaction', unit: '79', period: '2026-11-25T17:00:00.000Z', inputs: { value: 87.5 }, parts: { num: 87.5, den: 1 }, line: 3 },
      { kpi: 'procedures_fully_online', unit: '01', period: '2026-06-30T17:00:00.000Z', inputs: { numerator: 90, denominator: 100 }, parts: { num: 90, den: 100 }, line: 4 },
    ]);
    expect(prepared[0]!.value).toBeCloseTo(75);
  });

  it.each([
    ['missing KPI', { ...communeRatio, kpiId: undefined }, 'kpiId', 'required'],
    ['unknown KPI', { ...communeRatio, kpiId: 'no_such_kpi' }, 'kpiId', 'unknown_kpi'],
    ['composite KPI', { kpiId: 'service_index', orgUnitCode: '01', period: '2026-11-26', value: 70 }, 'kpiId', 'composite_not_submitted'],
    ['missing unit', { ...communeRatio, orgUnitCode: undefined }, 'orgUnitCode', 'required'],
    ['unknown unit', { ...communeRatio, orgUnitCode: 'X99999' }, 'orgUnitCode', 'unknown_org_unit'],
    ['inactive unit', { ...communeRatio, orgUnitCode: INACTIVE_COMMUNE }, 'orgUnitCode', 'inactive_org_unit'],
    ['wrong level', { ...communeRatio, orgUnitCode: '01' }, 'orgUnitCode', 'wrong_level'],
    ['missing period', { ...communeRatio, period: undefined }, 'period', 'required'],
    ['a day for a monthly KPI', { ...communeRatio, period: '2026-10-01' }, 'period', 'invalid_period'],
    ['a month for a daily KPI', { ...provinceMean, period: '2026-11' }, 'period', 'invalid_period'],
    ['a month for a quarterly KPI', { ...provinceQuarterly, period: '2026-07' }, 'period', 'invalid_period'],
    ['a period not started yet', { ...communeRatio, period: '2026-12' }, 'period', 'future_period'],
    ['tomorrow', { ...provinceMean, period: '2026-11-28' }, 'period', 'future_period'],
    ['a mistyped year (1970)', { ...communeRatio, period: '1970-10' }, 'period', 'too_old'],
    ['year 1000', { ...provinceMean, period: '1000-11-26' }, 'period', 'too_old'],
    ['not a number', { ...communeRatio, numerator: 'ba mươi' }, 'numerator', 'not_a_number'],
    ['an ambiguous "87,500"', { ...provinceMean, value: '87,500' }, 'value', 'ambiguous_number'],
    ['not whole', { ...communeRatio, numerator: '30.5' }, 'numerator', 'not_integer'],
    ['out of range', { ...communeRatio, denominator: '-1', numerator: '0' }, 'denominator', 'out_of_range'],
    ['numerator above denominator', { ...communeRatio, numerator: '41' }, 'numerator', 'numerator_exceeds_denominator'],
    ['an input the KPI does not use', { ...communeRatio, value: '3' }, 'value', 'not_used'],
    ['a missing input', { ...communeRatio, denominator: undefined }, 'denominator', 'required'],
    ['an explanation too long', { ...communeRatio, explanation: 'x'.repeat(MAX_EXPLANATION_LENGTH + 1) }, 'explanation', 'too_long'],
    ['the template’s example row', { ...communeRatio, explanation: EXAMPLE_ROW_MARKER }, 'row', 'example_row'],
  ] as const)('%s: one problem at the row, its line and column', (_rule, bad, field, code) => {
    const rows = file(communeRatio, { ...communeRatio, orgUnitCode: 'X01002' }, bad);
    const { prepared, problems } = validateReportRows(rows, ctx());
    expect(problems.map(({ index, line, field: f, code: c }) => ({ index, line, field: f, code: c }))).toEqual([{ index: 2, line: 4, field, code }]);
    expect(problems[0]!.message.vi).not.toBe('');
    expect(problems[0]!.message.en).not.toBe('');
    expect(prepared.map((r) => r.index)).toEqual([0, 1]);
  });

  it('lists every problem of a row, not only the first', () => {
    expect(summary(file({ kpiId: 'data_reused', orgUnitCode: 'X99999', period: '2026/10', numerator: 'x' }))).toEqual([
      { index: 0, line: 2, field: 'orgUnitCode', code: 'unknown_org_unit' },
      { index: 0, line: 2, field: 'period', code: 'invalid_period' },
      { index: 0, line: 2, field: 'numerator', code: 'not_a_number' },
      { index: 0, line: 2, field: 'denominator', code: 'required' },
    ]);
  });

  it('refuses a second row for the same KPI, unit and period, naming the first line', () => {
    const { problems, prepared } = validateReportRows(file(communeRatio, provinceMean, { ...communeRatio, numerator: '1' }), ctx());
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ index: 2, line: 4, field: 'period', code: 'duplicate' });
    expect(problems[0]!.message.vi).toContain('dòng 2');
    expect(prepared).toHaveLength(2);
  });

  it('keeps staff within their scope: province staff their province and its communes, commune staff their commune', () => {
    const rows = file(communeRatio, { ...communeRatio, orgUnitCode: 'X79001' }, provinceQuarterly, { ...provinceQuarterly, orgUnitCode: '79' });
    expect(summary(rows, ctx(hanoiStaff))).toEqual([
      { index: 1, line: 3, field: 'orgUnitCode', code: 'out_of_scope' },
      { index: 3, line: 5, field: 'orgUnitCode', code: 'out_of_scope' },
    ]);
    expect(summary(rows, ctx(communeStaff))).toEqual([
      { index: 1, line: 3, field: 'orgUnitCode', code: 'out_of_scope' },
      { index: 2, line: 4, field: 'orgUnitCode', code: 'out_of_scope' },
      { index: 3, line: 5, field: 'orgUnitCode', code: 'out_of_scope' },
    ]);
  });

  it('takes spreadsheet cells: numbers, date cells for periods, and codes that lost their leading zeros', () => {
    const rows = file(
      { kpiId: 'data_reused', orgUnitCode: 'X01001', period: new Date('2026-10-01T00:00:00Z'), numerator: 30, denominator: 40 },
      { kpiId: 'citizen_satisfaction', orgUnitCode: 1, period: new Date('2026-11-26T00:00:00Z'), value: 90, weight: 12 },
    );
    const { prepared, problems } = validateReportRows(rows, ctx());
    expect(problems).toEqual([]);
    expect(prepared.map((r) => [r.unit.code, r.periodStart.toISOString()])).toEqual([
      ['X01001', '2026-09-30T17:00:00.000Z'],
      ['01', '2026-11-25T17:00:00.000Z'],
    ]);
  });

  it('reads "1.000" and "2.000" as thousands in text cells, and decimal commas (1,57; 602,0) where numbers allow them', () => {
    const { prepared, problems } = validateReportRows(
      file(
        { ...communeRatio, numerator: '1.000', denominator: '2.000' },
        { ...communeRatio, orgUnitCode: 'X01002', numerator: '1.026', denominator: '2.000' },
        { ...provinceMean, value: '87,5' },
        { kpiId: 'office_trips_per_procedure', orgUnitCode: 'X01003', period: '2026-10', value: '1,57', weight: '602,0' },
      ),
      ctx(),
    );
    expect(problems).toEqual([]);
    expect(prepared.map((r) => r.inputs)).toEqual([{ numerator: 1000, denominator: 2000 }, { numerator: 1026, denominator: 2000 }, { value: 87.5 }, { value: 1.57, weight: 602 }]);
  });

  it('reads "1,234" as 1,234 in a file with decimal commas (a ; CSV) and refuses it, saying why, elsewhere', () => {
    const row = { kpiId: 'citizen_satisfaction', orgUnitCode: '79', period: '2026-11-26', value: '87,125' };
    expect(validateReportRows(file(row), { ...ctx(), numbers: { decimalComma: true } }).prepared[0]!.inputs).toEqual({ value: 87.125 });
    const [problem] = validateReportRows(file(row), ctx()).problems;
    expect(problem).toMatchObject({ field: 'value', code: 'ambiguous_number' });
    expect(problem!.message.vi).toMatch(/^Giá trị \(.*\): «87,125» không rõ nghĩa/);
  });

  it('takes a unit by its exact name within the uploader’s scope, in any Unicode normal form', () => {
    const rows = file(
      { ...communeRatio, orgUnitCode: 'Phường Mẫu 023' },
      { ...communeRatio, orgUnitCode: 'phường  mẫu 024'.normalize('NFD') },
      { ...provinceQuarterly, orgUnitCode: 'Hà Nội'.normalize('NFD') },
    );
    const { prepared, problems } = validateReportRows(rows, ctx(hanoiStaff));
    expect(problems).toEqual([]);
    expect(prepared.map((r) => r.unit.code)).toEqual(['X01023', 'X01024', '01']);
  });

  it('refuses a name that two provinces share for a national uploader, listing each with its code and province', () => {
    const [problem] = validateReportRows(file({ ...communeRatio, orgUnitCode: 'Phường Mẫu 023' }), ctx()).problems;
    expect(problem).toMatchObject({ field: 'orgUnitCode', code: 'ambiguous_org_unit' });
    expect(problem!.message.vi).toContain('Phường Mẫu 023 (mã X01023, Hà Nội)');
    expect(problem!.message.vi).toContain('Phường Mẫu 023 (mã X79023, Hồ Chí Minh)');
    expect(problem!.message.vi).toMatch(/hãy ghi mã đơn vị$/);
  });

  it('suggests the code of a near name ("did you mean …"), only among the uploader’s units', () => {
    const [problem] = validateReportRows(file({ ...communeRatio, orgUnitCode: 'Phuong Mau 023' }), ctx(hanoiStaff)).problems;
    expect(problem).toMatchObject({ field: 'orgUnitCode', code: 'unknown_org_unit' });
    expect(problem!.message.vi).toContain('có phải: Phường Mẫu 023 (mã X01023, Hà Nội)');
    expect(problem!.message.en).toContain('did you mean: Phường Mẫu 023 (code X01023, Hà Nội)');
    expect(problem!.message.vi).not.toContain('X79023');
  });

  it('names units in messages with their code and province', () => {
    const [outOfScope] = validateReportRows(file({ ...communeRatio, orgUnitCode: 'X79001' }), ctx(hanoiStaff)).problems;
    expect(outOfScope!.message.vi).toBe('Bạn không có quyền nộp số liệu cho Phường Mẫu 001 (mã X79001, Hồ Chí Minh)');
    const [inactive] = validateReportRows(file({ ...communeRatio, orgUnitCode: INACTIVE_COMMUNE }), ctx()).problems;
    expect(inactive!.message.en).toMatch(/\(code X01126, Hà Nội\) is no longer active$/);
  });

  it('takes periods written the Vietnamese way: 01/11/2026 or 11/2026 for a month', () => {
    const { prepared, problems } = validateReportRows(
      file({ ...communeRatio, period: '01/10/2026' }, { ...communeRatio, orgUnitCode: 'X01002', period: '10/2026' }, { ...provinceMean, period: '26/11/2026' }),
      ctx(),
    );
    expect(problems).toEqual([]);
    expect(prepared.map((r) => r.periodStart.toISOString())).toEqual(['2026-09-30T17:00:00.000Z', '2026-09-30T17:00:00.000Z', '2026-11-25T17:00:00.000Z']);
  });
});

