#!/usr/bin/env node
// `npm test`: every test. Unit and integration tests (vitest; integration in both database
// modes), then end-to-end tests (Playwright in Debian's Chromium) against a production build.
// Ends with one summary line: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureBuild, root } from './ensureBuild.mjs';

const resultsDir = path.join(root, 'test-results');
fs.mkdirSync(resultsDir, { recursive: true });
const only = process.argv[2]; // optional: 'vitest' or 'e2e'
const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) exitCode = result.status ?? 1;
}

if (!only || only === 'vitest') {
  const report = path.join(resultsDir, 'vitest.json');
  fs.rmSync(report, { force: true });
  run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
  if (fs.existsSync(report)) {
    const r = JSON.parse(fs.readFileSync(report, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } else exitCode ||= 1;
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
