/**
 * The demo seed's reports agree with its measurements, in both database modes, on a fixed date
 * (1 December 2026, 10:00 local): every value of a reported period has a report holding the same
 * figures and no report lacks its value, so `/completeness` and the dashboards tell one story —
 * October complete but for a few missing reports, some late, all approved; November arriving,
 * partly in and waiting for approval (provisional), its deadline ahead.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import type { Principal } from '../../server/auth/principal';
import type { ReportInputs } from '../../server/db/queries/reports';
import { validateKpiInputs } from '../../shared/domain/validateKpiInputs';
import { getCompleteness, kpiSet } from '../../server/services/completeness';
import { getCurrentValues } from '../../server/services/kpiValues';
import { countHistoryRows, type HistoryOptions } from '../../seed/history';
import { seedHistory } from '../../seed/seedDatabase';
import { availableModes, kpiCatalogue, openTestApp } from '../helpers/testDb';

const NOW = new Date('2026-12-01T10:00:00+07:00');
const OCTOBER = new Date('2026-10-01T00:00:00+07:00');
const NOVEMBER = new Date('2026-11-01T00:00:00+07:00');
const SEEDED = ['01', '79'];

describe.each(await availableModes())('seeded demo reports (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  let options: HistoryOptions;
  let written = 0;
  const admin = (): Principal => ({ kind: 'user', name: 'user:quantri', scopeUnitId: app.orgUnits().nation.id, role: 'admin' });
  const province = (code: string) => app.orgUnits().byCodeOrUndefined(code)!;

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    const kpiIds = [...kpiSet(app, 'monthly', 'commune'), ...kpiSet(app, 'monthly', 'province')].map((k) => k.id);
    options = { now: NOW, months: 3, provinceCodes: SEEDED, kpiIds, reports: true };
    written = await seedHistory(app.db, kpiCatalogue, app.orgUnits(), options);
  });
  afterAll(async () => {
    await close?.();
  });

  it('writes as many values as it announces, fewer than without reports (the missing ones)', () => {
    expect(written).toBe(countHistoryRows(kpiCatalogue, app.orgUnits(), options));
    expect(written).toBeLessThan(countHistoryRows(kpiCatalogue, app.orgUnits(), { ...options, reports: false }));
  });

  it('gives every value of a reported period a report with the same figures, and every report its value', async () => {
    const pairs = await app.db.query<{ kpi_id: string; inputs: ReportInputs | null; num: number | null; den: number | null }>(
      `SELECT COALESCE(r.kpi_id, m.kpi_id) AS kpi_id, r.inputs, m.num, m.den
       FROM (SELECT * FROM report) r
       FULL JOIN (SELECT * FROM measurement WHERE ts >= $1) m
         ON m.kpi_id = r.kpi_id AND m.org_unit_id = r.org_unit_id AND m.ts = r.period_start`,
      [new Date('2026-09-01T00:00:00+07:00')],
    );
    expect(pairs.length).toBeGreaterThan(3 * 34);
    for (const p of pairs) {
      expect(p.inputs, `a value of ${p.kpi_id} without its report`).not.toBeNull();
      expect(p.num, `a report of ${p.kpi_id} without its value`).not.toBeNull();
      const kpi = app.catalogue.measured.find((k) => k.id === p.kpi_id)!;
      // the inputs pass the form's own validation and give the stored parts
      const checked = validateKpiInputs(kpi, p.inputs!);
      expect(checked.errors).toEqual([]);
      expect(checked.parts!.num).toBeCloseTo(p.num!, 6);
      expect(checked.parts!.den).toBeCloseTo(p.den!, 6);
    }
  });

  it('shows October on /completeness as the dashboards have it: nearly every report in, some late, a few missing, all approved', async () => {
    const october = await getCompleteness(app, admin(), { frequency: 'monthly', level: 'commune', period: OCTOBER, now: NOW });
    const kpiIds = october.kpis.map((k) => k.id);
    for (const code of SEEDED) {
      const p = october.provinces.find((x) => x.code === code)!;
      const [values] = await app.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM measurement WHERE ts = $1 AND province_id = $2 AND kpi_id = ANY($3::text[])',
        [OCTOBER, p.id, kpiIds],
      );
      expect(p.submitted, code).toBe(values!.n);
      expect(p.reportingRate!, code).toBeGreaterThan(0.9);
      expect(p.missing, code).toBeGreaterThan(0);
      expect(p.late, code).toBeGreaterThan(0);
      expect(p.onTime, code).toBeGreaterThan(p.late);
    }
    // the provinces not seeded have neither values nor reports
    expect(october.provinces.find((x) => x.code === '96')).toMatchObject({ submitted: 0 });
    const [statuses] = await app.db.query<{ approved: number; waiting: number }>(
      `SELECT count(*) FILTER (WHERE status = 'approved')::int AS approved, count(*) FILTER (WHERE status <> 'approved')::int AS waiting FROM report WHERE period_start = $1`,
      [OCTOBER],
    );
    expect(statuses).toMatchObject({ approved: expect.any(Number), waiting: 0 });
    expect(statuses!.approved).toBeGreaterThan(0);
    // each report's history: submitted by its unit, then approved by its province
    const [events] = await app.db.query<{ submits: number; approves: number; reports: number }>(
      `SELECT count(*) FILTER (WHERE e.action = 'submit')::int AS submits, count(*) FILTER (WHERE e.action = 'approve')::int AS approves,
              count(DISTINCT r.id)::int AS reports
       FROM report r JOIN report_event e ON e.report_id = r.id WHERE r.period_start = $1`,
      [OCTOBER],
    );
    expect(events).toEqual({ submits: events!.reports, approves: events!.reports, reports: statuses!.approved });
  });

  it('shows November arriving: partly in and waiting for approval, provisional on the dashboards, its deadline ahead', async () => {
    const hanoi = province('01');
    const november = await getCompleteness(app, admin(), { frequency: 'monthly', level: 'commune', period: NOVEMBER, provinceId: hanoi.id, now: NOW });
    const p = november.provinces.find((x) => x.code === '01')!;
    expect(p.submitted).toBeGreaterThan(0);
    expect(p.missing).toBeGreaterThan(p.submitted);
    expect(p.late).toBe(0);
    expect(november.units.find((u) => u.missing > 0)!.daysToDeadline).toBeGreaterThan(0);
    const [waiting] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM report WHERE period_start = $1 AND status = 'submitted'`, [NOVEMBER]);
    expect(waiting!.n).toBeGreaterThan(0);

    // the dashboard's value for Hà Nội is made of exactly the communes whose report is in
    const [snapshot] = await getCurrentValues(app, { orgUnitId: hanoi.id, kpiIds: ['data_reused'], asOf: NOW });
    const [reported] = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM report r JOIN org_unit u ON u.id = r.org_unit_id WHERE r.kpi_id = 'data_reused' AND r.period_start = $1 AND u.province_id = $2`,
      [NOVEMBER, hanoi.id],
    );
    expect(snapshot).toMatchObject({ period: NOVEMBER, reportingUnits: reported!.n, provisional: true });
  });
});
