/**
 * Tết in daily forecasts: the table of real dates, and a daily series whose dip falls on each
 * year's real mùng 1 Tết gets the dip forecast on the next Tết's real days (17/02/2026), not on the
 * calendar days of the last one (29/01) as a fixed yearly season would put it.
 */
import { describe, expect, it } from 'vitest';
import { forecastSeries } from '../../server/forecast/forecastSeries';
import { tetDay, tetDaysBetween } from '../../server/forecast/tetDates';
import { TRANSFORMS } from '../../server/forecast/transforms';
import { prng } from '../../seed/random';
import { addPeriods, periodLabel } from '../../shared/domain/periods';

const DAY_MS = 86_400_000;
/** local midnight of a local date */
const local = (date: string) => new Date(Date.parse(`${date}T00:00:00+07:00`));

describe('Tết dates', () => {
  it('holds the real mùng 1 Tết of each year, as local midnights', () => {
    expect(tetDay(2024)).toEqual(local('2024-02-10'));
    expect(tetDay(2025)).toEqual(local('2025-01-29'));
    expect(tetDay(2026)).toEqual(local('2026-02-17'));
    expect(tetDay(2027)).toEqual(local('2027-02-06'));
    expect(tetDay(2014)).toBeNull();
    expect(tetDaysBetween(local('2023-01-01'), local('2026-01-01'))).toEqual([local('2023-01-22'), local('2024-02-10'), local('2025-01-29')]);
    // always between 21 January and 20 February
    for (let y = 2015; y <= 2035; y++) {
      const l = periodLabel('day', tetDay(y)!);
      expect(l, String(y)).toMatch(/^(2[1-9]|3[01])\/01|^(0[1-9]|1\d|20)\/02/);
    }
  });
});

describe('a daily series with Tết', () => {
  it('gets the Tết dip forecast on the real days of the next Tết', () => {
    const random = prng(7);
    const start = local('2023-01-01');
    const end = local('2025-12-01'); // history up to 30/11/2025; 90 days ahead reach 28/02/2026
    const periods: Date[] = [];
    for (let d = start; d < end; d = addPeriods(d, 'day', 1)) periods.push(d);
    const tets = tetDaysBetween(start, local('2027-01-01'));
    // a percentage around 85 %, slowly improving, a weekly rhythm, and 25 points lower around Tết:
    // from three days before mùng 1 to six days after
    const dip = (d: Date) => tets.some((t) => (d.getTime() - t.getTime()) / DAY_MS >= -3 && (d.getTime() - t.getTime()) / DAY_MS <= 6);
    const values = periods.map((d, i) => 85 + 0.002 * i + (d.getUTCDay() === 6 ? -3 : 0) - (dip(d) ? 25 : 0) + 1.5 * (random() - 0.5));

    const r = forecastSeries({ frequency: 'daily', periods, values, transform: TRANSFORMS.logit, horizon: 90 });
    expect(r.verdict).toBe('ok');
    expect(r.model!.tet).toBe(true);
    expect(r.model!.id).not.toBe('seasonal_naive');
    const at = (date: string) => r.forecast.find((f) => f.period.getTime() === local(date).getTime())!;
    const normal = at('2026-02-05').mean;
    // Tết 2026: mùng 1 is 17/02
    for (const day of ['2026-02-15', '2026-02-17', '2026-02-20', '2026-02-23']) {
      expect(at(day).mean, day).toBeLessThan(normal - 15);
    }
    // and not on last year's calendar days (Tết 2025 was 29/01), nor right after the window
    for (const day of ['2026-01-27', '2026-01-29', '2026-02-01', '2026-02-27']) {
      expect(Math.abs(at(day).mean - normal), day).toBeLessThan(6);
    }
  });
});
