/** Which page requests the custom server answers with a 404: unknown provinces, communes and KPIs. */
import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import { pageNamesNothing } from '../../server/http/pageNamesNothing';
import { seedTree } from '../helpers/orgUnitFixtures';

const tree = seedTree();
const app = { catalogue: kpiCatalogue, orgUnits: () => tree };
const get = (url: string, headers: Record<string, string> = {}) => pageNamesNothing(app, { method: 'GET', url, headers });

describe('pageNamesNothing', () => {
  it('is true for a province, commune or KPI that does not exist', () => {
    expect(get('/province/99')).toBe(true);
    expect(get('/commune/X99001')).toBe(true);
    expect(get('/kpi/no_such_kpi')).toBe(true);
    expect(get('/kpi/no_such_kpi?range=7d')).toBe(true);
    expect(get('/du-lieu-mo/no_such_kpi')).toBe(true);
    expect(get('/province/%E0%A4%A')).toBe(true);
  });

  it('is true for a report id that is no number; a numeric one is left to the page (it knows the reader)', () => {
    expect(get('/reports/abc')).toBe(true);
    expect(get('/reports/12')).toBe(false);
  });

  it('is false for known ones, with or without a query', () => {
    expect(get('/province/79')).toBe(false);
    expect(get('/province/79?kiosk&range=7d')).toBe(false);
    expect(get('/commune/X79001')).toBe(false);
    expect(get('/kpi/dossiers_on_time')).toBe(false);
    expect(get('/du-lieu-mo/dossiers_on_time')).toBe(false);
    expect(get('/du-lieu-mo')).toBe(false);
  });

  it("leaves a known unit of another level to the page's own hint (it links to the right page)", () => {
    expect(get('/province/X79001')).toBe(false);
    expect(get('/commune/79')).toBe(false);
  });

  it('leaves other paths, other methods and client-side navigations (RSC requests) to Next.js', () => {
    expect(get('/')).toBe(false);
    expect(get('/province')).toBe(false);
    expect(get('/province/99', { rsc: '1' })).toBe(false);
    expect(pageNamesNothing(app, { method: 'POST', url: '/province/99', headers: {} })).toBe(false);
  });
});
