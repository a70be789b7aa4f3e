'use client';
import { useEffect, useState } from 'react';
import { TIME_ZONE } from '../../shared/domain/periods';
import { useLocale } from '../i18n/LocaleProvider';

/** Wall clock in Asia/Ho_Chi_Minh for the control room. */
export function Clock() {
  const { locale } = useLocale();
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!now) return null;
  const fmt = (o: Intl.DateTimeFormatOptions) => now.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: TIME_ZONE, ...o });
  return (
    <span className="clock" data-testid="clock">
      <strong>{fmt({ hour: '2-digit', minute: '2-digit', second: '2-digit' })}</strong> {fmt({ weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' })}
    </span>
  );
}
