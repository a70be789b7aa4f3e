'use client';
import { useSearchParams } from 'next/navigation';

/** The default rotation of a wall screen, when the URL names none. */
const DEFAULT_PLAYLIST = ['/', '/scorecard', '/kpi/service_index'];
const DEFAULT_INTERVAL_S = 30;

export interface KioskState {
  on: boolean;
  playlist: string[];
  intervalS: number;
}

/**
 * Control-room mode lives in the URL: `?kiosk` turns it on, `playlist=/|/scorecard|/kpi/x` names
 * the views to rotate through and `interval=30` the seconds each stays.
 */
export function useKiosk(): KioskState {
  const params = useSearchParams();
  const on = params.has('kiosk');
  const playlist = (params.get('playlist') ?? '').split('|').filter((p) => p.startsWith('/'));
  const interval = Number(params.get('interval'));
  return {
    on,
    playlist: playlist.length ? playlist : DEFAULT_PLAYLIST,
    intervalS: Number.isFinite(interval) && interval >= 3 ? interval : DEFAULT_INTERVAL_S,
  };
}

/** A link that keeps kiosk parameters, so drilling in on a wall screen stays in kiosk mode. */
export function withKiosk(href: string, kiosk: KioskState, current: URLSearchParams): string {
  if (!kiosk.on) return href;
  const url = new URL(href, 'http://x');
  for (const key of ['kiosk', 'playlist', 'interval']) {
    const v = current.get(key);
    if (v !== null) url.searchParams.set(key, v);
  }
  return `${url.pathname}?${url.searchParams.toString().replace(/kiosk=(&|$)/, 'kiosk$1')}`;
}
