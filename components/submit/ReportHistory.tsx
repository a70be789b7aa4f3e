'use client';
/**
 * `/reports/[id]`: the audit trail of one report: every draft saved, submission, approval and
 * correction, return for revision, who did it and when, the status it moved between, the figures
 * before and after, and the reason given for a correction or the comment of a return.
 */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { MeasuredKpi } from '../../kpi-definitions/schema';
import type { ReportAction, ReportInputs } from '../wireTypes';
import { formatPeriod } from '../../shared/domain/parsePeriod';
import { periodLabel, periodUnitOf } from '../../shared/domain/periods';
import { inputSpecs } from '../../shared/domain/validateKpiInputs';
import { errorText } from '../auth/SignInForm';
import { formatDateTime } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import type { MessageKey } from '../i18n/messages';
import { formatKpiValue } from '../kpi/units';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { Breadcrumbs } from '../layout/Breadcrumbs';
import { NotFound } from '../navigation/NotFound';
import { useTRPC } from '../trpc';
import { asMeasured, fieldsOf, valueOfInputs } from './entryCheck';
import { formatInputNumber } from './NumberFields';
import { actorName, ReportStatusLine, STATUS_LABELS } from './ReportStatus';
import { StaffGate } from './StaffGate';

const ACTION_LABELS: Record<ReportAction, MessageKey> = {
  draft: 'actionDraft',
  submit: 'actionSubmit',
  approve: 'actionApprove',
  correct: 'actionCorrect',
  return: 'actionReturn',
};

export function ReportHistoryPage({ id }: { id: number }) {
  const { t } = useLocale();
  return (
    <StaffGate roles={['commune_staff', 'province_staff', 'admin', 'leader', 'planner']} title={t('historyTitle')} denied={t('historyDenied')}>
      {() => <ReportHistory id={id} />}
    </StaffGate>
  );
}

/** "Tử số: 120 → 125" for each input that an event set or changed, then the value it gives. */
function FiguresChange({ kpi, before, after }: { kpi: MeasuredKpi; before: ReportInputs | null; after: ReportInputs | null }) {
  const { l, locale } = useLocale();
  if (!after) return <span className="muted">—</span>;
  const specs = inputSpecs(kpi);
  const changed = (a: number | null | undefined, b: number | null | undefined) => (a ?? null) !== (b ?? null);
  const lines = fieldsOf(kpi).map((f) => ({ field: f, old: before?.[f], now: after[f] }));
  const oldValue = valueOfInputs(kpi, before);
  const newValue = valueOfInputs(kpi, after);
  return (
    <ul className="figures-change">
      {lines.map((line) => (
        <li key={line.field} className={before && changed(line.old, line.now) ? 'changed' : undefined}>
          <span className="muted">{l(specs[line.field]!.label)}:</span>{' '}
          {before && changed(line.old, line.now) ? (
            <>
              <del>{formatInputNumber(line.old, locale)}</del> → <ins>{formatInputNumber(line.now, locale)}</ins>
            </>
          ) : (
            formatInputNumber(line.now, locale)
          )}
        </li>
      ))}
      <li className="figures-value">
        = {before && changed(oldValue, newValue) ? `${formatKpiValue(kpi, oldValue, locale)} → ${formatKpiValue(kpi, newValue, locale)}` : formatKpiValue(kpi, newValue, locale)}
      </li>
    </ul>
  );
}

function ReportHistory({ id }: { id: number }) {
  const { t, l, locale } = useLocale();
  const trpc = useTRPC();
  const catalogue = useKpiCatalogue();
  const history = useQuery({
    ...trpc.reports.history.queryOptions({ reportId: id }),
    retry: (failures, error) => error.data?.code !== 'NOT_FOUND' && error.data?.code !== 'FORBIDDEN' && failures < 1,
  });
  const unitId = history.data?.unit.id;
  const org = useQuery({ ...trpc.catalogue.orgUnit.queryOptions({ id: unitId ?? 0 }), enabled: unitId !== undefined, staleTime: Infinity });
  if (history.error?.data?.code === 'NOT_FOUND') return <NotFound title={t('historyNotFound')} detail={`${t('historyNoReport')} ${id}.`} />;
  if (history.isError) {
    return (
      <main className="staff-page">
        <h1>{t('historyTitle')}</h1>
        <p role="alert" className="panel staff-notice">
          {errorText(history.error, locale)}
        </p>
      </main>
    );
  }
  if (history.isPending || !catalogue.ready) {
    return (
      <main className="staff-page">
        <p className="muted">{t('loading')}</p>
      </main>
    );
  }
  const { report, unit, events } = history.data;
  const kpi = asMeasured(catalogue.byId.get(report.kpi_id));
  const period = kpi ? periodLabel(periodUnitOf(kpi.frequency), report.period_start) : report.period_start.toISOString().slice(0, 10);
  return (
    <main className="staff-page history-page" data-testid="history-page">
      {org.data ? <Breadcrumbs path={org.data.path} tail={t('historyTitle')} /> : null}
      <h1>
        {t('historyTitle')}: {kpi ? l(kpi.name) : report.kpi_id}
      </h1>
      <section className="panel history-summary" aria-label={t('historyNow')}>
        <dl className="facts">
          <div>
            <dt>{t('approvalsUnit')}</dt>
            <dd>
              {unit.name} ({unit.code})
            </dd>
          </div>
          <div>
            <dt>{t('period')}</dt>
            <dd>{period}</dd>
          </div>
          <div>
            <dt>{t('historyStatus')}</dt>
            <dd>
              <ReportStatusLine report={report} />
            </dd>
          </div>
          {kpi ? (
            <div>
              <dt>{t('historyNow')}</dt>
              <dd>
                <FiguresChange kpi={kpi} before={null} after={report.inputs} />
              </dd>
            </div>
          ) : null}
          {report.status === 'returned' && report.return_comment ? (
            <div>
              <dt>{t('returnComment')}</dt>
              <dd data-testid="history-return-comment">{report.return_comment}</dd>
            </div>
          ) : null}
          {report.explanation ? (
            <div>
              <dt>{t('historyExplanation')}</dt>
              <dd>{report.explanation}</dd>
            </div>
          ) : null}
        </dl>
        {kpi ? (
          <p className="history-links">
            <Link href={`/submit?unit=${unit.code}&frequency=${kpi.frequency}&period=${formatPeriod(periodUnitOf(kpi.frequency), report.period_start)}`}>{t('historyOpenForm')}</Link>
          </p>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="history-table-title">
        <h2 id="history-table-title">{t('historyCaption')}</h2>
        <div className="table-scroll tall">
          <table className="data history-table" data-testid="history-table">
            <thead>
              <tr>
                <th scope="col">{t('historyWhen')}</th>
                <th scope="col">{t('historyWho')}</th>
                <th scope="col">{t('historyAction')}</th>
                <th scope="col">{t('historyStatus')}</th>
                <th scope="col">{t('historyValues')}</th>
                <th scope="col">{t('historyReason')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id} data-action={e.action}>
                  <td className="nowrap">{formatDateTime(e.at, locale)}</td>
                  <td>{actorName(e.actor)}</td>
                  <td>
                    <span className={`history-action action-${e.action}`}>{t(ACTION_LABELS[e.action])}</span>
                  </td>
                  <td>
                    {e.from_status ? `${t(STATUS_LABELS[e.from_status])} → ` : ''}
                    <span className={`report-status status-${e.to_status}`}>{t(STATUS_LABELS[e.to_status])}</span>
                  </td>
                  <td>{kpi ? <FiguresChange kpi={kpi} before={e.old_inputs} after={e.new_inputs} /> : '—'}</td>
                  <td>{e.reason ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
