'use client';
import { useMemo } from 'react';
import { EChart } from './EChart';

/** A small trend line without axes; the last point is marked. */
export function Sparkline({ points, color = '#3b6ea8', label, height = 44 }: { points: ReadonlyArray<{ period: Date; value: number | null }>; color?: string; label: string; height?: number }) {
  const option = useMemo(
    () => ({
      animation: false,
      grid: { left: 2, right: 6, top: 4, bottom: 4 },
      xAxis: { type: 'time', show: false },
      yAxis: { type: 'value', show: false, scale: true },
      tooltip: { show: false },
      series: [
        {
          type: 'line',
          data: points.map((p) => [p.period.getTime(), p.value]),
          showSymbol: false,
          sampling: 'lttb',
          lineStyle: { width: 2, color },
          areaStyle: { color, opacity: 0.08 },
        },
      ],
    }),
    [points, color],
  );
  return <EChart option={option} height={height} ariaLabel={label} />;
}
