'use client';
import { useQueryStates } from 'nuqs';
import { kioskParams } from '../navigation/searchParams';

/** The default rotation of a wall screen, when the URL names none. */
const DEFAULT_PLAYLIST = ['/', '/scorecard', '/kpi/service_index'];
const DEFAULT_INTERVAL_S = 30;

export interface KioskState {
  on: boolean;
  playlist: string[];
  intervalS: number;
  /** the kiosk keys as the URL names them (`kiosk&playlist=…`), for links that stay in kiosk mode */
  query: string;
}

/**
 * Control-room mode lives in the URL: `?kiosk` turns it on, `playlist=/|/scorecard|/kpi/x` names
 * the views to rotate through and `interval=30` the seconds each stays (searchParams.ts).
 */
export function useKiosk(): KioskState {
  const [{ kiosk, playlist, interval }] = useQueryStates(kioskParams);
  const on = kiosk !== null;
  // only this site's paths: "//host" is another site to a browser (a kiosk link must not lead away)
  const views = (playlist ?? '').split('|').filter((p) => /^\/(?!\/)/.test(p) && !p.includes('\\'));
  return {
    on,
    playlist: views.length ? views : DEFAULT_PLAYLIST,
    intervalS: interval !== null && interval >= 3 ? interval : DEFAULT_INTERVAL_S,
    query: on ? kioskQuery(playlist, interval) : '',
  };
}

/** `kiosk&playlist=…&interval=…`, the flag bare as people type it */
function kioskQuery(playlist: string | null, interval: number | null): string {
  const rest = new URLSearchParams();
  if (playlist !== null) rest.set('playlist', playlist);
  if (interval !== null) rest.set('interval', String(interval));
  const tail = rest.toString();
  return tail ? `kiosk&${tail}` : 'kiosk';
}

/** A link that keeps kiosk parameters, so drilling in on a wall screen stays in kiosk mode. */
export function withKiosk(href: string, kiosk: Pick<KioskState, 'on' | 'query'>): string {
  if (!kiosk.on) return href;
  const url = new URL(href, 'http://x');
  for (const key of ['kiosk', 'playlist', 'interval']) url.searchParams.delete(key);
  const own = url.searchParams.toString();
  return `${url.pathname}?${own ? `${own}&` : ''}${kiosk.query}`;
}
