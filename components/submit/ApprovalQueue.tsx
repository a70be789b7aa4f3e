'use client';
/**
 * `/approvals`: the submitted reports waiting for this officer's approval (commune reports for
 * provincial staff; any for an administrator). Approve one, or tick several and approve them
 * together; each carries the version the officer saw, so a report changed meanwhile is refused.
 * A report can be returned to its unit with a comment instead. The officer's own work (what they
 * submitted or edited) is listed but offers no approval: four eyes, enforced by the server too.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { Fragment, useId, useState } from 'react';
import { formatPeriod } from '../../shared/domain/parsePeriod';
import { periodLabel, periodUnitOf } from '../../shared/domain/periods';
import { MIN_RETURN_COMMENT } from '../../shared/domain/writtenReasons';
import { errorText } from '../auth/SignInForm';
import { formatDateTime } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { formatKpiValue } from '../kpi/units';
import { useKpiCatalogue } from '../kpi/useKpiCatalogue';
import { useTRPC } from '../trpc';
import { asMeasured, valueOfInputs } from './entryCheck';
import { foldText } from './foldText';
import { actorName } from './ReportStatus';
import { serverProblem } from '../../shared/serverProblem';
import { APPROVER_ROLES, StaffGate } from './StaffGate';

export function ApprovalsPage() {
  const { t } = useLocale();
  return (
    <StaffGate roles={APPROVER_ROLES} title={t('approvalsTitle')} denied={t('approvalsDenied')}>
      {() => <ApprovalQueue />}
    </StaffGate>
  );
}

type Outcome = { ok: true; count: number; at: Date } | { ok: true; returnedUnit: string } | { ok: false; message: string; conflict: boolean };

/** The comment form under a row being returned. */
function ReturnRow({ colSpan, label, pending, onSend, onCancel }: { colSpan: number; label: string; pending: boolean; onSend: (comment: string) => void; onCancel: () => void }) {
  const { t } = useLocale();
  const id = useId();
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const tooShort = comment.trim().length < MIN_RETURN_COMMENT;
  return (
    <tr className="return-row" data-testid="return-row">
      <td colSpan={colSpan}>
        <form
          className="return-form"
          aria-label={label}
          onSubmit={(e) => {
            e.preventDefault();
            setTried(true);
            if (!tooShort) onSend(comment.trim());
          }}
        >
          <label htmlFor={`${id}-comment`}>{t('returnCommentLabel')}</label>
          <textarea
            id={`${id}-comment`}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            rows={2}
            maxLength={2000}
            aria-invalid={tried && tooShort}
            aria-describedby={tried && tooShort ? `${id}-error` : undefined}
            autoFocus
            data-testid="return-comment-input"
          />
          {tried && tooShort ? (
            <p id={`${id}-error`} className="field-error">
              {t('returnCommentRequired', { n: MIN_RETURN_COMMENT })}
            </p>
          ) : null}
          <div className="return-form-actions">
            <button type="submit" disabled={pending} data-testid="return-send">
              {pending ? t('saving') : t('returnSend')}
            </button>
            <button type="button" onClick={onCancel}>
              {t('returnCancel')}
            </button>
          </div>
        </form>
      </td>
    </tr>
  );
}

function ApprovalQueue() {
  const { t, l, locale } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const catalogue = useKpiCatalogue();
  const queue = useQuery(trpc.reports.approvalQueue.queryOptions());
  const approve = useMutation(trpc.reports.approve.mutationOptions());
  const sendBack = useMutation(trpc.reports.returnForRevision.mutationOptions());
  /** the row whose return comment is being written */
  const [returning, setReturning] = useState<number | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [filter, setFilter] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [approving, setApproving] = useState<ReadonlySet<number>>(new Set());

  const all = (queue.data ?? []).map((r) => {
    const kpi = asMeasured(catalogue.byId.get(r.kpi_id));
    return { ...r, kpi, value: kpi ? valueOfInputs(kpi, r.inputs) : null };
  });
  const q = foldText(filter.trim());
  const rows = q ? all.filter((r) => foldText(`${r.unitName} ${r.unitCode} ${r.kpi ? l(r.kpi.name) : r.kpi_id}`).includes(q)) : all;
  // One's own work cannot be approved: it is never ticked.
  const approvable = rows.filter((r) => !r.ownWork);
  const chosen = approvable.filter((r) => selected.has(r.id));
  const allChosen = approvable.length > 0 && chosen.length === approvable.length;

  const refused = (error: unknown) => {
    const problem = serverProblem(error);
    setOutcome({ ok: false, message: problem.message ? l(problem.message) : errorText(error, locale), conflict: problem.code === 'CONFLICT' });
    // Whatever changed meanwhile shows as it is now.
    if (problem.code === 'CONFLICT') void queue.refetch();
  };

  const returnRow = (r: (typeof rows)[number], comment: string) => {
    setOutcome(null);
    sendBack.mutate(
      { reportId: r.id, expectedVersion: r.version, comment },
      {
        // mutate()'s own callbacks are not awaited: the outcome shows once the queue has refetched
        onSuccess: () => {
          setReturning(null);
          setSelected((s) => new Set([...s].filter((id) => id !== r.id)));
          void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() }).then(() => setOutcome({ ok: true, returnedUnit: r.unitName }));
        },
        onError: refused,
      },
    );
  };

  const run = (items: typeof rows) => {
    setOutcome(null);
    setApproving(new Set(items.map((r) => r.id)));
    approve.mutate(
      { items: items.map((r) => ({ reportId: r.id, expectedVersion: r.version })) },
      {
        onSuccess: (approved) => {
          setSelected((s) => new Set([...s].filter((id) => !approved.some((a) => a.id === id))));
          void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() }).then(() => setOutcome({ ok: true, count: approved.length, at: new Date() }));
        },
        onError: refused,
        onSettled: () => setApproving(new Set()),
      },
    );
  };

  return (
    <main className="staff-page approvals-page" data-testid="approvals-page">
      <h1>{t('approvalsTitle')}</h1>
      <p className="muted">{t('approvalsIntro')}</p>
      <div className="form-messages">
        <div role="status" className="form-status">
          {outcome?.ok && 'count' in outcome ? <p className="success-summary">{t('approvedDone', { n: outcome.count, time: formatDateTime(outcome.at, locale) })}</p> : null}
          {outcome?.ok && 'returnedUnit' in outcome ? <p className="success-summary">{t('returnedDone', { unit: outcome.returnedUnit })}</p> : null}
        </div>
        <div role="alert" className="form-alert">
          {outcome && !outcome.ok ? <p className="error-summary">{outcome.message}</p> : null}
        </div>
        </div>
        {queue.isPending || !catalogue.ready ? (
          <p className="muted">{t('loading')}</p>
        ) : queue.isError ? (
          <p role="alert">{errorText(queue.error, locale)}</p>
        ) : all.length === 0 ? (
          <p className="panel staff-notice" data-testid="approvals-empty">
            {t('approvalsEmpty')}
          </p>
        ) : (
          <section className="panel" aria-labelledby="approvals-count">
            <div className="approvals-tools">
              <p id="approvals-count" className="approvals-count">
                <strong>{t('approvalsCount', { n: all.length })}</strong>
              </p>
              <label className="picker-field">
                <span className="picker-label">{t('approvalsFilter')}</span>
                <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} autoComplete="off" />
              </label>
              <button type="button" className="primary" disabled={chosen.length === 0 || approve.isPending} onClick={() => run(chosen)} data-testid="approve-selected">
                {t('approveSelected', { n: chosen.length })}
              </button>
            </div>
            <div className="table-scroll tall">
              <table className="data approvals-table">
                <caption className="sr-only">{t('approvalsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <input
                        type="checkbox"
                        aria-label={t('selectAll')}
                        checked={allChosen}
                        ref={(box) => {
                          if (box) box.indeterminate = chosen.length > 0 && !allChosen;
                        }}
                        onChange={() => setSelected(allChosen ? new Set() : new Set(approvable.map((r) => r.id)))}
                      />
                    </th>
                    <th scope="col">{t('approvalsUnit')}</th>
                    <th scope="col">{t('approvalsKpi')}</th>
                    <th scope="col">{t('period')}</th>
                    <th scope="col" className="num">
                      {t('value')}
                    </th>
                    <th scope="col">{t('approvalsSubmitted')}</th>
                    <th scope="col">{t('approvalsOutlier')}</th>
                    <th scope="col">{t('approvalsActions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const period = r.kpi ? periodLabel(periodUnitOf(r.kpi.frequency), r.period_start) : r.period_start.toISOString().slice(0, 10);
                    const formHref = r.kpi ? `/submit?unit=${r.unitCode}&frequency=${r.kpi.frequency}&period=${formatPeriod(periodUnitOf(r.kpi.frequency), r.period_start)}` : null;
                    const what = `${r.unitName}, ${r.kpi ? l(r.kpi.name) : r.kpi_id}, ${period}`;
                    return (
                      <Fragment key={r.id}>
                        <tr data-testid="approval-row" data-report={r.id} data-own-work={r.ownWork || undefined} className={selected.has(r.id) && !r.ownWork ? 'row-selected' : undefined}>
                          <td>
                            <input
                              type="checkbox"
                              aria-label={`${t('selectRow')}: ${what}`}
                              disabled={r.ownWork}
                              checked={selected.has(r.id) && !r.ownWork}
                              onChange={() =>
                                setSelected((s) => {
                                  const next = new Set(s);
                                  if (next.has(r.id)) next.delete(r.id);
                                  else next.add(r.id);
                                  return next;
                                })
                              }
                            />
                          </td>
                          <td>
                            {r.unitName} <span className="muted small">({r.unitCode})</span>
                          </td>
                          <td>{r.kpi ? l(r.kpi.name) : r.kpi_id}</td>
                          <td>{period}</td>
                          <td className="num">{r.kpi ? formatKpiValue(r.kpi, r.value, locale) : '—'}</td>
                          <td>
                            {actorName(r.submitted_by)}
                            <br />
                            <span className="muted small">{formatDateTime(r.submitted_at, locale)}</span>
                          </td>
                          <td className="approvals-outlier">
                            {r.outlier ? (
                              <>
                                <span className="outlier-flag">⚠ {t('outlierFlag')}</span>
                                {r.explanation ? <span className="small"> {r.explanation}</span> : null}
                              </>
                            ) : (
                              <span className="muted">—</span>
                            )}
                          </td>
                          <td className="approvals-actions">
                            {r.ownWork ? (
                              <span className="own-work-note small" data-testid="own-work-note">
                                {t('ownWorkNote')}
                              </span>
                            ) : (
                              <button type="button" onClick={() => run([r])} disabled={approve.isPending} aria-label={`${t('approve')}: ${what}`} data-testid="approve-row">
                                {approving.has(r.id) ? t('saving') : t('approve')}
                              </button>
                            )}{' '}
                            <button
                              type="button"
                              onClick={() => setReturning(returning === r.id ? null : r.id)}
                              aria-expanded={returning === r.id}
                              aria-label={`${t('returnForRevision')}: ${what}`}
                              data-testid="return-row-button"
                            >
                              {t('returnForRevision')}
                            </button>{' '}
                            <Link href={`/reports/${r.id}`}>{t('historyLink')}</Link>
                            {formHref ? (
                              <>
                                {' · '}
                                <Link href={formHref}>{t('openForm')}</Link>
                              </>
                            ) : null}
                          </td>
                        </tr>
                        {returning === r.id ? (
                          <ReturnRow colSpan={8} label={`${t('returnForRevision')}: ${what}`} pending={sendBack.isPending} onSend={(comment) => returnRow(r, comment)} onCancel={() => setReturning(null)} />
                        ) : null}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        )}
      </main>
    );
  }
