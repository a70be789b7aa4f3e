/**
 * Prints how often the outlier rule flags ordinary values of the seeded history (false positives)
 * and how often it finds a genuine outlier (a unit's newest value made 5× or ⅕ of itself).
 *   npx tsx bench/outlierFalsePositives.ts [YYYY-MM-DD] [province codes, comma-separated]
 */
import { measureOutlierRate, tallyRate, type Tally } from '../tests/helpers/outlierRate';

const now = new Date(`${process.argv[2] ?? '2026-12-01'}T10:00:00+07:00`);
const provinceCodes = process.argv[3]?.split(',');
const r = measureOutlierRate({ now, provinceCodes });
const line = (name: string, t: Tally) => console.log(`${name.padEnd(34)} ${String(t.flagged).padStart(6)} / ${String(t.tested).padStart(6)}  ${(100 * tallyRate(t)).toFixed(2)} %`);
console.log(`seeded history of 24 months to ${now.toISOString()}, provinces ${provinceCodes?.join(',') ?? '01,79,14'} and their communes`);
line('ordinary values flagged', r.ordinary);
line('  daily (against 30 days)', r.byFrequency.daily);
line('  monthly (against 12 months)', r.byFrequency.monthly);
line('  quarterly (against 8 quarters)', r.byFrequency.quarterly);
line("  each unit's newest value", r.newest);
line('5× the newest value found', r.fiveTimes);
line('⅕ of the newest value found', r.fifth);
