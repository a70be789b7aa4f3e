/**
 * Who may do what to which org unit, in both database modes. Every write and every staff read is
 * called by principals inside and outside its scope; a refusal must carry the right code and leave
 * the database exactly as it was. The anonymous and the read-only checks enumerate the router at
 * run time, so a procedure added later is held to the same rules without editing this file.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRPCError, type AnyTRPCProcedure, type TRPCProcedureType, type TRPCRouterRecord } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAppContext, type AppContext } from '../../server/appContext';
import { createApiToken } from '../../server/auth/apiTokens';
import type { Principal, Role } from '../../server/auth/principal';
import { createUser, CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, signIn } from '../../server/auth/sessions';
import { getAlert, insertAlert, type AlertRow } from '../../server/db/queries/alerts';
import { getReport, type ReportRow } from '../../server/db/queries/reports';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import type { RowProblem } from '../../shared/errors';
import { handleApiRequest } from '../../server/http/apiRoutes';
import { saveReports } from '../../server/services/reports';
import { createHttpTrpcContext, serverCallerContext, type TrpcContext } from '../../server/trpc/init';
import { appRouter, createCaller } from '../../server/trpc/root';
import { databaseState } from '../helpers/databaseState';
import { localDate } from '../helpers/integration';
import { availableModes, openTestApp } from '../helpers/testDb';
import { TEST_NOW } from '../helpers/clock';

/** a commune-level monthly ratio and a province-level one: the two kinds of report in these tests */
const COMMUNE_KPI = 'data_reused';
const PROVINCE_KPI = 'complaints_resolved_on_time';

/** Mutations anyone may call: signing in, and signing out of a session one may not have. */
const PUBLIC_MUTATIONS = new Set(['auth.signIn', 'auth.signOut']);
/** Reads the public dashboards make without signing in; every other query is a staff read. */
const PUBLIC_QUERIES = new Set([
  'catalogue.kpis',
  'catalogue.regions',
  'catalogue.orgUnit',
  'values.current',
  'values.series',
  'values.ranking',
  'values.scorecard',
  'values.explainChange',
  'forecast.series',
  'forecast.attainment',
  'forecast.attainmentByChildren',
  'forecast.childrenJobStatus',
  'forecast.childrenForecasts',
  'alerts.open',
  'alerts.list',
  'auth.me',
]);
/** What the router held when these tests were written; the enumeration must find at least these. */
const KNOWN_PROTECTED_MUTATIONS = [
  'measurements.ingest',
  'alerts.acknowledge',
  'auth.signOutEverywhere',
  'users.create',
  'reports.save',
  'reports.correct',
  'reports.approve',
  'reports.returnForRevision',
];
const KNOWN_STAFF_QUERIES = ['reports.form', 'reports.approvalQueue', 'reports.history'];

function proceduresOf(record: TRPCRouterRecord, prefix = ''): Array<{ path: string; type: TRPCProcedureType }> {
  return Object.entries(record).flatMap(([key, value]) =>
    isProcedure(value) ? [{ path: prefix + key, type: value._def.type }] : proceduresOf(value, `${prefix}${key}.`),
  );
}

function isProcedure(value: AnyTRPCProcedure | TRPCRouterRecord): value is AnyTRPCProcedure {
  return typeof value === 'function';
}

const PROCEDURES = proceduresOf(appRouter._def.record);
const MUTATIONS = PROCEDURES.filter((p) => p.type === 'mutation').map((p) => p.path);
const QUERIES = PROCEDURES.filter((p) => p.type === 'query').map((p) => p.path);

/** Calls a procedure by its dotted path on a server-side caller. */
function callByPath(caller: ReturnType<typeof createCaller>, path: string, input: unknown): Promise<unknown> {
  const procedure = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (procedure as (input: unknown) => Promise<unknown>)(input);
}

/** The error a call fails with, or undefined when it succeeds. */
async function failureOf(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => undefined,
    (err: unknown) => err,
  );
}

/** What a tRPC error answered over HTTP looks like (superjson-wrapped). */
interface TrpcHttpError {
  error: { json: { message: string; data: { code: string; httpStatus: number } } };
}

/** What the plain HTTP API answers on error. */
interface ApiErrorBody {
  error: { code: string; message: { vi: string; en: string }; rows?: RowProblem[] };
}

describe('the procedures these tests enumerate', () => {
  it('include every known protected mutation, staff read and public procedure', () => {
    expect(MUTATIONS).toEqual(expect.arrayContaining([...KNOWN_PROTECTED_MUTATIONS, ...PUBLIC_MUTATIONS]));
    expect(QUERIES).toEqual(expect.arrayContaining([...KNOWN_STAFF_QUERIES, ...PUBLIC_QUERIES]));
  });
});

describe.each(await availableModes())('who may do what (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const thisMonth = periodStart('month', TEST_NOW);
  let monthsBack = 0;
  /** A past month no other test has used: tests never meet on the same report or alert. */
  const freshMonth = () => addPeriods(thisMonth, 'month', -++monthsBack);

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
  });
  afterAll(async () => {
    await close?.();
  });

  const unit = (code: string) => {
    const found = app.orgUnits().byCodeOrUndefined(code);
    if (!found) throw new Error(`no org unit ${code}`);
    return found;
  };
  const kpiFor = (code: string) => (unit(code).level === 'commune' ? COMMUNE_KPI : PROVINCE_KPI);
  const user = (name: string, role: Role, scopeCode: string): Principal => ({ kind: 'user', name: `user:${name}`, scopeUnitId: unit(scopeCode).id, role });
  const who = {
    admin: () => user('admin', 'admin', 'VN'),
    /** a second administrator: submits the reports the others approve (nobody approves their own) */
    admin2: () => user('quantri.nop', 'admin', 'VN'),
    leader: () => user('lanhdao', 'leader', 'VN'),
    leader79: () => user('lanhdao.hcm', 'leader', '79'),
    provinceStaff01: () => user('canbo.hn', 'province_staff', '01'),
    provinceStaff79: () => user('canbo.hcm', 'province_staff', '79'),
    communeStaff: () => user('canbo.x01001', 'commune_staff', 'X01001'),
    planner: () => user('kehoach', 'planner', 'VN'),
    token01: (): Principal => ({ kind: 'token', name: 'token:hanoi-one-stop', scopeUnitId: unit('01').id, role: 'system' }),
  };
  const as = (principal?: Principal) => createCaller(serverCallerContext(app, principal));

  const saveInput = (code: string, period: Date, submit: boolean) => ({
    orgUnitId: unit(code).id,
    frequency: 'monthly' as const,
    period,
    submit,
    // the same value every month: no history spread, so no outlier check gets in the way
    entries: [{ kpiId: kpiFor(code), inputs: { numerator: 5, denominator: 10 }, explanation: null, expectedVersion: null }],
  });

  /** A report submitted by an administrator (not one who approves in these tests), waiting for approval. */
  const submittedReport = async (code: string): Promise<ReportRow> => {
    const { reports } = await saveReports(app, who.admin2(), saveInput(code, freshMonth(), true));
    expect(reports).toEqual([expect.objectContaining({ status: 'submitted', org_unit_id: unit(code).id })]);
    return reports[0]!;
  };

  /** An open alert on a province. */
  const openAlert = async (provinceCode: string): Promise<AlertRow> => {
    // one unresolved episode per KPI, unit and kind: the previous one of this province recovers first
    await app.db.query(`UPDATE alert SET resolved_at = $2 WHERE kpi_id = 'dossiers_on_time' AND org_unit_id = $1 AND kind = 'band_drop' AND resolved_at IS NULL`, [unit(provinceCode).id, TEST_NOW]);
    const row = await insertAlert(app.db, {
      kpi_id: 'dossiers_on_time',
      org_unit_id: unit(provinceCode).id,
      period: freshMonth(),
      kind: 'band_drop',
      value: 41.5,
      reference: 'good',
      band: 'average',
      created_at: TEST_NOW,
    });
    if (!row) throw new Error('alert not inserted');
    return row;
  };

  /** Runs a call that must be refused with `code`, and checks that the database did not change. */
  const expectRefused = async (call: () => Promise<unknown>, code: TRPCError['code']): Promise<TRPCError> => {
    const before = await databaseState(app.db);
    const err = await failureOf(call());
    expect(err, `expected ${code}, but the call succeeded`).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe(code);
    expect(await databaseState(app.db)).toEqual(before);
    return err as TRPCError;
  };

  it('seeds the units these tests name', () => {
    expect(unit('X01001')).toMatchObject({ level: 'commune', provinceId: unit('01').id });
    expect(unit('X01002')).toMatchObject({ level: 'commune', provinceId: unit('01').id });
    expect(unit('X79001')).toMatchObject({ level: 'commune', provinceId: unit('79').id });
  });

  describe('reports.save: staff submit within their subtree', () => {
    it('lets commune staff save a draft and submit for their own commune', async () => {
      const period = freshMonth();
      const before = await databaseState(app.db);
      const draft = await as(who.communeStaff()).reports.save(saveInput('X01001', period, false));
      expect(draft.reports).toEqual([expect.objectContaining({ status: 'draft', version: 1, updated_by: 'user:canbo.x01001' })]);
      expect(draft.batchId).toBeNull();
      const submitted = await as(who.communeStaff()).reports.save({
        ...saveInput('X01001', period, true),
        entries: [{ kpiId: COMMUNE_KPI, inputs: { numerator: 5, denominator: 10 }, expectedVersion: 1 }],
      });
      expect(submitted.reports).toEqual([expect.objectContaining({ status: 'submitted', version: 2 })]);
      expect(submitted.batchId).toEqual(expect.any(Number));
      const after = await databaseState(app.db);
      expect(after.reports - before.reports).toBe(1);
      expect(after.reportEvents - before.reportEvents).toBe(2);
      expect(after.measurements - before.measurements).toBe(1);
      expect(after.ingestBatches - before.ingestBatches).toBe(1);
    });

    it.each([
      { target: 'X01002', what: 'another commune of the same province' },
      { target: '01', what: 'its own province' },
      { target: 'X79001', what: 'a commune of another province' },
      { target: '79', what: 'another province' },
    ])('refuses commune staff of X01001 for $what ($target), draft or submission, and changes nothing', async ({ target }) => {
      for (const submit of [false, true]) {
        await expectRefused(() => as(who.communeStaff()).reports.save(saveInput(target, freshMonth(), submit)), 'FORBIDDEN');
      }
    });

    it('lets provincial staff of 01 submit for 01 and for its communes', async () => {
      for (const code of ['01', 'X01003']) {
        const { reports } = await as(who.provinceStaff01()).reports.save(saveInput(code, freshMonth(), true));
        expect(reports).toEqual([expect.objectContaining({ org_unit_id: unit(code).id, status: 'submitted', submitted_by: 'user:canbo.hn' })]);
      }
    });

    it.each(['79', 'X79001', 'VN'])('refuses provincial staff of 01 for %s and changes nothing', async (target) => {
      await expectRefused(() => as(who.provinceStaff01()).reports.save(saveInput(target, freshMonth(), true)), target === 'VN' ? 'FORBIDDEN' : 'FORBIDDEN');
    });

    it('lets a token scoped to 01 submit for a commune of 01, and refuses it for 79', async () => {
      const { reports } = await as(who.token01()).reports.save(saveInput('X01004', freshMonth(), true));
      expect(reports).toEqual([expect.objectContaining({ status: 'submitted', submitted_by: 'token:hanoi-one-stop' })]);
      await expectRefused(() => as(who.token01()).reports.save(saveInput('X79002', freshMonth(), true)), 'FORBIDDEN');
      await expectRefused(() => as(who.token01()).reports.save(saveInput('79', freshMonth(), true)), 'FORBIDDEN');
    });

    it.each(['leader', 'leader79', 'planner'] as const)('refuses a %s (read-only) even within its scope', async (role) => {
      const target = role === 'leader79' ? 'X79003' : 'X01005';
      for (const submit of [false, true]) {
        await expectRefused(() => as(who[role]()).reports.save(saveInput(target, freshMonth(), submit)), 'FORBIDDEN');
      }
    });
  });

  describe('reports.correct', () => {
    it('refuses a correction outside the corrector’s scope, by a read-only role, or by a token', async () => {
      const report = await submittedReport('X01002');
      const correction = { reportId: report.id, expectedVersion: report.version, inputs: { numerator: 6, denominator: 10 }, reason: 'Nhập nhầm số liệu' };
      // Out of scope the report does not exist (its id reveals nothing); read-only roles and tokens may not correct.
      for (const principal of [who.communeStaff(), who.provinceStaff79()]) {
        await expectRefused(() => as(principal).reports.correct(correction), 'NOT_FOUND');
      }
      for (const principal of [who.leader(), who.planner(), who.token01()]) {
        await expectRefused(() => as(principal).reports.correct(correction), 'FORBIDDEN');
      }
      expect(await getReport(app.db, report.id)).toEqual(report);
    });

    it('lets provincial staff of 01 correct a report of its commune', async () => {
      const report = await submittedReport('X01002');
      const { reports } = await as(who.provinceStaff01()).reports.correct({
        reportId: report.id,
        expectedVersion: report.version,
        inputs: { numerator: 5, denominator: 10 },
        reason: 'Xác nhận lại với xã',
      });
      expect(reports).toEqual([expect.objectContaining({ id: report.id, version: report.version + 1, updated_by: 'user:canbo.hn' })]);
    });
  });

  describe('reports.approve: commune reports by their province, provincial reports by an administrator', () => {
    it('lets provincial staff of 01 approve a commune report of 01', async () => {
      const report = await submittedReport('X01006');
      const approved = await as(who.provinceStaff01()).reports.approve({ items: [{ reportId: report.id, expectedVersion: report.version }] });
      expect(approved).toEqual([expect.objectContaining({ id: report.id, status: 'approved', approved_by: 'user:canbo.hn' })]);
    });

    it('refuses provincial staff of 01 for a commune report of 79 and for a provincial report, and changes nothing', async () => {
      const theirs = await submittedReport('X79004');
      const provincial = await submittedReport('01');
      for (const [report, code] of [[theirs, 'NOT_FOUND'], [provincial, 'FORBIDDEN']] as const) {
        await expectRefused(() => as(who.provinceStaff01()).reports.approve({ items: [{ reportId: report.id, expectedVersion: report.version }] }), code);
        expect(await getReport(app.db, report.id)).toMatchObject({ status: 'submitted', approved_at: null });
      }
    });

    it('lets an administrator approve a provincial report', async () => {
      const provincial = await submittedReport('79');
      const approved = await as(who.admin()).reports.approve({ items: [{ reportId: provincial.id, expectedVersion: provincial.version }] });
      expect(approved).toEqual([expect.objectContaining({ status: 'approved', approved_by: 'user:admin' })]);
    });

    it('refuses an administrator the approval of a report they submitted (four eyes), and changes nothing', async () => {
      const own = await submittedReport('48');
      const err = await expectRefused(() => as(who.admin2()).reports.approve({ items: [{ reportId: own.id, expectedVersion: own.version }] }), 'FORBIDDEN');
      expect(err.cause).toMatchObject({ userMessage: { vi: expect.stringMatching(/^Nguyên tắc bốn mắt/) } });
      const queued = (await as(who.admin2()).reports.approvalQueue()).find((r) => r.id === own.id);
      expect(queued).toMatchObject({ ownWork: true });
    });

    it('refuses a batch whole when one of its reports is outside the approver’s scope', async () => {
      const mine = await submittedReport('X01007');
      const theirs = await submittedReport('X79005');
      await expectRefused(
        () =>
          as(who.provinceStaff01()).reports.approve({
            items: [
              { reportId: mine.id, expectedVersion: mine.version },
              { reportId: theirs.id, expectedVersion: theirs.version },
            ],
          }),
        'NOT_FOUND',
      );
      expect(await getReport(app.db, mine.id)).toMatchObject({ status: 'submitted', version: mine.version });
    });

    it.each(['leader', 'planner', 'communeStaff', 'token01'] as const)('refuses %s, even for a report in its scope', async (role) => {
      const report = await submittedReport('X01001');
      await expectRefused(() => as(who[role]()).reports.approve({ items: [{ reportId: report.id, expectedVersion: report.version }] }), 'FORBIDDEN');
    });
  });

  describe('reports.returnForRevision: by those who may approve the report', () => {
    const returning = (report: ReportRow) => ({ reportId: report.id, expectedVersion: report.version, comment: 'Đề nghị kiểm tra lại mẫu số' });

    it('lets provincial staff of 01 return a commune report of 01, and an administrator a provincial report', async () => {
      const commune = await submittedReport('X01009');
      expect(await as(who.provinceStaff01()).reports.returnForRevision(returning(commune))).toMatchObject({ id: commune.id, status: 'returned', returned_by: 'user:canbo.hn' });
      const provincial = await submittedReport('79');
      expect(await as(who.admin()).reports.returnForRevision(returning(provincial))).toMatchObject({ id: provincial.id, status: 'returned', returned_by: 'user:admin' });
    });

    it('refuses provincial staff of 01 for a report of 79 or a provincial one, and every other role; changes nothing', async () => {
      const theirs = await submittedReport('X79007');
      const provincial = await submittedReport('01');
      await expectRefused(() => as(who.provinceStaff01()).reports.returnForRevision(returning(theirs)), 'NOT_FOUND');
      await expectRefused(() => as(who.provinceStaff01()).reports.returnForRevision(returning(provincial)), 'FORBIDDEN');
      const ours = await submittedReport('X01010');
      for (const role of ['leader', 'planner', 'communeStaff', 'token01'] as const) {
        await expectRefused(() => as(who[role]()).reports.returnForRevision(returning(ours)), 'FORBIDDEN');
      }
      expect(await getReport(app.db, ours.id)).toEqual(ours);
    });
  });

  describe('staff reads: reports.form, reports.history, reports.approvalQueue', () => {
    const form = (principal: Principal | undefined, code: string) =>
      as(principal).reports.form({ orgUnitId: unit(code).id, frequency: 'monthly', period: thisMonth });

    it.each([
      { role: 'communeStaff', allowed: ['X01001'], refused: ['X01002', '01', 'X79001', '79', 'VN'] },
      { role: 'provinceStaff01', allowed: ['01', 'X01001', 'X01002'], refused: ['79', 'X79001', 'VN'] },
      { role: 'leader79', allowed: ['79', 'X79001'], refused: ['01', 'X01001', 'VN'] },
      { role: 'leader', allowed: ['VN', '01', 'X79001'], refused: [] },
      { role: 'planner', allowed: ['VN', '79', 'X01002'], refused: [] },
    ] as const)('reports.form: $role sees $allowed and is refused $refused', async ({ role, allowed, refused }) => {
      for (const code of allowed) {
        const result = await form(who[role](), code);
        expect(result.unit.id).toBe(unit(code).id);
      }
      for (const code of refused) await expectRefused(() => form(who[role](), code), 'FORBIDDEN');
    });

    it('reports.form refuses a token (systems post data, they do not read forms) and anonymous readers', async () => {
      await expectRefused(() => form(who.token01(), 'X01001'), 'FORBIDDEN');
      await expectRefused(() => form(undefined, 'X01001'), 'UNAUTHORIZED');
    });

    it('reports.history shows a report within scope and refuses it outside', async () => {
      const report = await submittedReport('X01002');
      for (const principal of [who.provinceStaff01(), who.leader(), who.planner(), who.admin()]) {
        const history = await as(principal).reports.history({ reportId: report.id });
        expect(history.events.map((e) => e.action)).toEqual(['submit']);
      }
      for (const principal of [who.communeStaff(), who.provinceStaff79(), who.leader79()]) {
        await expectRefused(() => as(principal).reports.history({ reportId: report.id }), 'NOT_FOUND');
      }
      await expectRefused(() => as(who.token01()).reports.history({ reportId: report.id }), 'FORBIDDEN');
      await expectRefused(() => as(undefined).reports.history({ reportId: report.id }), 'UNAUTHORIZED');
    });

    it('reports.approvalQueue lists only what the caller may approve, and refuses the rest', async () => {
      const communeOf01 = await submittedReport('X01008');
      const communeOf79 = await submittedReport('X79006');
      const provincial = await submittedReport('01');
      const queue01 = (await as(who.provinceStaff01()).reports.approvalQueue()).map((r) => r.id);
      expect(queue01).toContain(communeOf01.id);
      expect(queue01).not.toContain(communeOf79.id);
      expect(queue01).not.toContain(provincial.id);
      for (const id of queue01) {
        const queued = app.orgUnits().get((await getReport(app.db, id))!.org_unit_id);
        expect(queued).toMatchObject({ level: 'commune', provinceId: unit('01').id });
      }
      const adminQueue = (await as(who.admin()).reports.approvalQueue()).map((r) => r.id);
      expect(adminQueue).toEqual(expect.arrayContaining([communeOf01.id, communeOf79.id, provincial.id]));
      for (const role of ['communeStaff', 'leader', 'planner', 'token01'] as const) {
        await expectRefused(() => as(who[role]()).reports.approvalQueue(), 'FORBIDDEN');
      }
    });
  });

  describe('alerts.acknowledge', () => {
    it('lets a leader of 79 acknowledge an alert of 79 and refuses one of 01, which stays open', async () => {
      const ours = await openAlert('79');
      const theirs = await openAlert('01');
      await expect(as(who.leader79()).alerts.acknowledge({ id: ours.id })).resolves.toEqual({ id: ours.id });
      expect(await getAlert(app.db, ours.id)).toMatchObject({ acknowledged_at: expect.any(Date), acknowledged_by: 'user:lanhdao.hcm' });
      await expectRefused(() => as(who.leader79()).alerts.acknowledge({ id: theirs.id }), 'FORBIDDEN');
      expect(await getAlert(app.db, theirs.id)).toMatchObject({ acknowledged_at: null, acknowledged_by: null });
      // a nation-wide leader may
      await as(who.leader()).alerts.acknowledge({ id: theirs.id });
      expect(await getAlert(app.db, theirs.id)).toMatchObject({ acknowledged_by: 'user:lanhdao' });
    });

    it.each(['provinceStaff01', 'communeStaff', 'planner', 'token01'] as const)('refuses %s, whose role does not acknowledge alerts', async (role) => {
      const alert = await openAlert('01');
      await expectRefused(() => as(who[role]()).alerts.acknowledge({ id: alert.id }), 'FORBIDDEN');
    });
  });

  describe('users.create', () => {
    const newAccount = (username: string) => ({ username, displayName: 'Cán bộ mới', password: 'mot-mat-khau-dai', role: 'commune_staff' as const, scopeUnitCode: 'X01009' });

    it('lets a nation-wide administrator create an account', async () => {
      const created = await as(who.admin()).users.create(newAccount(`moi.${mode}`));
      expect(created).toEqual({ id: expect.any(Number), username: `moi.${mode}`, role: 'commune_staff', scopeUnitId: unit('X01009').id });
    });

    it.each([
      { caller: 'leader', principal: () => who.leader() },
      { caller: 'planner', principal: () => who.planner() },
      { caller: 'provincial staff', principal: () => who.provinceStaff01() },
      { caller: 'commune staff', principal: () => who.communeStaff() },
      { caller: 'a token scoped to 01', principal: () => who.token01() },
      { caller: 'an administrator scoped to a province', principal: () => user('admin.hn', 'admin', '01') },
    ])('refuses $caller and creates nothing', async ({ principal }) => {
      await expectRefused(() => as(principal()).users.create(newAccount(`khong.${mode}`)), 'FORBIDDEN');
    });
  });

  describe('apiTokens: administrators anywhere in scope, provincial staff for their own province', () => {
    let serial = 0;
    const tokenName = (label: string) => `${label}-${mode}-${++serial}`;
    const liveToken = async (name: string) =>
      (await app.db.query<{ revoked: boolean }>('SELECT revoked_at IS NOT NULL AS revoked FROM api_token WHERE name = $1', [name]))[0];

    it('lets provincial staff of 01 create tokens for 01 and its communes, and refuses 79, its communes and the nation', async () => {
      for (const scopeUnitCode of ['01', 'X01001']) {
        const name = tokenName('hn');
        const created = await as(who.provinceStaff01()).apiTokens.create({ name, scopeUnitCode });
        expect(created.token).toMatch(/^lt_/);
        expect(created.summary).toMatchObject({ name, scope: { code: scopeUnitCode }, createdBy: 'user:canbo.hn', revokedAt: null });
      }
      for (const scopeUnitCode of ['79', 'X79001', 'VN']) {
        await expectRefused(() => as(who.provinceStaff01()).apiTokens.create({ name: tokenName('hn-wide'), scopeUnitCode }), 'FORBIDDEN');
      }
    });

    it.each(['communeStaff', 'leader', 'planner', 'token01'] as const)('refuses %s any token, and lists nothing to it', async (role) => {
      await expectRefused(() => as(who[role]()).apiTokens.create({ name: tokenName('nope'), scopeUnitCode: 'X01001' }), 'FORBIDDEN');
      await expectRefused(() => as(who[role]()).apiTokens.list(), 'FORBIDDEN');
    });

    it('lists to provincial staff only their province’s tokens, and hides another province’s token from revocation', async () => {
      const ours = tokenName('hn-list');
      const theirs = tokenName('hcm-list');
      await as(who.admin()).apiTokens.create({ name: ours, scopeUnitCode: 'X01002' });
      await as(who.admin()).apiTokens.create({ name: theirs, scopeUnitCode: '79' });
      const listed01 = (await as(who.provinceStaff01()).apiTokens.list()).map((t) => t.name);
      expect(listed01).toContain(ours);
      expect(listed01).not.toContain(theirs);
      for (const t of await as(who.provinceStaff01()).apiTokens.list()) expect(app.orgUnits().isWithin(t.scope.id, unit('01').id)).toBe(true);
      expect((await as(who.admin()).apiTokens.list()).map((t) => t.name)).toEqual(expect.arrayContaining([ours, theirs]));

      // another province's token is reported as missing, not forbidden: its name is not theirs to learn
      await expectRefused(() => as(who.provinceStaff79()).apiTokens.revoke({ name: ours }), 'NOT_FOUND');
      await expectRefused(() => as(who.provinceStaff01()).apiTokens.revoke({ name: theirs }), 'NOT_FOUND');
      expect(await liveToken(ours)).toEqual({ revoked: false });
      expect(await liveToken(theirs)).toEqual({ revoked: false });
      await expect(as(who.provinceStaff01()).apiTokens.revoke({ name: ours })).resolves.toEqual({ revoked: true });
      expect(await liveToken(ours)).toEqual({ revoked: true });
    });
  });

  describe('users: list, disable, enable, sign out everywhere (administrators only)', () => {
    /** A real account of commune staff of X79001 with a live session. */
    const accountWithSession = async (username: string) => {
      await createUser(app, { username, displayName: 'Cán bộ xã X79001', password: 'mat-khau-cua-xa', role: 'commune_staff', scopeUnitId: unit('X79001').id });
      await signIn(app, { username, password: 'mat-khau-cua-xa', clientKey: `scope-users-${mode}` });
      return username;
    };

    it.each(['leader', 'planner', 'provinceStaff79', 'communeStaff', 'token01'] as const)('refuses %s every account operation, and changes nothing', async (role) => {
      const username = await accountWithSession(`xa.x79001.${role.toLowerCase()}.${mode}`);
      await expectRefused(() => as(who[role]()).users.list(), 'FORBIDDEN');
      await expectRefused(() => as(who[role]()).users.disable({ username }), 'FORBIDDEN');
      await expectRefused(() => as(who[role]()).users.enable({ username }), 'FORBIDDEN');
      await expectRefused(() => as(who[role]()).users.signOutEverywhere({ username }), 'FORBIDDEN');
    });

    it('hides an account outside an administrator’s scope (NOT_FOUND) and changes nothing', async () => {
      const username = await accountWithSession(`xa.x79001.ngoai.${mode}`);
      const provincialAdmin = user('admin.hn', 'admin', '01');
      expect((await as(provincialAdmin).users.list()).map((u) => u.username)).not.toContain(username);
      for (const call of [
        () => as(provincialAdmin).users.disable({ username }),
        () => as(provincialAdmin).users.enable({ username }),
        () => as(provincialAdmin).users.signOutEverywhere({ username }),
      ]) {
        await expectRefused(call, 'NOT_FOUND');
      }
      // the nation-wide administrator may
      await expect(as(who.admin()).users.disable({ username })).resolves.toMatchObject({ changed: true, sessionsEnded: 1 });
    });
  });

  describe('completeness.get: everyone sees their own subtree', () => {
    const query = (principal: Principal | undefined, provinceCode?: string) =>
      as(principal).completeness.get({ frequency: 'monthly', level: 'commune', period: thisMonth, provinceId: provinceCode ? unit(provinceCode).id : undefined });

    it('refuses a province outside the caller’s scope', async () => {
      for (const [role, provinceCode] of [
        ['provinceStaff01', '79'],
        ['leader79', '01'],
        ['communeStaff', '79'],
        ['token01', '79'],
      ] as const) {
        await expectRefused(() => query(who[role](), provinceCode), 'FORBIDDEN');
      }
    });

    it('narrows provincial callers to their province and commune staff to their commune', async () => {
      const provincial = await query(who.provinceStaff01());
      expect(provincial.provinces.map((p) => p.code)).toEqual(['01']);
      expect(provincial.focusProvinceId).toBe(unit('01').id);
      for (const u of provincial.units) expect(u.provinceId).toBe(unit('01').id);

      const own = await query(who.communeStaff(), '01');
      expect(own.total.units).toBe(1);
      expect(own.units.map((u) => u.code)).toEqual(['X01001']);

      const nation = await query(who.leader());
      expect(nation.provinces).toHaveLength(app.orgUnits().provinces().length);
    });
  });

  describe('measurements.ingest', () => {
    const row = (orgUnitCode: string) => ({ kpiId: COMMUNE_KPI, orgUnitCode, time: localDate(freshMonth()), numerator: 1, denominator: 2 });

    it('refuses a batch with a row outside the principal’s scope, naming it, and writes nothing', async () => {
      for (const principal of [who.token01(), who.communeStaff(), who.provinceStaff01()]) {
        const err = await expectRefused(() => as(principal).measurements.ingest({ rows: [row('X01001'), row('X79001')] }), 'UNPROCESSABLE_CONTENT');
        expect(err.cause).toMatchObject({ code: 'VALIDATION_FAILED', rowErrors: [expect.objectContaining({ index: 1, field: 'orgUnitCode', code: 'out_of_scope' })] });
      }
      const err = await expectRefused(() => as(who.communeStaff()).measurements.ingest({ rows: [row('X01002')] }), 'UNPROCESSABLE_CONTENT');
      expect(err.cause).toMatchObject({ rowErrors: [expect.objectContaining({ index: 0, code: 'out_of_scope' })] });
    });

    it.each(['leader', 'planner'] as const)('refuses a %s (read-only) even within its scope, and writes nothing', async (role) => {
      await expectRefused(() => as(who[role]()).measurements.ingest({ rows: [row('X01001')] }), 'FORBIDDEN');
    });

    it('takes a batch within the token’s scope', async () => {
      await expect(as(who.token01()).measurements.ingest({ rows: [row('X01001'), row('X01002')] })).resolves.toMatchObject({ rowCount: 2 });
    });
  });

  describe('anonymous callers', () => {
    it.each(MUTATIONS.filter((p) => !PUBLIC_MUTATIONS.has(p)))('are refused %s (UNAUTHORIZED) and change nothing', async (path) => {
      await expectRefused(() => callByPath(as(undefined), path, undefined), 'UNAUTHORIZED');
    });

    it.each(QUERIES.filter((p) => !PUBLIC_QUERIES.has(p)))('are refused the staff read %s (UNAUTHORIZED)', async (path) => {
      await expectRefused(() => callByPath(as(undefined), path, undefined), 'UNAUTHORIZED');
    });

    it('are refused with valid inputs too, before any work is done', async () => {
      const report = await submittedReport('X01001');
      const alert = await openAlert('01');
      const anonymous = as(undefined);
      const calls: Array<() => Promise<unknown>> = [
        () => anonymous.reports.save(saveInput('X01001', freshMonth(), true)),
        () => anonymous.reports.correct({ reportId: report.id, expectedVersion: report.version, inputs: { numerator: 1, denominator: 2 }, reason: 'không có quyền' }),
        () => anonymous.reports.approve({ items: [{ reportId: report.id, expectedVersion: report.version }] }),
        () => anonymous.reports.returnForRevision({ reportId: report.id, expectedVersion: report.version, comment: 'không có quyền' }),
        () => anonymous.alerts.acknowledge({ id: alert.id }),
        () => anonymous.measurements.ingest({ rows: [{ kpiId: COMMUNE_KPI, orgUnitCode: 'X01001', time: localDate(freshMonth()), numerator: 1, denominator: 2 }] }),
        () => anonymous.users.create({ username: 'ai.do', displayName: 'Ai đó', password: 'mot-mat-khau-dai', role: 'admin', scopeUnitCode: 'VN' }),
        () => anonymous.auth.signOutEverywhere(),
      ];
      for (const call of calls) await expectRefused(call, 'UNAUTHORIZED');
    });

    it('may sign out (there is nothing to end) without changing anything', async () => {
      const before = await databaseState(app.db);
      await expect(as(undefined).auth.signOut()).resolves.toEqual({ ok: true });
      expect(await databaseState(app.db)).toEqual(before);
    });
  });

  describe('read-only roles', () => {
    /**
     * A leader acknowledges alerts; both may start a background forecast (it changes no data);
     * apart from that, leaders and planners only read.
     */
    const allowedTo: Record<'leader' | 'planner', ReadonlySet<string>> = {
      leader: new Set(['alerts.acknowledge', 'forecast.childrenJob']),
      planner: new Set(['forecast.childrenJob']),
    };

    it.each(['leader', 'planner'] as const)('a %s is refused every other mutation before its input is read', async (role) => {
      const paths = MUTATIONS.filter((p) => !p.startsWith('auth.') && !allowedTo[role].has(p));
      expect(paths.length).toBeGreaterThanOrEqual(5);
      for (const path of paths) {
        const before = await databaseState(app.db);
        const err = await failureOf(callByPath(as(who[role]()), path, undefined));
        expect({ path, code: err instanceof TRPCError ? err.code : String(err) }).toEqual({ path, code: 'FORBIDDEN' });
        expect(await databaseState(app.db)).toEqual(before);
      }
    });
  });

  describe('cookie sessions and CSRF', () => {
    it('refuses every mutation of a session whose CSRF check failed (FORBIDDEN), and changes nothing', async () => {
      const principal = who.communeStaff();
      const ctx: TrpcContext = {
        ...serverCallerContext(app, principal),
        session: { principal, userId: 1, username: 'canbo.x01001', displayName: 'Cán bộ xã', sessionId: 'not-a-real-session' },
        csrfOk: false,
      };
      const caller = createCaller(ctx);
      for (const path of MUTATIONS) await expectRefused(() => callByPath(caller, path, undefined), 'FORBIDDEN');
      // with valid inputs, for a write the user could otherwise make
      await expectRefused(() => caller.reports.save(saveInput('X01001', freshMonth(), true)), 'FORBIDDEN');
      // reads are not state-changing and stay open
      await expect(caller.reports.form({ orgUnitId: unit('X01001').id, frequency: 'monthly', period: thisMonth })).resolves.toMatchObject({
        unit: { code: 'X01001' },
      });
    });

    describe('over HTTP', () => {
      let server: http.Server;
      let base: string;
      let token01: string;
      let nationToken: string;
      const PASSWORD = 'mat-khau-cua-xa';
      const username = () => `xa.x01001.${mode}`;
      /** A fresh session of commune staff of X01001: the cookie header a browser sends, and the CSRF value its page echoes. */
      const signInAsCommuneStaff = async () => {
        const signedIn = await signIn(app, { username: username(), password: PASSWORD, clientKey: `scope-test-${mode}` });
        return { cookie: `${SESSION_COOKIE}=${signedIn.sessionToken}; ${CSRF_COOKIE}=${signedIn.csrfToken}`, csrfToken: signedIn.csrfToken };
      };
      const liveSessionsOfUser = async () =>
        (
          await app.db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.username = $1 AND s.revoked_at IS NULL',
            [username()],
          )
        )[0]!.n;

      beforeAll(async () => {
        setAppContext(app);
        const handleTrpc = createHTTPHandler({ router: appRouter, createContext: createHttpTrpcContext, basePath: '/api/trpc/' });
        server = http.createServer((req, res) => {
          if (req.url?.startsWith('/api/trpc/')) return handleTrpc(req, res);
          if (handleApiRequest(app, req, res)) return;
          res.writeHead(404).end();
        });
        server.keepAliveTimeout = 10 * 60_000;
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

        await createUser(app, { username: username(), displayName: 'Cán bộ xã X01001', password: PASSWORD, role: 'commune_staff', scopeUnitId: unit('X01001').id });
        token01 = (await createApiToken(app.db, `scope-hanoi-${mode}`, unit('01').id)).token;
        nationToken = (await createApiToken(app.db, `scope-nation-${mode}`, app.orgUnits().nation.id)).token;
      });
      afterAll(async () => {
        if (!server) return;
        server.closeAllConnections();
        await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      });

      const mutate = async (path: string, input: unknown, headers: Record<string, string>) => {
        const res = await fetch(`${base}/api/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(superjson.serialize(input)),
        });
        return { status: res.status, body: (await res.json()) as Partial<TrpcHttpError> };
      };

      it('refuses a cookie-authenticated mutation without the CSRF header, or with a wrong one, and changes nothing', async () => {
        const { cookie, csrfToken } = await signInAsCommuneStaff();
        const input = saveInput('X01001', freshMonth(), true);
        const withoutValidHeader: Array<Record<string, string>> = [{ cookie }, { cookie, [CSRF_HEADER]: 'forged-by-another-site' }, { cookie, [CSRF_HEADER]: '' }];
        for (const headers of withoutValidHeader) {
          for (const path of ['reports.save', 'auth.signOutEverywhere']) {
            const before = await databaseState(app.db);
            const res = await mutate(path, path === 'reports.save' ? input : undefined, headers);
            expect(res.status).toBe(403);
            expect(res.body.error?.json.data.code).toBe('FORBIDDEN');
            expect(await databaseState(app.db)).toEqual(before);
          }
        }
        // the same request with the header that matches the cookie lands
        const before = await databaseState(app.db);
        const ok = await mutate('reports.save', input, { cookie, [CSRF_HEADER]: csrfToken });
        expect(ok.status).toBe(200);
        const after = await databaseState(app.db);
        expect(after.reports - before.reports).toBe(1);
        expect(after.measurements - before.measurements).toBe(1);
      });

      it('lets the session end every session with the header, and not without', async () => {
        const { cookie, csrfToken } = await signInAsCommuneStaff();
        const live = await liveSessionsOfUser();
        expect(live).toBeGreaterThanOrEqual(1);
        expect((await mutate('auth.signOutEverywhere', undefined, { cookie })).status).toBe(403);
        expect(await liveSessionsOfUser()).toBe(live);
        const ended = await mutate('auth.signOutEverywhere', undefined, { cookie, [CSRF_HEADER]: csrfToken });
        expect(ended.status).toBe(200);
        expect(await liveSessionsOfUser()).toBe(0);
        // the cookie now authenticates nobody
        const after = await mutate('reports.save', saveInput('X01001', freshMonth(), true), { cookie, [CSRF_HEADER]: csrfToken });
        expect(after.status).toBe(401);
      });

      it('POST /api/v1/measurements: a token scoped to 01 writing a row for 79 gets 422 out_of_scope, and nothing is written', async () => {
        const time = localDate(freshMonth());
        const before = await databaseState(app.db);
        const res = await fetch(`${base}/api/v1/measurements`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token01}` },
          body: JSON.stringify([
            { kpiId: COMMUNE_KPI, orgUnitCode: 'X01001', time, numerator: 1, denominator: 2 },
            { kpiId: COMMUNE_KPI, orgUnitCode: 'X79001', time, numerator: 1, denominator: 2 },
            { kpiId: 'dossiers_on_time', orgUnitCode: '79', time: localDate(addPeriods(periodStart('day', TEST_NOW), 'day', -1)), numerator: 1, denominator: 2 },
          ]),
        });
        expect(res.status).toBe(422);
        const body = (await res.json()) as ApiErrorBody;
        expect(body.error.code).toBe('VALIDATION_FAILED');
        expect(body.error.rows).toEqual([
          { index: 1, field: 'orgUnitCode', code: 'out_of_scope', message: { vi: expect.any(String), en: expect.any(String) } },
          { index: 2, field: 'orgUnitCode', code: 'out_of_scope', message: { vi: expect.any(String), en: expect.any(String) } },
        ]);
        expect(await databaseState(app.db)).toEqual(before);
      });

      it('POST /api/v1/org-units/communes: a province-scoped token gets 403 and nothing changes', async () => {
        const csv = 'code,name,provinceCode,kind\nX01001,Phường Đổi Tên,01,ward\n';
        const treeBefore = app.orgUnits();
        const renamed = treeBefore.byCodeOrUndefined('X01001')!.name;
        for (const [bearer, status, code] of [
          [token01, 403, 'FORBIDDEN'],
          [null, 401, 'UNAUTHENTICATED'],
          ['lt_not-a-real-token', 401, 'UNAUTHENTICATED'],
        ] as const) {
          const before = await databaseState(app.db);
          const res = await fetch(`${base}/api/v1/org-units/communes`, {
            method: 'POST',
            headers: { 'content-type': 'text/csv', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
            body: csv,
          });
          expect(res.status).toBe(status);
          expect(((await res.json()) as ApiErrorBody).error.code).toBe(code);
          expect(await databaseState(app.db)).toEqual(before);
        }
        const names = await app.db.query<{ name: string }>('SELECT name FROM org_unit WHERE code = $1', ['X01001']);
        expect(names).toEqual([{ name: renamed }]);
        expect(app.orgUnits()).toBe(treeBefore);
      });

      it('POST /api/v1/org-units/communes: a nation-wide token with a bad list gets 422 and nothing changes', async () => {
        // the nation-wide token passes the scope check; the refusal comes from validation, all or nothing
        const before = await databaseState(app.db);
        const res = await fetch(`${base}/api/v1/org-units/communes`, {
          method: 'POST',
          headers: { 'content-type': 'text/csv', authorization: `Bearer ${nationToken}` },
          body: 'code,name,provinceCode,kind\nX01001,Phường Một,01,ward\nX01002,,99,hamlet\n',
        });
        expect(res.status).toBe(422);
        expect(await databaseState(app.db)).toEqual(before);
      });
    });
  });
});
