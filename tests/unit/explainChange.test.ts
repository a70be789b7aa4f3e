import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import type { CompositeKpi, KpiDefinition, MeasuredKpi } from '../../kpi-definitions/schema';
import { compositeIndex, valueFromSums } from '../../shared/domain/aggregate';
import { explainCompositeChange, explainMeasuredChange, waterfallSteps, type ChildParts, type Parts } from '../../shared/domain/explainChange';

type StoredMeasure = MeasuredKpi['measure'];

const count = { label: { vi: 'Số hồ sơ', en: 'Dossiers' }, range: { min: 0, max: 1_000_000 }, integer: true };
const percent: StoredMeasure = { kind: 'ratio', numerator: count, denominator: count, scale: 100, numeratorWithinDenominator: true };
const mean: StoredMeasure = { kind: 'mean', value: { ...count, integer: false }, weight: count };
const sum: StoredMeasure = { kind: 'sum', value: count };

const parts = (num: number, den: number): Parts => ({ num, den });
const total = (xs: ReadonlyArray<{ contribution: number }>) => xs.reduce((a, x) => a + x.contribution, 0);

describe('explainMeasuredChange, by hand', () => {
  it('ratio: rate and mix effects of two children whose weights shift (midpoint split, mean-adjusted mix)', () => {
    // A 80/100 → 90/100, B 50/100 → 60/300: 65 % → 37,5 %
    const r = explainMeasuredChange(percent, [
      { id: 'A', previous: parts(80, 100), current: parts(90, 100) },
      { id: 'B', previous: parts(50, 100), current: parts(60, 300) },
    ]);
    expect(r.previousValue).toBe(65);
    expect(r.currentValue).toBe(37.5);
    expect(r.change).toBe(-27.5);
    const [a, b] = r.children;
    // A: rate 10 × (0,5 + 0,25)/2 = 3,75; mix −0,25 × (85 − 51,25) = −8,4375
    expect(a!.rateEffect).toBeCloseTo(3.75, 12);
    expect(a!.mixEffect).toBeCloseTo(-8.4375, 12);
    expect(a!.contribution).toBeCloseTo(-4.6875, 12);
    // B: rate −30 × 0,625 = −18,75; mix 0,25 × (35 − 51,25) = −4,0625
    expect(b!.rateEffect).toBeCloseTo(-18.75, 12);
    expect(b!.mixEffect).toBeCloseTo(-4.0625, 12);
    expect(b!.contribution).toBeCloseTo(-22.8125, 12);
    expect(b!.previousValue).toBe(50);
    expect(b!.currentValue).toBe(20);
  });

  it('ratio: a child entering contributes through the mix only; one with the average rate and a stable weight contributes nothing', () => {
    const r = explainMeasuredChange(percent, [
      { id: 'A', previous: parts(50, 100), current: parts(50, 100) },
      { id: 'C', previous: null, current: parts(100, 100) },
    ]);
    expect(r.change).toBe(25);
    const [a, c] = r.children;
    // A keeps its rate but halves its weight while being below the mean level 62,5
    expect(a!.rateEffect).toBe(0);
    expect(a!.contribution).toBeCloseTo(6.25, 12);
    expect(c!.rateEffect).toBe(0);
    expect(c!.mixEffect).toBeCloseTo(18.75, 12);
    expect(c!.previousValue).toBeNull();
  });

  it('mean: weights are the observations each mean stands for', () => {
    // 10 h over 10 dossiers and 20 h over 30 → 17,5 h; then 10 h over 30 and 20 h over 10 → 12,5 h
    const r = explainMeasuredChange(mean, [
      { id: 'X', previous: parts(100, 10), current: parts(300, 30) },
      { id: 'Y', previous: parts(600, 30), current: parts(200, 10) },
    ]);
    expect(r.change).toBeCloseTo(-5, 12);
    // no rate changed: the whole change is mix
    expect(r.children.every((c) => c.rateEffect === 0)).toBe(true);
    expect(total(r.children)).toBeCloseTo(-5, 12);
  });

  it('sum: the children’s own changes', () => {
    const r = explainMeasuredChange(sum, [
      { id: 'X', previous: parts(5, 1), current: parts(8, 1) },
      { id: 'Y', previous: parts(4, 1), current: null },
    ]);
    expect(r.change).toBe(-1);
    expect(r.children.map((c) => c.contribution)).toEqual([3, -4]);
    expect(r.children.map((c) => c.mixEffect)).toEqual([0, 0]);
  });

  it('nothing to compare when a period has no data or a zero denominator', () => {
    expect(explainMeasuredChange(percent, [{ id: 1, previous: null, current: parts(1, 2) }])).toEqual({ previousValue: null, currentValue: 50, change: null, children: [] });
    expect(explainMeasuredChange(percent, [{ id: 1, previous: parts(0, 0), current: parts(1, 2) }]).change).toBeNull();
  });
});

/** A composite of two ratio KPIs: group g1 (weight 1) scores a on 0–100, g2 (weight 3) b on 50–100. */
function tinyComposite(): { kpi: CompositeKpi; definitionOf: (id: string) => KpiDefinition } {
  const template = kpiCatalogue.get('dossiers_on_time');
  const defs = new Map<string, KpiDefinition>([
    ['a', { ...template, id: 'a', measure: percent, scoring: { best: 100, worst: 0 } }],
    ['b', { ...template, id: 'b', measure: percent, scoring: { best: 100, worst: 50 } }],
  ]);
  const index = kpiCatalogue.get('service_index') as CompositeKpi;
  const kpi: CompositeKpi = {
    ...index,
    measure: {
      kind: 'composite',
      groups: [
        { id: 'g1', name: { vi: 'Nhóm 1', en: 'Group 1' }, weight: 1, kpiIds: ['a'] },
        { id: 'g2', name: { vi: 'Nhóm 2', en: 'Group 2' }, weight: 3, kpiIds: ['b'] },
      ],
    },
  };
  return { kpi, definitionOf: (id) => defs.get(id)! };
}

const pair = (previous: Parts | null, current: Parts | null) => ({ previous, current });

describe('explainCompositeChange, by hand', () => {
  const { kpi, definitionOf } = tinyComposite();

  it('groups get weight × Δscore / Σweights; children get their share through each KPI', () => {
    const r = explainCompositeChange(kpi, definitionOf, [
      { id: 'X', parts: new Map([['a', pair(parts(60, 100), parts(80, 100))], ['b', pair(parts(90, 100), parts(90, 100))]]) },
      { id: 'Y', parts: new Map([['a', pair(parts(40, 100), parts(40, 100))], ['b', pair(parts(70, 100), parts(30, 100))]]) },
    ]);
    // a 50 → 60 (score 50 → 60), b 80 → 60 (score 60 → 20): I = (50 + 180)/4 = 57,5 → (60 + 60)/4 = 30
    expect(r.previousValue).toBeCloseTo(57.5, 12);
    expect(r.currentValue).toBeCloseTo(30, 12);
    expect(r.groups.map((g) => g.contribution)).toEqual([expect.closeTo(2.5, 12), expect.closeTo(-30, 12)]);
    const [x, y] = r.children;
    expect(x!.contribution).toBeCloseTo(2.5, 12);
    expect(x!.byGroup).toEqual({ g1: expect.closeTo(2.5, 12), g2: expect.closeTo(0, 12) });
    expect(y!.contribution).toBeCloseTo(-30, 12);
    expect(y!.byGroup.g2).toBeCloseTo(-30, 12);
    // the children's own index values
    expect(x!.previousValue).toBeCloseTo((60 + 3 * 80) / 4, 12);
  });

  it('a clipped score shares the KPI’s actual score change in proportion to the children’s contributions', () => {
    // b 80 → 40: the score falls 60 → 0 (clipped at 50), not the 80 points a linear score would
    const r = explainCompositeChange(kpi, definitionOf, [
      { id: 'X', parts: new Map([['a', pair(parts(50, 100), parts(50, 100))], ['b', pair(parts(90, 100), parts(80, 100))]]) },
      { id: 'Y', parts: new Map([['a', pair(parts(50, 100), parts(50, 100))], ['b', pair(parts(70, 100), parts(0, 100))]]) },
    ]);
    expect(r.change).toBeCloseTo(-45, 12);
    // X moved b by −5 points of value, Y by −35: 1 : 7 of the −45
    expect(r.children[0]!.contribution).toBeCloseTo(-5.625, 12);
    expect(r.children[1]!.contribution).toBeCloseTo(-39.375, 12);
  });

  it('a group without data in the previous period: renormalised weights, exact totals', () => {
    const r = explainCompositeChange(kpi, definitionOf, [
      { id: 'X', parts: new Map([['a', pair(null, parts(80, 100))], ['b', pair(parts(90, 100), parts(90, 100))]]) },
      { id: 'Y', parts: new Map([['a', pair(null, parts(40, 100))], ['b', pair(parts(70, 100), parts(30, 100))]]) },
    ]);
    // I = 60 (g2 alone) → 30; Ī = 45; g1: (60 − 45) × 0,25 = 3,75; g2: 0,875 × −40 + (40 − 45) × −0,25 = −33,75
    expect(r.change).toBeCloseTo(-30, 12);
    expect(r.groups[0]!.contribution).toBeCloseTo(3.75, 12);
    expect(r.groups[1]!.contribution).toBeCloseTo(-33.75, 12);
    expect(r.children[0]!.contribution).toBeCloseTo(2.5, 12);
    expect(r.children[1]!.contribution).toBeCloseTo(-32.5, 12);
  });
});

describe('waterfallSteps', () => {
  it('keeps the largest by size and folds the rest into one step with their count', () => {
    const steps = waterfallSteps(
      [
        { id: 'a', contribution: 1 },
        { id: 'b', contribution: -5 },
        { id: 'c', contribution: 0.5 },
        { id: 'd', contribution: 2 },
      ],
      2,
    );
    expect(steps).toEqual([
      { id: 'b', contribution: -5, count: 1 },
      { id: 'd', contribution: 2, count: 1 },
      { id: null, contribution: 1.5, count: 2 },
    ]);
    expect(waterfallSteps([{ id: 'a', contribution: 1 }], 5)).toEqual([{ id: 'a', contribution: 1, count: 1 }]);
  });
});

// — property: the contributions always add up to the change —

/** parts with zero denominators, zeros and fractional values among them */
const partsArb: fc.Arbitrary<Parts> = fc.record({
  num: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1e4, noNaN: true })),
  den: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 }), fc.double({ min: 1e-3, max: 1e4, noNaN: true })),
});
const maybeParts = fc.option(partsArb, { nil: null, freq: 4 });
const childrenArb = fc.array(fc.record({ previous: maybeParts, current: maybeParts }), { minLength: 1, maxLength: 12 });

function closeEnough(actual: number, expected: number, magnitude: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, magnitude));
}

describe('contributions sum to the change (property)', () => {
  it.each([
    ['ratio', percent],
    ['mean', mean],
    ['sum', sum],
  ] as const)('%s KPIs, with children appearing, disappearing and zero denominators', (_name, measure) => {
    fc.assert(
      fc.property(childrenArb, (raw) => {
        const children: Array<ChildParts<number>> = raw.map((c, id) => ({ id, ...c }));
        const r = explainMeasuredChange(measure, children);
        const sumOf = (pick: (c: ChildParts<number>) => Parts | null) => {
          const present = children.map(pick).filter((p): p is Parts => p !== null);
          return present.length ? valueFromSums(measure, present.reduce((a, p) => a + p.num, 0), present.reduce((a, p) => a + p.den, 0)) : null;
        };
        expect(r.previousValue).toBe(sumOf((c) => c.previous));
        expect(r.currentValue).toBe(sumOf((c) => c.current));
        if (r.change === null) {
          expect(r.children).toEqual([]);
          return;
        }
        const magnitude = Math.max(Math.abs(r.previousValue!), Math.abs(r.currentValue!), ...r.children.map((c) => Math.abs(c.contribution)));
        closeEnough(total(r.children), r.change, magnitude);
        for (const c of r.children) closeEnough(c.rateEffect + c.mixEffect, c.contribution, magnitude);
      }),
      { numRuns: 400 },
    );
  });

  it('the service index: over its five groups, over the children, and within each child over the groups', () => {
    const index = kpiCatalogue.get('service_index') as CompositeKpi;
    const kpiIds = index.measure.groups.flatMap((g) => g.kpiIds);
    // per child, per component: its two periods' parts (some missing, so KPIs and whole groups come and go)
    const childArb = fc.array(fc.record({ previous: maybeParts, current: maybeParts }), { minLength: kpiIds.length, maxLength: kpiIds.length });
    // component values anywhere in (and beyond) their scoring ranges, so clipping happens
    const scaled = (id: string, p: Parts | null): Parts | null => {
      if (!p) return null;
      const m = (kpiCatalogue.get(id) as MeasuredKpi).measure;
      return m.kind === 'mean' ? { num: p.num * 0.05 * Math.max(p.den, 0), den: p.den } : p;
    };
    fc.assert(
      fc.property(fc.array(childArb, { minLength: 1, maxLength: 8 }), (raw) => {
        const children = raw.map((perKpi, id) => ({ id, parts: new Map(kpiIds.map((k, i) => [k, { previous: scaled(k, perKpi[i]!.previous), current: scaled(k, perKpi[i]!.current) }])) }));
        const r = explainCompositeChange(index, kpiCatalogue.get, children);
        const direct = (which: 'previous' | 'current') =>
          compositeIndex(index, kpiCatalogue.get, (k) => {
            const present = children.map((c) => c.parts.get(k)![which]).filter((p): p is Parts => p !== null);
            const measure = (kpiCatalogue.get(k) as MeasuredKpi).measure;
            return present.length ? valueFromSums(measure, present.reduce((a, p) => a + p.num, 0), present.reduce((a, p) => a + p.den, 0)) : null;
          }).value;
        const [before, after] = [direct('previous'), direct('current')];
        expect(r.previousValue === null ? null : r.previousValue).toEqual(before === null ? null : expect.closeTo(before, 9));
        expect(r.currentValue === null ? null : r.currentValue).toEqual(after === null ? null : expect.closeTo(after, 9));
        if (r.change === null) {
          expect(r.children).toEqual([]);
          return;
        }
        closeEnough(total(r.groups), r.change, 100);
        closeEnough(total(r.children), r.change, 100);
        for (const g of r.groups) closeEnough(total(g.kpis), g.contribution, 100);
        for (const c of r.children) {
          closeEnough(Object.values(c.byGroup).reduce((a, b) => a + b, 0), c.contribution, 100);
          closeEnough(c.rateEffect + c.mixEffect, c.contribution, 100);
        }
        // the same groups with data in both periods: each group moves the index by weight × Δscore / Σweights
        const stable = r.groups.every((g) => (g.previousScore === null) === (g.currentScore === null));
        if (stable) {
          const weights = r.groups.reduce((a, g) => a + (g.currentScore === null ? 0 : g.weight), 0);
          for (const g of r.groups) if (g.currentScore !== null) closeEnough(g.contribution, (g.weight * (g.currentScore - g.previousScore!)) / weights, 100);
        }
      }),
      { numRuns: 300 },
    );
  });
});
