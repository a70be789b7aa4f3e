'use client';
/**
 * /alerts: every alert, filtered by province, KPI, kind and state (kept in the URL), a page at a
 * time, newest first. Leaders acknowledge the open ones in their scope here too.
 */
import { useQueryStates } from 'nuqs';
import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import type { MessageKey } from '../i18n/messages';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { ALERT_KINDS, ALERT_STATES, alertsParams } from '../navigation/searchParams';
import { useTRPC } from '../trpc';
import { AcknowledgeButton, AlertText } from './AlertList';

const PAGE_SIZE = 25;
const KINDS = ALERT_KINDS;
const STATES = ALERT_STATES;
const KIND_LABEL: Record<(typeof KINDS)[number], MessageKey> = { band_drop: 'alertKindBandDrop', outlier: 'alertKindOutlier' };
const STATE_LABEL: Record<(typeof STATES)[number], MessageKey> = { open: 'alertStateOpen', acknowledged: 'alertStateAcknowledged', resolved: 'alertStateResolved' };

function oneOf<T extends string>(values: readonly T[], v: string): T | null {
  return values.find((x) => x === v) ?? null;
}

export function AlertsPage() {
  const trpc = useTRPC();
  const { t, l, locale } = useLocale();
  const [params, setParams] = useQueryStates(alertsParams);
  const catalogue = useKpiCatalogue();
  const nation = useQuery(trpc.catalogue.orgUnit.queryOptions({ code: 'VN' }));
  const provinces = nation.data?.children ?? [];
  const provinceCode = params.province;
  const province = provinces.find((p) => p.code === provinceCode);
  const kpiId = params.kpi ?? undefined;
  const kind = params.kind ?? undefined;
  const state = params.state ?? undefined;
  const page = Math.max(1, params.page);
  const waitingForProvince = !!provinceCode && !nation.data;
  const list = useQuery({
    ...trpc.alerts.list.queryOptions({ provinceId: province?.id, kpiId, kind, state, page, pageSize: PAGE_SIZE }),
    enabled: !waitingForProvince,
  });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  // A filter change starts again from the first page.
  const filter = (patch: Partial<Omit<typeof params, 'page'>>) => void setParams({ ...patch, page: null });

  return (
    <main className="alerts-page">
      <h1>{t('alertsPageTitle')}</h1>
      <p className="muted">{t('alertsPageIntro')}</p>
      <div className="alerts-filters panel">
        <label className="select">
          {t('alertsFilterProvince')}
          <select value={provinceCode ?? ''} onChange={(e) => filter({ province: e.target.value || null })} data-testid="filter-province">
            <option value="">{t('alertsAll')}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="select">
          {t('alertsFilterKpi')}
          <select value={kpiId ?? ''} onChange={(e) => filter({ kpi: e.target.value || null })} data-testid="filter-kpi">
            <option value="">{t('alertsAll')}</option>
            {catalogue.all
              .filter((k) => k.measure.kind !== 'composite')
              .map((k) => (
                <option key={k.id} value={k.id}>
                  {l(k.name)}
                </option>
              ))}
          </select>
        </label>
        <label className="select">
          {t('alertsFilterKind')}
          <select value={kind ?? ''} onChange={(e) => filter({ kind: oneOf(KINDS, e.target.value) })} data-testid="filter-kind">
            <option value="">{t('alertsAll')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
          </select>
        </label>
        <label className="select">
          {t('alertsFilterState')}
          <select value={state ?? ''} onChange={(e) => filter({ state: oneOf(STATES, e.target.value) })} data-testid="filter-state">
            <option value="">{t('alertsAll')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(STATE_LABEL[s])}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.isPending ? (
        <p className="muted">{t('loading')}</p>
      ) : list.isError ? (
        <p role="alert">{t('loadFailed')}</p>
      ) : (
        <>
          <p data-testid="alerts-total">{t('alertsTotal', { total: list.data.total })}</p>
          {list.data.items.length === 0 ? (
            <p className="muted" data-testid="no-alerts">
              {t('noAlerts')}
            </p>
          ) : (
            <table className="alerts-table" data-testid="alerts-table">
              <thead>
                <tr>
                  <th scope="col">{t('alertsColWhen')}</th>
                  <th scope="col">{t('alertsColAlert')}</th>
                  <th scope="col">{t('alertsColState')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((a) => (
                  <tr key={a.id} data-alert-id={a.id} data-state={a.state}>
                    <td>{formatDateTime(a.createdAt, locale)}</td>
                    <td>
                      <AlertText alert={a} />
                    </td>
                    <td>
                      {t(STATE_LABEL[a.state])} <AcknowledgeButton alert={a} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <nav className="alerts-paging" aria-label={t('alertsPage', { page, pages })}>
            <button type="button" disabled={page <= 1} onClick={() => void setParams({ page: page - 1 })}>
              {t('alertsPrev')}
            </button>
            <span data-testid="alerts-page">{t('alertsPage', { page, pages })}</span>
            <button type="button" disabled={page >= pages} onClick={() => void setParams({ page: page + 1 })}>
              {t('alertsNext')}
            </button>
          </nav>
        </>
      )}
    </main>
  );
}
