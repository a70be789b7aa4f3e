'use client';
/**
 * One KPI of the period form: a fieldset with its inputs, the value they give, the unit's previous
 * values beside them and where the report stands. An approved report is read-only; a correction
 * opens inline.
 */
import Link from 'next/link';
import { useState } from 'react';
import type { Frequency, MeasuredKpi } from '../../kpi-definitions/schema';
import type { ReportRow } from '../wireTypes';
import { lastDayBefore } from '../../shared/domain/daysToDeadline';
import { inputSpecs, type InputField } from '../../shared/domain/validateKpiInputs';
import type { LocalizedText } from '../../shared/errors';
import { formatDate } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { formatKpiValue, unitLabel } from '../kpi/units';
import { CorrectionForm } from './CorrectionForm';
import { fieldsOf, type EntryCheck, type EntryDraft } from './entryCheck';
import { ExplanationField, OutlierWarning } from './ExplanationField';
import { formatInputNumber, NumberFields } from './NumberFields';
import { PreviousValues } from './PreviousValues';
import { ReportStatusLine, ReturnNotice } from './ReportStatus';

type History = ReadonlyArray<{ period: Date; value: number | null }>;

/** The prefix of every element id of one KPI's entry (inputs, errors, hints). */
export function entryIdPrefix(kpiId: string): string {
  return `entry-${kpiId}`;
}

function EntryLegend({ kpi }: { kpi: MeasuredKpi }) {
  const { l, locale } = useLocale();
  return (
    <legend>
      {l(kpi.name)} <span className="entry-unit">({unitLabel(kpi.unit, locale)})</span>
    </legend>
  );
}

/** `deadline`: this KPI's own, when it comes before the form's (KPIs of one form may have different grace days). */
function EntryHead({ report, deadline }: { report: ReportRow | null; deadline?: Date | null }) {
  const { t, locale } = useLocale();
  return (
    <div className="entry-head">
      <ReportStatusLine report={report} />
      {deadline ? (
        <span className="small entry-deadline">
          {t('entryDeadline')} <strong>{formatDate(lastDayBefore(deadline), locale)}</strong>
        </span>
      ) : null}
      {report ? (
        <Link href={`/reports/${report.id}`} className="entry-history-link">
          {t('historyLink')}
        </Link>
      ) : null}
    </div>
  );
}

export function EditableEntry({
  kpi,
  frequency,
  report,
  history,
  deadline,
  draft,
  check,
  errors,
  explanationError,
  showExplanation,
  onValue,
  onExplanation,
}: {
  kpi: MeasuredKpi;
  frequency: Frequency;
  report: ReportRow | null;
  history: History;
  deadline: Date | null;
  draft: EntryDraft;
  check: EntryCheck;
  errors: Partial<Record<InputField, LocalizedText | null>>;
  explanationError: LocalizedText | null;
  showExplanation: boolean;
  onValue: (field: InputField, text: string) => void;
  onExplanation: (text: string) => void;
}) {
  const { t, locale } = useLocale();
  const prefix = entryIdPrefix(kpi.id);
  return (
    <fieldset className={`report-entry status-edge-${report?.status ?? 'empty'}`} data-testid="report-entry" data-kpi={kpi.id}>
      <EntryLegend kpi={kpi} />
      <EntryHead report={report} deadline={deadline} />
      {report?.status === 'submitted' ? <p className="entry-note small">{t('submittedEditHint')}</p> : null}
      {report ? <ReturnNotice report={report} /> : null}
      <div className="entry-body">
        <div className="entry-main">
          <NumberFields kpi={kpi} idPrefix={prefix} values={draft.values} errors={errors} onChange={onValue} />
          <p className="entry-value">
            {t('entryValue')}: <strong data-testid="entry-value">{formatKpiValue(kpi, check.value, locale)}</strong>
          </p>
          {check.outlier ? <OutlierWarning id={`${prefix}-outlier`} kpi={kpi} check={check} /> : null}
          {showExplanation ? (
            <ExplanationField
              id={`${prefix}-explanation`}
              value={draft.explanation}
              onChange={onExplanation}
              error={explanationError}
              required={check.outlier}
              warningId={check.outlier ? `${prefix}-outlier` : undefined}
            />
          ) : null}
        </div>
        <PreviousValues kpi={kpi} frequency={frequency} history={history} />
      </div>
    </fieldset>
  );
}

export function ApprovedEntry({
  kpi,
  frequency,
  report,
  history,
  value,
  onCorrected,
}: {
  kpi: MeasuredKpi;
  frequency: Frequency;
  report: ReportRow;
  history: History;
  value: number | null;
  onCorrected: () => void;
}) {
  const { t, l, locale } = useLocale();
  const [correcting, setCorrecting] = useState(false);
  const specs = inputSpecs(kpi);
  const prefix = entryIdPrefix(kpi.id);
  return (
    <fieldset className="report-entry status-edge-approved" data-testid="report-entry" data-kpi={kpi.id}>
      <EntryLegend kpi={kpi} />
      <EntryHead report={report} />
      <div className="entry-body">
        <div className="entry-main">
          <dl className="entry-readonly">
            {fieldsOf(kpi).map((field) => (
              <div key={field}>
                <dt>{l(specs[field]!.label)}</dt>
                <dd className="num">{formatInputNumber(report.inputs[field], locale)}</dd>
              </div>
            ))}
          </dl>
          <p className="entry-value">
            {t('entryValue')}: <strong data-testid="entry-value">{formatKpiValue(kpi, value, locale)}</strong>
          </p>
          {report.explanation ? (
            <p className="small">
              <span className="muted">{t('historyExplanation')}:</span> {report.explanation}
            </p>
          ) : null}
          {correcting ? (
            <CorrectionForm
              kpi={kpi}
              report={report}
              history={history}
              idPrefix={`${prefix}-correction`}
              onCancel={() => setCorrecting(false)}
              onDone={() => {
                setCorrecting(false);
                onCorrected();
              }}
            />
          ) : (
            <button type="button" className="entry-correct" onClick={() => setCorrecting(true)} aria-expanded={false} data-testid="correct-button">
              {t('correct')}
            </button>
          )}
        </div>
        <PreviousValues kpi={kpi} frequency={frequency} history={history} />
      </div>
    </fieldset>
  );
}
