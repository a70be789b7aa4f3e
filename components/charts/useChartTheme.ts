'use client';
import { useEffect, useState } from 'react';

/** Colours and type size for chart text, taken from the page's CSS variables (light or kiosk dark). */
export interface ChartTheme {
  text: string;
  muted: string;
  border: string;
  /** px: chart text follows the page's base size, so the wall screen's charts are legible too */
  fontSize: number;
}

const LIGHT: ChartTheme = { text: '#17202b', muted: '#556170', border: '#d9e0e8', fontSize: 12 };

function readTheme(): ChartTheme {
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const base = Number.parseFloat(v('--base-size', '15px'));
  return {
    text: v('--text', LIGHT.text),
    muted: v('--muted', LIGHT.muted),
    border: v('--border', LIGHT.border),
    fontSize: Math.round((Number.isFinite(base) ? base : 15) * 0.8),
  };
}

/**
 * Canvas charts cannot inherit CSS colours, so they read the variables and read them again when
 * the body's class changes (control-room mode switches the variables to the dark theme).
 */
export function useChartTheme(): ChartTheme {
  const [theme, setTheme] = useState<ChartTheme>(LIGHT);
  useEffect(() => {
    const update = () =>
      setTheme((prev) => {
        const next = readTheme();
        return prev.text === next.text && prev.muted === next.muted && prev.border === next.border && prev.fontSize === next.fontSize ? prev : next;
      });
    update();
    const observer = new MutationObserver(update);
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}
