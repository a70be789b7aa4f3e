/**
 * Open data, in both database modes and over HTTP through the real request listener: the
 * published numbers are the dashboard's (getSeries, getChildRanking) for the same unit and
 * period; open periods are left out and values with a report awaiting approval are held back;
 * nothing of the staff's data (reports, their authors and explanations, users, tokens) comes out;
 * answers carry a strong ETag and honour If-None-Match; each address has its own budget; a bad
 * parameter is refused with the field named.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, OPEN_DATA_RATE_LIMIT, type AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { createApiToken } from '../../server/auth/apiTokens';
import { createAppRequestListener } from '../../server/http/appRequestListener';
import { getChildRanking, getSeries } from '../../server/services/kpiValues';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import type { OpenValuesTable } from '../../server/services/openData';
import { approveReports, correctReport, returnReportForRevision, saveReports } from '../../server/services/reports';
import { seedOrgUnits } from '../../seed/seedDatabase';
import { addPeriods } from '../../shared/domain/periods';
import { TEST_NOW } from '../helpers/clock';
import { localDate } from '../helpers/integration';
import { availableModes, openTestDb } from '../helpers/testDb';

/** a provincial monthly ratio (percent), 10 days to report */
const MONTHLY = 'procedures_published_full';
/** a provincial daily ratio */
const DAILY = 'dossiers_on_time';
/** a commune-level monthly ratio, reported by staff and approved */
const REPORTED = 'data_reused';
const EXPLANATION = 'Giải thích nội bộ của cán bộ — không được công bố';

const system: Principal = { kind: 'system', name: 'system:test', scopeUnitId: 1, role: 'system' };
/** 2026-01 … (TEST_NOW is 27/11/2026: November is open, October closed and past its deadline) */
const month = (m: number) => new Date(Date.UTC(2026, m - 1, 1) - 7 * 3600_000);

describe.each(await availableModes())('open data (%s)', (mode) => {
  let app: AppContext;
  let closeDb: () => Promise<void>;
  let server: http.Server;
  let base: string;
  /** each test its own client address, so that none spends another's budget */
  let address = 0;
  const nextAddress = () => `203.0.113.${++address}`;

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers: { 'x-forwarded-for': nextAddress(), ...headers } });
  const getJson = async (path: string): Promise<OpenValuesTable> => {
    const res = await get(path);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as OpenValuesTable;
  };

  beforeAll(async () => {
    const opened = await openTestDb(mode);
    closeDb = opened.close;
    await seedOrgUnits(opened.db);
    app = await createAppContext(opened.db, new EventEmitter(), { trustProxyHops: 1 });
    server = http.createServer(createAppRequestListener(app, { dev: false, https: false, handleNext: (_req, res) => res.writeHead(404).end('next') }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await createApiToken(opened.db, `open-data-${mode}`, app.orgUnits().nation.id);

    // every province, January to November (November is still open)
    const rows = app.orgUnits().provinces().flatMap((p, i) =>
      Array.from({ length: 11 }, (_, m) => ({ kpiId: MONTHLY, orgUnitCode: p.code, time: localDate(month(m + 1)), numerator: 500 + ((i * 37 + m * 11) % 480), denominator: 1000 })),
    );
    // two provinces' daily feed for the last five days (26/11 is past, but due only at the end of 27/11)
    for (const code of ['01', '79']) {
      for (let d = 1; d <= 5; d++) rows.push({ kpiId: DAILY, orgUnitCode: code, time: localDate(addPeriods(TEST_NOW, 'day', -d)), numerator: 900 + d, denominator: 1000 });
    }
    await ingestMeasurements(app, system, rows, { source: 'api' });
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await closeDb?.();
  });

  it('publishes every province for a year in the dashboard’s numbers, up to the last period past its deadline', async () => {
    const table = await getJson(`/api/v1/open/values?kpi=${MONTHLY}&unit=provinces&year=2026`);
    expect(table.units).toHaveLength(34);
    // November is open; December has not begun
    expect(table.periods).toEqual(Array.from({ length: 10 }, (_, m) => `2026-${String(m + 1).padStart(2, '0')}`));
    expect(table.rows).toHaveLength(34 * 10);
    expect(table.kpi.publishedThrough).toBe('2026-10-31');
    expect(table.licence).toMatchObject({ id: 'CC-BY-4.0' });

    for (const province of app.orgUnits().provinces()) {
      const series = await getSeries(app, { kpiId: MONTHLY, orgUnitId: province.id, from: month(1), to: month(11), resolution: 'month' });
      const published = table.rows.filter((r) => r.unitCode === province.code);
      expect(published.map((r) => r.value)).toEqual(series.map((s) => s.value));
      expect(published.every((r) => r.status === 'published')).toBe(true);
    }
    // the ranking the KPI page shows for October: the same 34 numbers
    const ranking = await getChildRanking(app, { kpiId: MONTHLY, parentId: app.orgUnits().nation.id, asOf: addPeriods(month(11), 'day', -1) });
    const october = new Map(table.rows.filter((r) => r.period === '2026-10').map((r) => [r.unitCode, r.value]));
    for (const child of ranking.children) expect(october.get(child.code)).toBe(child.value);

    const nation = await getJson(`/api/v1/open/values?kpi=${MONTHLY}&unit=VN&from=2026-03&to=2026-04`);
    const nationSeries = await getSeries(app, { kpiId: MONTHLY, orgUnitId: app.orgUnits().nation.id, from: month(3), to: month(5), resolution: 'month' });
    expect(nation.rows.map((r) => r.value)).toEqual(nationSeries.map((s) => s.value));
  });

  it('writes the same numbers to CSV (BOM, «;» and decimal comma, or RFC 4180) and XLSX', async () => {
    const table = await getJson(`/api/v1/open/values?kpi=${MONTHLY}&unit=provinces&year=2026`);
    const csvRes = await get(`/api/v1/open/values?kpi=${MONTHLY}&unit=provinces&year=2026&format=csv`);
    expect(csvRes.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csvRes.headers.get('content-disposition')).toMatch(/^attachment; filename="du-lieu-mo_procedures_published_full_provinces_2026-01_2026-12\.csv"$/);
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Mã chỉ số;Mã đơn vị;Tên đơn vị;Cấp;Kỳ;Giá trị;Đơn vị tính;Trạng thái;Nguồn, giấy phép');
    const data = lines.slice(1, -1).map((l) => l.split(';'));
    expect(data).toHaveLength(340);
    expect(lines.at(-1)).toBe('');
    const hcm = data.find((c) => c[1] === '79' && c[4] === '2026-10')!;
    expect(hcm[2]).toBe('Hồ Chí Minh');
    expect(Number(hcm[5]!.replace(',', '.'))).toBe(table.rows.find((r) => r.unitCode === '79' && r.period === '2026-10')!.value);
    expect(hcm[8]).toContain('CC BY 4.0');

    const comma = await (await get(`/api/v1/open/values?kpi=${MONTHLY}&unit=79&from=2026-10&to=2026-10&format=csv&separator=comma&lang=en`)).text();
    const [header, row] = comma.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('KPI id,Unit code,Unit name,Level,Period,Value,Unit of measure,Status,"Source, licence"');
    expect(row!.split(',')[5]).toBe(String(hcm[5]!.replace(',', '.')));

    const xlsxRes = await get(`/api/v1/open/values?kpi=${MONTHLY}&unit=provinces&year=2026&format=xlsx`);
    expect(xlsxRes.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsxRes.arrayBuffer());
    const sheet = wb.getWorksheet('Số liệu')!;
    expect(sheet.rowCount).toBe(341);
    const cells = sheet.getRow(2).values as unknown[];
    const first = table.rows[0]!;
    expect(cells.slice(1, 7)).toEqual([MONTHLY, first.unitCode, first.unitName, 'Tỉnh, thành phố', first.period, first.value]);
    expect(wb.getWorksheet('Giới thiệu')!.getColumn(2).values.map((v) => String(v as string)).join(' ')).toContain('CC BY 4.0');
  });

  it('leaves out a daily period until its reporting deadline has passed, and sums days into months the dashboard’s way', async () => {
    const table = await getJson(`/api/v1/open/values?kpi=${DAILY}&unit=01,79&period=daily&from=2026-11-20&to=2026-11-30`);
    // 26/11 is due at the end of 27/11 (one day after the period): not yet
    expect(table.periods.at(-1)).toBe('2026-11-25');
    const hanoi = table.rows.filter((r) => r.unitCode === '01' && r.value !== null);
    expect(hanoi.map((r) => r.period)).toEqual(['2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25']);
    const series = await getSeries(app, { kpiId: DAILY, orgUnitId: app.orgUnits().byCodeOrUndefined('01')!.id, from: month(11), to: addPeriods(month(11), 'day', 25), resolution: 'day' });
    expect(hanoi.map((r) => r.value)).toEqual(series.map((s) => s.value));
    expect(table.rows.find((r) => r.period === '2026-11-20')).toMatchObject({ value: null, status: 'no_data' });

    // months: October is published (no data), November is open
    const monthly = await getJson(`/api/v1/open/values?kpi=${DAILY}&unit=01&period=monthly&year=2026`);
    expect(monthly.periods.at(-1)).toBe('2026-10');
  });

  it('holds back a value while a report in it awaits approval, and publishes the dashboard’s number once approved', async () => {
    const province = app.orgUnits().byCodeOrUndefined('22')!;
    const [c0, c1] = app.orgUnits().childrenOf(province.id);
    const staff = (c: typeof c0): Principal => ({ kind: 'user', name: `user:canbo.${c!.code}`, scopeUnitId: c!.id, role: 'commune_staff' });
    const approver: Principal = { kind: 'user', name: 'user:duyet.qn', scopeUnitId: province.id, role: 'province_staff' };
    const october = month(10);
    const submit = (c: typeof c0, numerator: number) =>
      saveReports(app, staff(c), { orgUnitId: c!.id, frequency: 'monthly', period: october, submit: true, entries: [{ kpiId: REPORTED, inputs: { numerator, denominator: 200 }, explanation: EXPLANATION, expectedVersion: null }] });
    const saved0 = await submit(c0, 150);
    const saved1 = await submit(c1, 120);
    // another province's commune reports and is approved: published
    const other = app.orgUnits().childrenOf(app.orgUnits().byCodeOrUndefined('20')!.id)[0]!;
    const savedOther = await saveReports(app, staff(other), { orgUnitId: other.id, frequency: 'monthly', period: october, submit: true, entries: [{ kpiId: REPORTED, inputs: { numerator: 90, denominator: 100 }, explanation: null, expectedVersion: null }] });
    const provinceStaff20: Principal = { kind: 'user', name: 'user:duyet.ls', scopeUnitId: app.orgUnits().byCodeOrUndefined('20')!.id, role: 'province_staff' };
    await approveReports(app, provinceStaff20, [{ reportId: savedOther.reports[0]!.id, expectedVersion: savedOther.reports[0]!.version }]);

    const path = `/api/v1/open/values?kpi=${REPORTED}&unit=VN,22,20,${c0!.code},${c1!.code},${other.code}&from=2026-10&to=2026-10`;
    const status = (t: OpenValuesTable) => Object.fromEntries(t.rows.map((r) => [r.unitCode, [r.status, r.value]]));
    let table = await getJson(path);
    expect(status(table)).toMatchObject({
      VN: ['pending_approval', null],
      '22': ['pending_approval', null],
      [c0!.code]: ['pending_approval', null],
      [c1!.code]: ['pending_approval', null],
      '20': ['published', 90],
      [other.code]: ['published', 90],
    });

    // one approved, one returned for revision: the commune approved is out, the province still waits
    await approveReports(app, approver, [{ reportId: saved0.reports[0]!.id, expectedVersion: saved0.reports[0]!.version }]);
    await returnReportForRevision(app, approver, { reportId: saved1.reports[0]!.id, expectedVersion: saved1.reports[0]!.version, comment: 'Kiểm tra lại mẫu số' });
    table = await getJson(path);
    expect(status(table)).toMatchObject({ [c0!.code]: ['published', 75], [c1!.code]: ['pending_approval', null], '22': ['pending_approval', null], VN: ['pending_approval', null] });

    // resubmitted and approved: the province's value is the dashboard's, from both communes
    const resubmitted = await saveReports(app, staff(c1), { orgUnitId: c1!.id, frequency: 'monthly', period: october, submit: true, entries: [{ kpiId: REPORTED, inputs: { numerator: 130, denominator: 200 }, explanation: null, expectedVersion: saved1.reports[0]!.version + 1 }] });
    await approveReports(app, approver, [{ reportId: resubmitted.reports[0]!.id, expectedVersion: resubmitted.reports[0]!.version }]);
    table = await getJson(path);
    const [dashboard] = await getSeries(app, { kpiId: REPORTED, orgUnitId: province.id, from: october, to: month(11), resolution: 'month' });
    expect(dashboard!.value).toBeCloseTo(70, 10);
    expect(status(table)).toMatchObject({ '22': ['published', dashboard!.value], [c1!.code]: ['published', 65] });
    const [nation] = await getSeries(app, { kpiId: REPORTED, orgUnitId: app.orgUnits().nation.id, from: october, to: month(11), resolution: 'month' });
    expect(status(table).VN).toEqual(['published', nation!.value]);

    // a correction of an approved report goes back to awaiting approval: held back again
    const [approved] = await app.db.query<{ id: number; version: number }>('SELECT id::int AS id, version FROM report WHERE id = $1', [saved0.reports[0]!.id]);
    await correctReport(app, staff(c0), { reportId: approved!.id, expectedVersion: approved!.version, inputs: { numerator: 160, denominator: 200 }, reason: 'Sai số liệu mẫu số' });
    table = await getJson(path);
    expect(status(table)).toMatchObject({ [c0!.code]: ['pending_approval', null], '22': ['pending_approval', null], [c1!.code]: ['published', 65] });
  });

  it('gives out nothing of the staff’s data, and has no route to it', async () => {
    const bodies = await Promise.all(
      [`/api/v1/open/values?kpi=${REPORTED}&unit=communes:22&from=2026-10&to=2026-10`, `/api/v1/open/values?kpi=${REPORTED}&unit=communes:22&from=2026-10&to=2026-10&format=csv`, '/api/v1/open/kpis', '/api/v1/open/units?province=22'].map(async (p) => {
        const res = await get(p);
        expect(res.status).toBe(200);
        return res.text();
      }),
    );
    for (const body of bodies) {
      for (const secret of [EXPLANATION, 'canbo', 'duyet', 'Kiểm tra lại', 'submitted_by', 'approved_by', 'explanation', 'inputs', 'token', 'password', 'lt_']) expect(body).not.toContain(secret);
    }
    const values = JSON.parse(bodies[0]!) as OpenValuesTable;
    expect(Object.keys(values.rows[0]!).sort()).toEqual(['level', 'period', 'status', 'unitCode', 'unitName', 'value']);
    // the reports, users and tokens have no open route; a parameter cannot ask for them
    for (const p of ['/api/v1/open/reports', '/api/v1/open/users', '/api/v1/open/tokens', '/api/v1/open/audit']) expect((await get(p)).status).toBe(404);
    const byStatus = await get(`/api/v1/open/values?kpi=${REPORTED}&status=submitted`);
    expect(byStatus.status).toBe(400);
    expect(((await byStatus.json()) as { error: { field: string } }).error.field).toBe('status');
    // writing is not open
    expect((await fetch(`${base}/api/v1/open/values?kpi=${MONTHLY}`, { method: 'POST' })).status).toBe(405);
  });

  it('answers with a strong ETag over the bytes, 304 on If-None-Match, a public Cache-Control, and a new tag when the data changes', async () => {
    const path = `/api/v1/open/values?kpi=${MONTHLY}&unit=01&year=2026`;
    for (const format of ['json', 'csv', 'xlsx']) {
      const first = await get(`${path}&format=${format}`);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
      expect(first.headers.get('cache-control')).toBe('public, max-age=300');
      expect(first.headers.get('access-control-allow-origin')).toBe('*');
      // the same data gives the same bytes (XLSX included)
      expect((await get(`${path}&format=${format}`)).headers.get('etag')).toBe(etag);
      const again = await get(`${path}&format=${format}`, { 'if-none-match': `"other", ${etag}` });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
    }
    const before = (await get(path)).headers.get('etag')!;
    await ingestMeasurements(app, system, [{ kpiId: MONTHLY, orgUnitCode: '01', time: localDate(month(5)), numerator: 999, denominator: 1000 }], { source: 'api' });
    const after = await get(path, { 'if-none-match': before });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before);
  });

  it('limits each client address, and tells how long to wait', async () => {
    const one = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i < OPEN_DATA_RATE_LIMIT.burst + 1; i++) {
      statuses.push((await fetch(`${base}/api/v1/open/kpis`, { headers: { 'x-forwarded-for': one } })).status);
    }
    expect(statuses.slice(0, OPEN_DATA_RATE_LIMIT.burst).every((s) => s === 200)).toBe(true);
    const refused = await fetch(`${base}/api/v1/open/kpis`, { headers: { 'x-forwarded-for': one } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    // another address is not affected
    expect((await get('/api/v1/open/kpis')).status).toBe(200);
  });

  it.each([
    ['', 'kpi', 'bắt buộc'],
    ['kpi=nope', 'kpi', 'nope'],
    [`kpi=${MONTHLY}&unit=99`, 'unit', '99'],
    [`kpi=${MONTHLY}&unit=communes:00`, 'unit', '00'],
    [`kpi=${MONTHLY}&from=2026-13&to=2026-12`, 'from', '2026-13'],
    [`kpi=${MONTHLY}&from=2026-10`, 'to', 'to'],
    [`kpi=${MONTHLY}&from=2026-10&to=2026-01`, 'from', '2026-10'],
    [`kpi=${MONTHLY}&year=26`, 'year', '26'],
    [`kpi=${MONTHLY}&year=2026&from=2026-01&to=2026-02`, 'year', 'year'],
    [`kpi=${MONTHLY}&period=daily`, 'period', 'monthly'],
    [`kpi=${MONTHLY}&format=pdf`, 'format', 'pdf'],
    [`kpi=${MONTHLY}&separator=tab`, 'separator', 'tab'],
    [`kpi=${DAILY}&unit=communes:79&period=daily&year=2026`, 'year', '20.000'],
    [`kpi=${MONTHLY}&lang=fr`, 'lang', 'fr'],
  ])('refuses ?%s naming the field %s', async (query, field, mentioned) => {
    const res = await get(`/api/v1/open/values?${query}`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; field: string; message: { vi: string; en: string } } };
    expect(body.error).toMatchObject({ code: 'BAD_REQUEST', field });
    expect(body.error.message.vi).toContain(`«${field}»`);
    expect(body.error.message.en).toContain(`"${field}"`);
    expect(body.error.message.vi).toContain(mentioned);
  });
});
