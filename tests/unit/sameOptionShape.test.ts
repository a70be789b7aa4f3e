import { describe, expect, it } from 'vitest';
import { sameOptionShape } from '../../components/charts/sameOptionShape';

const line = (data: number[][], extra: Record<string, unknown> = {}) => ({
  grid: { left: 2 },
  xAxis: { type: 'time', show: false },
  series: [{ type: 'line', data, lineStyle: { width: 2, color: '#1a7f37' }, ...extra }],
});

describe('sameOptionShape: when a chart may merge a new option instead of being set anew', () => {
  it('merges new numbers, colours and labels into the same components', () => {
    expect(sameOptionShape(line([[1, 2]]), line([[1, 2], [2, 3], [3, 4]]))).toBe(true);
    const recoloured = line([[1, 2]]);
    recoloured.series[0]!.lineStyle.color = '#c62828';
    expect(sameOptionShape(line([[1, 2]]), recoloured)).toBe(true);
    expect(sameOptionShape({ formatter: () => 'a' }, { formatter: () => 'b' })).toBe(true);
  });

  it('sets the chart anew when a key, a series or a piece comes or goes', () => {
    expect(sameOptionShape(line([]), line([], { markLine: { data: [] } }))).toBe(false);
    expect(sameOptionShape(line([], { markLine: { data: [] } }), line([]))).toBe(false);
    const twoSeries = { ...line([]), series: [...line([]).series, { type: 'line', data: [], lineStyle: { width: 1, color: '#000' } }] };
    expect(sameOptionShape(line([]), twoSeries)).toBe(false);
    expect(sameOptionShape({ visualMap: { pieces: [{ min: 1 }, { max: 1 }] } }, { visualMap: { pieces: [{ min: 1 }] } })).toBe(false);
    expect(sameOptionShape({ visualMap: { pieces: [{ min: 1 }] } }, { visualMap: { pieces: [{ max: 1 }] } })).toBe(false);
    expect(sameOptionShape({ yAxis: { min: 0 } }, { yAxis: [{ min: 0 }] })).toBe(false);
    expect(sameOptionShape({ grid: { left: 2 } }, { grid: null })).toBe(false);
  });
});
