/**
 * The app's one clock. Every "now" the server decides with (current periods, deadlines, date
 * windows, session expiry, what the simulator writes, alert evaluation) comes from here, and is
 * passed to SQL as a parameter: the database's own now() never decides a value the app compares
 * with this clock.
 *
 * CLOCK_START (an ISO instant with a zone) starts the clock at that instant when the process
 * starts; from there it runs at real speed. End-to-end tests use it so that they do not pass or
 * fail by the calendar; a control room can rehearse a given day with it. Unset: real time.
 *
 * The offset lives on globalThis: Next bundles app/ code apart from the custom server's modules,
 * and both must read one clock.
 */
const holder = globalThis as typeof globalThis & { __lienthongClockOffsetMs?: number };

function readOffset(): number {
  const raw = process.env.CLOCK_START;
  if (!raw) return 0;
  const start = new Date(raw);
  if (Number.isNaN(start.getTime()) || !/(Z|[+-]\d\d:\d\d)$/.test(raw)) {
    throw new Error(`Invalid configuration: CLOCK_START must be an ISO instant with a zone, e.g. 2026-11-27T10:00:00+07:00; got "${raw}"`);
  }
  return start.getTime() - Date.now();
}

holder.__lienthongClockOffsetMs ??= readOffset();

/** The current instant on the app's clock. */
export function now(): Date {
  return new Date(Date.now() + holder.__lienthongClockOffsetMs!);
}
