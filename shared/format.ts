/**
 * Numbers and dates the way Vietnamese readers write them, 1.234,5 and 27/11/2026 14:05
 * (Asia/Ho_Chi_Minh): one way for the pages and the server's exported files alike.
 */
import { TIME_ZONE } from './domain/periods';

import type { KpiUnit } from '../kpi-definitions/schema';

export type NumberLocale = 'vi' | 'en';

/** A KPI's unit as written after a number: 65,4 %, 12 giờ. */
export const KPI_UNIT_LABELS: Record<KpiUnit, { vi: string; en: string }> = {
  percent: { vi: '%', en: '%' },
  hours: { vi: 'giờ', en: 'h' },
  days: { vi: 'ngày', en: 'days' },
  vnd: { vi: '₫', en: 'VND' },
  trips: { vi: 'lượt', en: 'trips' },
  score: { vi: 'điểm', en: 'pts' },
  points: { vi: 'điểm', en: 'pts' },
};

const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number | null | undefined, decimals: number, locale: NumberLocale = 'vi'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const key = `${locale}:${decimals}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    numberFormats.set(key, f);
  }
  return f.format(value);
}

export function formatDate(d: Date | null | undefined, locale: NumberLocale = 'vi'): string {
  if (!d) return '—';
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

/** A moment users read: 27/11/2026 14:05. */
export function formatDateTime(d: Date | null | undefined, locale: NumberLocale = 'vi'): string {
  if (!d) return '—';
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}
