/** A number the way Vietnamese readers write it: 1.234,5 (the browser's and the server's export's). */
export type NumberLocale = 'vi' | 'en';

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
