#!/usr/bin/env node
// `npm test`: every test. The linter (ESLint: type-checked rules and the folder boundary; one
// check in the summary), unit and integration tests (vitest; integration in both database
// modes), the calendar sweep (the date-sensitive suites again at several fixed dates), then
// end-to-end tests (Playwright in Debian's Chromium) against a production build.
// Ends with one summary line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureBuild, root } from './ensureBuild.mjs';
import { DATE_SENSITIVE_SUITES, SWEEP_INSTANTS, SWEEP_TEST_NAME_FILTER } from './testDates.mjs';

const resultsDir = path.join(root, 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });
const only = process.argv[2]; // optional: 'lint', 'vitest', 'dates' or 'e2e'
const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) exitCode = result.status ?? 1;
}

function vitest(name, args, env = {}) {
  const report = path.join(resultsDir, `${name}.json`);
  fs.rmSync(report, { force: true });
  run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${report}`], env);
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } else exitCode ||= 1;
}

// The linter counts as one check: passed when it reports no error (warnings are printed, not
// counted). Its cache (.eslintcache) makes a rerun on unchanged files take seconds.
if (!only || only === 'lint') {
  const lint = spawnSync('npx', ['eslint', '.', '--cache', '--cache-strategy', 'content'], { cwd: root, stdio: 'inherit' });
  if (lint.status === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    exitCode ||= lint.status ?? 1;
  }
}

if (!only || only === 'vitest') vitest('vitest', []);

if (!only || only === 'dates') {
  for (const instant of SWEEP_INSTANTS) {
    console.log(`\n[dates] date-sensitive suites at TEST_NOW=${instant}`);
    vitest(`vitest-${instant.slice(0, 16).replace(/:/g, '')}`, [...DATE_SENSITIVE_SUITES, '-t', SWEEP_TEST_NAME_FILTER], { TEST_NOW: instant, TEST_DB_MODES: 'embedded' });
  }
}

if (!only || only === 'e2e') {
  ensureBuild();
  const report = path.join(resultsDir, 'playwright.json');
  fs.rmSync(report, { force: true });
  run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  if (fs.existsSync(report)) {
    const s = JSON.parse(fs.readFileSync(report, 'utf8')).stats;
    totals.passed += s.expected + s.flaky;
    totals.failed += s.unexpected;
    totals.skipped += s.skipped;
  } else exitCode ||= 1;
}

if (totals.failed > 0) exitCode ||= 1;
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
