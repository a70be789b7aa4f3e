/**
 * Freshness (benchmark 1 of issue 10): commit → event in the client and commit → value changed in
 * the page, p50/p95/p99, with N subscribed clients spread over the provinces, while a feed lands
 * 1,000 measurements/s; the baseline, in the same run, is a client polling the same value every 5 s.
 *
 * - The server: bench/support/benchServer.ts in a process of its own (the real request listener,
 *   live server and pages, with the background alert checks and read warm-up the real server runs:
 *   BENCH_PAGES, BENCH_JOBS), fresh embedded database by default.
 * - The feed: 10 batches/s of 100 rows (10 provinces × 10 rows of two KPIs the provinces report,
 *   replaced at each batch; the next 10 provinces in each batch, so each province lands about 3
 *   times a second) into the current hour,
 *   through POST /api/v1/measurements with one token: 10 requests/s is within the per-token limit
 *   (20/s), which stays on. At most 4 posts in flight; a tick finding them all busy is skipped and
 *   counted (the rate achieved is printed).
 * - "Commit": the instant the batch's transaction committed, stamped by the server right after its
 *   COMMIT (the first work queued after it, `committedAt` of the bus's measurementsLanded) and read
 *   from GET /bench/commits with the instant the announcement reached the bus. Every process runs on
 *   this machine and stamps with the same clock: performance.timeOrigin + performance.now() (ms since
 *   the epoch), in Chromium as in node.
 * - Clients: socket.io clients in load-generator processes (bench/support/socketClients.ts, at most
 *   2,500 each), on loopback: one in ten in the nation's room (the overview), the others each in a
 *   province's room, round the 34 provinces, all in `alerts` too, as pages are. For a client and a
 *   batch that touched its room: the first frame naming that batch or a later one (`cursor` ≥ the
 *   batch id) that arrived after the commit.
 * - Pages: a few Chromium pages (playwright-core) of provinces, the live province page; a
 *   MutationObserver on the displayed value of `dossiers_on_time` stamps each change with the
 *   page's cursor (data-cursor, set in the same render as the value); for a batch that touched its
 *   province: the first change of the value with cursor ≥ the batch id. A frame that leaves the
 *   rounded value as it was counts at the next change (it errs on the slow side).
 * - The poll: 10 clients, each asking `values.current` of one room's unit (the nation or a
 *   province) every 5 s, phases spread over the 5 s; a batch is counted as seen by the first poll
 *   sent after its commit (the most favourable reading for the poll: it ignores what the read
 *   cache might still answer), its staleness the instant that poll's answer arrived.
 * Steps: the clients grow 100 → 1,000 → 5,000 (more are opened for each); at each, `window` s of
 * feed, then 6 s for the last frames and polls. Prints a table per step and a summary; asserts
 * nothing about time.
 *   npx tsx bench/freshness.ts [clients=100,1000,5000] [pages=3] [window s=10] [mode=embedded]
 * The pages need a production build (NEXT_DIST_DIR honoured); pages=0 runs without.
 */
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Room } from '../shared/realtime/events';
import { chromiumPath } from '../tests/e2e/support/chromiumPath';
import { startGenerator, type Generator } from './support/socketGenerators';
import { spawnBenchServer, type BenchMode, type BenchServer } from './support/spawnBenchServer';

const steps = (process.argv[2] ?? '100,1000,5000').split(',').map(Number).sort((a, b) => a - b);
const pageCount = Number(process.argv[3] ?? 3);
const WINDOW_S = Number(process.argv[4] ?? 10);
const mode = (process.argv[5] ?? 'embedded') as BenchMode;
const PER_GENERATOR = 2_500;
const BATCHES_PER_S = 10;
const PROVINCES_PER_BATCH = 10;
/** both KPIs are reported by the province: 6 rows of one, 4 of the other, a minute apart */
const ROWS_PER_PROVINCE = 10;
const MAX_IN_FLIGHT = 4;
const POLLERS = 10;
const POLL_EVERY_MS = 5_000;
/** after the feed stops: the last frames, and a poll for every batch */
const DRAIN_MS = POLL_EVERY_MS + 500;
const OBSERVED_KPI = 'dossiers_on_time';

const now = () => performance.timeOrigin + performance.now();
/** a GET of the bench server's own endpoints, again after a connection reset (it stalls under load) */
async function getJson<T>(url: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await (await fetch(url)).json()) as T;
    } catch (err) {
      if (attempt === 3) throw err;
      await sleep(500);
    }
  }
}
/** the server's lag figures, asked again after a connection reset */
const statsOf = (server: BenchServer) => server.stats().catch(async () => (await sleep(500), server.stats()));
const loadavg = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

interface Unit {
  id: number;
  code: string;
  communes: string[];
}
interface Posted {
  batchId: number;
  provinceIds: number[];
  sentAt: number;
  ackAt: number;
}
interface Commit {
  batchId: number;
  committedAt: number | null;
  announcedAt: number;
}

function quantiles(xs: number[]): { n: number; p50: number; p95: number; p99: number; max: number; mean: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN);
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s.at(-1) ?? NaN, mean: s.length ? s.reduce((a, b) => a + b, 0) / s.length : NaN };
}
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');

/**
 * For each batch that touched the room: the first arrival with cursor ≥ the batch id after its
 * commit, less the commit. `arrivals` in the order they came; a batch never reached counts as missed.
 */
function latencies(arrivals: ReadonlyArray<readonly [number, number]>, batches: ReadonlyArray<{ batchId: number; committedAt: number }>, out: number[]): number {
  let missed = 0;
  for (const b of batches) {
    const hit = arrivals.find(([cursor, at]) => cursor >= b.batchId && at >= b.committedAt);
    if (hit) out.push(hit[1] - b.committedAt);
    else missed += 1;
  }
  return missed;
}

const server = await spawnBenchServer(mode, { sockets: true, pages: pageCount > 0, jobs: true });
const generators: Generator[] = [];
let browser: Browser | undefined;
const table: Array<Record<string, string>> = [];
try {
  const { nation: nationId, provinces } = await getJson<{ nation: number; provinces: Unit[] }>(`${server.url}/bench/units`);
  /** the first minutes of the current hour, Vietnam time: live rows, in the current buckets */
  const minuteIso = (minute: number) => `${new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 13)}:${String(minute).padStart(2, '0')}:00+07:00`;
  let batchNo = 0;
  const rowsOf = (chosen: Unit[]) =>
    chosen.flatMap((p) =>
      Array.from({ length: ROWS_PER_PROVINCE }, (_, i) => ({
        kpiId: i < 6 ? OBSERVED_KPI : 'dossiers_filed_online',
        orgUnitCode: p.code,
        time: minuteIso(i < 6 ? i : i - 6),
        numerator: 100 + Math.floor(Math.random() * 900),
        denominator: 1000,
      })),
    );
  const post = async (chosen: Unit[]): Promise<Posted> => {
    const sentAt = now();
    const res = await fetch(`${server.url}/api/v1/measurements`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body: JSON.stringify(rowsOf(chosen)) });
    const body = (await res.json()) as { batchId?: number };
    if (res.status !== 201 || body.batchId === undefined) throw new Error(`POST answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return { batchId: body.batchId, provinceIds: chosen.map((p) => p.id), sentAt, ackAt: now() };
  };
  // every province's value exists before anything is watched
  await post(provinces);
  await fetch(`${server.url}/bench/commits`);

  // the pages: live province pages, the value of OBSERVED_KPI watched
  const watched = provinces.slice(0, pageCount);
  const pages: Array<{ page: Page; province: Unit }> = [];
  if (pageCount > 0) {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-renderer-backgrounding', '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows'] });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    for (const province of watched) {
      const page = await context.newPage();
      await page.goto(`${server.url}/province/${province.code}`, { timeout: 120_000 });
      await page.waitForSelector('[data-testid="connection-status"][data-state="live"]', { timeout: 60_000 });
      await page.waitForSelector(`[data-testid="kpi-value-${OBSERVED_KPI}"]`, { timeout: 60_000 });
      await page.evaluate((kpi) => {
        const w = window as unknown as { __fresh: Array<[number, number, string]> };
        w.__fresh = [];
        const el = document.querySelector(`[data-testid="kpi-value-${kpi}"]`)!;
        let last = el.textContent;
        new MutationObserver(() => {
          if (el.textContent === last) return;
          last = el.textContent;
          const cursor = Number(document.querySelector('[data-testid="connection-status"]')?.getAttribute('data-cursor') ?? 0);
          w.__fresh.push([cursor, performance.timeOrigin + performance.now(), last ?? '']);
        }).observe(el, { childList: true, characterData: true, subtree: true });
      }, OBSERVED_KPI);
      pages.push({ page, province });
    }
  }

  let open = 0;
  for (const target of steps) {
    const t0 = performance.now();
    let failed = 0;
    // the generators open their share at the same time
    const opening: Array<Promise<{ opened: number; failed: number }>> = [];
    while (open < target) {
      let gen = generators.find((g) => g.clients < PER_GENERATOR);
      if (!gen) generators.push((gen = await startGenerator(server.url)));
      const n = Math.min(target - open, PER_GENERATOR - gen.clients);
      const first = open;
      const rooms: Room[][] = Array.from({ length: n }, (_, i) => {
        const g = first + i;
        return g % 10 === 0 ? ['nation', 'alerts'] : [`province:${provinces[g % provinces.length]!.id}`, 'alerts'];
      });
      opening.push(gen.ask<{ opened: number; failed: number }>({ open: n, rooms }));
      gen.clients += n;
      open += n;
    }
    for (const reply of await Promise.all(opening)) failed += reply.failed;
    const openS = (performance.now() - t0) / 1000;
    await sleep(2_000);
    await Promise.all(generators.map((g) => g.ask({ record: true })));
    for (const { page } of pages) await page.evaluate(() => ((window as unknown as { __fresh: unknown[] }).__fresh = []));
    await getJson(`${server.url}/bench/commits`);
    await statsOf(server);
    const loadBefore = loadavg();

    // the pollers: the nation and 9 provinces, phases spread over the interval
    const polls: Array<{ room: 'nation' | number; sentAt: number; receivedAt: number }> = [];
    let polling = true;
    let pollFailures = 0;
    const pollers = Array.from({ length: POLLERS }, async (_, i) => {
      const target = i === 0 ? 'nation' : provinces[i - 1]!.id;
      const orgUnitId = target === 'nation' ? nationId : target;
      await sleep((i * POLL_EVERY_MS) / POLLERS);
      while (polling) {
        const sentAt = now();
        const input = encodeURIComponent(JSON.stringify({ json: { orgUnitId } }));
        try {
          const res = await fetch(`${server.url}/api/trpc/values.current?input=${input}`);
          await res.arrayBuffer();
          if (res.ok) polls.push({ room: target, sentAt, receivedAt: now() });
          else pollFailures += 1;
        } catch {
          pollFailures += 1; // a keep-alive connection reset while the server stalled: the next poll is due as usual
        }
        await sleep(Math.max(0, sentAt + POLL_EVERY_MS - now()));
      }
    });

    // the feed
    const posted: Posted[] = [];
    let inFlight = 0;
    let skipped = 0;
    let postFailures = 0;
    const feedStart = now();
    const feed = setInterval(() => {
      if (inFlight >= MAX_IN_FLIGHT) return void (skipped += 1);
      const start = (batchNo++ * PROVINCES_PER_BATCH) % provinces.length;
      const chosen = Array.from({ length: PROVINCES_PER_BATCH }, (_, i) => provinces[(start + i) % provinces.length]!);
      inFlight += 1;
      post(chosen).then(
        (p) => posted.push(p),
        (err: Error) => {
          postFailures += 1;
          if (postFailures <= 3) console.error(`[freshness] ${err.message}`);
        },
      ).finally(() => (inFlight -= 1));
    }, 1000 / BATCHES_PER_S);
    await sleep(WINDOW_S * 1000);
    clearInterval(feed);
    const feedS = (now() - feedStart) / 1000;
    const busy = await statsOf(server);
    await sleep(DRAIN_MS);
    polling = false;
    await Promise.all(pollers);
    const commits = await getJson<Commit[]>(`${server.url}/bench/commits`);
    const collected = await Promise.all(generators.map((g) => g.ask<{ clients: Array<{ rooms: Room[]; connected: boolean; frames: Array<[number, number]> }>; lagP99: number }>({ collect: true })));
    const pageChanges = await Promise.all(pages.map(async ({ page, province }) => ({ province, changes: await page.evaluate(() => (window as unknown as { __fresh: Array<[number, number, string]> }).__fresh) })));

    // batches of the window, with their commit instants
    const commitOf = new Map(commits.map((c) => [c.batchId, c]));
    const batches = posted
      .map((p) => ({ ...p, commit: commitOf.get(p.batchId) }))
      .filter((b): b is Posted & { commit: Commit & { committedAt: number } } => b.commit?.committedAt != null)
      .map((b) => ({ batchId: b.batchId, provinceIds: new Set(b.provinceIds), committedAt: b.commit.committedAt, announcedAt: b.commit.announcedAt, sentAt: b.sentAt, ackAt: b.ackAt }))
      .sort((a, b) => a.batchId - b.batchId);
    const touching = (room: Room | number) => {
      if (room === 'nation') return batches;
      const id = typeof room === 'number' ? room : Number(room.split(':')[1]);
      return batches.filter((b) => b.provinceIds.has(id));
    };

    const event: number[] = [];
    let eventMissed = 0;
    let connected = 0;
    for (const gen of collected)
      for (const c of gen.clients) {
        if (c.connected) connected += 1;
        eventMissed += latencies(c.frames, touching(c.rooms[0]!), event);
      }
    const page: number[] = [];
    let pageMissed = 0;
    for (const { province, changes } of pageChanges) pageMissed += latencies(changes.map(([cursor, at]) => [cursor, at] as const), touching(province.id), page);
    const poll: number[] = [];
    for (let i = 0; i < POLLERS; i++) {
      const room = i === 0 ? 'nation' : provinces[i - 1]!.id;
      const mine = polls.filter((p) => p.room === room);
      for (const b of touching(room)) {
        const seen = mine.find((p) => p.sentAt >= b.committedAt);
        if (seen) poll.push(seen.receivedAt - b.committedAt);
      }
    }
    const announce = quantiles(batches.map((b) => b.announcedAt - b.committedAt));
    const ack = quantiles(batches.map((b) => b.ackAt - b.sentAt));
    const ev = quantiles(event);
    const pg = quantiles(page);
    const pl = quantiles(poll);
    const rows = batches.length * PROVINCES_PER_BATCH * ROWS_PER_PROVINCE;
    const genLag = Math.max(...collected.map((c) => c.lagP99 ?? 0));
    table.push({
      clients: target.toLocaleString('en-GB'),
      connected: `${connected.toLocaleString('en-GB')}${failed ? ` (${failed} failed)` : ''}`,
      'open (s)': openS.toFixed(1),
      'measurements/s': `${(rows / feedS).toFixed(0)} (${batches.length} batches${skipped ? `, ${skipped} ticks skipped` : ''}${postFailures ? `, ${postFailures} failed` : ''})`,
      'ack p50/p99': `${ms(ack.p50)} / ${ms(ack.p99)}`,
      'commit → announce p50/p99': `${ms(announce.p50)} / ${ms(announce.p99)}`,
      'event p50/p95/p99': `${ms(ev.p50)} / ${ms(ev.p95)} / ${ms(ev.p99)}${eventMissed ? ` (${eventMissed} missed)` : ''}`,
      'page p50/p95/p99': pages.length ? `${ms(pg.p50)} / ${ms(pg.p95)} / ${ms(pg.p99)} (${pg.n}${pageMissed ? `, ${pageMissed} missed` : ''})` : '–',
      'poll 5 s p50/p95/p99 (mean)': `${ms(pl.p50)} / ${ms(pl.p95)} / ${ms(pl.p99)} (${ms(pl.mean)})${pollFailures ? ` (${pollFailures} polls failed)` : ''}`,
      '× fresher p50 / p99': `${(pl.p50 / ev.p50).toFixed(1)} / ${(pl.p99 / ev.p99).toFixed(1)}`,
      'server lag p99/max': `${busy.lagP99.toFixed(0)} / ${busy.lagMax.toFixed(0)}`,
      'clients lag p99': genLag.toFixed(0),
      load: `${loadBefore} → ${loadavg()}`,
    });
    console.log(`[freshness] ${JSON.stringify(table.at(-1))}`);
  }
} finally {
  await browser?.close().catch(() => undefined);
  for (const g of generators) g.close();
  await server.stop();
}
console.log(`\nFreshness at ${BATCHES_PER_S * PROVINCES_PER_BATCH * ROWS_PER_PROVINCE} measurements/s (${mode}, ${new Date().toISOString()}; ms from the commit; goal: event p99 ≤ 250 ms at 5,000 clients, ≥ 20× fresher than the 5 s poll)`);
console.table(table);
