import { EARLIEST_MEASUREMENT } from '../../shared/domain/validateMeasurementBatch';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import { asMeasured, checkEntry, numberText } from '../../components/submit/entryCheck';
import { validateReportRows } from '../../shared/domain/validateReportRows';
import { canSubmit } from '../../server/auth/permissions';
import { NATION_ID, seedTree } from '../helpers/orgUnitFixtures';

const kpi = (id: string) => asMeasured(kpiCatalogue.byId.get(id))!;
const trips = kpi('office_trips_per_procedure');
const reused = kpi('data_reused');
/** a province mean, quarterly, 0–100,000,000 đồng */
const cost = kpi('compliance_cost_per_procedure');
const draft = (values: Record<string, string>) => ({ values, explanation: '' });

describe('the form reads numbers with the import’s reader', () => {
  it('takes "1,57" and "602,0" (Vietnamese decimals) and "1.026" as 1026, in the Vietnamese form', () => {
    const check = checkEntry(trips, draft({ value: '1,57', weight: '602,0' }), [], 'vi');
    expect(check.errors).toEqual({});
    expect(check.inputs).toEqual({ value: 1.57, weight: 602 });
    expect(checkEntry(reused, draft({ numerator: '1.026', denominator: '2.000' }), [], 'vi').inputs).toEqual({ numerator: 1026, denominator: 2000 });
  });

  it('reads a text as the import of an XLSX text cell does, or refuses it where the import would', () => {
    const tree = seedTree();
    const context = { catalogue: kpiCatalogue, tree, now: new Date('2026-11-27T03:00:00Z'), earliest: EARLIEST_MEASUREMENT, maySubmit: (u: Parameters<typeof canSubmit>[2]) => canSubmit(tree, { kind: 'user', name: 'admin', scopeUnitId: NATION_ID, role: 'admin' }, u) };
    const read = { '1.000': 1000, '1.026': 1026, '1.234,5': 1234.5, '1 234,5': 1234.5, '12,5': 12.5, '1234.5': 1234.5, '1,234.5': 1234.5, '1.234.567': 1234567 };
    for (const [text, value] of Object.entries(read)) {
      const imported = validateReportRows([{ line: 2, cells: { kpiId: cost.id, orgUnitCode: '01', period: '2026-Q3', value: text, weight: '2' } }], context);
      expect(imported.problems).toEqual([]);
      expect(imported.prepared[0]!.inputs.value).toBe(value);
      for (const locale of ['vi', 'en'] as const) expect(checkEntry(cost, draft({ value: text, weight: '2' }), [], locale).inputs.value).toBe(value);
    }
    const ambiguous = checkEntry(trips, draft({ value: '1,234', weight: '2' }), [], 'en');
    expect(ambiguous.unreadable).toEqual(['value']);
    expect(ambiguous.errors.value?.en).toMatch(/ambiguous/);
  });

  it('writes a stored number back into an input so that the form reads the same number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom('vi' as const, 'en' as const), (n, decimals, locale) => {
        const value = n / 10 ** decimals;
        const check = checkEntry(trips, draft({ value: numberText(value, locale) }), [], locale);
        expect(check.unreadable).toEqual([]);
        expect(check.inputs.value).toBe(value);
      }),
    );
  });
});
