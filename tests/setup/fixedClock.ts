/**
 * Every test process runs on a fixed clock, so no test passes or fails by the calendar.
 *
 * `Date` is frozen at TEST_NOW (tests/helpers/clock.ts). The code under test reads "now" through
 * `new Date()` / `Date.now()` or takes it as a parameter; both see this instant. The calendar
 * sweep (`npm test` runs it; `node scripts/test.mjs dates` alone) runs the date-sensitive suites
 * again at month ends, quarter ends, Tết, 29 February and 31 December 23:59 local.
 *
 * The database never decides "now" for a value the app compares with its own clock: such
 * timestamps are passed in as parameters, so this frozen clock reaches them too.
 */
import { resetTestClock } from '../helpers/clock';

resetTestClock();
