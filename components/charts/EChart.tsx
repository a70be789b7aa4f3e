'use client';
/**
 * One ECharts instance in a div: created on mount, updated when the option changes, resized with
 * its box, disposed on unmount. `onClick` receives the clicked item (a map region, a bar).
 *
 * ECharts itself (the largest script of the app) is loaded only once a chart is mounted, after
 * the page is drawn and interactive: the numbers are in the HTML, the charts follow. The box keeps
 * its height meanwhile, so nothing moves when they arrive.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { echarts as Echarts, EChartsOption } from './echarts';

export interface EChartProps {
  option: EChartsOption;
  height: number | string;
  /** describes the chart for screen readers (ECharts also generates a description) */
  ariaLabel: string;
  onClick?: (params: { name?: string; data?: unknown; seriesType?: string }) => void;
  renderer?: 'canvas' | 'svg';
  testId?: string;
  /** what the chart needs besides ECharts before its first option (the map's shapes), loaded with it */
  prepare?: (echarts: typeof Echarts) => Promise<void>;
}

export function EChart({ option, height, ariaLabel, onClick, renderer = 'canvas', testId, prepare }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof Echarts.init> | null>(null);
  const clickRef = useRef(onClick);
  // the chart's click listener is bound once; it calls the newest onClick (set after render, not during it)
  useLayoutEffect(() => {
    clickRef.current = onClick;
  });
  const prepareRef = useRef(prepare);
  const [lib, setLib] = useState<typeof Echarts | null>(null);

  useEffect(() => {
    let mounted = true;
    import('./echarts')
      .then(async ({ echarts }) => {
        await prepareRef.current?.(echarts);
        if (mounted) setLib(() => echarts);
      })
      // a chunk that cannot load (a dropped connection) leaves the box with its label; the numbers are in the page
      .catch((err: unknown) => console.error('[chart] ECharts could not be loaded:', err));
    return () => {
      mounted = false;
    };
  }, []);

  useEffect(() => {
    if (!lib || !box.current) return;
    const instance = lib.init(box.current, undefined, { renderer });
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(params as { name?: string; data?: unknown; seriesType?: string }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [lib, renderer]);

  useEffect(() => {
    // ECharts' own aria description lists raw data; ours says what the chart is. A live update
    // redraws at once: an animated one repaints the canvas every frame for its duration (measured:
    // most of the main thread's time per live update on the overview, bench/liveMainThread.ts).
    chart.current?.setOption({ aria: { enabled: true, label: { description: ariaLabel } }, animationDuration: 300, animationDurationUpdate: 0, ...option }, { notMerge: true });
  }, [option, ariaLabel, lib]);

  return <div ref={box} role="img" aria-label={ariaLabel} data-testid={testId} data-chart-ready={lib ? 'true' : 'false'} style={{ width: '100%', height }} />;
}
