/**
 * The outlier tests a submitted value faces (server/domain/outliers.ts) and the flags the report
 * service derives from them (outlierFlags). Expected values are worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { isOutlier, median, MIN_HISTORY, modifiedZScore, outsideBounds, zScore, outlierFlags } from '../../server/domain/outliers';

/** mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sample variance 32/7; sd ≈ 2.13809 */
const TEXTBOOK = [2, 4, 4, 4, 5, 5, 7, 9];
/** median 4; absolute deviations 3,2,1,0,1,2,3 → sorted 0,1,1,2,2,3,3 → MAD 2 */
const ONE_TO_SEVEN = [1, 2, 3, 4, 5, 6, 7];
/** median 5; absolute deviations 0,0,0,0,1,2 → MAD (0+0)/2 = 0, yet the values do spread: mean 5.5, sd √0.7 ≈ 0.83666 */
const MOSTLY_FIVE = [5, 5, 5, 5, 6, 7];
/** a commune's steady months: median 50, MAD 1; mean 50.125, sample variance 10.875/7 */
const STEADY = [50, 51, 49, 50, 52, 48, 50, 51];
/** steady, plus one wild month: median 10, MAD 1; mean 21.25 and a large sd (the wild month inflates it) */
const ONE_WILD_MONTH = [10, 11, 9, 10, 12, 8, 10, 100];

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

describe('zScore', () => {
  it('is (value − mean) / sample standard deviation', () => {
    expect(zScore(9, TEXTBOOK)).toBeCloseTo(1.87083, 5); // 4 / 2.13809
    expect(zScore(5, TEXTBOOK)).toBe(0);
    expect(zScore(1, TEXTBOOK)).toBeCloseTo(-1.87083, 5);
    expect(zScore(9, MOSTLY_FIVE)).toBeCloseTo(4.18330, 5); // 3.5 / 0.83666
  });

  it(`is null for a history shorter than ${MIN_HISTORY} points, and computed from ${MIN_HISTORY} on`, () => {
    expect(MIN_HISTORY).toBe(6);
    expect(zScore(100, [1, 2, 3, 4, 5])).toBeNull();
    expect(zScore(100, [])).toBeNull();
    // mean 3.5, sample variance 17.5/5 = 3.5
    expect(zScore(100, [1, 2, 3, 4, 5, 6])).toBeCloseTo(96.5 / Math.sqrt(3.5), 9);
  });

  it('is null when the history has no spread', () => {
    expect(zScore(6, [5, 5, 5, 5, 5, 5])).toBeNull();
    expect(zScore(5, [5, 5, 5, 5, 5, 5, 5, 5])).toBeNull();
  });
});

describe('modifiedZScore', () => {
  it('is 0.6745 (value − median) / MAD', () => {
    expect(modifiedZScore(10, ONE_TO_SEVEN)).toBeCloseTo(2.0235, 9); // 0.6745 × 6 / 2
    expect(modifiedZScore(20, ONE_TO_SEVEN)).toBeCloseTo(5.396, 9); // 0.6745 × 16 / 2
    expect(modifiedZScore(-2, ONE_TO_SEVEN)).toBeCloseTo(-2.0235, 9);
    expect(modifiedZScore(4, ONE_TO_SEVEN)).toBe(0);
    expect(modifiedZScore(95, STEADY)).toBeCloseTo(30.3525, 9); // 0.6745 × 45 / 1
  });

  it('is null for a short history', () => {
    expect(modifiedZScore(100, [1, 2, 3, 4, 5])).toBeNull();
  });

  it('is null when the median absolute deviation is zero, even if the values spread a little', () => {
    expect(modifiedZScore(9, MOSTLY_FIVE)).toBeNull();
    expect(modifiedZScore(6, [5, 5, 5, 5, 5, 5])).toBeNull();
  });
});

describe('isOutlier', () => {
  it('flags |modified z| above 3.5, in both directions', () => {
    expect(isOutlier(20, ONE_TO_SEVEN)).toBe(true); // 5.396
    expect(isOutlier(-12, ONE_TO_SEVEN)).toBe(true); // −5.396
    expect(isOutlier(10, ONE_TO_SEVEN)).toBe(false); // 2.0235
    // the threshold itself: 0.6745 × d / 2 = 3.5 at d ≈ 10.378
    expect(isOutlier(4 + 10.3, ONE_TO_SEVEN)).toBe(false);
    expect(isOutlier(4 + 10.5, ONE_TO_SEVEN)).toBe(true);
  });

  it('never flags against a history it cannot judge', () => {
    expect(isOutlier(1e9, [1, 2, 3, 4, 5])).toBe(false);
    expect(isOutlier(1e9, [5, 5, 5, 5, 5, 5])).toBe(false);
  });

  it('is robust to an earlier wild month (the median and MAD ignore it)', () => {
    expect(isOutlier(20, ONE_WILD_MONTH)).toBe(true); // 0.6745 × 10 / 1 = 6.745
    expect(isOutlier(11, ONE_WILD_MONTH)).toBe(false);
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

describe('outlierFlags (the report service)', () => {
  it('raises both flags for a value far from a steady history, with their scores', () => {
    // z: (95 − 50.125) / √(10.875/7) ≈ 44.875 / 1.24643 ≈ 36.0029
    expect(outlierFlags(95, STEADY)).toEqual([
      { method: 'modified_z_score', score: expect.closeTo(30.3525, 9) },
      { method: 'z_score', score: expect.closeTo(36.0029, 3) },
    ]);
  });

  it('raises nothing for a value within the usual spread', () => {
    expect(outlierFlags(52, STEADY)).toEqual([]);
    expect(outlierFlags(48, STEADY)).toEqual([]);
  });

  it('raises only the robust flag when an earlier outlier inflates the standard deviation', () => {
    expect(zScore(20, ONE_WILD_MONTH)).not.toBeNull();
    expect(Math.abs(zScore(20, ONE_WILD_MONTH)!)).toBeLessThan(3);
    expect(outlierFlags(20, ONE_WILD_MONTH)).toEqual([{ method: 'modified_z_score', score: expect.closeTo(6.745, 9) }]);
  });

  it('raises only the z-score flag when the MAD is zero but the history spreads', () => {
    expect(outlierFlags(9, MOSTLY_FIVE)).toEqual([{ method: 'z_score', score: expect.closeTo(4.1833, 4) }]);
  });

  it('raises nothing against a short or flat history', () => {
    expect(outlierFlags(1e6, [50, 50, 51, 49, 50])).toEqual([]);
    expect(outlierFlags(1e6, [50, 50, 50, 50, 50, 50, 50])).toEqual([]);
    expect(outlierFlags(1e6, [])).toEqual([]);
  });
});
