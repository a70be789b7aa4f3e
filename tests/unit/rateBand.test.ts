/**
 * Completeness rates are drawn in their band's colour: the bands of reports_submitted_on_time
 * (good ≥ 98 %, fair ≥ 95 %, average ≥ 90 %, weak ≥ 80 %, poor below), so 0 % is never green.
 */
import { describe, expect, it } from 'vitest';
import { rateBand } from '../../components/completeness/completenessView';

describe('rateBand', () => {
  it('puts an on-time rate of 0 % in the poor band, not the good one', () => {
    expect(rateBand(0)).toBe('poor');
  });

  it.each([
    [1, 'good'],
    [0.98, 'good'],
    [0.979, 'fair'],
    [0.95, 'fair'],
    [0.93, 'average'],
    [0.85, 'weak'],
    [0.799, 'poor'],
  ] as const)('puts %s in the %s band (bounds inclusive)', (rate, band) => {
    expect(rateBand(rate)).toBe(band);
  });

  it('gives no band when nothing is expected', () => {
    expect(rateBand(null)).toBeNull();
  });
});
