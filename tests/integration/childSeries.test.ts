/**
 * The batched read of every child's series (getChildSeries, the forecast's loadChildHistories) is
 * each child's own getSeries, in both database modes — above all for the composite index, whose
 * components are read for all 34 provinces at once and scored per child and period: monthly, and
 * daily with a monthly component held until its next report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../server/appContext';
import { loadChildHistories, loadHistory } from '../../server/forecast/seriesHistory';
import { getChildSeries, getSeries } from '../../server/services/kpiValues';
import { seedHistory } from '../../seed/seedDatabase';
import { addPeriods, periodStart } from '../../shared/domain/periods';
import { TEST_NOW } from '../helpers/clock';
import { availableModes, kpiCatalogue, openTestApp } from '../helpers/testDb';

const SEEDED = ['01', '79'];
/** a monthly, a daily and a commune-level monthly component of the index, in three groups */
const COMPONENTS = ['procedures_published_full', 'dossiers_on_time', 'data_reused'];

describe.each(await availableModes())('children\'s series in one read (%s)', (mode) => {
  let app: AppContext;
  let close: () => Promise<void>;
  const id = (code: string) => app.orgUnits().byCodeOrUndefined(code)!.id;
  const index = () => kpiCatalogue.get('service_index');

  beforeAll(async () => {
    ({ app, close } = await openTestApp(mode));
    await seedHistory(app.db, kpiCatalogue, app.orgUnits(), { now: TEST_NOW, months: 4, provinceCodes: SEEDED, kpiIds: COMPONENTS });
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  it('gives each province the composite index history its own series has', async () => {
    const all = await loadChildHistories(app, index(), app.orgUnits().nation, 'monthly', TEST_NOW);
    expect(all!.size).toBe(34);
    for (const code of [...SEEDED, '92']) expect(all!.get(id(code))).toEqual(await loadHistory(app, index(), id(code), 'monthly', TEST_NOW));
    expect(all!.get(id('01'))!.history.length).toBeGreaterThanOrEqual(4);
    expect(all!.get(id('92'))!.history).toEqual([]);
  });

  it('gives each commune of a province its own composite history', async () => {
    const communes = await loadChildHistories(app, index(), app.orgUnits().get(id('79')), 'monthly', TEST_NOW);
    for (const commune of app.orgUnits().childrenOf(id('79')).slice(0, 2)) {
      expect(communes!.get(commune.id)).toEqual(await loadHistory(app, index(), commune.id, 'monthly', TEST_NOW));
    }
  });

  it('holds a monthly component in a daily index per child as getSeries does', async () => {
    const to = addPeriods(periodStart('day', TEST_NOW), 'day', 1);
    const q = { kpiId: 'service_index', from: addPeriods(to, 'day', -45), to, resolution: 'day' as const };
    const all = await getChildSeries(app, { ...q, parentId: app.orgUnits().nation.id });
    for (const code of SEEDED) {
      const own = await getSeries(app, { ...q, orgUnitId: id(code) });
      expect(own.length).toBeGreaterThan(30);
      expect(all.get(id(code))).toEqual(own);
    }
  });
});
