/**
 * First load of the overview as a new visitor sees it: a fresh Chromium context (empty cache) opens
 * `/` of a running production server and we note, per run, when the service index number is on
 * screen, FCP, LCP, the script bytes that crossed the wire (compressed, headers included) and their
 * request count, and the tRPC requests (and procedures in them) the page made. Prints the runs and
 * their medians; asserts nothing about time (the machine decides that).
 *   npx tsx bench/firstLoad.ts [baseUrl=http://localhost:3201] [runs=5] [path=/]
 * Start the server first, e.g. after `NEXT_DIST_DIR=.next-ssr npx next build`:
 *   NODE_ENV=production PORT=3201 NEXT_DIST_DIR=.next-ssr DATA_DIR=/tmp/ssr-data node --import tsx main.ts
 * Needs Debian's Chromium (tests/e2e/support/chromiumPath.ts).
 */
import { chromium, type CDPSession } from '@playwright/test';
import { chromiumPath } from '../tests/e2e/support/chromiumPath';
import { TIME_ZONE } from '../shared/domain/periods';

const base = process.argv[2] ?? 'http://localhost:3201';
const runs = Number(process.argv[3] ?? 5);
const pagePath = process.argv[4] ?? '/';
/** After the page is quiet this long, its first load is over (lazy chunks and live frames come before). */
const QUIET_MS = 1500;

interface Run {
  'first byte (ms)': number;
  'HTML done (ms)': number;
  'index on screen (ms)': number;
  'FCP (ms)': number;
  'LCP (ms)': number;
  'JS (KB, compressed)': number;
  'JS requests': number;
  'JS before load event (KB)': number;
  'tRPC requests': number;
  'tRPC procedures': number;
}

/**
 * Runs in the page before any of its HTML is parsed: notes when the index element first holds a
 * number (server-rendered HTML: as the parser inserts it; client-rendered: when React fills it),
 * and collects LCP entries. A string, not a function: tsx would wrap a function in helpers the
 * page does not have.
 */
const WATCH_INDEX = `
  (() => {
    const check = () => {
      if (window.__indexAt !== undefined) return;
      const el = document.querySelector('[data-testid="index-value"]');
      if (el && /\\d/.test(el.textContent || '')) window.__indexAt = performance.now();
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
    window.__lcp = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__lcp.push(e.startTime);
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  })();
`;

async function scriptBytes(cdp: CDPSession, loadEventAt: () => number | undefined) {
  const scripts = new Map<string, { at: number }>();
  let bytes = 0;
  let beforeLoad = 0;
  let count = 0;
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.set(e.requestId, { at: e.timestamp });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const s = scripts.get(e.requestId);
    if (!s) return;
    count++;
    bytes += e.encodedDataLength;
    const load = loadEventAt();
    if (load === undefined || s.at <= load) beforeLoad += e.encodedDataLength;
  });
  await cdp.send('Network.enable');
  return () => ({ bytes, beforeLoad, count });
}

async function once(browser: Awaited<ReturnType<typeof chromium.launch>>): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'vi-VN', timezoneId: TIME_ZONE });
  const page = await context.newPage();
  await page.addInitScript({ content: WATCH_INDEX });
  const cdp = await context.newCDPSession(page);
  let loadEvent: number | undefined;
  cdp.on('Page.loadEventFired', (e) => (loadEvent = e.timestamp));
  await cdp.send('Page.enable');
  const scripts = await scriptBytes(cdp, () => loadEvent);
  const trpc = { requests: 0, procedures: 0 };
  let lastRequest = Date.now();
  page.on('request', (r) => {
    lastRequest = Date.now();
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/api/trpc/')) return;
    trpc.requests++;
    trpc.procedures += decodeURIComponent(url.pathname.slice('/api/trpc/'.length)).split(',').length;
  });
  page.on('requestfinished', () => (lastRequest = Date.now()));

  await page.goto(`${base}${pagePath}`, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { __indexAt?: number }).__indexAt !== undefined, undefined, { timeout: 120_000 });
  // The first load ends once the map is drawn (hydrated, ECharts and the shapes loaded) and the network is quiet.
  await page.waitForSelector('[data-testid="province-map"] canvas', { state: 'attached', timeout: 120_000 });
  while (Date.now() - lastRequest < QUIET_MS) await page.waitForTimeout(200);
  const timings = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
    const lcp = (window as unknown as { __lcp: number[] }).__lcp;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return {
      fcp,
      lcp: lcp.length ? lcp[lcp.length - 1]! : Number.NaN,
      indexAt: (window as unknown as { __indexAt: number }).__indexAt,
      firstByte: nav?.responseStart ?? Number.NaN,
      htmlDone: nav?.responseEnd ?? Number.NaN,
    };
  });
  const js = scripts();
  await context.close();
  return {
    // Server time: when the HTML began and finished arriving (the page streams).
    'first byte (ms)': Math.round(timings.firstByte),
    'HTML done (ms)': Math.round(timings.htmlDone),
    // In the HTML the number exists before anything is painted: it is on screen at the first paint.
    'index on screen (ms)': Math.round(Math.max(timings.indexAt, timings.fcp)),
    'FCP (ms)': Math.round(timings.fcp),
    'LCP (ms)': Math.round(timings.lcp),
    'JS (KB, compressed)': Math.round(js.bytes / 1024),
    'JS requests': js.count,
    'JS before load event (KB)': Math.round(js.beforeLoad / 1024),
    'tRPC requests': trpc.requests,
    'tRPC procedures': trpc.procedures,
  };
}

const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  // One warm-up visit: the server compiles nothing in production, but its caches (catalogue, tree) fill.
  await once(browser);
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) results.push(await once(browser));
  const median = Object.fromEntries(
    (Object.keys(results[0]!) as Array<keyof Run>).map((k) => {
      const sorted = results.map((r) => r[k]).sort((a, b) => a - b);
      return [k, sorted[Math.floor(sorted.length / 2)]!];
    }),
  ) as unknown as Run;
  console.log(`first load of ${base}${pagePath}, ${runs} runs (fresh context each)`);
  console.table([...results, median].map((r, i) => ({ run: i < results.length ? String(i + 1) : 'median', ...r })));
} finally {
  await browser.close();
}
