/**
 * The series a batch changed: each row's unit and its ancestors, in the KPI's reporting period
 * (local days and months), each series once however many rows land in it.
 */
import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import { touchedSeries, type WrittenRow } from '../../shared/domain/touchedSeries';
import { NATION_ID, seedTree } from '../helpers/orgUnitFixtures';

const tree = seedTree();
const context = { frequencyOf: (id: string) => kpiCatalogue.byId.get(id)!.frequency, tree };
const province = tree.byCodeOrUndefined('79')!;
const commune = tree.childrenOf(province.id)[0]!;
const otherCommune = tree.childrenOf(province.id)[1]!;
const DAILY = 'dossiers_on_time';
const MONTHLY = 'data_reused';

const key = (s: { kpiId: string; orgUnitId: number; period: Date }) => `${s.kpiId} ${s.orgUnitId} ${s.period.toISOString()}`;

describe('touchedSeries', () => {
  it('a commune row changes its commune, its province and the nation, in the local day that holds it', () => {
    // 23:30 on 19/11 in Viet Nam is 16:30Z: the local day 19/11 starts at 18/11 17:00Z
    const series = touchedSeries([{ kpiId: DAILY, orgUnitId: commune.id, ts: new Date('2026-11-19T16:30:00Z') }], context);
    const day = new Date('2026-11-18T17:00:00Z');
    expect(series).toEqual([
      { kpiId: DAILY, orgUnitId: commune.id, level: 'commune', period: day },
      { kpiId: DAILY, orgUnitId: province.id, level: 'province', period: day },
      { kpiId: DAILY, orgUnitId: NATION_ID, level: 'nation', period: day },
    ]);
  });

  it("a province's own row changes the province and the nation only", () => {
    const series = touchedSeries([{ kpiId: DAILY, orgUnitId: province.id, ts: new Date('2026-11-19T03:00:00Z') }], context);
    expect(series.map((s) => [s.orgUnitId, s.level])).toEqual([
      [province.id, 'province'],
      [NATION_ID, 'nation'],
    ]);
  });

  it('takes the period of the KPI: a monthly KPI puts a month of rows in one series', () => {
    const rows: WrittenRow[] = [2, 15, 28].map((d) => ({ kpiId: MONTHLY, orgUnitId: commune.id, ts: new Date(Date.UTC(2026, 10, d, 3)) }));
    const series = touchedSeries(rows, context);
    expect(series.map((s) => s.period.toISOString())).toEqual(Array(3).fill('2026-10-31T17:00:00.000Z'));
    expect(series).toHaveLength(3);
  });

  it('lists each series once: two communes of one province share the province and the nation', () => {
    const ts = new Date('2026-11-19T03:00:00Z');
    const rows: WrittenRow[] = [
      { kpiId: DAILY, orgUnitId: commune.id, ts },
      { kpiId: DAILY, orgUnitId: otherCommune.id, ts },
      { kpiId: DAILY, orgUnitId: commune.id, ts: new Date(ts.getTime() + 3600_000) },
      { kpiId: MONTHLY, orgUnitId: commune.id, ts },
    ];
    const series = touchedSeries(rows, context);
    const keys = series.map(key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(series.filter((s) => s.kpiId === DAILY).map((s) => s.orgUnitId).sort((a, b) => a - b)).toEqual([NATION_ID, province.id, commune.id, otherCommune.id].sort((a, b) => a - b));
    expect(series.filter((s) => s.kpiId === MONTHLY)).toHaveLength(3);
    // a day apart: two series at every level
    expect(touchedSeries([rows[0]!, { ...rows[0]!, ts: new Date(ts.getTime() + 86_400_000) }], context)).toHaveLength(6);
  });

  it('an empty batch touches nothing', () => {
    expect(touchedSeries([], context)).toEqual([]);
  });
});
