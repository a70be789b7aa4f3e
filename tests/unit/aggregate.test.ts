import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import { isComposite, type CompositeKpi, type KpiDefinition, type MeasuredKpi } from '../../kpi-definitions/schema';
import { compositeIndex, storedParts, valueFromSums } from '../../shared/domain/aggregate';

type StoredMeasure = MeasuredKpi['measure'];

const count = { label: { vi: 'Số hồ sơ', en: 'Dossiers' }, range: { min: 0, max: 1_000_000 }, integer: true };
const percent: StoredMeasure = { kind: 'ratio', numerator: count, denominator: count, scale: 100, numeratorWithinDenominator: true };
const perThousand: StoredMeasure = { ...percent, scale: 1000 };
const mean: StoredMeasure = { kind: 'mean', value: { ...count, integer: false }, weight: count };
const sum: StoredMeasure = { kind: 'sum', value: count };

describe('valueFromSums', () => {
  it('ratio: num / den × scale', () => {
    expect(valueFromSums(percent, 95, 100)).toBe(95);
    expect(valueFromSums(percent, 1, 3)).toBeCloseTo(33.3333, 4);
    expect(valueFromSums(perThousand, 3, 4)).toBe(750);
  });

  it('ratio: nothing measured (den 0) is null, not 0 or NaN', () => {
    expect(valueFromSums(percent, 0, 0)).toBeNull();
  });

  it('mean: sum of value × weight over sum of weights; null over no weight', () => {
    expect(valueFromSums(mean, 3500, 40)).toBe(87.5);
    expect(valueFromSums(mean, 0, 0)).toBeNull();
  });

  it('sum: the summed value, den ignored', () => {
    expect(valueFromSums(sum, 42, 7)).toBe(42);
    expect(valueFromSums(sum, 0, 0)).toBe(0);
  });
});

describe('storedParts', () => {
  it('ratio: numerator and denominator as given', () => {
    expect(storedParts(percent, { numerator: 12, denominator: 40 })).toEqual({ num: 12, den: 40 });
  });

  it('mean: value × weight over weight; weight defaults to 1', () => {
    expect(storedParts(mean, { value: 2.5, weight: 4 })).toEqual({ num: 10, den: 4 });
    expect(storedParts(mean, { value: 2.5 })).toEqual({ num: 2.5, den: 1 });
  });

  it('sum: value over 1', () => {
    expect(storedParts(sum, { value: 17 })).toEqual({ num: 17, den: 1 });
  });

  it('round-trips: the value of one row’s parts is the value submitted', () => {
    const ratioParts = storedParts(percent, { numerator: 3, denominator: 4 });
    expect(valueFromSums(percent, ratioParts.num, ratioParts.den)).toBe(75);
    const meanParts = storedParts(mean, { value: 87.5, weight: 40 });
    expect(valueFromSums(mean, meanParts.num, meanParts.den)).toBe(87.5);
  });
});

describe('aggregation upward: sums of parts, never the mean of ratios', () => {
  it('two units 1/1 and 0/99 give 1%, not 50%', () => {
    const units = [
      { num: 1, den: 1 },
      { num: 0, den: 99 },
    ];
    const num = units.reduce((a, u) => a + u.num, 0);
    const den = units.reduce((a, u) => a + u.den, 0);
    expect(valueFromSums(percent, num, den)).toBe(1);
    const meanOfRatios = units.reduce((a, u) => a + (valueFromSums(percent, u.num, u.den) ?? 0), 0) / units.length;
    expect(meanOfRatios).toBe(50);
  });

  const unit = fc
    .integer({ min: 1, max: 10_000 })
    .chain((den) => fc.record({ num: fc.integer({ min: 0, max: den }), den: fc.constant(den) }));

  it('the value of summed parts is sum(num) / sum(den) × scale', () => {
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 30 }), (units) => {
        const num = units.reduce((a, u) => a + u.num, 0);
        const den = units.reduce((a, u) => a + u.den, 0);
        expect(valueFromSums(percent, num, den)).toBeCloseTo((100 * num) / den, 9);
      }),
    );
  });

  it('equals the mean of ratios when all denominators are equal, and only then in general', () => {
    fc.assert(
      fc.property(unit, unit, (a, b) => {
        const pooled = valueFromSums(percent, a.num + b.num, a.den + b.den) ?? Number.NaN;
        const meanOfRatios = ((valueFromSums(percent, a.num, a.den) ?? 0) + (valueFromSums(percent, b.num, b.den) ?? 0)) / 2;
        // pooled − mean = (r_a − r_b)(d_a − d_b) / (2 (d_a + d_b)): zero only if the ratios or the sizes agree
        const ratiosAgree = a.num * b.den === b.num * a.den;
        if (a.den === b.den || ratiosAgree) expect(pooled).toBeCloseTo(meanOfRatios, 9);
        else {
          // The gap can be as small as ~1e-11 (ratios a hair apart, sizes one apart), so it is checked
          // against its exact value, computed in integers, rather than against a fixed threshold.
          const gap = (100 * (a.num * b.den - b.num * a.den) * (a.den - b.den)) / (a.den * b.den * 2 * (a.den + b.den));
          expect(gap).not.toBe(0);
          expect(pooled - meanOfRatios).toBeCloseTo(gap, 9);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('compositeIndex', () => {
  const serviceIndex = kpiCatalogue.get('service_index');
  if (!isComposite(serviceIndex)) throw new Error('service_index must be a composite');

  /** a component scored linearly from `worst` (0 points) to `best` (100 points) */
  function component(id: string, scoring: { best: number; worst: number }): KpiDefinition {
    return { ...kpiCatalogue.get('dossiers_on_time'), id, scoring };
  }

  const small: CompositeKpi = {
    ...serviceIndex,
    id: 'small_index',
    measure: {
      kind: 'composite',
      groups: [
        { id: 'speed', name: { vi: 'Tốc độ', en: 'Speed' }, weight: 60, kpiIds: ['on_time', 'hours'] },
        { id: 'online', name: { vi: 'Trực tuyến', en: 'Online' }, weight: 40, kpiIds: ['online'] },
      ],
    },
  };
  const components = new Map([
    ['on_time', component('on_time', { best: 100, worst: 0 })],
    // lower is better: 24 h scores 100, 240 h scores 0
    ['hours', component('hours', { best: 24, worst: 240 })],
    ['online', component('online', { best: 100, worst: 0 })],
  ]);
  const definitionOf = (id: string): KpiDefinition => {
    const kpi = components.get(id);
    if (!kpi) throw new Error(`no component ${id}`);
    return kpi;
  };

  it('weights the groups, each the mean of its components’ scores', () => {
    const values: Record<string, number> = { on_time: 90, hours: 132, online: 20 };
    const result = compositeIndex(small, definitionOf, (id) => values[id] ?? null);
    // speed = (90 + 50) / 2 = 70, online = 20 → (60 × 70 + 40 × 20) / 100 = 50
    expect(result.groups.map((g) => [g.id, g.weight, g.score])).toEqual([
      ['speed', 60, 70],
      ['online', 40, 20],
    ]);
    expect(result.value).toBeCloseTo(50, 10);
  });

  it('clamps component scores to 0–100', () => {
    const values: Record<string, number> = { on_time: 100, hours: 10, online: -5 };
    const result = compositeIndex(small, definitionOf, (id) => values[id] ?? null);
    expect(result.groups.map((g) => g.score)).toEqual([100, 0]);
    expect(result.value).toBeCloseTo(60, 10);
  });

  it('leaves out a group with no data and renormalises the weights', () => {
    const result = compositeIndex(small, definitionOf, (id) => (id === 'online' ? 20 : null));
    expect(result.groups.map((g) => g.score)).toEqual([null, 20]);
    expect(result.value).toBe(20);
  });

  it('a component without data is left out of its group’s mean', () => {
    const result = compositeIndex(small, definitionOf, (id) => (id === 'on_time' ? 80 : id === 'online' ? 30 : null));
    expect(result.groups[0]?.score).toBe(80);
    expect(result.value).toBeCloseTo((60 * 80 + 40 * 30) / 100, 10);
  });

  it('is null when no group has data, with every group listed', () => {
    const result = compositeIndex(small, definitionOf, () => null);
    expect(result.value).toBeNull();
    expect(result.groups.map((g) => g.score)).toEqual([null, null]);
  });

  it('the real service index: five groups of 100 points; two groups with data', () => {
    expect(serviceIndex.measure.groups.reduce((a, g) => a + g.weight, 0)).toBe(100);
    const values: Record<string, number> = {
      procedures_published_full: 100,
      dossiers_synced_portal: 100,
      citizen_satisfaction: 50,
    };
    const result = compositeIndex(serviceIndex, (id) => kpiCatalogue.get(id), (id) => values[id] ?? null);
    expect(result.groups.map((g) => [g.id, g.score])).toEqual([
      ['publicity_transparency', 100],
      ['processing_progress', null],
      ['online_services', null],
      ['satisfaction', 50],
      ['digitisation', null],
    ]);
    // publicity 18 points × 100, satisfaction 18 points × 50, renormalised over 36
    expect(result.value).toBe(75);
  });

  it('the real service index: every component at its best scores 100', () => {
    const result = compositeIndex(
      serviceIndex,
      (id) => kpiCatalogue.get(id),
      (id) => kpiCatalogue.get(id).scoring.best,
    );
    expect(result.value).toBeCloseTo(100, 10);
  });
});
