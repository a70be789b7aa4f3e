import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bandFor, scoreFor } from '../../kpi-definitions/bands';
import { KPI_DEFINITION_ENTRIES, loadKpiCatalogue } from '../../kpi-definitions/index';
import { isComposite, KPI_FAMILIES, type KpiDefinition } from '../../kpi-definitions/schema';
import { validateKpiDefinitions } from '../../kpi-definitions/validateKpiDefinitions';

const DEFINITIONS_DIR = fileURLToPath(new URL('../../kpi-definitions/', import.meta.url));
/** files in kpi-definitions/ that are code, not one KPI each */
const INFRASTRUCTURE_FILES = new Set(['schema.ts', 'index.ts', 'bands.ts', 'validateKpiDefinitions.ts']);

/** A valid ratio KPI (percent, higher is better) to break one field at a time. */
function ratioKpi(id: string): KpiDefinition {
  return {
    id,
    name: { vi: 'Tỷ lệ hồ sơ thử nghiệm', en: 'Test share of dossiers' },
    description: { vi: 'Chỉ số dùng cho kiểm thử.', en: 'A KPI for tests.' },
    family: 'online_services',
    unit: 'percent',
    measure: {
      kind: 'ratio',
      numerator: { label: { vi: 'Tử số', en: 'Numerator' }, range: { min: 0, max: 1000 }, integer: true },
      denominator: { label: { vi: 'Mẫu số', en: 'Denominator' }, range: { min: 0, max: 1000 }, integer: true },
      scale: 100,
      numeratorWithinDenominator: true,
    },
    direction: 'higher_is_better',
    decimals: 1,
    target: { value: 90, by: '2026-12-31' },
    bands: [
      { id: 'good', label: { vi: 'Tốt', en: 'Good' }, bound: 90 },
      { id: 'average', label: { vi: 'Trung bình', en: 'Average' }, bound: 60 },
      { id: 'poor', label: { vi: 'Kém', en: 'Poor' }, bound: null },
    ],
    scoring: { best: 100, worst: 0 },
    frequency: 'monthly',
    submittedAt: 'province',
    deadlineDaysAfterPeriod: 10,
  };
}

/** A valid composite over the given groups of component ids, weights split evenly. */
function compositeKpi(id: string, groups: Array<{ id: string; kpiIds: string[] }>): KpiDefinition {
  return {
    ...ratioKpi(id),
    family: 'composite',
    unit: 'points',
    measure: {
      kind: 'composite',
      groups: groups.map((group) => ({
        ...group,
        name: { vi: 'Nhóm', en: 'Group' },
        weight: 100 / groups.length,
      })),
    },
  };
}

function entry(id: string, definition: unknown = ratioKpi(id)) {
  return { file: `kpi-definitions/${id}.ts`, definition };
}

describe('the real KPI catalogue', () => {
  const catalogue = loadKpiCatalogue();

  it('loads with at least 20 KPIs', () => {
    expect(catalogue.all.length).toBeGreaterThanOrEqual(20);
    expect(catalogue.measured.length + catalogue.composites.length).toBe(catalogue.all.length);
  });

  it('covers every family', () => {
    const families = new Set(catalogue.all.map((kpi) => kpi.family));
    for (const family of KPI_FAMILIES) expect(families, family).toContain(family);
  });

  it('registers every definition file in the folder, alphabetically', () => {
    const files = readdirSync(DEFINITIONS_DIR).filter((f) => f.endsWith('.ts') && !INFRASTRUCTURE_FILES.has(f));
    const registered = KPI_DEFINITION_ENTRIES.map((e) => e.file.replace('kpi-definitions/', ''));
    expect(registered).toEqual([...files].sort());
  });

  it('gives every composite groups whose weights sum to 100 points', () => {
    expect(catalogue.composites.length).toBeGreaterThan(0);
    for (const composite of catalogue.composites) {
      const total = composite.measure.groups.reduce((sum, group) => sum + group.weight, 0);
      expect(total, composite.id).toBeCloseTo(100, 9);
    }
  });

  it('models service_index on the five groups of the real-time service index', () => {
    const index = catalogue.get('service_index');
    expect(isComposite(index)).toBe(true);
    if (!isComposite(index)) return;
    expect(index.measure.groups.map((g) => g.weight)).toEqual([18, 20, 22, 18, 22]);
    expect(index.bands.map((b) => [b.id, b.bound])).toEqual([
      ['good', 80],
      ['fair', 70],
      ['average', 50],
      ['weak', 30],
      ['poor', null],
    ]);
    expect(index.bands.map((b) => b.label.vi)).toEqual(['Tốt', 'Khá', 'Trung bình', 'Yếu', 'Kém']);
  });

  it('keeps commune-level KPIs monthly and few, for the seed’s data volume', () => {
    const communeLevel = catalogue.measured.filter((kpi) => kpi.submittedAt === 'commune');
    expect(communeLevel.length).toBeLessThanOrEqual(8);
    for (const kpi of communeLevel) expect(kpi.frequency, kpi.id).toBe('monthly');
  });

  it('looks KPIs up by id and throws on an unknown id', () => {
    expect(catalogue.get('dossiers_on_time').id).toBe('dossiers_on_time');
    expect(catalogue.byId.size).toBe(catalogue.all.length);
    expect(() => catalogue.get('no_such_kpi')).toThrow(/no_such_kpi/);
  });
});

describe('validateKpiDefinitions on broken definitions', () => {
  it('accepts the valid fixtures', () => {
    const catalogue = validateKpiDefinitions([entry('a'), entry('b'), entry('idx', compositeKpi('idx', [{ id: 'g', kpiIds: ['a', 'b'] }]))]);
    expect(catalogue.measured.map((k) => k.id)).toEqual(['a', 'b']);
    expect(catalogue.composites.map((k) => k.id)).toEqual(['idx']);
  });

  it('names file and field for a wrong field type', () => {
    const broken = { ...ratioKpi('a'), decimals: 'one' };
    expect(() => validateKpiDefinitions([entry('a', broken)])).toThrow(/kpi-definitions\/a\.ts: decimals: /);
  });

  it('names file and field for a wrong nested type', () => {
    const kpi = ratioKpi('a');
    const broken = { ...kpi, bands: kpi.bands.map((b, i) => (i === 1 ? { ...b, bound: '60' } : b)) };
    expect(() => validateKpiDefinitions([entry('a', broken)])).toThrow(/kpi-definitions\/a\.ts: bands\[1\]\.bound: /);
  });

  it('rejects bounds that do not move with the direction', () => {
    const kpi = ratioKpi('a');
    const rising = { ...kpi, bands: kpi.bands.map((b, i) => (i === 1 ? { ...b, bound: 95 } : b)) };
    expect(() => validateKpiDefinitions([entry('a', rising)])).toThrow(/kpi-definitions\/a\.ts: bands\[1\]\.bound: 95 must be below/);

    const lowerIsBetter = { ...kpi, direction: 'lower_is_better', scoring: { best: 0, worst: 100 } };
    expect(() => validateKpiDefinitions([entry('a', lowerIsBetter)])).toThrow(/kpi-definitions\/a\.ts: bands\[1\]\.bound: 60 must be above/);
  });

  it('rejects a last band with a bound and a null bound before the last', () => {
    const kpi = ratioKpi('a');
    const bounded = { ...kpi, bands: kpi.bands.map((b, i) => (i === 2 ? { ...b, bound: 10 } : b)) };
    expect(() => validateKpiDefinitions([entry('a', bounded)])).toThrow(/a\.ts: bands\[2\]\.bound: the last band/);
    const early = { ...kpi, bands: kpi.bands.map((b, i) => (i === 0 ? { ...b, bound: null } : b)) };
    expect(() => validateKpiDefinitions([entry('a', early)])).toThrow(/a\.ts: bands\[0\]\.bound: only the last band/);
  });

  it('rejects band ids out of order', () => {
    const kpi = ratioKpi('a');
    const swapped = { ...kpi, bands: kpi.bands.map((b, i) => (i === 1 ? { ...b, id: 'good' } : b)) };
    expect(() => validateKpiDefinitions([entry('a', swapped)])).toThrow(/a\.ts: bands\[1\]\.id: 'good' is out of order/);
  });

  it('rejects scoring with best equal to worst or against the direction', () => {
    const flat = { ...ratioKpi('a'), scoring: { best: 50, worst: 50 } };
    expect(() => validateKpiDefinitions([entry('a', flat)])).toThrow(/a\.ts: scoring\.worst: must differ/);
    const inverted = { ...ratioKpi('a'), scoring: { best: 0, worst: 100 } };
    expect(() => validateKpiDefinitions([entry('a', inverted)])).toThrow(/a\.ts: scoring\.best: /);
  });

  it('rejects a negative denominator range', () => {
    const kpi = ratioKpi('a');
    if (kpi.measure.kind !== 'ratio') throw new Error('fixture must be a ratio');
    const broken = {
      ...kpi,
      measure: { ...kpi.measure, denominator: { ...kpi.measure.denominator, range: { min: -1, max: 10 } } },
    };
    expect(() => validateKpiDefinitions([entry('a', broken)])).toThrow(/a\.ts: measure\.denominator\.range\.min: /);
  });

  it('rejects an id that differs from the file name', () => {
    expect(() => validateKpiDefinitions([{ file: 'kpi-definitions/b.ts', definition: ratioKpi('a') }])).toThrow(
      /kpi-definitions\/b\.ts: id: 'a' must equal the file name 'b'/,
    );
  });

  it('rejects a duplicate id and names both files', () => {
    const entries = [entry('a'), { file: 'kpi-definitions/copies/a.ts', definition: ratioKpi('a') }];
    expect(() => validateKpiDefinitions(entries)).toThrow(
      /kpi-definitions\/copies\/a\.ts: id: duplicate id 'a', already defined in kpi-definitions\/a\.ts/,
    );
  });

  it('rejects an unknown composite component', () => {
    const idx = compositeKpi('idx', [{ id: 'g', kpiIds: ['a', 'missing'] }]);
    expect(() => validateKpiDefinitions([entry('a'), entry('idx', idx)])).toThrow(
      /kpi-definitions\/idx\.ts: measure\.groups\[0\]\.kpiIds\[1\]: unknown KPI 'missing'/,
    );
  });

  it('rejects a composite listing a composite, a KPI in two groups, and duplicate group ids', () => {
    const inner = compositeKpi('inner', [{ id: 'g', kpiIds: ['a'] }]);
    const outer = compositeKpi('outer', [
      { id: 'g', kpiIds: ['inner'] },
      { id: 'h', kpiIds: ['a'] },
      { id: 'h', kpiIds: ['a'] },
    ]);
    let message = '';
    try {
      validateKpiDefinitions([entry('a'), entry('inner', inner), entry('outer', outer)]);
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toMatch(/outer\.ts: measure\.groups\[0\]\.kpiIds\[0\]: 'inner' is a composite/);
    expect(message).toMatch(/outer\.ts: measure\.groups\[2\]\.id: duplicate group id 'h'/);
    expect(message).toMatch(/outer\.ts: measure\.groups\[2\]\.kpiIds\[0\]: 'a' is already in group 'h'/);
  });

  it('lists the problems of every file in one error', () => {
    const entries = [entry('a', { ...ratioKpi('a'), unit: 'furlongs' }), entry('b', { ...ratioKpi('b'), extra: 1 })];
    expect(() => validateKpiDefinitions(entries)).toThrow(/a\.ts: unit: [\s\S]*b\.ts: /);
  });
});

describe('bandFor', () => {
  const higher = ratioKpi('a'); // good ≥ 90, average ≥ 60, poor below
  const lower = {
    direction: 'lower_is_better' as const,
    bands: [
      { id: 'good' as const, label: { vi: 'Tốt', en: 'Good' }, bound: 48 },
      { id: 'weak' as const, label: { vi: 'Yếu', en: 'Weak' }, bound: 120 },
      { id: 'poor' as const, label: { vi: 'Kém', en: 'Poor' }, bound: null },
    ],
  };

  it('puts a value on a bound in the better band when higher is better', () => {
    expect(bandFor(higher, 100)).toBe('good');
    expect(bandFor(higher, 90)).toBe('good');
    expect(bandFor(higher, 89.99)).toBe('average');
    expect(bandFor(higher, 60)).toBe('average');
    expect(bandFor(higher, 59.99)).toBe('poor');
    expect(bandFor(higher, -5)).toBe('poor');
  });

  it('puts a value on a bound in the better band when lower is better', () => {
    expect(bandFor(lower, 0)).toBe('good');
    expect(bandFor(lower, 48)).toBe('good');
    expect(bandFor(lower, 48.01)).toBe('weak');
    expect(bandFor(lower, 120)).toBe('weak');
    expect(bandFor(lower, 120.01)).toBe('poor');
  });

  it('refuses NaN', () => {
    expect(() => bandFor(higher, Number.NaN)).toThrow(RangeError);
  });
});

describe('scoreFor', () => {
  it('scores linearly from worst (0) to best (100) when higher is better', () => {
    const kpi = { scoring: { best: 100, worst: 0 } };
    expect(scoreFor(kpi, 0)).toBe(0);
    expect(scoreFor(kpi, 61.5)).toBeCloseTo(61.5, 9);
    expect(scoreFor(kpi, 100)).toBe(100);
  });

  it('scores linearly when lower is better (best below worst)', () => {
    const kpi = { scoring: { best: 24, worst: 240 } }; // hours
    expect(scoreFor(kpi, 24)).toBe(100);
    expect(scoreFor(kpi, 132)).toBeCloseTo(50, 9);
    expect(scoreFor(kpi, 240)).toBe(0);
  });

  it('clamps outside the scoring range', () => {
    expect(scoreFor({ scoring: { best: 100, worst: 0 } }, 120)).toBe(100);
    expect(scoreFor({ scoring: { best: 100, worst: 0 } }, -3)).toBe(0);
    expect(scoreFor({ scoring: { best: 24, worst: 240 } }, 1)).toBe(100);
    expect(scoreFor({ scoring: { best: 24, worst: 240 } }, 500)).toBe(0);
  });

  it('scores every real KPI’s best 100 and worst 0', () => {
    for (const kpi of loadKpiCatalogue().all) {
      expect(scoreFor(kpi, kpi.scoring.best), kpi.id).toBe(100);
      expect(scoreFor(kpi, kpi.scoring.worst), kpi.id).toBe(0);
    }
  });
});
