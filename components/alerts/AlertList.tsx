'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import type { AlertPayload } from '../../shared/realtime/events';
import type { AlertView } from '../wireTypes';
import { errorText } from '../auth/SignInForm';
import { formatNumber, formatDate } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { useTRPC } from '../trpc';

/** One alert in words: which KPI, where, what happened, with a link to the view. */
export function AlertText({ alert }: { alert: AlertPayload }) {
  const { t, l, locale } = useLocale();
  const kpi = useKpiCatalogue().byId.get(alert.kpiId);
  return (
    <>
      <strong>{alert.orgUnitName}</strong>: {kpi ? l(kpi.name) : alert.kpiId} {alert.kind === 'band_drop' ? t('alertBandDrop') : t('alertOutlier')} —{' '}
      {formatNumber(alert.value, kpi?.decimals ?? 1, locale)} ({formatDate(alert.period, locale)}){' '}
      <Link href={`/province/${alert.orgUnitCode}?kpi=${alert.kpiId}`}>{t('view')} ›</Link>
    </>
  );
}

/** "Đã xem" where the viewer may acknowledge; every refusal is shown beside the alert. */
export function AcknowledgeButton({ alert }: { alert: Pick<AlertView, 'id' | 'canAcknowledge'> }) {
  const trpc = useTRPC();
  const { t, locale } = useLocale();
  const queryClient = useQueryClient();
  const ack = useMutation(trpc.alerts.acknowledge.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.alerts.pathKey() }) }));
  // A refusal stays in sight even when the refetch that follows it takes the button away.
  if (!alert.canAcknowledge && !ack.isError) return null;
  return (
    <span className="alert-ack">
      {alert.canAcknowledge ? (
        <button type="button" onClick={() => ack.mutate({ id: alert.id })} disabled={ack.isPending}>
          {t('acknowledge')}
        </button>
      ) : null}
      {ack.isError ? (
        <span role="alert" className="form-error" data-testid="ack-error">
          {t('alertAckRefused')}: {errorText(ack.error, locale)}
        </span>
      ) : null}
    </span>
  );
}

/** Open alerts, live; leaders acknowledge those in their scope and they leave every panel. */
export function AlertList({ provinceId, limit = 20 }: { provinceId?: number; limit?: number }) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const alerts = useQuery(trpc.alerts.open.queryOptions({ provinceId, limit }));
  const me = useQuery(trpc.auth.me.queryOptions());
  const leads = me.data?.role === 'leader' || me.data?.role === 'admin';
  if (alerts.isPending) return <p className="muted">{t('loading')}</p>;
  if (alerts.isError) return <p role="alert">{t('loadFailed')}</p>;
  if (alerts.data.length === 0) return <p className="muted" data-testid="no-alerts">{t('noAlerts')}</p>;
  return (
    <ul className="alert-list" data-testid="alert-list">
      {alerts.data.map((a) => (
        <li key={a.id} data-alert-id={a.id} className={`alert alert-${a.kind}`}>
          <span className="alert-icon" aria-hidden="true">
            {a.kind === 'band_drop' ? '▼' : '⚠'}
          </span>
          <span className="alert-text">
            <AlertText alert={a} />
          </span>
          <AcknowledgeButton alert={a} />
        </li>
      ))}
      {!leads ? <li className="muted small">{t('alertSignInToAck')}</li> : null}
      {leads && alerts.data.some((a) => !a.canAcknowledge) ? <li className="muted small">{t('alertAckOutOfScope')}</li> : null}
    </ul>
  );
}
