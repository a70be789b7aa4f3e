/**
 * The one outlier rule (shared/domain/outliers.ts): a value is unusual when it is far both from
 * its history's range and from its history's trend. Expected values are worked out by hand in the
 * comments; the false-positive rate is measured on the seeded history.
 */
import { describe, expect, it } from 'vitest';
import { isOutlier, median, MIN_HISTORY, outlierFlags, outlierScore, outsideBounds, rangeScore, trendScore } from '../../shared/domain/outliers';
import { measureOutlierRate, tallyRate } from '../helpers/outlierRate';

/** median 4; absolute deviations 3,2,1,0,1,2,3 → MAD 2; a perfect line of slope 1 */
const ONE_TO_SEVEN = [1, 2, 3, 4, 5, 6, 7];
/** a commune's steady months: median 50, MAD 1 */
const STEADY = [50, 51, 49, 50, 52, 48, 50, 51];
/** steady, plus one wild month: median 10, MAD 1 */
const ONE_WILD_MONTH = [10, 11, 9, 10, 12, 8, 10, 100];
/** a share that improves by a point a month, with a little noise */
const IMPROVING = [60, 61.4, 61.8, 63.3, 63.9, 65.2, 66.1, 66.8, 68.2, 69, 70.1, 71.3];

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([-5, 10])).toBe(2.5);
  });

  it('sorts numerically, not as text, and leaves its input alone', () => {
    const values = [10, 9, 100, 1];
    expect(median(values)).toBe(9.5);
    expect(values).toEqual([10, 9, 100, 1]);
  });
});

describe('rangeScore', () => {
  it('is (value − median) / (1.4826 × MAD), the spread at least 5 % of the median', () => {
    // STEADY: MAD 1 → spread max(1.4826, 2.5) = 2.5
    expect(rangeScore(60, STEADY)).toBeCloseTo(4, 9);
    // ONE_TO_SEVEN: MAD 2 → spread max(2.9652, 0.2) = 2.9652
    expect(rangeScore(10, ONE_TO_SEVEN)).toBeCloseTo(6 / 2.9652, 9);
  });

  it(`is null for a history shorter than ${MIN_HISTORY} points, or with no spread at zero`, () => {
    expect(MIN_HISTORY).toBe(6);
    expect(rangeScore(100, [1, 2, 3, 4, 5])).toBeNull();
    expect(rangeScore(1, [0, 0, 0, 0, 0, 0])).toBeNull();
    // flat at 5: the floor, 0.25, still judges
    expect(rangeScore(6, [5, 5, 5, 5, 5, 5])).toBeCloseTo(4, 9);
  });
});

describe('trendScore', () => {
  it('measures from the Theil–Sen line extrapolated one period on', () => {
    // a perfect line 1…7 expects 8; residuals 0 → spread is the floor 5 % × 4 = 0.2
    expect(trendScore(8, ONE_TO_SEVEN)).toBeCloseTo(0, 9);
    expect(trendScore(9, ONE_TO_SEVEN)).toBeCloseTo(5, 9);
  });
});

describe('isOutlier', () => {
  it('flags only a value far from both the range and the trend, in the same direction', () => {
    expect(isOutlier(95, STEADY)).toBe(true);
    expect(isOutlier(5, STEADY)).toBe(true);
    expect(isOutlier(52, STEADY)).toBe(false);
    // an improving series' next step is above its range, but on its trend: ordinary
    expect(rangeScore(72.4, IMPROVING)!).toBeGreaterThan(1);
    expect(isOutlier(72.4, IMPROVING)).toBe(false);
    expect(isOutlier(45, IMPROVING)).toBe(true);
    // on the range but far off the trend (or the other way round) is not enough
    expect(outlierScore(8, ONE_TO_SEVEN)).toBe(0);
  });

  it('never flags against a history it cannot judge', () => {
    expect(isOutlier(1e9, [1, 2, 3, 4, 5])).toBe(false);
    expect(isOutlier(1e9, [0, 0, 0, 0, 0, 0])).toBe(false);
  });

  it('is robust to an earlier wild month (medians ignore it)', () => {
    expect(isOutlier(20, ONE_WILD_MONTH)).toBe(true);
    expect(isOutlier(11, ONE_WILD_MONTH)).toBe(false);
  });
});

describe('the rule on the seeded history (a fixed clock)', () => {
  const measured = measureOutlierRate({ now: new Date('2026-12-01T10:00:00+07:00') });

  it('flags at most 2 % of ordinary values, overall, per frequency and among the newest values', () => {
    expect(measured.ordinary.tested).toBeGreaterThan(40_000);
    expect(tallyRate(measured.ordinary)).toBeLessThanOrEqual(0.02);
    expect(tallyRate(measured.byFrequency.daily)).toBeLessThanOrEqual(0.02);
    expect(tallyRate(measured.byFrequency.monthly)).toBeLessThanOrEqual(0.02);
    expect(tallyRate(measured.newest)).toBeLessThanOrEqual(0.02);
  });

  it('still finds a genuine outlier: 5× or a fifth of the usual value', () => {
    expect(tallyRate(measured.fiveTimes)).toBeGreaterThanOrEqual(0.95);
    expect(tallyRate(measured.fifth)).toBeGreaterThanOrEqual(0.95);
  });

  it('stays under 2 % around Tết, when the season dips', () => {
    const tet = measureOutlierRate({ now: new Date('2026-03-05T10:00:00+07:00') });
    expect(tallyRate(tet.ordinary)).toBeLessThanOrEqual(0.02);
    expect(tallyRate(tet.newest)).toBeLessThanOrEqual(0.02);
  });
});

describe('outsideBounds', () => {
  const percent = { min: 0, max: 100 };
  it('is true only strictly outside the closed range', () => {
    expect(outsideBounds(0, percent)).toBe(false);
    expect(outsideBounds(100, percent)).toBe(false);
    expect(outsideBounds(57.3, percent)).toBe(false);
    expect(outsideBounds(-0.01, percent)).toBe(true);
    expect(outsideBounds(100.5, percent)).toBe(true);
  });
});

describe('outlierFlags (the form and the import)', () => {
  it('reports the flag of the rule with its score, and nothing for an ordinary value', () => {
    expect(outlierFlags(95, STEADY)).toEqual([{ method: 'range_and_trend', score: expect.any(Number) }]);
    expect(outlierFlags(95, STEADY)[0]!.score).toBeGreaterThan(3.5);
    expect(outlierFlags(52, STEADY)).toEqual([]);
    expect(outlierFlags(1e6, [50, 50, 51, 49, 50])).toEqual([]);
  });
});
