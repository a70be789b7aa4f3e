/**
 * Responsiveness under ingest (issue 10, benchmark 2): p95 of `/api/health`, a page (`GET /`) and a
 * dashboard read (tRPC `values.current` of the nation) while a feed posts batches at the documented
 * limit (MEASUREMENTS_RATE_LIMIT: 20 batches/s of 10 rows across the provinces), against the same
 * probes idle, in the same run. The feed is a separate process on loopback; both phases are bounded
 * in time. Prints one table per database mode; asserts nothing about time.
 *   NEXT_DIST_DIR=.next-x npx tsx bench/responsiveness.ts [port=3201] [seconds=30]
 * Embedded always; with DATABASE_URL set, the server mode on that database too (seeded if empty).
 * The embedded runs start from a copy of one seeded folder (BENCH_SEEDED_DIR, made on first use), so
 * repeated runs (before/after a change) read the same data. Needs a production build. Prints the
 * batches/s the feed actually had answered and the machine's load: on a loaded machine the feed
 * falls short of the limit and every figure is CPU wait as much as database wait.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MEASUREMENTS_RATE_LIMIT } from '../server/appContext';

const ROWS_PER_BATCH = 10;
/** how often each probe asks (ms between the end of one request and the next) */
const PROBE_GAP_MS = 100;
/** the feed never has more than this many batches in flight (bounded load) */
const MAX_IN_FLIGHT = 64;

const quantile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : Number.NaN);

/** The ISO time of a measurement in the last two hours (always ≤ now: the API refuses the future). */
const recentTime = () => new Date(Date.now() - 60_000 - Math.floor(Math.random() * 2 * 3600_000)).toISOString();

// ---- the feed: a child process (`responsiveness.ts feed <base> <token> <seconds> <codes>`) ----
async function runFeed(base: string, token: string, seconds: number, codes: string[]): Promise<void> {
  const acks: number[] = [];
  const status = new Map<string, number>();
  let inFlight = 0;
  let skipped = 0;
  const interval = 1000 / MEASUREMENTS_RATE_LIMIT.ratePerSecond;
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; performance.now() - t0 < seconds * 1000; i++) {
    // open loop: batches go out on the clock, whether the last ones are answered or not
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      skipped++;
      continue;
    }
    const rows = Array.from({ length: ROWS_PER_BATCH }, () => {
      const denominator = 100 + Math.floor(Math.random() * 900);
      return { kpiId: 'dossiers_on_time', orgUnitCode: codes[Math.floor(Math.random() * codes.length)], time: recentTime(), numerator: Math.floor(denominator * (0.8 + Math.random() * 0.2)), denominator };
    });
    inFlight++;
    const sent = performance.now();
    pending.push(
      fetch(`${base}/api/v1/measurements`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(rows) })
        .then(async (res) => {
          await res.arrayBuffer();
          status.set(String(res.status), (status.get(String(res.status)) ?? 0) + 1);
          if (res.status === 201) acks.push(performance.now() - sent);
        })
        .catch((err: Error) => void status.set(err.message, (status.get(err.message) ?? 0) + 1))
        .finally(() => void inFlight--),
    );
  }
  await Promise.all(pending);
  acks.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ status: Object.fromEntries(status), skipped, ackP50: quantile(acks, 0.5), ackP95: quantile(acks, 0.95) }) + '\n');
}

// ---- the prober: this process ----
interface Probe {
  name: string;
  url: string;
}

/** Asks each probe in its own loop, one request at a time, until `ms` have passed; latencies in ms. */
async function probe(probes: Probe[], ms: number): Promise<Map<string, number[]>> {
  const end = performance.now() + ms;
  const out = new Map<string, number[]>();
  await Promise.all(
    probes.map(async (p) => {
      const times: number[] = [];
      out.set(p.name, times);
      while (performance.now() < end) {
        const t = performance.now();
        const res = await fetch(p.url);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${p.name}: ${res.status}`);
        times.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, PROBE_GAP_MS));
      }
      times.sort((a, b) => a - b);
    }),
  );
  return out;
}

const trpcUrl = (base: string, proc: string, input: unknown) => `${base}/api/trpc/${proc}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

async function trpcGet<T>(base: string, proc: string, input: unknown): Promise<T> {
  const res = await fetch(trpcUrl(base, proc, input));
  if (!res.ok) throw new Error(`${proc}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** Starts `main.ts`; the embedded database unless `env` names a DATABASE_URL. */
function startServer(port: number, env: Record<string, string>): ChildProcess {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const server = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
    env: { ...inherited, NODE_ENV: 'production', PORT: String(port), SIMULATOR: '0', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return server;
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode})`);
    if (i > 1200) throw new Error('the server did not start in 10 minutes');
    if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

/** A cleanly closed, seeded embedded folder, made once and copied for every run. */
async function seededEmbeddedDir(port: number): Promise<string> {
  const template = process.env.BENCH_SEEDED_DIR ?? path.join(os.tmpdir(), 'lienthong-bench-seeded');
  if (!fs.existsSync(path.join(template, 'ready'))) {
    fs.rmSync(template, { recursive: true, force: true });
    console.log(`seeding the demo history into ${template} (once)…`);
    const server = startServer(port, { DATA_DIR: template, SEED_DEMO: '1' });
    await waitForHealth(`http://127.0.0.1:${port}`, server);
    await stopServer(server);
    fs.writeFileSync(path.join(template, 'ready'), new Date().toISOString());
  }
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-run-'));
  fs.cpSync(template, copy, { recursive: true });
  return copy;
}

async function measureMode(mode: 'embedded' | 'server', port: number, seconds: number): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  const token = `lt_${randomBytes(32).toString('base64url')}`;
  const dataDir = mode === 'embedded' ? await seededEmbeddedDir(port) : fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-run-'));
  const server = startServer(port, { DATA_DIR: dataDir, BOOTSTRAP_API_TOKEN: token, SEED_DEMO: '1', ...(mode === 'server' ? { DATABASE_URL: process.env.DATABASE_URL! } : {}) });
  try {
    await waitForHealth(base, server);
    const nation = await trpcGet<{ unit: { id: number }; children: Array<{ code: string }> }>(base, 'catalogue.orgUnit', { code: 'VN' });
    const probes: Probe[] = [
      { name: '/api/health', url: `${base}/api/health` },
      { name: 'GET /', url: `${base}/` },
      { name: 'values.current (nation)', url: trpcUrl(base, 'values.current', { orgUnitId: nation.unit.id }) },
    ];
    // warm up: the first page render and read fill caches that a running server has full
    await probe(probes, 3000);
    const loadBefore = os.loadavg().map((l) => l.toFixed(1)).join(', ');
    const idle = await probe(probes, seconds * 1000);
    const feed = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'feed', base, token, String(seconds), nation.children.map((c) => c.code).join(',')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let feedOut = '';
    feed.stdout.setEncoding('utf8').on('data', (c: string) => (feedOut += c));
    const feedDone = new Promise((r) => feed.once('exit', r));
    // the feed's first second fills the token bucket's burst: measure after it
    await new Promise((r) => setTimeout(r, 1000));
    const loaded = await probe(probes, (seconds - 1) * 1000);
    await feedDone;
    const feedResult = JSON.parse(feedOut.trim()) as { status: Record<string, number>; skipped: number; ackP50: number; ackP95: number };
    const ms = (v: number) => Math.round(v);
    console.log(`\n${mode}: ${seconds} s idle, then ${seconds} s with a feed of ${MEASUREMENTS_RATE_LIMIT.ratePerSecond} batches/s × ${ROWS_PER_BATCH} rows (ms)`);
    console.table(
      probes.map((p) => {
        const a = idle.get(p.name)!;
        const b = loaded.get(p.name)!;
        return { probe: p.name, 'idle p50': ms(quantile(a, 0.5)), 'idle p95': ms(quantile(a, 0.95)), 'feed p50': ms(quantile(b, 0.5)), 'feed p95': ms(quantile(b, 0.95)), 'feed max': ms(b.at(-1) ?? Number.NaN), 'n idle/feed': `${a.length}/${b.length}` };
      }),
    );
    const answered = Object.values(feedResult.status).reduce((a, b) => a + b, 0);
    console.log(
      `feed: answers ${JSON.stringify(feedResult.status)} (${(answered / seconds).toFixed(1)} batches/s of the ${MEASUREMENTS_RATE_LIMIT.ratePerSecond} sent for), not sent (64 in flight): ${feedResult.skipped}, acknowledgement p50 ${ms(feedResult.ackP50)} ms, p95 ${ms(feedResult.ackP95)} ms`,
    );
    console.log(`load average (1, 5, 15 min) before the idle phase: ${loadBefore}; at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  } finally {
    await stopServer(server);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'feed') {
  const [, , , base, token, seconds, codes] = process.argv;
  await runFeed(base!, token!, Number(seconds), codes!.split(','));
} else {
  const port = Number(process.argv[2] ?? 3201);
  const seconds = Number(process.argv[3] ?? 30);
  await measureMode('embedded', port, seconds);
  if (process.env.DATABASE_URL) await measureMode('server', port, seconds);
}
