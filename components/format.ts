/** Numbers and dates the way Vietnamese readers write them: 1.234,5 and 27/11/2026. */
import { TIME_ZONE } from '../shared/domain/periods';

export type Locale = 'vi' | 'en';

export { formatNumber } from '../shared/formatNumber';

export function formatDate(d: Date | null | undefined, locale: Locale = 'vi'): string {
  if (!d) return '—';
  return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

/** A moment users read: 27/11/2026 14:05 (Asia/Ho_Chi_Minh). */
export function formatDateTime(d: Date | null | undefined, locale: Locale = 'vi'): string {
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
