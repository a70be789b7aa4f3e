/**
 * When a value raises an alert and when the episode ends (shared/domain/alertRules.ts): band drops
 * only beyond the unit's own noise, and a gentler threshold to recover than to raise.
 */
import { describe, expect, it } from 'vitest';
import { hasRecovered, judgeValue, noiseSpread } from '../../shared/domain/alertRules';

/** higher is better; good ≥ 98, fair ≥ 95, average ≥ 90, weak ≥ 80 */
const ON_TIME = {
  direction: 'higher_is_better' as const,
  bands: [
    { id: 'good' as const, label: { vi: 'Tốt', en: 'Good' }, bound: 98 },
    { id: 'fair' as const, label: { vi: 'Khá', en: 'Fairly good' }, bound: 95 },
    { id: 'average' as const, label: { vi: 'Trung bình', en: 'Average' }, bound: 90 },
    { id: 'weak' as const, label: { vi: 'Yếu', en: 'Weak' }, bound: 80 },
    { id: 'poor' as const, label: { vi: 'Kém', en: 'Poor' }, bound: null },
  ],
};
/** lower is better: overdue share; good ≤ 1, fair ≤ 2, average ≤ 5, weak ≤ 10 */
const OVERDUE = {
  direction: 'lower_is_better' as const,
  bands: ON_TIME.bands.map((b, i) => ({ ...b, bound: [1, 2, 5, 10, null][i]! })),
};
/** hovering on the fair/average bound: median 95.15 (fair) */
const ON_THE_BOUND = [95.0, 95.3, 95.1, 95.2, 95.0, 95.3, 95.1, 95.2, 95.1, 95.2];
const STEADY_FAIR = [96.4, 96.6, 96.5, 96.5, 96.4, 96.6, 96.5, 96.4, 96.6, 96.5];

describe('judgeValue', () => {
  it('ignores a value one band down that is within the unit’s noise', () => {
    expect(noiseSpread(ON_THE_BOUND)).toBeGreaterThan(0);
    expect(judgeValue(ON_TIME, 94.8, ON_THE_BOUND)).toEqual([]);
  });

  it('raises a band drop (with the usual band) for a drop well beyond the noise', () => {
    expect(judgeValue(ON_TIME, 92, STEADY_FAIR)).toEqual([{ kind: 'band_drop', reference: 'fair' }]);
  });

  it('raises an outlier too for a collapse, and nothing for a rise', () => {
    expect(judgeValue(ON_TIME, 40, STEADY_FAIR).map((j) => j.kind)).toEqual(['band_drop', 'outlier']);
    expect(judgeValue(ON_TIME, 99, STEADY_FAIR).filter((j) => j.kind === 'band_drop')).toEqual([]);
  });

  it('reads "worse" by the KPI’s direction', () => {
    const overdue = [1.5, 1.6, 1.5, 1.4, 1.5, 1.6, 1.5, 1.4];
    expect(judgeValue(OVERDUE, 4, overdue).filter((j) => j.kind === 'band_drop')).toEqual([{ kind: 'band_drop', reference: 'fair' }]);
    expect(judgeValue(OVERDUE, 0.5, overdue).filter((j) => j.kind === 'band_drop')).toEqual([]);
  });

  it('judges nothing against a short history', () => {
    expect(judgeValue(ON_TIME, 10, [96, 96, 96])).toEqual([]);
  });
});

describe('hasRecovered (hysteresis)', () => {
  it('ends a band drop only when the value is back in the usual band', () => {
    const alert = { kind: 'band_drop' as const, reference: 'fair' };
    expect(hasRecovered(ON_TIME, alert, 93, STEADY_FAIR)).toBe(false);
    expect(hasRecovered(ON_TIME, alert, 95, STEADY_FAIR)).toBe(true);
  });

  it('ends an outlier only well inside the raising threshold', () => {
    const alert = { kind: 'outlier' as const, reference: '96.5' };
    // spread: 5 % of 96.5 ≈ 4.83; score 3 is no longer an outlier but not yet recovered
    expect(judgeValue(ON_TIME, 96.5 - 3 * 4.825, STEADY_FAIR).some((j) => j.kind === 'outlier')).toBe(false);
    expect(hasRecovered(ON_TIME, alert, 96.5 - 3 * 4.825, STEADY_FAIR)).toBe(false);
    expect(hasRecovered(ON_TIME, alert, 95, STEADY_FAIR)).toBe(true);
  });
});
