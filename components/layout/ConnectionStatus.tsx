'use client';
import { useEffect, useState } from 'react';
import { TIME_ZONE } from '../../shared/domain/periods';
import { useLocale } from '../i18n/LocaleProvider';
import { useLive } from '../live/LiveProvider';

/** "Live", "Reconnecting… stale since 10:32:05": the state in words and a dot, never colour alone. */
export function ConnectionStatus() {
  const { status, cursor, frames } = useLive();
  const { t, locale } = useLocale();
  // The socket may connect before this part of the page hydrates: render the server's text until then.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) {
    return (
      <span className="conn conn-connecting" role="status" aria-live="polite" data-testid="connection-status" data-state="connecting">
        ○ {t('connecting')}
      </span>
    );
  }
  const time = (d: Date) => d.toLocaleTimeString(locale === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: TIME_ZONE });
  const text =
    status.state === 'live'
      ? `● ${t('live')}`
      : status.state === 'connecting'
        ? `○ ${t('connecting')}`
        : status.state === 'stale'
          ? `◌ ${t('relayDown')} ${time(status.staleSince)}`
          : `◌ ${t('reconnecting')} ${t('staleSince')} ${time(status.staleSince)}`;
  return (
    <span className={`conn conn-${status.state}`} role="status" aria-live="polite" data-testid="connection-status" data-state={status.state} data-cursor={cursor} data-frames={frames}>
      {text}
    </span>
  );
}
