/**
 * The client catches up after the server restarts mid-stream. This test runs its own server
 * (own port and data folder) so that it can stop and start it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { e2eNow } from './support/clock';
import { expect, test } from './support/test';
import { apiToken, localDate, postMeasurements } from './support/api';

const PORT = 3150;
const BASE = `http://localhost:${PORT}`;
const dataDir = path.join(os.tmpdir(), `lienthong-e2e-restart-${Date.now()}`);

function startServer(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(PORT), DATA_DIR: dataDir, SEED_DEMO: '0', SIMULATOR: '0', BOOTSTRAP_API_TOKEN: apiToken(), CLOCK_START: e2eNow().toISOString() },
    stdio: 'ignore',
  });
}

async function waitForHealth(): Promise<void> {
  await expect(async () => {
    const res = await fetch(`${BASE}/api/health`);
    expect(res.ok).toBe(true);
  }).toPass({ timeout: 120_000, intervals: [500] });
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

test('after a server restart the page reconnects by itself and shows what landed since', async ({ page, request }) => {
  test.setTimeout(240_000);
  let server = startServer();
  try {
    await waitForHealth();
    await postMeasurements(request, [{ kpiId: 'dossiers_on_time', orgUnitCode: '96', time: `${localDate()}T08:00:00+07:00`, numerator: 995, denominator: 1000 }], BASE);
    await page.goto(`${BASE}/?kpi=dossiers_on_time`);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live');
    await expect(page.getByTestId('map-row-96')).toHaveAttribute('data-band', 'good');

    await stopServer(server);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'reconnecting');

    server = startServer();
    await waitForHealth();
    // Lands before the page has reconnected (or right after): either way it must show.
    await postMeasurements(request, [{ kpiId: 'dossiers_on_time', orgUnitCode: '96', time: `${localDate()}T09:00:00+07:00`, numerator: 100, denominator: 9000 }], BASE);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    await expect(page.getByTestId('map-row-96')).toHaveAttribute('data-band', 'poor');
  } finally {
    await stopServer(server);
  }
});
