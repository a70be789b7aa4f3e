/**
 * The one "now" of a test process: TEST_NOW (an ISO instant with a zone), by default a weekday in
 * late November 2026. tests/setup/fixedClock.ts freezes `Date` at it before any test file loads.
 */
import { vi } from 'vitest';

const DEFAULT_TEST_NOW = '2026-11-27T10:00:00+07:00';

function readTestNow(): Date {
  const raw = process.env.TEST_NOW ?? DEFAULT_TEST_NOW;
  const instant = new Date(raw);
  if (Number.isNaN(instant.getTime()) || !/(Z|[+-]\d\d:\d\d)$/.test(raw)) {
    throw new Error(`TEST_NOW must be an ISO instant with a zone, e.g. ${DEFAULT_TEST_NOW}; got "${raw}"`);
  }
  return instant;
}

export const TEST_NOW: Date = readTestNow();

/** Freezes `Date` (only `Date`: timers and the event loop stay real) at TEST_NOW again. */
export function resetTestClock(): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(TEST_NOW);
}
