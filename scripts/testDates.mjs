// The calendar sweep: the date-sensitive suites again, each at instants where date arithmetic
// breaks if it is going to (month and quarter ends, the year's last minute, Tết, 29 February).
// Every vitest process freezes `Date` at TEST_NOW (tests/setup/fixedClock.ts), so these runs are
// as repeatable as the main one. Integration suites run on the embedded database only here: the
// SQL is the same in both modes and the main run covers the server.
export const SWEEP_INSTANTS = [
  '2026-11-30T23:59:00+07:00', // last minute of a 30-day month
  '2026-12-31T23:59:00+07:00', // last minute of a quarter and a year
  '2027-01-01T00:00:00+07:00', // first instant of a year: "now" is itself a period start
  '2027-02-06T09:00:00+07:00', // Tết Nguyên Đán 2027
  '2027-03-31T23:59:00+07:00', // quarter end after February
  '2028-02-29T12:00:00+07:00', // leap day
];

/** Suites whose outcome depends on "now": they read the clock or build data relative to it. */
export const DATE_SENSITIVE_SUITES = [
  'tests/unit',
  'tests/integration/seedHistory.test.ts',
  'tests/integration/completeness.test.ts',
  'tests/integration/reports.test.ts',
  'tests/integration/scorecard.test.ts',
  'tests/integration/ingestion.test.ts',
  'tests/integration/bulkReports.test.ts',
  'tests/integration/scope.test.ts',
];

/** Volume tests (tens of thousands of rows) are about throughput, not dates: the sweep leaves them out. */
export const SWEEP_TEST_NAME_FILTER = '^(?!.*(100,000|50,000)).*$';
