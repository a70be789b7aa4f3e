/** The CSV dialects and the publication clock, without a database. */
import { describe, expect, it } from 'vitest';
import { kpiCatalogue } from '../../kpi-definitions';
import { latestPublishedPeriod, OPEN_LICENCE, type OpenValuesTable } from '../../server/services/openData';
import { formatPeriod } from '../../shared/domain/parsePeriod';
import { OpenDataCache } from '../../server/services/openDataCache';
import { openValuesCsv } from '../../server/services/openDataFiles';
import type { OrgUnitTree } from '../../shared/domain/orgUnitTree';

const kpi = kpiCatalogue.get('procedures_published_full');
const table = {
  kpi: { id: kpi.id, unit: kpi.unit, decimals: kpi.decimals },
  rows: [
    { unitCode: '01', unitName: 'Hà Nội; "thủ đô"', level: 'province', period: '2026-10', value: 87.25, status: 'published' },
    { unitCode: '79', unitName: 'Hồ Chí Minh', level: 'province', period: '2026-10', value: null, status: 'pending_approval' },
  ],
  licence: OPEN_LICENCE,
} as unknown as OpenValuesTable;

describe('openValuesCsv', () => {
  it('writes ";" and decimal commas for Excel under Vietnamese settings, quoting what needs it', () => {
    const lines = openValuesCsv(table, 'semicolon', 'vi').split('\r\n');
    expect(lines[0]!.startsWith('\uFEFFMã chỉ số;Mã đơn vị;')).toBe(true);
    expect(lines[1]).toBe(`${kpi.id};01;"Hà Nội; ""thủ đô""";Tỉnh, thành phố;2026-10;87,25;phần trăm (%);đã công bố;Trung tâm điều hành chỉ số quốc gia Liên Thông — CC BY 4.0`);
    expect(lines[2]).toContain(';2026-10;;phần trăm (%);chờ phê duyệt;');
    expect(lines[3]).toBe('');
  });

  it('writes RFC 4180 with a decimal point for programs', () => {
    const lines = openValuesCsv(table, 'comma', 'en').split('\r\n');
    expect(lines[1]).toBe(`${kpi.id},01,"Hà Nội; ""thủ đô""",Province,2026-10,87.25,percent (%),published,Liên Thông national KPI control room — CC BY 4.0`);
  });
});

describe('openValuesCsv against spreadsheet formulas', () => {
  it('escapes text a spreadsheet would run as a formula; numbers, negative ones too, stay numbers', () => {
    const hostile = {
      ...table,
      rows: [{ unitCode: 'X01001', unitName: '=HYPERLINK("http://x","y")', level: 'commune', period: '2026-10', value: -1.5, status: 'published' }],
    } as unknown as OpenValuesTable;
    const [, row] = openValuesCsv(hostile, 'semicolon', 'vi').split('\r\n');
    expect(row).toContain(`;"'=HYPERLINK(""http://x"",""y"")";`);
    expect(row).toContain(';-1,5;');
  });
});

describe('OpenDataCache', () => {
  const tree = {} as OrgUnitTree;
  const tableOf = (rows: number) => ({ rows: Array.from({ length: rows }) }) as unknown as OpenValuesTable;

  it('keeps an answer while the data version holds, and computes again when it moves', async () => {
    const cache = new OpenDataCache();
    let computed = 0;
    const compute = () => (computed++, Promise.resolve(tableOf(1)));
    await cache.get('k', 'v1', tree, compute);
    await cache.get('k', 'v1', tree, compute);
    expect(computed).toBe(1);
    await cache.get('k', 'v2', tree, compute);
    expect(computed).toBe(2);
  });

  it('drops the oldest tables once the rows kept pass the bound, keeping the newest', async () => {
    const cache = new OpenDataCache(200, 25_000);
    let computed = 0;
    const compute = () => (computed++, Promise.resolve(tableOf(10_000)));
    for (const key of ['a', 'b', 'c']) await cache.get(key, 'v', tree, compute);
    expect(computed).toBe(3);
    await cache.get('c', 'v', tree, compute); // newest: kept
    await cache.get('b', 'v', tree, compute); // within the bound: kept
    expect(computed).toBe(3);
    await cache.get('a', 'v', tree, compute); // the oldest went when c arrived
    expect(computed).toBe(4);
  });
});

describe('latestPublishedPeriod', () => {
  const at = (iso: string) => new Date(iso);
  it('is the newest period whose reporting deadline has passed', () => {
    // monthly, 10 days: October is due at the start of 11/11 local time
    expect(formatPeriod('month', latestPublishedPeriod(kpi, 'month', at('2026-11-10T23:59:00+07:00')))).toBe('2026-09');
    expect(formatPeriod('month', latestPublishedPeriod(kpi, 'month', at('2026-11-11T00:00:00+07:00')))).toBe('2026-10');
    // daily, 1 day: 26/11 is due at the end of 27/11
    const daily = kpiCatalogue.get('dossiers_on_time');
    expect(formatPeriod('day', latestPublishedPeriod(daily, 'day', at('2026-11-27T23:00:00+07:00')))).toBe('2026-11-25');
    expect(formatPeriod('day', latestPublishedPeriod(daily, 'day', at('2026-11-28T00:00:00+07:00')))).toBe('2026-11-26');
    // a daily KPI by month: November is out once 01/12 has passed too
    expect(formatPeriod('month', latestPublishedPeriod(daily, 'month', at('2026-12-02T00:00:00+07:00')))).toBe('2026-11');
  });
});
