/**
 * GET /api/export/<view> in both database modes: only signed-in users; a provincial user's file
 * holds their province only and another province's page is refused (and logged as refused);
 * every export lands in the audit log with its view, parameters, format and rows; the numbers
 * are the ranking's; a bad parameter is named in Vietnamese; the commune export streams all the
 * province's communes × months with the expected row count announced; the forecast view's file
 * holds getForecast's numbers (history, forecast, intervals, backtest), its chart and method notes,
 * and keeps to the user's scope.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAppContext, type AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import { createUser, SESSION_COOKIE, signIn } from '../../server/auth/sessions';
import { listExportAudit } from '../../server/db/queries/exportAudit';
import { getForecast } from '../../server/forecast/forecastService';
import { handleApiRequest } from '../../server/http/apiRoutes';
import { ingestMeasurements } from '../../server/services/ingestMeasurements';
import { getChildRanking } from '../../server/services/kpiValues';
import { seedHistory } from '../../seed/seedDatabase';
import { addPeriods, periodLabel, periodStart } from '../../shared/domain/periods';
import { TEST_NOW } from '../helpers/clock';
import { localDate } from '../helpers/integration';
import { pngSize, readPdfText } from '../helpers/readPdfText';
import { availableModes, kpiCatalogue, openTestApp } from '../helpers/testDb';

/** a provincial monthly KPI in hours (fitted on log), not the one the other exports read */
const PLAN_KPI = 'document_turnaround_mean';

describe.each(await availableModes())('export route (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  let server: http.Server;
  let base: string;
  const cookies: Record<'planner' | 'danang', string> = { planner: '', danang: '' };
  const lastMonth = addPeriods(periodStart('month', TEST_NOW), 'month', -1);
  const unit = (code: string) => app.orgUnits().byCodeOrUndefined(code)!;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    setAppContext(app);
    const system: Principal = { kind: 'system', name: 'system:test', scopeUnitId: app.orgUnits().nation.id, role: 'system' };
    const communes = (code: string) => app.orgUnits().childrenOf(unit(code).id);
    await ingestMeasurements(
      app,
      system,
      [
        { kpiId: 'data_reused', orgUnitCode: communes('48')[0]!.code, time: localDate(lastMonth), numerator: 90, denominator: 100 },
        { kpiId: 'data_reused', orgUnitCode: communes('48')[1]!.code, time: localDate(lastMonth), numerator: 70, denominator: 100 },
        { kpiId: 'data_reused', orgUnitCode: communes('52')[0]!.code, time: localDate(lastMonth), numerator: 60, denominator: 100 },
        { kpiId: 'data_reused', orgUnitCode: communes('56')[0]!.code, time: localDate(lastMonth), numerator: 95, denominator: 100 },
      ],
      { source: 'api' },
    );
    // two provinces' history of a provincial monthly KPI, for the forecast view's export
    await seedHistory(app.db, kpiCatalogue, app.orgUnits(), { now: TEST_NOW, months: 24, provinceCodes: ['48', '52'], kpiIds: [PLAN_KPI] });
    const password = 'mat-khau-xuat-tep';
    await createUser(app, { username: `hoachdinh.${mode}`, displayName: 'Người Hoạch Định', password, role: 'planner', scopeUnitId: app.orgUnits().nation.id });
    await createUser(app, { username: `canbo.danang.${mode}`, displayName: 'Cán bộ Đà Nẵng', password, role: 'province_staff', scopeUnitId: unit('48').id });
    cookies.planner = `${SESSION_COOKIE}=${(await signIn(app, { username: `hoachdinh.${mode}`, password, clientKey: `export-${mode}` })).sessionToken}`;
    cookies.danang = `${SESSION_COOKIE}=${(await signIn(app, { username: `canbo.danang.${mode}`, password, clientKey: `export-${mode}` })).sessionToken}`;
    server = http.createServer((req, res) => {
      if (!handleApiRequest(app, req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await close?.();
  });

  const get = (path: string, who?: keyof typeof cookies) => fetch(`${base}${path}`, { headers: who ? { cookie: cookies[who] } : {} });
  /**
   * The newest audit entry once it says 'completed': the route writes that after the last byte
   * has gone out, which may be just after the client has read it.
   */
  const completedAudit = async () => {
    await expect.poll(async () => (await listExportAudit(app.db, { limit: 1 }))[0]?.status, { timeout: 10_000 }).toBe('completed');
    return (await listExportAudit(app.db, { limit: 1 }))[0]!;
  };
  const sheetOf = async (res: Response, name: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    return wb.worksheets.find((w) => w.name.startsWith(name))!;
  };

  it('refuses anyone not signed in', async () => {
    const res = await get('/api/export/overview?format=csv&kpi=data_reused');
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: { vi: string } } }).error.message.vi).toContain('đăng nhập');
  });

  it('names a bad parameter in Vietnamese', async () => {
    const bad = async (path: string) => ((await (await get(path, 'planner')).json()) as { error: { field: string; message: { vi: string } } }).error;
    expect(await bad('/api/export/overview?format=docx')).toMatchObject({ field: 'format', message: { vi: expect.stringContaining('Tham số «format»') } });
    expect(await bad('/api/export/overview?format=csv&kpi=khong_co')).toMatchObject({ field: 'kpi', message: { vi: expect.stringContaining('không có chỉ số') } });
    expect(await bad('/api/export/overview?format=csv&color=red')).toMatchObject({ field: 'color' });
    expect(await bad('/api/export/communes?format=csv&months=99')).toMatchObject({ field: 'months' });
    expect(await bad('/api/export/nothing?format=csv')).toMatchObject({ field: 'view' });
  });

  it('exports the ranking the page shows, as XLSX number cells, and logs it', async () => {
    const res = await get('/api/export/province?format=xlsx&code=48&kpi=data_reused&ckpi=data_reused', 'planner');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="48_data_reused\.xlsx"/);
    const sheet = await sheetOf(res, 'Xã, phường, đặc khu');
    const ranking = await getChildRanking(app, { kpiId: 'data_reused', parentId: unit('48').id });
    expect(sheet.rowCount - 1).toBe(ranking.children.length);
    expect(sheet.getCell('C2').value).toBe(ranking.children[0]!.name);
    expect(sheet.getCell('D2').value).toBe(ranking.children[0]!.value);
    expect(sheet.getCell('D2').value).toBeCloseTo(90, 9);

    const entry = await completedAudit();
    expect(entry).toMatchObject({ principal: `user:hoachdinh.${mode}`, view: 'province', format: 'xlsx', params: { code: '48', format: 'xlsx' } });
    expect(entry.rows_written).toBeGreaterThan(ranking.children.length);
    expect(entry.bytes_written).toBeGreaterThan(1000);
  });

  it('gives a provincial user their province only, and refuses (and logs) another province', async () => {
    const csv = await (await get('/api/export/overview?format=csv&kpi=data_reused', 'danang')).text();
    expect(csv).toContain(';48;Đà Nẵng;');
    expect(csv).not.toContain('Gia Lai');
    expect(csv).not.toContain('Khánh Hòa');

    const refused = await get('/api/export/province?format=pdf&code=52', 'danang');
    expect(refused.status).toBe(403);
    const [entry] = await listExportAudit(app.db, { limit: 1 });
    expect(entry).toMatchObject({ principal: `user:canbo.danang.${mode}`, view: 'province', format: 'pdf', status: 'refused' });
  });

  it('streams every commune × 24 months, announcing the rows', async () => {
    const res = await get('/api/export/communes?format=csv&kpi=data_reused&months=24', 'danang');
    expect(res.status).toBe(200);
    const communes = app.orgUnits().childrenOf(unit('48').id).length;
    expect(Number(res.headers.get('x-export-rows'))).toBe(communes * 24);
    const lines = (await res.text()).split('\r\n');
    const dataLines = lines.filter((l) => l.startsWith('Đà Nẵng;'));
    expect(dataLines).toHaveLength(communes * 24);
    expect(lines.some((l) => l.startsWith('Gia Lai;'))).toBe(false);
    const first = app.orgUnits().childrenOf(unit('48').id)[0]!;
    // the value of the commune's month, as the unrounded ratio with the decimal comma
    expect(dataLines.some((l) => l.startsWith(`Đà Nẵng;${first.code};${first.name};${periodLabel('month', lastMonth)};90;`))).toBe(true);
    expect(await completedAudit()).toMatchObject({ view: 'communes', format: 'csv', rows_written: communes * 24 });
  });

  it('makes a PNG of the chart and a PDF with Vietnamese text', async () => {
    const png = await get('/api/export/scorecard?format=png', 'planner');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(pngSize(new Uint8Array(await png.arrayBuffer())).width).toBe(1520);
    const pdf = await get('/api/export/kpi?format=pdf&id=data_reused', 'planner');
    const text = (await readPdfText(new Uint8Array(await pdf.arrayBuffer()))).pages.join('\n');
    expect(text).toContain(app.catalogue.get('data_reused').name.vi);
    expect(text).toContain('Khánh Hòa');
    expect(text).toContain('Người Hoạch Định');
  });

  it('draws the overview as the page does: the map of the provinces, in a PDF too', async () => {
    const png = await get('/api/export/overview?format=png&kpi=data_reused', 'planner');
    expect(png.status).toBe(200);
    // the map's tall frame (760 × 900 at 2×), not the ranking's bars
    expect(pngSize(new Uint8Array(await png.arrayBuffer()))).toEqual({ width: 1520, height: 1800 });
    const pdf = await get('/api/export/overview?format=pdf&kpi=data_reused', 'planner');
    const text = (await readPdfText(new Uint8Array(await pdf.arrayBuffer()))).pages.join('\n');
    // the map's own words: the archipelagos' labels and the band legend
    expect(text).toContain('Quần đảo Hoàng Sa');
    expect(text).toContain('Trung bình');
  });

  it('lists the rows in the order the page sorts them (sort/dir, the communes\' csort/cdir)', async () => {
    const codesOf = (csv: string, prefix: RegExp) => csv.split('\r\n').flatMap((l) => (prefix.test(l) ? [l.split(';')[1]!] : []));
    const communes = app.orgUnits().childrenOf(unit('48').id);
    const byRank = await (await get('/api/export/province?format=csv&code=48&ckpi=data_reused', 'planner')).text();
    const lowFirst = await (await get('/api/export/province?format=csv&code=48&ckpi=data_reused&csort=value&cdir=asc', 'planner')).text();
    const rank = codesOf(byRank, /^\d+;X48/);
    const low = codesOf(lowFirst, /^\d+;X48/);
    // 90 % then 70 % by rank; lowest first: 70 % then 90 %, the communes without a value last either way
    expect(rank.slice(0, 2)).toEqual([communes[0]!.code, communes[1]!.code]);
    expect(low.slice(0, 2)).toEqual([communes[1]!.code, communes[0]!.code]);
    expect(low).toHaveLength(rank.length);

    const byName = await (await get('/api/export/kpi?format=csv&id=data_reused&sort=name&dir=desc', 'planner')).text();
    const names = byName.split('\r\n').flatMap((l) => (/^\d*;\d{2};/.test(l) ? [l.split(';')[2]!] : []));
    expect(names).toHaveLength(34);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare).reverse());
    const bad = await get('/api/export/kpi?format=csv&id=data_reused&sort=khong_co', 'planner');
    expect(bad.status).toBe(400);

    // the scorecard sorted by its attainment column: the file has the column it is sorted by
    const attainment = await get('/api/export/scorecard?format=csv&sort=attainment', 'planner');
    expect(attainment.status).toBe(200);
    const lines = (await attainment.text()).split('\r\n');
    expect(lines.some((l) => l.includes('Khả năng đạt chỉ tiêu (%)'))).toBe(true);
    expect(lines.some((l) => l.includes('Khả năng đạt chỉ tiêu (%), giảm dần'))).toBe(true);
  });

  it('exports the forecast view: history, forecast, intervals and backtest as /plan shows them', async () => {
    const res = await get(`/api/export/plan?format=xlsx&kpi=${PLAN_KPI}&units=48,52&horizon=6&interval=both`, 'planner');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/filename="du-bao_document_turnaround_mean_48-52_6\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const forecast = await getForecast(app, { kpiId: PLAN_KPI, orgUnitIds: [unit('48').id, unit('52').id], horizon: 6 });
    const values = wb.worksheets.find((w) => w.name.startsWith('Thực tế và dự báo'))!;
    const header = (values.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['Mã', 'Đơn vị', 'Kỳ', 'Loại', 'Thực tế', 'Dự báo (trung vị)', 'Cận dưới 80 %', 'Cận trên 80 %', 'Cận dưới 95 %', 'Cận trên 95 %']);
    const rows = Array.from({ length: values.rowCount - 1 }, (_, i) => (values.getRow(i + 2).values as unknown[]).slice(1));
    for (const [i, code] of ['48', '52'].entries()) {
      const f = forecast.units[i]!;
      expect(f.forecast).toHaveLength(6);
      const own = rows.filter((r) => r[0] === code);
      const ahead = own.filter((r) => r[3] === 'Dự báo');
      expect(ahead.map((r) => r[2])).toEqual(f.forecast.map((p) => periodLabel('month', p.period)));
      expect(ahead.map((r) => [r[5], r[6], r[7], r[8], r[9]])).toEqual(f.forecast.map((p) => [p.mean, p.lo80, p.hi80, p.lo95, p.hi95]));
      const actual = own.filter((r) => r[3] === 'Thực tế');
      expect(actual.at(-1)![4]).toBe(f.history.at(-1)!.value);
    }
    const quality = wb.worksheets.find((w) => w.name.startsWith('Mô hình và kiểm tra ngược'))!;
    const b = forecast.units[0]!.backtest!;
    expect(quality.getCell('A2').value).toBe('48');
    expect([quality.getCell('F2').value, quality.getCell('G2').value, quality.getCell('H2').value]).toEqual([b.mape, b.mase, b.baselineMape]);
    expect(quality.getCell('I2').value).toBeCloseTo(b.coverage80 * 100, 9);
    const about = wb.worksheets[0]!;
    const aboutText = about.getSheetValues().flat().map((v) => (typeof v === 'string' ? v : '')).join(' ');
    for (const words of ['Đà Nẵng (48)', 'Gia Lai (52)', '6 kỳ', '80 % và 95 %', 'Người Hoạch Định', 'phân vị bảo giác']) expect(aboutText).toContain(words);

    const entry = await completedAudit();
    expect(entry).toMatchObject({ principal: `user:hoachdinh.${mode}`, view: 'plan', format: 'xlsx', params: { kpi: PLAN_KPI, units: '48,52', horizon: '6' } });
  });

  it('draws the forecast fan chart and reports it in a Vietnamese PDF; one interval in CSV', async () => {
    const png = await get(`/api/export/plan?format=png&kpi=${PLAN_KPI}&units=48`, 'planner');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(pngSize(new Uint8Array(await png.arrayBuffer()))).toEqual({ width: 1520, height: 760 });
    const pdf = await get(`/api/export/plan?format=pdf&kpi=${PLAN_KPI}&units=48,52&horizon=3`, 'planner');
    const text = (await readPdfText(new Uint8Array(await pdf.arrayBuffer()))).pages.join('\n');
    for (const words of [`Dự báo: ${app.catalogue.get(PLAN_KPI).name.vi}`, 'Mô hình và kiểm tra ngược', 'Cận trên 95 %', 'Khoảng dự báo được hiệu chỉnh theo kiểm tra ngược', 'Bắt đầu dự báo', 'Gia Lai']) expect(text).toContain(words);
    const csv = await (await get(`/api/export/plan?format=csv&kpi=${PLAN_KPI}&units=52&horizon=3&interval=80`, 'planner')).text();
    expect(csv).toContain('Mã;Đơn vị;Kỳ;Loại;Thực tế;Dự báo (trung vị);Cận dưới 80 %;Cận trên 80 %\r\n');
    expect(csv.split('\r\n').filter((l) => l.startsWith('52;Gia Lai;') && l.includes(';Dự báo;'))).toHaveLength(3);
  });

  it('names a bad forecast parameter, and keeps a provincial user to their province', async () => {
    const bad = async (query: string) => ((await (await get(`/api/export/plan?format=csv&${query}`, 'planner')).json()) as { error: { field: string; message: { vi: string } } }).error;
    expect(await bad(`kpi=${PLAN_KPI}&horizon=99`)).toMatchObject({ field: 'horizon', message: { vi: expect.stringContaining('số nguyên từ 1 đến 12') } });
    expect(await bad('units=48,khong')).toMatchObject({ field: 'units', message: { vi: expect.stringContaining('«khong»') } });
    expect(await bad('interval=50')).toMatchObject({ field: 'interval' });
    expect(await bad('kpi=khong_co')).toMatchObject({ field: 'kpi' });

    const own = await get(`/api/export/plan?format=csv&kpi=${PLAN_KPI}`, 'danang');
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('48;Đà Nẵng;');
    const refused = await get(`/api/export/plan?format=csv&kpi=${PLAN_KPI}&units=48,52`, 'danang');
    expect(refused.status).toBe(403);
    const [entry] = await listExportAudit(app.db, { limit: 1 });
    expect(entry).toMatchObject({ principal: `user:canbo.danang.${mode}`, view: 'plan', status: 'refused' });
  });
});
