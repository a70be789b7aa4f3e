'use client';
/**
 * One ECharts instance in a div: created on mount, updated when the option changes, resized with
 * its box, disposed on unmount. `onClick` receives the clicked item (a map region, a bar).
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { echarts, type EChartsOption } from './echarts';

export interface EChartProps {
  option: EChartsOption;
  height: number | string;
  /** describes the chart for screen readers (ECharts also generates a description) */
  ariaLabel: string;
  onClick?: (params: { name?: string; data?: unknown; seriesType?: string }) => void;
  renderer?: 'canvas' | 'svg';
  testId?: string;
}

export function EChart({ option, height, ariaLabel, onClick, renderer = 'canvas', testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof echarts.init> | null>(null);
  const clickRef = useRef(onClick);
  // the chart's click listener is bound once; it calls the newest onClick (set after render, not during it)
  useLayoutEffect(() => {
    clickRef.current = onClick;
  });

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer });
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(params as { name?: string; data?: unknown; seriesType?: string }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [renderer]);

  useEffect(() => {
    // ECharts' own aria description lists raw data; ours says what the chart is.
    chart.current?.setOption({ aria: { enabled: true, label: { description: ariaLabel } }, animationDuration: 300, ...option }, { notMerge: true });
  }, [option, ariaLabel]);

  return <div ref={box} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height }} />;
}
