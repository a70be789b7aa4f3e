// The calendar sweep: the date-sensitive suites again, each at instants where date arithmetic
// breaks if it is going to (month and quarter ends, the year's last minute, Tết, 29 February).
// Every vitest process freezes `Date` at TEST_NOW (tests/setup/fixedClock.ts), so these runs are
// as repeatable as the main one. Integration suites run on the embedded database only here: the
// SQL is the same in both modes and the main run covers the server.
//
// What runs where is chosen for the time it costs (the sweep was a third of `npm test`): the unit
// suites, whose date arithmetic is the subject, at every instant; the integration suites, which
// store and read periods through the same arithmetic, at the four instants where a period's
// storage or reading differs (a 30-day month's end, the year's end, a period's first instant, the
// leap day). Tết and the quarter after February are the forecast's and the periods' unit tests'.

/** @typedef {{ at: string, why: string, integration: boolean }} SweepInstant */

/** @type {SweepInstant[]} */
export const SWEEP_INSTANTS = [
  { at: '2026-11-30T23:59:00+07:00', why: 'last minute of a 30-day month', integration: true },
  { at: '2026-12-31T23:59:00+07:00', why: 'last minute of a quarter and a year', integration: true },
  { at: '2027-01-01T00:00:00+07:00', why: 'first instant of a year: "now" is itself a period start', integration: true },
  { at: '2027-02-06T09:00:00+07:00', why: 'Tết Nguyên Đán 2027', integration: false },
  { at: '2027-03-31T23:59:00+07:00', why: 'quarter end after February', integration: false },
  { at: '2028-02-29T12:00:00+07:00', why: 'leap day', integration: true },
];

export const DATE_SENSITIVE_UNIT_SUITES = ['tests/unit'];

/**
 * Unit suites that never read "now" (each takes its own fixed instant or none) and cost the most:
 * the sweep leaves them out. ESLint's boundary rules, the forecast engine on synthetic series,
 * the export writers (the generation time is a parameter), the outlier rule on a seeded history
 * built at its own fixed clock.
 */
export const SWEEP_EXCLUDED_UNIT_SUITES = [
  'tests/unit/lintBoundaries.test.ts',
  'tests/unit/forecastEngine.test.ts',
  'tests/unit/exportWriters.test.ts',
  'tests/unit/outliers.test.ts',
];

/** Integration suites whose outcome depends on "now": they read the clock or build data relative to it. */
export const DATE_SENSITIVE_INTEGRATION_SUITES = [
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

/** The vitest arguments of the sweep's run at one instant. */
export function sweepArgs(instant) {
  return [
    ...DATE_SENSITIVE_UNIT_SUITES,
    ...(instant.integration ? DATE_SENSITIVE_INTEGRATION_SUITES : []),
    ...SWEEP_EXCLUDED_UNIT_SUITES.flatMap((suite) => ['--exclude', suite]),
    '-t',
    SWEEP_TEST_NAME_FILTER,
  ];
}
