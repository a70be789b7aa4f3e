/**
 * End-to-end tests in Debian's Chromium against the real app (custom server, embedded TimescaleDB
 * in a fresh folder, production build). Tests seed their own data through the ingestion API with
 * the bootstrap token and administrator password generated here for this run only.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { TIME_ZONE } from './shared/domain/periods';
import { chromiumPath } from './tests/e2e/support/chromiumPath';
import { DEFAULT_E2E_CLOCK_START } from './tests/e2e/support/clock';

const port = Number(process.env.E2E_PORT ?? 3100);
// Data folders of earlier runs (an hour old or more) are removed; this run's is made fresh.
for (const name of fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('lienthong-e2e-'))) {
  const dir = path.join(os.tmpdir(), name);
  if (Date.now() - fs.statSync(dir).mtimeMs > 3600_000) fs.rmSync(dir, { recursive: true, force: true });
}
// Generated once per run and handed to the workers through the environment.
process.env.E2E_API_TOKEN ??= `lt_${randomBytes(32).toString('base64url')}`;
process.env.E2E_ADMIN_PASSWORD ??= `pw-${randomBytes(18).toString('base64url')}`;
process.env.E2E_DATA_DIR ??= path.join(os.tmpdir(), `lienthong-e2e-${Date.now()}`);
// The run's clock (tests/e2e/support/clock.ts): the server and every browser start at this instant.
process.env.E2E_CLOCK_START ??= DEFAULT_E2E_CLOCK_START;
process.env.E2E_CLOCK_ORIGIN ??= String(Date.now());

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: 'vi-VN',
    timezoneId: TIME_ZONE,
    viewport: { width: 1600, height: 1000 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: 'node --import tsx main.ts',
    url: `http://localhost:${port}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      DATA_DIR: process.env.E2E_DATA_DIR,
      SEED_DEMO: '0',
      SIMULATOR: '0',
      NEXT_TELEMETRY_DISABLED: '1',
      BOOTSTRAP_API_TOKEN: process.env.E2E_API_TOKEN,
      BOOTSTRAP_ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD,
      CLOCK_START: process.env.E2E_CLOCK_START,
      // Pages wait for the newest numbers (never the version before, marked for a refetch): the
      // tests check that a hydrated page asks again for nothing it was sent.
      PAGE_FRESHNESS_WAIT_MS: '600000',
      PAGE_STALE_MAX_AGE_MS: '0',
    },
  },
});
