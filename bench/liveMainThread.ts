/**
 * Main-thread time per live update in the browser (issue 10, "Also measured": goal ≤ 16 ms).
 * Starts its own server (fresh embedded database, no simulator; needs a production build, e.g.
 * NEXT_DIST_DIR=.next-x with scripts/ensureBuild.mjs), gives every province a day of a few KPIs,
 * opens the overview in Chromium and, `runs` times, posts a batch for one province and measures the
 * page's main-thread time (Chrome's TaskDuration, every task: the frame's handling, React's render,
 * ECharts, and the refetch of the changed KPI's series) from the post until the page is quiet
 * again, and the CPU time the thread used meanwhile (ThreadTime: steadier on a loaded machine). The baseline in the same run: the same wait with nothing posted (timers, the clock).
 * Prints p50, p95 and worst of both. With `profile`, one more update is recorded afterwards (a
 * Chrome trace and a V8 CPU profile) and its top costs are printed: the main thread's time by trace
 * event (script, style, layout, paint…) and JavaScript's self time by function.
 *   npx tsx bench/liveMainThread.ts [runs=30] [port=3202] [profile]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { PROVINCES } from '../shared/reference/provinces';
import { chromiumPath } from '../tests/e2e/support/chromiumPath';

const runs = Number(process.argv[2] ?? 30);
const port = Number(process.argv[3] ?? 3202);
const profile = process.argv[4] === 'profile';
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

/**
 * The page's main thread so far, ms: the time its tasks took (TaskDuration, wall time: on a loaded
 * machine it counts the time the thread waited for a core) and the CPU time it used (ThreadTime).
 */
async function mainThreadMs(cdp: CDPSession): Promise<{ task: number; cpu: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)!.value * 1000;
  return { task: metric('TaskDuration'), cpu: metric('ThreadTime') };
}

async function framesOf(page: Page): Promise<number> {
  return Number(await page.getByTestId('connection-status').getAttribute('data-frames'));
}

/** Chrome's trace categories of the main thread's work: tasks, script, style, layout, paint, GC */
const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** µs */
  ts: number;
  /** µs */
  dur?: number;
  args?: { name?: string };
}

/** Self time (ms) per event name on the page's main thread (CrRendererMain): an event less the events inside it. */
function mainThreadSelfTimes(events: readonly TraceEvent[]): Map<string, number> {
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const own = events.filter((e) => main && e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: TraceEvent[] = [];
  for (const e of own) {
    while (stack.length > 0 && stack.at(-1)!.ts + stack.at(-1)!.dur! <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - Math.min(e.dur!, parent.ts + parent.dur! - e.ts) / 1000);
    self.set(e.name, (self.get(e.name) ?? 0) + e.dur! / 1000);
    stack.push(e);
  }
  return self;
}

interface CpuProfile {
  nodes: Array<{ id: number; parent?: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>;
  samples?: number[];
  /** µs between samples */
  timeDeltas?: number[];
}

/** Self and total time (ms) per function of a V8 CPU profile; a function counted once per sample however deep it recurses. */
function functionTimes(cpu: CpuProfile): Array<{ fn: string; selfMs: number; totalMs: number }> {
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of cpu.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const label = (id: number) => {
    const f = byId.get(id)!.callFrame;
    const file = f.url ? ` ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'}${file}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = cpu.samples ?? [];
  samples.forEach((id, i) => {
    const ms = (cpu.timeDeltas?.[i + 1] ?? 0) / 1000;
    self.set(label(id), (self.get(label(id)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) seen.add(label(at));
    for (const fn of seen) total.set(fn, (total.get(fn) ?? 0) + ms);
  });
  return [...total].map(([fn, totalMs]) => ({ fn, selfMs: self.get(fn) ?? 0, totalMs }));
}

function printProfile(events: readonly TraceEvent[], cpu: CpuProfile): void {
  const self = [...mainThreadSelfTimes(events)].sort((a, b) => b[1] - a[1]);
  const busy = self.reduce((s, [, ms]) => s + ms, 0);
  console.log(`one live update, traced: ${busy.toFixed(1)} ms on the main thread, by trace event (self time)`);
  console.table(self.slice(0, 15).map(([event, ms]) => ({ event, 'self (ms)': ms.toFixed(1) })));
  const fns = functionTimes(cpu).filter((f) => !f.fn.startsWith('(idle)') && !f.fn.startsWith('(root)'));
  console.log('JavaScript of the same update (V8 CPU profile), top self time');
  console.table([...fns].sort((a, b) => b.selfMs - a.selfMs).slice(0, 20).map((f) => ({ function: f.fn, 'self (ms)': f.selfMs.toFixed(1), 'total (ms)': f.totalMs.toFixed(1) })));
  console.log('top total time (the function and what it calls)');
  console.table([...fns].sort((a, b) => b.totalMs - a.totalMs).slice(0, 30).map((f) => ({ function: f.fn, 'self (ms)': f.selfMs.toFixed(1), 'total (ms)': f.totalMs.toFixed(1) })));
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

  /** posts a batch for one province and waits for the page to show it and settle */
  const liveUpdate = async (i: number) => {
    const code = codes[(i + 2) % codes.length]!;
    const frames = await framesOf(page);
    await post([{ kpiId: 'dossiers_on_time', orgUnitCode: code, time: `${today}T01:00:00+07:00`, numerator: ((i + 2) % 2) * 5000, denominator: 5000 }]);
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid="connection-status"]')?.getAttribute('data-frames')) > n, frames);
    await page.waitForTimeout(SETTLE_MS);
  };

  const update: number[] = [];
  const idle: number[] = [];
  const updateCpu: number[] = [];
  const idleCpu: number[] = [];
  for (let i = -2; i < runs; i++) {
    // baseline: the page left alone as long
    const i0 = await mainThreadMs(cdp);
    await page.waitForTimeout(SETTLE_MS);
    const i1 = await mainThreadMs(cdp);

    const t0 = await mainThreadMs(cdp);
    await liveUpdate(i);
    const t1 = await mainThreadMs(cdp);
    if (i < 0) continue; // the first updates load code paths once
    update.push(t1.task - t0.task);
    idle.push(i1.task - i0.task);
    updateCpu.push(t1.cpu - t0.cpu);
    idleCpu.push(i1.cpu - i0.cpu);
  }
  if (profile) {
    // two more updates: one traced, one sampled (the profiler's own start would weigh on the trace)
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await liveUpdate(runs);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await liveUpdate(runs + 1);
    const { profile: cpu } = await cdp.send('Profiler.stop');
    const saved = path.join(os.tmpdir(), `liveMainThread-${Date.now()}`);
    fs.writeFileSync(`${saved}.trace.json`, JSON.stringify(trace));
    fs.writeFileSync(`${saved}.cpuprofile`, JSON.stringify(cpu));
    printProfile(trace.traceEvents, cpu);
    console.log(`saved for DevTools' Performance panel: ${saved}.trace.json, ${saved}.cpuprofile`);
  }
  await browser.close();
  console.log(`main-thread time per live update on / (?kpi=dossiers_on_time), Chromium, ${runs} updates, ${new Date().toISOString()}`);
  const row = (what: string, xs: number[]) => ({ what, 'p50 (ms)': q(xs, 0.5).toFixed(1), 'p95 (ms)': q(xs, 0.95).toFixed(1), 'worst (ms)': Math.max(...xs).toFixed(1) });
  console.table([
    row('a live update (frame + what it leads to): tasks', update),
    row('  the same, CPU time of the main thread', updateCpu),
    row(`baseline: idle for ${SETTLE_MS} ms: tasks`, idle),
    row('  the same, CPU time', idleCpu),
  ]);
  console.log(`load average at the end: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (${os.cpus().length} cores); tasks are wall time, which a loaded machine stretches`);
  console.log('goal: ≤ 16 ms of main-thread time per live update (the update row less the idle baseline)');
} finally {
  server.kill('SIGTERM');
}
