#!/usr/bin/env node
// `npm test`: every test. The linter (ESLint: type-checked rules and the folder boundary; one
// check in the summary), unit and integration tests (vitest; integration in both database
// modes), the calendar sweep (the date-sensitive suites again at several fixed dates), and
// end-to-end tests (Playwright in Debian's Chromium) against a production build.
// Ends with one summary line: "N passed, N failed, N skipped".
//
// The end-to-end run spends most of its time waiting on a browser and one server, so it runs
// beside the vitest runs rather than after them (its lines are prefixed "[e2e]"): on two cores
// that takes a third off the whole. `node scripts/test.mjs <part>` runs one part alone: 'lint',
// 'vitest', 'dates' or 'e2e'.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { ensureBuild, root } from './ensureBuild.mjs';
import { SWEEP_INSTANTS, sweepArgs } from './testDates.mjs';

// Not Playwright's outputDir (test-results/), which it empties when it starts.
const reportsDir = path.join(root, 'test-reports');
fs.mkdirSync(reportsDir, { recursive: true });
const only = process.argv[2];
const wants = (part) => !only || only === part;
const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

/** Runs a command to its end; resolves its exit status. With a prefix, its lines are prefixed. */
function run(command, args, { env = {}, prefix } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    });
    if (prefix) {
      for (const stream of [child.stdout, child.stderr]) {
        readline.createInterface({ input: stream }).on('line', (line) => console.log(`${prefix} ${line}`));
      }
    }
    child.on('close', (status) => resolve(status ?? 1));
  });
}

function record(status) {
  if (status !== 0) exitCode ||= status;
}

async function vitest(name, args, env = {}) {
  const report = path.join(reportsDir, `${name}.json`);
  fs.rmSync(report, { force: true });
  record(await run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${report}`], { env }));
  if (!fs.existsSync(report)) return void (exitCode ||= 1);
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + r.numTodoTests;
}

async function e2e(prefix) {
  const report = path.join(reportsDir, 'playwright.json');
  fs.rmSync(report, { force: true });
  record(await run('npx', ['playwright', 'test', '--reporter=list,json'], { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: report }, prefix }));
  if (!fs.existsSync(report)) return void (exitCode ||= 1);
  const s = JSON.parse(fs.readFileSync(report, 'utf8')).stats;
  totals.passed += s.expected + s.flaky;
  totals.failed += s.unexpected;
  totals.skipped += s.skipped;
}

async function vitestRuns() {
  if (wants('vitest')) await vitest('vitest', []);
  if (wants('dates')) {
    for (const instant of SWEEP_INSTANTS) {
      console.log(`\n[dates] date-sensitive suites at TEST_NOW=${instant.at} (${instant.why})`);
      await vitest(`vitest-${instant.at.slice(0, 16).replace(/:/g, '')}`, sweepArgs(instant), { TEST_NOW: instant.at, TEST_DB_MODES: 'embedded' });
    }
  }
}

// The linter counts as one check: passed when it reports no error (warnings are printed, not
// counted). Its cache (.eslintcache) makes a rerun on unchanged files take seconds. It runs while
// the web app builds (the build blocks this process, not the linter's).
const lint = wants('lint') ? run('npx', ['eslint', '.', '--cache', '--cache-strategy', 'content']) : Promise.resolve(null);
if (wants('e2e')) ensureBuild();
const lintStatus = await lint;
if (lintStatus !== null) {
  if (lintStatus === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    record(lintStatus);
  }
}

await Promise.all([wants('e2e') ? e2e(only ? undefined : '[e2e]') : null, vitestRuns()]);

if (totals.failed > 0) exitCode ||= 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
