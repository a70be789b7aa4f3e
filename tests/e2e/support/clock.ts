/**
 * The end-to-end tests' clock. The app server starts its clock at E2E_CLOCK_START (CLOCK_START,
 * server/clock.ts) and every browser context starts at the same instant (the `test` of
 * ./test.ts), so no spec passes or fails by the calendar. Both clocks then run at real speed.
 *
 * The default is a weekday at 10:00 local: far from midnight, so the seconds between the server's
 * start and a spec's look at the clock never move "today".
 */
export const DEFAULT_E2E_CLOCK_START = '2026-11-27T10:00:00+07:00';

/** When playwright.config.ts started the run's clock, on the real clock (ms). */
function clockOrigin(): { start: number; origin: number } {
  const start = Date.parse(process.env.E2E_CLOCK_START ?? DEFAULT_E2E_CLOCK_START);
  const origin = Number(process.env.E2E_CLOCK_ORIGIN ?? Date.now());
  return { start, origin };
}

/** Now, on the run's clock. */
export function e2eNow(): Date {
  const { start, origin } = clockOrigin();
  return new Date(start + (Date.now() - origin));
}

const VN_OFFSET_MS = 7 * 3600_000;

/** Local date (Asia/Ho_Chi_Minh) `daysAgo` days before today on the run's clock, as YYYY-MM-DD. */
export function localDate(daysAgo = 0): string {
  return new Date(e2eNow().getTime() + VN_OFFSET_MS - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/** The first day of last month (local), as YYYY-MM-DD. */
export function lastMonthStart(): string {
  const l = new Date(e2eNow().getTime() + VN_OFFSET_MS);
  return new Date(Date.UTC(l.getUTCFullYear(), l.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
}
