/**
 * How long a posted batch takes to appear in an open page: starts its own server (fresh embedded
 * database, no simulator), opens the overview in Chromium, then 100 times posts a batch that flips
 * a province's band on the map and waits for the page to show it. Prints median, p90 and worst.
 *   npx tsx bench/liveLatency.ts [runs=100]
 * Needs a production build (npm run build) and Debian's Chromium.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath } from '../tests/e2e/support/chromiumPath';

const runs = Number(process.argv[2] ?? 100);
const port = Number(process.env.BENCH_PORT ?? 3160);
const base = `http://localhost:${port}`;
const token = `lt_${randomBytes(32).toString('base64url')}`;
const server = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
  env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATA_DIR: path.join(os.tmpdir(), `lienthong-bench-${Date.now()}`), SEED_DEMO: '0', SIMULATOR: '0', BOOTSTRAP_API_TOKEN: token },
  stdio: 'ignore',
});

async function post(rows: unknown[]): Promise<void> {
  const res = await fetch(`${base}/api/v1/measurements`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(rows) });
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
}

try {
  for (let i = 0; ; i++) {
    if (i > 240) throw new Error('server did not start');
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  await post([{ kpiId: 'dossiers_on_time', orgUnitCode: '01', time: `${today}T00:00:00+07:00`, numerator: 990, denominator: 1000 }]);

  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(`${base}/?kpi=dossiers_on_time`);
  await page.waitForSelector('[data-testid="connection-status"][data-state="live"]');
  await page.waitForSelector('[data-testid="map-row-01"][data-band="good"]');

  const latencies: number[] = [];
  let good = true;
  for (let i = 0; i < runs; i++) {
    // Flip Hà Nội between good and poor: one large hour of dossiers, re-sent (so replaced) each time.
    good = !good;
    const t0 = performance.now();
    await post([{ kpiId: 'dossiers_on_time', orgUnitCode: '01', time: `${today}T01:00:00+07:00`, numerator: good ? 1_000_000 : 0, denominator: 1_000_000 }]);
    await page.waitForSelector(`[data-testid="map-row-01"][data-band="${good ? 'good' : 'poor'}"]`, { state: 'attached', timeout: 30_000 });
    latencies.push(performance.now() - t0);
  }
  await browser.close();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!;
  console.table([{ runs, 'median (ms)': q(0.5).toFixed(0), 'p90 (ms)': q(0.9).toFixed(0), 'worst (ms)': latencies.at(-1)!.toFixed(0), 'best (ms)': latencies[0]!.toFixed(0) }]);
} finally {
  server.kill('SIGTERM');
}
