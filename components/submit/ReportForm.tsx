'use client';
/**
 * The period form of one unit: every KPI it reports at the frequency, saved as drafts or submitted
 * together (the server takes all or none). Inputs are checked while typing with the server's own
 * validator; what the server still refuses is put back under the field it names.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import type { Frequency, MeasuredKpi } from '../../kpi-definitions/schema';
import type { ReportRow } from '../wireTypes';
import { daysToDeadline, lastDayBefore } from '../../shared/domain/daysToDeadline';
import type { OrgUnit } from '../../shared/domain/orgUnitTree';
import { periodLabel, reportDeadline, periodUnitOf } from '../../shared/domain/periods';
import type { InputField } from '../../shared/domain/validateKpiInputs';
import { reportTransition } from '../../shared/domain/reportLifecycle';
import type { LocalizedText } from '../../shared/errors';
import { errorText } from '../auth/SignInForm';
import { formatDate, formatDateTime } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { MESSAGES } from '../i18n/messages';
import { useTRPC } from '../trpc';
import { checkEntry, draftFromReport, fieldsOf, isDirty, type EntryDraft } from './entryCheck';
import { MIN_EXPLANATION_LENGTH } from '../../shared/domain/writtenReasons';
import { inputId } from './NumberFields';
import { ApprovedEntry, EditableEntry, entryIdPrefix } from './ReportEntry';
import { STATUS_LABELS } from './ReportStatus';
import { fieldErrorsOf, serverProblem } from '../../shared/serverProblem';

/** What the last action left to say: shown in the status region (success) or the alert region. */
type Outcome =
  | { kind: 'saved' | 'submitted'; kpiNames: LocalizedText[]; at: Date }
  | { kind: 'corrected'; kpiName: LocalizedText }
  | { kind: 'nothing'; text: string }
  | { kind: 'invalid' }
  | { kind: 'refused'; message: string }
  | { kind: 'conflict'; message: string };

/** A draft is kept against the report version it was typed on; a newer version replaces it. */
const versionOf = (report: ReportRow | null) => (report ? `${report.id}:${report.version}` : 'new');

export function ReportForm({ unit, frequency, period }: { unit: OrgUnit; frequency: Frequency; period: Date }) {
  const { t, l, locale } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useQuery(trpc.reports.form.queryOptions({ orgUnitId: unit.id, frequency, period }));
  const save = useMutation(trpc.reports.save.mutationOptions());
  const [edits, setEdits] = useState<Record<string, { version: string; draft: EntryDraft }>>({});
  const [touched, setTouched] = useState<Record<string, true>>({});
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, LocalizedText>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [now] = useState(() => new Date());
  const alertRef = useRef<HTMLDivElement>(null);
  const messagesRef = useRef<HTMLDivElement>(null);

  const rows = (form.data?.entries ?? []).map((entry) => {
    const version = versionOf(entry.report);
    const kept = edits[entry.kpi.id];
    const draft = kept && kept.version === version ? kept.draft : draftFromReport(entry.kpi, entry.report, locale);
    const check = checkEntry(entry.kpi, draft, entry.history, locale);
    // The form edits what a submission may change (the lifecycle's table); an approved report changes only by a correction.
    const editable = reportTransition(entry.report?.status ?? 'new', 'submit').ok;
    return { ...entry, version, draft, check, editable, dirty: editable && isDirty(entry.kpi, draft, entry.report, locale) };
  });
  type Row = (typeof rows)[number];
  const dirtyCount = rows.filter((r) => r.dirty).length;

  // Typed figures are not lost by closing the tab by mistake.
  useEffect(() => {
    if (dirtyCount === 0) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirtyCount]);

  if (form.isPending) return <p className="muted">{t('loading')}</p>;
  if (form.isError) return <p role="alert">{errorText(form.error, locale)}</p>;
  const data = form.data;

  const explanationMissing = (r: Row) => r.check.outlier && r.draft.explanation.trim().length < MIN_EXPLANATION_LENGTH;
  /** The problem shown under a field: the browser's while typing (once touched), else the server's. */
  const shownError = (r: Row, key: InputField | 'explanation'): LocalizedText | null => {
    const client = key === 'explanation' ? (explanationMissing(r) ? MESSAGES.explanationRequired : null) : r.check.errors[key];
    if (client && (showAll || touched[`${r.kpi.id}.${key}`])) return client;
    return serverErrors[`${r.kpi.id}.${key}`] ?? null;
  };
  const problems = rows
    .filter((r) => r.editable)
    .flatMap((r) =>
      [...fieldsOf(r.kpi), 'explanation' as const].flatMap((key) => {
        const error = shownError(r, key);
        return error ? [{ href: `#${inputId(entryIdPrefix(r.kpi.id), key)}`, text: `${l(r.kpi.name)}: ${l(error).replace(`${l(r.kpi.name)}: `, '')}` }] : [];
      }),
    );

  const edit = (r: Row, change: (d: EntryDraft) => EntryDraft, key: string) => {
    setEdits((all) => ({ ...all, [r.kpi.id]: { version: r.version, draft: change(r.draft) } }));
    setTouched((all) => ({ ...all, [`${r.kpi.id}.${key}`]: true }));
    setServerErrors((all) => {
      if (!all[`${r.kpi.id}.${key}`]) return all;
      const next = { ...all };
      delete next[`${r.kpi.id}.${key}`];
      return next;
    });
    if (outcome && outcome.kind !== 'invalid' && outcome.kind !== 'conflict') setOutcome(null);
  };

  // The buttons sit at the bottom of the window: bring what they answered into view (the summary
  // above the form), and move the focus to a problem list so that it is read out and tabbed through.
  const showMessages = (focus: boolean) =>
    requestAnimationFrame(() => {
      messagesRef.current?.scrollIntoView({ block: 'start' });
      if (focus) alertRef.current?.focus({ preventScroll: true });
    });
  const focusAlert = () => showMessages(true);

  const run = (submit: boolean) => {
    setServerErrors({});
    // Submitting sends every KPI not yet submitted (a returned one goes back too), and submitted
    // ones that were changed; a draft save sends what changed (a submitted or returned report
    // cannot go back to a draft).
    const sentBefore = (r: Row) => r.report?.status === 'submitted' || r.report?.status === 'returned';
    // A submission sends what is new (empty or draft) and what was edited; a report already sent
    // (awaiting approval, or returned for revision) goes again only when it was changed.
    const sent = rows.filter((r) => r.editable && (submit ? !sentBefore(r) || r.dirty : !sentBefore(r) && r.dirty));
    if (sent.length === 0) {
      setOutcome({ kind: 'nothing', text: submit ? t('nothingToSubmit') : t('nothingToSave') });
      return;
    }
    const blocked = submit
      ? sent.filter((r) => Object.keys(r.check.errors).length > 0 || explanationMissing(r))
      : sent.filter((r) => r.check.unreadable.length > 0);
    if (blocked.length > 0) {
      if (submit) setShowAll(true);
      else setTouched((all) => ({ ...all, ...Object.fromEntries(blocked.flatMap((r) => r.check.unreadable.map((f) => [`${r.kpi.id}.${f}`, true as const]))) }));
      setOutcome({ kind: 'invalid' });
      focusAlert();
      return;
    }
    setOutcome(null);
    save.mutate(
      {
        orgUnitId: unit.id,
        frequency,
        period: data.periodStart,
        submit,
        entries: sent.map((r) => ({ kpiId: r.kpi.id, inputs: r.check.inputs, explanation: r.draft.explanation.trim() || null, expectedVersion: r.report?.version ?? null })),
      },
      {
        // mutate()'s own callbacks are not awaited: the outcome shows once the form has refetched
        onSuccess: (result) => void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() }).then(() => {
          setTouched({});
          setShowAll(false);
          showMessages(false);
          setOutcome({ kind: submit ? 'submitted' : 'saved', kpiNames: result.reports.flatMap((saved) => sent.filter((r) => r.kpi.id === saved.kpi_id).map((r) => r.kpi.name)), at: new Date() });
        }),
        onError: (error) => {
          const problem = serverProblem(error);
          const message = problem.message ? l(problem.message) : errorText(error, locale);
          if (problem.code === 'CONFLICT') setOutcome({ kind: 'conflict', message });
          else if (problem.rows.length > 0) {
            setServerErrors(fieldErrorsOf(problem.rows, (i) => sent[i]?.kpi.id));
            setOutcome({ kind: 'invalid' });
          } else setOutcome({ kind: 'refused', message });
          focusAlert();
        },
      },
    );
  };

  const reload = async () => {
    await form.refetch();
    setServerErrors({});
    setOutcome(null);
  };

  const days = daysToDeadline(data.deadline, now);
  /** A KPI's own deadline, when earlier than the form's (the latest of its KPIs'). */
  const ownDeadline = (kpi: MeasuredKpi) => {
    const own = reportDeadline(periodUnitOf(frequency), data.periodStart, kpi.deadlineDaysAfterPeriod);
    return own.getTime() < data.deadline.getTime() ? own : null;
  };
  const allIn = data.entries.length > 0 && data.entries.every((e) => e.report?.status === 'submitted' || e.report?.status === 'approved');
  const countdown = allIn ? t('deadlineAllIn') : days > 0 ? t('deadlineDaysLeft', { days }) : days === 0 ? t('deadlineToday') : t('deadlineLate', { days: -days });
  const statusCounts = (['draft', 'submitted', 'returned', 'approved'] as const)
    .map((s) => [s, data.entries.filter((e) => e.report?.status === s).length] as const)
    .filter(([s, n]) => s !== 'returned' || n > 0);
  const emptyCount = data.entries.filter((e) => !e.report).length;

  return (
    <section className="report-form" aria-labelledby="report-form-title" data-testid="report-form">
      <div className="report-form-head">
        <h2 id="report-form-title">
          {unit.name} · {t('period')} {periodLabel(periodUnitOf(frequency), data.periodStart)}
        </h2>
        <p className={`deadline ${allIn ? 'deadline-done' : days < 0 ? 'deadline-late' : days <= 2 ? 'deadline-soon' : 'deadline-ok'}`} data-testid="deadline">
          {t('deadlineDue')} <strong>{formatDate(lastDayBefore(data.deadline), locale)}</strong> — {countdown}
        </p>
        {data.entries.length > 0 ? (
          <p className="muted small report-counts">
            {[`${t('statusEmpty')}: ${emptyCount}`, ...statusCounts.map(([s, n]) => `${t(STATUS_LABELS[s])}: ${n}`)].join(' · ')}
            {data.canApprove ? (
              <>
                {' · '}
                <Link href="/approvals">{t('goApprovals')}</Link>
              </>
            ) : null}
          </p>
        ) : null}
      </div>

      <div className="form-messages" ref={messagesRef}>
        <div role="status" className="form-status" data-testid="form-status">
          {outcome?.kind === 'saved' || outcome?.kind === 'submitted' ? (
            <div className="success-summary">
              <p>{t(outcome.kind === 'saved' ? 'savedDraftsDone' : 'submittedDone', { n: outcome.kpiNames.length, time: formatDateTime(outcome.at, locale) })}</p>
              <ul>
                {outcome.kpiNames.map((name) => (
                  <li key={name.vi}>{l(name)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {outcome?.kind === 'corrected' ? <p className="success-summary">{t('correctedDone', { kpi: l(outcome.kpiName) })}</p> : null}
          {outcome?.kind === 'nothing' ? <p className="info-summary">{outcome.text}</p> : null}
        </div>
        <div role="alert" className="form-alert" ref={alertRef} tabIndex={-1} data-testid="form-alert">
          {outcome?.kind === 'invalid' && problems.length > 0 ? (
            <div className="error-summary">
              <p className="error-summary-title">{t('problemsTitle', { n: problems.length })}</p>
              <ul className="problem-list">
                {problems.map((p) => (
                  <li key={p.href}>
                    <a href={p.href}>{p.text}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {outcome?.kind === 'refused' ? <p className="error-summary">{outcome.message}</p> : null}
          {outcome?.kind === 'conflict' ? (
            <div className="error-summary conflict">
              <p>{outcome.message || t('conflictText')}</p>
              <button type="button" onClick={reload} disabled={form.isFetching}>
                {t('conflictReload')}
              </button>
            </div>
          ) : null}
        </div>
        </div>

        {data.entries.length === 0 ? (
          <p className="panel muted">{t('submitNoKpisDue')}</p>
        ) : (
          <div className="report-entries">
            {rows.map((r) =>
              r.report?.status === 'approved' ? (
                <ApprovedEntry
                  key={r.kpi.id}
                  kpi={r.kpi}
                  frequency={frequency}
                  report={r.report}
                  history={r.history}
                  value={r.check.value}
                  onCorrected={() => {
                    setOutcome({ kind: 'corrected', kpiName: r.kpi.name });
                    showMessages(false);
                  }}
                />
              ) : (
                <EditableEntry
                  key={r.kpi.id}
                  kpi={r.kpi}
                  frequency={frequency}
                  report={r.report}
                  history={r.history}
                  deadline={ownDeadline(r.kpi)}
                  draft={r.draft}
                  check={r.check}
                  errors={Object.fromEntries(fieldsOf(r.kpi).map((f) => [f, shownError(r, f)]))}
                  explanationError={shownError(r, 'explanation')}
                  showExplanation={r.check.outlier || r.draft.explanation !== '' || !!serverErrors[`${r.kpi.id}.explanation`]}
                  onValue={(field, text) => edit(r, (d) => ({ ...d, values: { ...d.values, [field]: text } }), field)}
                  onExplanation={(text) => edit(r, (d) => ({ ...d, explanation: text }), 'explanation')}
                />
              ),
            )}
          </div>
        )}

        {rows.some((r) => r.editable) ? (
          <div className="report-actions" data-testid="report-actions">
            <span className="muted small" aria-live="polite">
              {dirtyCount > 0 ? t('unsavedCount', { n: dirtyCount }) : t('allSaved')}
            </span>
            <button type="button" onClick={() => run(false)} disabled={save.isPending} data-testid="save-draft">
              {t('saveDraft')}
            </button>
            <button type="button" className="primary" onClick={() => run(true)} disabled={save.isPending} data-testid="submit-report">
              {save.isPending ? t('saving') : t('submitReport')}
            </button>
          </div>
        ) : null}
      </section>
    );
  }
