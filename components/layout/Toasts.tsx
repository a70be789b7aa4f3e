'use client';
import { useQuery } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { AlertText } from '../alerts/AlertList';
import { BADGE_CAP, inViewerScope, isQuietPath } from '../alerts/alertScope';
import { useLocale } from '../i18n/LocaleProvider';
import { useLive } from '../live/LiveProvider';
import { useTRPC } from '../trpc';
import { useKiosk } from './useKiosk';

/** How many toasts show at once. */
const SHOWN = 3;

/** The new alerts in the viewer's scope since the page opened. */
function useArrivedInScope() {
  const trpc = useTRPC();
  const { toasts } = useLive();
  const me = useQuery(trpc.auth.me.queryOptions());
  return me.isPending ? [] : toasts.filter((a) => inViewerScope(a, me.data));
}

/**
 * New alerts of the viewer's own scope, in a shelf below the header that takes its own room in
 * the page (so it never covers a control). On staff pages and wall screens a quiet counter
 * (NewAlertsCounter) tells instead.
 */
export function Toasts() {
  const { dismissToast } = useLive();
  const { t } = useLocale();
  const pathname = usePathname();
  const kiosk = useKiosk();
  const arrived = useArrivedInScope();
  if (kiosk.on || isQuietPath(pathname) || arrived.length === 0) return null;
  return (
    <div className="toasts" role="log" aria-live="polite" aria-label={t('alerts')}>
      {arrived.slice(0, SHOWN).map((a) => (
        <div key={a.id} className="toast" role="status" data-testid="alert-toast">
          <span aria-hidden="true">⚠ </span>
          <AlertText alert={a} />
          <button type="button" className="toast-close" aria-label={t('alertsClose')} onClick={() => dismissToast(a.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}

/** "3 cảnh báo mới": how many alerts of the viewer's scope arrived since the page opened. */
export function NewAlertsCounter() {
  const { t } = useLocale();
  const arrived = useArrivedInScope();
  if (arrived.length === 0) return null;
  return (
    <span className="alerts-new" role="status" data-testid="new-alerts-counter" data-count={arrived.length}>
      {t('alertsNew', { count: Math.min(arrived.length, BADGE_CAP), more: arrived.length > BADGE_CAP ? 'yes' : 'no' })}
    </span>
  );
}
