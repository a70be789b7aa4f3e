'use client';
/**
 * Correcting an approved report: new inputs and a reason (required), sent to `reports.correct`.
 * The report then waits for approval again; the old figures and the reason stay in its history.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { MeasuredKpi } from '../../kpi-definitions/schema';
import type { ReportRow } from '../wireTypes';
import type { InputField } from '../../shared/domain/validateKpiInputs';
import type { LocalizedText } from '../../shared/errors';
import { errorText } from '../auth/SignInForm';
import { useLocale } from '../i18n/LocaleProvider';
import { MESSAGES } from '../i18n/messages';
import { useTRPC } from '../trpc';
import { checkEntry, draftFromReport, fieldsOf, isDirty, type EntryDraft } from './entryCheck';
import { MIN_CORRECTION_REASON_LENGTH, MIN_EXPLANATION_LENGTH } from '../../shared/domain/writtenReasons';
import { ExplanationField, OutlierWarning } from './ExplanationField';
import { inputId, NumberFields } from './NumberFields';
import { fieldErrorsOf, serverProblem } from '../../shared/serverProblem';

interface Refusal {
  message: string;
  fields: Record<string, LocalizedText>;
  conflict: boolean;
}

export function CorrectionForm({
  kpi,
  report,
  history,
  idPrefix,
  onCancel,
  onDone,
}: {
  kpi: MeasuredKpi;
  report: ReportRow;
  history: ReadonlyArray<{ period: Date; value: number | null }>;
  idPrefix: string;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t, l, locale } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [draft, setDraft] = useState<EntryDraft>(() => draftFromReport(kpi, report, locale));
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState<Record<string, true>>({});
  const [showAll, setShowAll] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [unchanged, setUnchanged] = useState(false);
  // The form opens where the button was: move the focus into it.
  useEffect(() => {
    document.getElementById(inputId(idPrefix, fieldsOf(kpi)[0]!))?.focus();
  }, [idPrefix, kpi]);
  const correct = useMutation(trpc.reports.correct.mutationOptions());
  const check = checkEntry(kpi, draft, history, locale);
  const server = refusal?.fields ?? {};
  const shown = (key: string, client: LocalizedText | null | undefined) => (client && (showAll || touched[key]) ? client : (server[`${kpi.id}.${key}`] ?? null));
  const errors: Partial<Record<InputField, LocalizedText | null>> = {};
  for (const f of fieldsOf(kpi)) errors[f] = shown(f, check.errors[f]);
  const explanationMissing = check.outlier && draft.explanation.trim().length < MIN_EXPLANATION_LENGTH;
  const explanationError = shown('explanation', explanationMissing ? MESSAGES.explanationRequired : null);
  const reasonError = shown('reason', reason.trim().length < MIN_CORRECTION_REASON_LENGTH ? MESSAGES.correctionReasonRequired : null);

  const forget = (key: string) => {
    setTouched((s) => ({ ...s, [key]: true }));
    setUnchanged(false);
    if (refusal && refusal.fields[`${kpi.id}.${key}`]) {
      const fields = { ...refusal.fields };
      delete fields[`${kpi.id}.${key}`];
      setRefusal({ ...refusal, fields });
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setRefusal(null);
    if (!isDirty(kpi, { ...draft, explanation: report.explanation ?? '' }, report, locale)) {
      setUnchanged(true);
      return;
    }
    if (Object.keys(check.errors).length > 0 || explanationMissing || reason.trim().length < MIN_CORRECTION_REASON_LENGTH) {
      setShowAll(true);
      // To the first field with a problem: its message is read out with it.
      const first = fieldsOf(kpi).find((f) => check.errors[f]) ?? (explanationMissing ? 'explanation' : 'reason');
      requestAnimationFrame(() => document.getElementById(`${idPrefix}-${first}`)?.focus());
      return;
    }
    correct.mutate(
      { reportId: report.id, expectedVersion: report.version, inputs: check.inputs, explanation: draft.explanation.trim() || null, reason: reason.trim() },
      {
        // mutate()'s own callbacks are not awaited: close once the form's data has refetched
        onSuccess: () => {
          void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() }).then(onDone);
        },
        onError: (error) => {
          const problem = serverProblem(error);
          setRefusal({
            message: problem.message ? l(problem.message) : errorText(error, locale),
            fields: fieldErrorsOf(problem.rows, () => kpi.id),
            conflict: problem.code === 'CONFLICT',
          });
        },
      },
    );
  };

  const problems = [...fieldsOf(kpi).map((f) => errors[f]), explanationError, reasonError].filter(Boolean).length;
  return (
    <form className="correction" aria-labelledby={titleId} onSubmit={submit} noValidate data-testid="correction-form">
      <p className="correction-title" id={titleId}>
        {t('correctionTitle')}
      </p>
      <p className="muted small">{t('correctionNote')}</p>
      <NumberFields
        kpi={kpi}
        idPrefix={idPrefix}
        values={draft.values}
        errors={errors}
        onChange={(field, text) => {
          forget(field);
          setDraft((d) => ({ ...d, values: { ...d.values, [field]: text } }));
        }}
      />
      {check.outlier ? <OutlierWarning id={`${idPrefix}-outlier`} kpi={kpi} check={check} /> : null}
      {check.outlier || draft.explanation ? (
        <ExplanationField
          id={`${idPrefix}-explanation`}
          value={draft.explanation}
          onChange={(text) => {
            forget('explanation');
            setDraft((d) => ({ ...d, explanation: text }));
          }}
          error={explanationError}
          required={check.outlier}
          warningId={check.outlier ? `${idPrefix}-outlier` : undefined}
        />
      ) : null}
      <div className="entry-field">
        <label htmlFor={`${idPrefix}-reason`}>{t('correctionReason')}</label>
        <textarea
          id={`${idPrefix}-reason`}
          rows={2}
          maxLength={2000}
          value={reason}
          onChange={(e) => {
            forget('reason');
            setReason(e.target.value);
          }}
          aria-required
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={[`${idPrefix}-reason-hint`, reasonError ? `${idPrefix}-reason-error` : null].filter(Boolean).join(' ')}
        />
        <span id={`${idPrefix}-reason-hint`} className="field-hint">
          {t('correctionReasonHint')}
        </span>
        {reasonError ? (
          <span id={`${idPrefix}-reason-error`} className="field-error">
            {l(reasonError)}
          </span>
        ) : null}
      </div>
      <div role="alert" className="correction-alert">
        {unchanged ? <p className="form-error">{t('correctionUnchanged')}</p> : null}
        {refusal ? <p className="form-error">{refusal.message}</p> : null}
        {refusal?.conflict ? (
          <button
            type="button"
            onClick={async () => {
              await queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
              onCancel();
            }}
          >
            {t('conflictReload')}
          </button>
        ) : null}
        {showAll && problems > 0 ? <p className="form-error">{t('problemsTitle', { n: problems })}</p> : null}
      </div>
      <div className="correction-actions">
        <button type="submit" className="primary" disabled={correct.isPending}>
          {correct.isPending ? t('saving') : t('correctionSend')}
        </button>
        <button type="button" onClick={onCancel} disabled={correct.isPending}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
