/**
 * The time range of a trend as the URL holds it (`?range=7d|30d|12m|custom&from=&to=`) and the
 * window it asks the server for. Pure, apart from the picker: server components read it too, to
 * prefetch the window the trend panel will ask for.
 */
import type { Frequency } from '../../kpi-definitions/schema';
import { VN_OFFSET_MS } from '../../shared/domain/periods';
import type { MessageKey } from '../i18n/messages';
import { viewNow } from '../viewNow';
import { rangeWindow, type RangeId, type SeriesWindow } from './ranges';

export interface RangeState {
  range: RangeId;
  from?: string;
  to?: string;
}

export const RANGES: ReadonlyArray<[RangeId, MessageKey]> = [
  ['7d', 'range7d'],
  ['30d', 'range30d'],
  ['12m', 'range12m'],
  ['custom', 'rangeCustom'],
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** the longest custom range: the server serves at most 20 years of months */
const MAX_CUSTOM_DAYS = 20 * 365;

/**
 * The range shown when the URL names none: 30 days of a daily KPI; a year of a monthly or
 * quarterly one (30 days of those would show one period, or none before the month's report).
 */
export function defaultRange(frequency: Frequency): RangeId {
  return frequency === 'daily' ? '30d' : '12m';
}

/** The range the URL asks for (rangeParams, or the raw search params on the server), or `fallback` when it names none. */
export function rangeFromParams(params: { range: string | null; from: string | null; to: string | null }, fallback: RangeId = '30d'): RangeState {
  const id = RANGES.some(([r]) => r === params.range) ? (params.range as RangeId) : fallback;
  return { range: id, from: params.from ?? undefined, to: params.to ?? undefined };
}

/** The Vietnamese calendar day of an instant, as YYYY-MM-DD. */
export function localDay(d: Date): string {
  return new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

function validDay(s: string | undefined): boolean {
  return s !== undefined && DATE.test(s) && !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime());
}

/** The window to ask the server for, or why there is none (a custom range that cannot be drawn). */
export function resolveRange(state: RangeState, now = viewNow()): { window: SeriesWindow; error: null } | { window: null; error: MessageKey } {
  if (state.range !== 'custom') return { window: rangeWindow(state.range, {}, now), error: null };
  if ((state.from !== undefined && !validDay(state.from)) || (state.to !== undefined && !validDay(state.to))) return { window: null, error: 'rangeInvalidDate' };
  const window = rangeWindow('custom', { from: state.from, to: state.to }, now);
  if (window.from >= window.to) return { window: null, error: 'rangeFromAfterTo' };
  if ((window.to.getTime() - window.from.getTime()) / 86_400_000 > MAX_CUSTOM_DAYS) return { window: null, error: 'rangeTooLong' };
  return { window, error: null };
}

/** The URL patch of a range state (a preset drops the custom dates). */
export function rangePatch(state: RangeState): { range: RangeId; from: string | null; to: string | null } {
  return { range: state.range, from: state.range === 'custom' ? (state.from ?? null) : null, to: state.range === 'custom' ? (state.to ?? null) : null };
}
