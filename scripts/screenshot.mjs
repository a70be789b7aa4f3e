#!/usr/bin/env node
// Takes a screenshot of a page of the running app, for a person to look at:
//   node scripts/screenshot.mjs http://localhost:3000/ /tmp/home.png [width] [height]
import { chromium } from '@playwright/test';

const [url = 'http://localhost:3000/', out = '/tmp/page.png', width = '1600', height = '1000'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
page.on('console', (m) => m.type() === 'error' && console.error('[browser]', m.text(), m.location().url));
await page.goto(url, { waitUntil: 'load' });
await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 500));
await page.screenshot({ path: out, fullPage: process.env.FULL_PAGE === '1' });
await browser.close();
console.log(out);
