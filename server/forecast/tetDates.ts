/**
 * Tết Nguyên Đán: mùng 1 tháng Giêng, the first day of the Vietnamese lunar year, as local dates.
 *
 * Source: the Vietnamese lunar calendar computed for the UTC+7 meridian by Hồ Ngọc Đức's
 * astronomical algorithms ("Âm lịch Việt Nam", the reference behind most Vietnamese calendar
 * software), which is also what the Government's holiday notices follow. Vietnam's and China's new
 * year coincide in every year of this table (they differ in 1985 and 2007, when the new moon fell
 * between 23:00 and 24:00 Beijing time); a year outside it has no Tết effect here, and the model
 * says so (`ForecastModel.tet` is false when no Tết of the history or horizon is known).
 */
import { VN_OFFSET_MS } from '../../shared/domain/periods';

export const TET_DATES: Readonly<Record<number, string>> = {
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
  2032: '2032-02-11',
  2033: '2033-01-31',
  2034: '2034-02-19',
  2035: '2035-02-08',
};

export const TET_FIRST_YEAR = 2015;
export const TET_LAST_YEAR = 2035;

/** Local midnight (Asia/Ho_Chi_Minh) of mùng 1 Tết in a Gregorian year, or null outside the table. */
export function tetDay(year: number): Date | null {
  const date = TET_DATES[year];
  return date ? new Date(Date.parse(`${date}T00:00:00Z`) - VN_OFFSET_MS) : null;
}

/** Every Tết whose local midnight lies in [from, to). */
export function tetDaysBetween(from: Date, to: Date): Date[] {
  const out: Date[] = [];
  for (let year = TET_FIRST_YEAR; year <= TET_LAST_YEAR; year++) {
    const day = tetDay(year)!;
    if (day >= from && day < to) out.push(day);
  }
  return out;
}
