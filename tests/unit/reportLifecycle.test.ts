/**
 * The report lifecycle's table (shared/domain/reportLifecycle.ts), every stage × action: the
 * allowed steps go where the lifecycle says, by whom and on which conditions; every other pair is
 * refused with a code and a message in Vietnamese and English.
 */
import { describe, expect, it } from 'vitest';
import {
  allowedReportActions,
  REPORT_ACTIONS,
  reportTransition,
  statusesAccepting,
  type ReportAction,
  type ReportStage,
  type ReportTransition,
  type TransitionRefusal,
} from '../../shared/domain/reportLifecycle';

const STAGES: ReportStage[] = ['new', 'draft', 'submitted', 'returned', 'approved'];

/** The lifecycle written out independently of the table: allowed steps, then the refusal code of every other pair. */
const ALLOWED: Record<string, ReportTransition> = {
  'new draft': { to: 'draft', by: 'submitter', requires: [] },
  'new submit': { to: 'submitted', by: 'submitter', requires: [] },
  'draft draft': { to: 'draft', by: 'submitter', requires: [] },
  'draft submit': { to: 'submitted', by: 'submitter', requires: [] },
  'submitted submit': { to: 'submitted', by: 'submitter', requires: [] },
  'submitted correct': { to: 'submitted', by: 'submitter', requires: ['reason'] },
  'submitted approve': { to: 'approved', by: 'approver', requires: ['fourEyes'] },
  'submitted return': { to: 'returned', by: 'approver', requires: ['comment'] },
  'returned submit': { to: 'submitted', by: 'submitter', requires: ['revision'] },
  'returned correct': { to: 'submitted', by: 'submitter', requires: ['reason'] },
  'approved correct': { to: 'submitted', by: 'submitter', requires: ['reason'] },
};
const REFUSED: Record<string, TransitionRefusal['code']> = {
  'new approve': 'not_awaiting_approval',
  'new return': 'not_awaiting_approval',
  'new correct': 'not_submitted',
  'draft approve': 'not_awaiting_approval',
  'draft return': 'not_awaiting_approval',
  'draft correct': 'not_submitted',
  'submitted draft': 'already_submitted',
  'returned draft': 'returned_for_revision',
  'returned approve': 'not_awaiting_approval',
  'returned return': 'not_awaiting_approval',
  'approved draft': 'locked',
  'approved submit': 'locked',
  'approved approve': 'not_awaiting_approval',
  'approved return': 'not_awaiting_approval',
};

const pairs = STAGES.flatMap((stage) => REPORT_ACTIONS.map((action) => [stage, action] as [ReportStage, ReportAction]));

describe('report lifecycle', () => {
  it('lists every stage × action pair exactly once, as allowed or refused', () => {
    const listed = [...Object.keys(ALLOWED), ...Object.keys(REFUSED)].sort();
    expect(listed).toEqual(pairs.map(([s, a]) => `${s} ${a}`).sort());
  });

  it.each(pairs.filter(([s, a]) => `${s} ${a}` in ALLOWED))('allows %s → %s', (stage, action) => {
    expect(reportTransition(stage, action)).toEqual({ ok: true, ...ALLOWED[`${stage} ${action}`] });
  });

  it.each(pairs.filter(([s, a]) => `${s} ${a}` in REFUSED))('refuses %s → %s, saying why in both languages', (stage, action) => {
    const check = reportTransition(stage, action);
    expect(check).toMatchObject({ ok: false, code: REFUSED[`${stage} ${action}`] });
    if (check.ok) return;
    expect(check.message.vi.length).toBeGreaterThan(10);
    expect(check.message.en.length).toBeGreaterThan(10);
  });

  it('tells a locked report to go through a correction, with a reason', () => {
    const check = reportTransition('approved', 'submit');
    expect(!check.ok && check.message.vi).toMatch(/phê duyệt và khoá.*«Điều chỉnh».*lý do/);
  });

  it('offers each stage the actions it accepts, by anyone or by one kind of actor', () => {
    expect(allowedReportActions('new')).toEqual(['draft', 'submit']);
    expect(allowedReportActions('submitted')).toEqual(['submit', 'approve', 'return', 'correct']);
    expect(allowedReportActions('submitted', 'approver')).toEqual(['approve', 'return']);
    expect(allowedReportActions('submitted', 'submitter')).toEqual(['submit', 'correct']);
    expect(allowedReportActions('returned', 'approver')).toEqual([]);
    expect(allowedReportActions('approved')).toEqual(['correct']);
  });

  it('names the statuses a bulk submission may change: never an approved report', () => {
    expect(statusesAccepting('submit')).toEqual(['draft', 'submitted', 'returned']);
    expect(statusesAccepting('approve')).toEqual(['submitted']);
    expect(statusesAccepting('correct')).toEqual(['submitted', 'returned', 'approved']);
  });
});
