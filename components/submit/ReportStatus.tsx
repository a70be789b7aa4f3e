'use client';
import type { ReportRow, ReportStatus as Status } from '../wireTypes';
import { formatDateTime } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import type { MessageKey } from '../i18n/messages';

export const STATUS_LABELS: Record<Status, MessageKey> = {
  draft: 'statusDraft',
  submitted: 'statusSubmitted',
  returned: 'statusReturned',
  approved: 'statusApproved',
};

/** `user:canbo.xa` → `canbo.xa`; a system keeps its kind (`token:…`). */
export function actorName(actor: string | null): string {
  if (!actor) return '—';
  return actor.startsWith('user:') ? actor.slice('user:'.length) : actor;
}

/** Where a report stands, with who moved it there and when. */
export function ReportStatusLine({
  report,
}: {
  report: Pick<ReportRow, 'status' | 'updated_by' | 'updated_at' | 'submitted_by' | 'submitted_at' | 'approved_by' | 'approved_at' | 'returned_by' | 'returned_at'> | null;
}) {
  const { t, locale } = useLocale();
  if (!report) return <span className="report-status status-empty">{t('statusEmpty')}</span>;
  const [who, when] =
    report.status === 'approved'
      ? [report.approved_by, report.approved_at]
      : report.status === 'submitted'
        ? [report.submitted_by, report.submitted_at]
        : report.status === 'returned'
          ? [report.returned_by, report.returned_at]
          : [report.updated_by, report.updated_at];
  return (
    <span className="report-status-line">
      <span className={`report-status status-${report.status}`}>{t(STATUS_LABELS[report.status])}</span>{' '}
      <span className="muted small">
        {actorName(who)} · {formatDateTime(when, locale)}
      </span>
    </span>
  );
}

/** What the approver wrote when sending the report back: shown to the unit while it is returned. */
export function ReturnNotice({ report }: { report: Pick<ReportRow, 'status' | 'returned_by' | 'returned_at' | 'return_comment'> }) {
  const { t, locale } = useLocale();
  if (report.status !== 'returned') return null;
  return (
    <div className="return-notice" role="note" data-testid="return-notice">
      <p className="return-notice-title">
        <strong>{t('returnedNotice')}</strong>{' '}
        <span className="muted small">
          {actorName(report.returned_by)} · {formatDateTime(report.returned_at, locale)}
        </span>
      </p>
      <blockquote data-testid="return-comment">{report.return_comment}</blockquote>
      <p className="small">{t('returnedHint')}</p>
    </div>
  );
}
