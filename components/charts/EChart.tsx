'use client';
/**
 * One ECharts instance in a div: created on mount, updated when the option changes, resized with
 * its box, disposed on unmount. `onClick` receives the clicked item (a map region, a bar).
 *
 * ECharts itself (the largest script of the app) is loaded only once a chart is mounted, after
 * the page is drawn and interactive: the numbers are in the HTML, the charts follow. The box keeps
 * its height meanwhile, so nothing moves when they arrive.
 *
 * A new option of the same shape (a live update: new numbers) is merged into the chart, not set
 * anew: ECharts keeps its components and only takes the new values, without animation.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { echarts as Echarts, EChartsOption } from './echarts';
import { sameOptionShape } from './sameOptionShape';

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
  /** the option the chart was last given, to tell a live update (same shape) from a new chart */
  const shown = useRef<EChartsOption | null>(null);
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
    // ZRender keeps asking for animation frames for 10 frames after each draw with nothing left to
    // draw; each asks the browser for a frame of the whole page (measured: ~25 ms of the main
    // thread per live update across the overview's charts). It stops after one such frame now;
    // animations and hover wake it again.
    instance.getZr().setSleepAfterStill(1);
    instance.on('click', (params) => clickRef.current?.(params as { name?: string; data?: unknown; seriesType?: string }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
      shown.current = null;
    };
  }, [lib, renderer]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    // ECharts' own aria description lists raw data; ours says what the chart is. A live update
    // redraws at once: an animated one repaints the canvas every frame for its duration (measured:
    // most of the main thread's time per live update on the overview, bench/liveMainThread.ts).
    const full = { aria: { enabled: true, label: { description: ariaLabel } }, animationDuration: 300, animationDurationUpdate: 0, ...option };
    // Set anew (`notMerge`) the first time and when the option's shape changed: a merge would keep
    // what the new option leaves out. Otherwise merged: ECharts keeps its components and takes the
    // new values, instead of building every component again on each live update.
    const merge = shown.current !== null && sameOptionShape(shown.current, full);
    instance.setOption(full, merge ? { silent: true } : { notMerge: true });
    shown.current = full;
  }, [option, ariaLabel, lib]);

  return <div ref={box} role="img" aria-label={ariaLabel} data-testid={testId} data-chart-ready={lib ? 'true' : 'false'} style={{ width: '100%', height }} />;
}
