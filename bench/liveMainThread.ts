/**
 * Main-thread time per live update in the browser (issue 10, "Also measured": goal ≤ 16 ms).
 * Starts its own server (fresh embedded database, no simulator; needs a production build, e.g.
 * NEXT_DIST_DIR=.next-x with scripts/ensureBuild.mjs), gives every province a day of a few KPIs,
 * opens the overview in Chromium and, `runs` times, posts a batch for one province and measures the
 * page's main-thread time (Chrome's TaskDuration, every task: the frame's handling, React's render,
 * ECharts, and the refetch of the changed KPI's series) from the post until the page is quiet
 * again. The baseline in the same run: the same wait with nothing posted (timers, the clock).
 * Prints p50, p95 and worst of both.
 *   npx tsx bench/liveMainThread.ts [runs=30] [port=3202]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { PROVINCES } from '../shared/reference/provinces';
import { chromiumPath } from '../tests/e2e/support/chromiumPath';

const runs = Number(process.argv[2] ?? 30);
const port = Number(process.argv[3] ?? 3202);
const base = `http://localhost:${port}`;
const token = `lt_${randomBytes(32).toString('base64url')}`;
/** ms after the frame for the refetches it leads to (the series) to land and draw */
const SETTLE_MS = 1500;
const server = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
  env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATA_DIR: path.join(os.tmpdir(), `lienthong-bench-main-${Date.now()}`), SEED_DEMO: '0', SIMULATOR: '0', BOOTSTRAP_API_TOKEN: token },
  stdio: 'ignore',
});

async function post(rows: unknown[]): Promise<void> {
  const res = await fetch(`${base}/api/v1/measurements`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(rows) });
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
}

async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')!.value * 1000;
}

async function framesOf(page: Page): Promise<number> {
  return Number(await page.getByTestId('connection-status').getAttribute('data-frames'));
}

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

try {
  for (let i = 0; ; i++) {
    if (i > 480) throw new Error('server did not start');
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const codes = PROVINCES.map((p) => p.code);
  await post(
    codes.flatMap((code, i) => [
      { kpiId: 'dossiers_on_time', orgUnitCode: code, time: `${today}T00:00:00+07:00`, numerator: 900 + i, denominator: 1000 },
      { kpiId: 'dossiers_filed_online', orgUnitCode: code, time: `${today}T00:00:00+07:00`, numerator: 600 + i, denominator: 1000 },
      { kpiId: 'citizen_satisfaction', orgUnitCode: code, time: `${today}T00:00:00+07:00`, value: 80 + (i % 10), weight: 100 },
    ]),
  );

  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${base}/?kpi=dossiers_on_time`);
  await page.waitForSelector('[data-testid="connection-status"][data-state="live"]');
  await page.waitForSelector('[data-testid="province-map"][data-chart-ready="true"]');
  await page.waitForLoadState('networkidle');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  const update: number[] = [];
  const idle: number[] = [];
  for (let i = -2; i < runs; i++) {
    // baseline: the page left alone as long
    const i0 = await taskMs(cdp);
    await page.waitForTimeout(SETTLE_MS);
    const idleMs = (await taskMs(cdp)) - i0;

    const code = codes[(i + 2) % codes.length]!;
    const frames = await framesOf(page);
    const t0 = await taskMs(cdp);
    await post([{ kpiId: 'dossiers_on_time', orgUnitCode: code, time: `${today}T01:00:00+07:00`, numerator: ((i + 2) % 2) * 5000, denominator: 5000 }]);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="connection-status"]')?.getAttribute('data-frames')) > n, frames);
    await page.waitForTimeout(SETTLE_MS);
    const updateMs = (await taskMs(cdp)) - t0;
    if (i < 0) continue; // the first updates load code paths once
    update.push(updateMs);
    idle.push(idleMs);
  }
  await browser.close();
  console.log(`main-thread time per live update on / (?kpi=dossiers_on_time), Chromium, ${runs} updates, ${new Date().toISOString()}`);
  console.table([
    { what: 'a live update (frame + what it leads to)', 'p50 (ms)': q(update, 0.5).toFixed(1), 'p95 (ms)': q(update, 0.95).toFixed(1), 'worst (ms)': Math.max(...update).toFixed(1) },
    { what: `baseline: idle for ${SETTLE_MS} ms`, 'p50 (ms)': q(idle, 0.5).toFixed(1), 'p95 (ms)': q(idle, 0.95).toFixed(1), 'worst (ms)': Math.max(...idle).toFixed(1) },
  ]);
  console.log('goal: ≤ 16 ms of main-thread time per live update (the update row less the idle baseline)');
} finally {
  server.kill('SIGTERM');
}
