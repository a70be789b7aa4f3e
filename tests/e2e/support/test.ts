/**
 * Playwright's `test` with every browser context on the run's clock (./clock.ts): pages compute
 * "today", the current period and chart windows from the browser's Date, so the browser must agree
 * with the server. Specs import `test` and `expect` from here, and open extra contexts with
 * `newClockedContext`.
 */
import { test as base, type Browser, type BrowserContext, type BrowserContextOptions } from '@playwright/test';
import { e2eNow } from './clock';

export { expect } from '@playwright/test';
export type { Page } from '@playwright/test';

/**
 * Puts a context's clock on the server's (its /api/health says what it reads, so the two agree to
 * the request's latency, not the seconds the server took to start); time then flows at real speed.
 * Without an answer, the run's clock.
 */
async function onRunClock(context: BrowserContext): Promise<BrowserContext> {
  const health = await context.request.get('/api/health').catch(() => null);
  const serverTime = health?.ok() ? Date.parse(((await health.json()) as { time?: string }).time ?? '') : Number.NaN;
  await context.clock.install({ time: Number.isNaN(serverTime) ? e2eNow() : new Date(serverTime) });
  return context;
}

export async function newClockedContext(browser: Browser, options?: BrowserContextOptions): Promise<BrowserContext> {
  return onRunClock(await browser.newContext(options));
}

export const test = base.extend({
  context: async ({ context }, use) => {
    await use(await onRunClock(context));
  },
});
