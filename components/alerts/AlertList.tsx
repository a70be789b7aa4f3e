'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { AlertPayload } from '../../server/realtime/events';
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

/** Open alerts, live; leaders acknowledge them and they leave every panel. */
export function AlertList({ provinceId, limit = 20 }: { provinceId?: number; limit?: number }) {
  const trpc = useTRPC();
  const { t } = useLocale();
  const alerts = useQuery(trpc.alerts.open.queryOptions({ provinceId, limit }));
  const me = useQuery(trpc.auth.me.queryOptions());
  const ack = useMutation(trpc.alerts.acknowledge.mutationOptions());
  const canAck = me.data?.role === 'leader' || me.data?.role === 'admin';
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
          {canAck ? (
            <button type="button" onClick={() => ack.mutate({ id: a.id })} disabled={ack.isPending}>
              {t('acknowledge')}
            </button>
          ) : null}
        </li>
      ))}
      {!canAck ? <li className="muted small">{t('alertSignInToAck')}</li> : null}
    </ul>
  );
}
