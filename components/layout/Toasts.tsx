'use client';
import { AlertText } from '../alerts/AlertList';
import { useLocale } from '../i18n/LocaleProvider';
import { useLive } from '../live/LiveProvider';

/** New alerts pop up here as they arrive. */
export function Toasts() {
  const { toasts, dismissToast } = useLive();
  const { t } = useLocale();
  return (
    <div className="toasts" role="log" aria-live="polite" aria-label={t('alerts')}>
      {toasts.map((a) => (
        <div key={a.id} className="toast" role="status" data-testid="alert-toast">
          <span aria-hidden="true">⚠ </span>
          <AlertText alert={a} />
          <button type="button" className="toast-close" aria-label="×" onClick={() => dismissToast(a.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
