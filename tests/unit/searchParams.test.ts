/** The URL state parsers read the same on the server (loaders) as in the browser, and kiosk links keep the bare flag. */
import { describe, expect, it } from 'vitest';
import { withKiosk } from '../../components/layout/useKiosk';
import { loadAlertsParams, loadKpiParams, loadOverviewParams, loadProvinceParams } from '../../components/navigation/searchParams';

describe('URL state loaders (server components)', () => {
  it('reads ?kpi= with the overview default', () => {
    expect(loadOverviewParams(new URLSearchParams('kpi=dossiers_on_time')).kpi).toBe('dossiers_on_time');
    expect(loadOverviewParams(new URLSearchParams('')).kpi).toBe('service_index');
  });

  it('reads a page’s own keys and refuses values outside their list', () => {
    expect(loadProvinceParams({ kpi: 'citizen_satisfaction', ckpi: 'x', range: '7d' })).toEqual({ kpi: 'citizen_satisfaction', ckpi: 'x', range: '7d', from: null, to: null });
    expect(loadKpiParams(new URLSearchParams('sort=value&dir=sideways&range=99y'))).toEqual({ sort: 'value', dir: null, range: null, from: null, to: null });
    expect(loadAlertsParams(new URLSearchParams('kind=outlier&page=3')).page).toBe(3);
    expect(loadAlertsParams(new URLSearchParams('kind=nonsense')).kind).toBeNull();
    expect(loadAlertsParams(new URLSearchParams('')).page).toBe(1);
  });
});

describe('withKiosk', () => {
  const kiosk = { on: true, query: 'kiosk&playlist=%2F%7C%2Fscorecard&interval=10' };

  it('keeps the kiosk keys, the flag bare, after the link’s own query', () => {
    expect(withKiosk('/province/79?kpi=x', kiosk)).toBe('/province/79?kpi=x&kiosk&playlist=%2F%7C%2Fscorecard&interval=10');
    expect(withKiosk('/scorecard', { on: true, query: 'kiosk' })).toBe('/scorecard?kiosk');
  });

  it('leaves links alone off kiosk mode', () => {
    expect(withKiosk('/province/79', { on: false, query: '' })).toBe('/province/79');
  });
});
