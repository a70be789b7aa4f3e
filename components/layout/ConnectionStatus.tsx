'use client';
import { useLocale } from '../i18n/LocaleProvider';
import { useLive } from '../live/LiveProvider';

/** "Live", "Reconnecting… stale since 10:32:05": the state in words and a dot, never colour alone. */
export function ConnectionStatus() {
  const { status, cursor, frames } = useLive();
  const { t, locale } = useLocale();
  const time = (d: Date) => d.toLocaleTimeString(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
  const text =
    status.state === 'live' ? `● ${t('live')}` : status.state === 'connecting' ? `○ ${t('connecting')}` : `◌ ${t('reconnecting')} ${t('staleSince')} ${time(status.staleSince)}`;
  return (
    <span className={`conn conn-${status.state}`} role="status" aria-live="polite" data-testid="connection-status" data-state={status.state} data-cursor={cursor} data-frames={frames}>
      {text}
    </span>
  );
}
