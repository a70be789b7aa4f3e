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

/** Puts a context's clock on the run's clock; time then flows at real speed. */
export async function onRunClock(context: BrowserContext): Promise<BrowserContext> {
  await context.clock.install({ time: e2eNow() });
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
