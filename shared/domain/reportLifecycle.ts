/**
 * The life of a period report, in one table: which action takes a report from which status to
 * which, and who may take it. The form, the bulk import, corrections and approvals on the server
 * all ask `reportTransition`; views may ask `allowedReportActions` to offer only what the server
 * will accept.
 *
 *   (none) ─draft→ draft ─submit→ submitted ─approve→ approved ─correct→ submitted …
 *                                   │    └─return→ returned ─submit (revised)→ submitted
 *                                   └─submit / correct→ submitted (new figures before approval)
 *
 * What the table cannot know is named in `requires` and checked by the service that has the data:
 * a correction's reason, a return's comment, a revision of a returned report, and the four-eyes
 * rule for approvals.
 */
import type { LocalizedText } from '../errors';

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
/** `returned`: sent back for revision by an approver, with a comment; the unit edits and submits again. */
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_ACTIONS = ['draft', 'submit', 'approve', 'return', 'correct'] as const;
/** what a report_event records; `draft` saves without submitting */
export type ReportAction = (typeof REPORT_ACTIONS)[number];

/** A report's stage before an action: one of its statuses, or `new` when no report exists yet. */
export type ReportStage = ReportStatus | 'new';

/** Who takes an action: whoever may submit for the unit, or whoever may approve its reports (server/auth/permissions.ts). */
export type ReportActor = 'submitter' | 'approver';

/**
 * Conditions on data the table does not hold:
 * - `reason`: a correction says why (MIN_CORRECTION_REASON_LENGTH);
 * - `comment`: a return says what to fix (MIN_RETURN_COMMENT);
 * - `revision`: a returned report comes back with other figures or another explanation;
 * - `fourEyes`: the approver put no figure into the round being approved.
 */
export type TransitionCondition = 'reason' | 'comment' | 'revision' | 'fourEyes';

export interface ReportTransition {
  to: ReportStatus;
  by: ReportActor;
  requires: readonly TransitionCondition[];
}

const step = (to: ReportStatus, by: ReportActor, ...requires: TransitionCondition[]): ReportTransition => ({ to, by, requires });

/** Every allowed transition; any (stage, action) missing here is refused. */
export const REPORT_LIFECYCLE: Readonly<Record<ReportStage, Readonly<Partial<Record<ReportAction, ReportTransition>>>>> = {
  new: { draft: step('draft', 'submitter'), submit: step('submitted', 'submitter') },
  draft: { draft: step('draft', 'submitter'), submit: step('submitted', 'submitter') },
  submitted: {
    // new figures before anyone approved the old ones
    submit: step('submitted', 'submitter'),
    correct: step('submitted', 'submitter', 'reason'),
    approve: step('approved', 'approver', 'fourEyes'),
    return: step('returned', 'approver', 'comment'),
  },
  // its figures stay on the dashboards meanwhile, so it goes back only as a submission
  returned: { submit: step('submitted', 'submitter', 'revision'), correct: step('submitted', 'submitter', 'reason') },
  // locked: changed only by a correction, with a reason, and approved again
  approved: { correct: step('submitted', 'submitter', 'reason') },
};

/** Why an action is refused at a stage: a stable code and a clause to follow the report's name. */
export type TransitionRefusal = { code: 'locked' | 'already_submitted' | 'returned_for_revision' | 'not_awaiting_approval' | 'not_submitted'; message: LocalizedText };

export type TransitionCheck = ({ ok: true } & ReportTransition) | ({ ok: false } & TransitionRefusal);

function refusalOf(from: ReportStage, action: ReportAction): TransitionRefusal {
  if (action === 'approve' || action === 'return') {
    return { code: 'not_awaiting_approval', message: { vi: 'báo cáo không ở trạng thái chờ duyệt', en: 'the report is not awaiting approval' } };
  }
  if (action === 'correct') {
    return { code: 'not_submitted', message: { vi: 'báo cáo chưa nộp nên chưa có gì để điều chỉnh; hãy nộp', en: 'the report has not been submitted, so there is nothing to correct; submit it' } };
  }
  if (from === 'approved') {
    return { code: 'locked', message: { vi: 'số liệu đã phê duyệt và khoá; muốn sửa hãy dùng «Điều chỉnh» và ghi lý do', en: 'approved data is locked; use "Correct" with a reason to change it' } };
  }
  if (from === 'returned') {
    return {
      code: 'returned_for_revision',
      message: { vi: 'báo cáo bị trả lại để sửa; hãy sửa và nộp lại, không lưu thành bản nháp', en: 'the report was returned for revision; edit it and submit again rather than saving a draft' },
    };
  }
  return { code: 'already_submitted', message: { vi: 'đã nộp, không thể lưu lại thành bản nháp', en: 'already submitted, cannot go back to a draft' } };
}

/** Where `action` takes a report at `from`, and who may take it; or why it may not. */
export function reportTransition(from: ReportStage, action: ReportAction): TransitionCheck {
  const allowed = REPORT_LIFECYCLE[from][action];
  return allowed ? { ok: true, ...allowed } : { ok: false, ...refusalOf(from, action) };
}

/** The actions a report at `from` accepts, by anyone or by one kind of actor. */
export function allowedReportActions(from: ReportStage, by?: ReportActor): ReportAction[] {
  return REPORT_ACTIONS.filter((action) => {
    const allowed = REPORT_LIFECYCLE[from][action];
    return allowed !== undefined && (by === undefined || allowed.by === by);
  });
}

/** The statuses at which an existing report accepts `action` (for statements that change many at once). */
export function statusesAccepting(action: ReportAction): ReportStatus[] {
  return REPORT_STATUSES.filter((status) => REPORT_LIFECYCLE[status][action] !== undefined);
}
