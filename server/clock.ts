/**
 * The app's one clock. Every "now" the server decides with (current periods, deadlines, date
 * windows, session expiry, what the simulator writes, alert evaluation) comes from here, and is
 * passed to SQL as a parameter: the database's own now() never decides a value the app compares
 * with this clock.
 *
 * CLOCK_START (an ISO instant with a zone) starts the clock at that instant when the process
 * starts; from there it runs at real speed. End-to-end tests use it (with their browsers on the
 * same clock) so that they do not pass or fail by the calendar. Unset: real time.
 *
 * The offset lives on globalThis: Next bundles app/ code apart from the custom server's modules,
 * and both must read one clock.
 */
import { env } from './env';

const holder = globalThis as typeof globalThis & { __lienthongClockOffsetMs?: number };

holder.__lienthongClockOffsetMs ??= env.CLOCK_START ? env.CLOCK_START.getTime() - Date.now() : 0;

/** The current instant on the app's clock. */
export function appNow(): Date {
  return new Date(Date.now() + holder.__lienthongClockOffsetMs!);
}

/**
 * ms since the epoch on the real clock, whatever CLOCK_START says (and in tests, where Date is
 * frozen): for instants compared across processes on one machine (a commit, a frame's version).
 */
export function realNowMs(): number {
  return performance.timeOrigin + performance.now();
}
