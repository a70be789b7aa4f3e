/**
 * `npm run bench`: every benchmark in bench/, one after the other, with sizes bounded so that the
 * whole run prints every table within 15 minutes on the reference machine (BENCHMARKS.md). Each
 * runs in a process of its own with a time limit; one that is missing (not in this checkout),
 * fails or runs out of time is reported in the summary, and the run goes on. Benchmarks that start
 * a server use BENCH_PORT (default 3206), one at a time. The production build is made first when
 * stale (scripts/ensureBuild.mjs; NEXT_DIST_DIR is honoured).
 *   npm run bench [-- name ...]      (names: only these, e.g. `npm run bench -- ingestThroughput connections`)
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.BENCH_PORT ?? '3206';
/** the run's bound: what is left after it is reported as not run */
const RUN_LIMIT_S = 14.5 * 60;

interface Bench {
  name: string;
  /** what it measures, for the summary (issue 10's benchmark number when it is one) */
  what: string;
  args: string[];
  /** killed after this long */
  limitS: number;
  /**
   * needs the production build, a running demo server (started here), or a copy of the seeded demo
   * folder (BENCH_DATA_DIR) when one exists
   */
  needs?: 'build' | 'demo server' | 'seeded copy';
}

const BENCHES: Bench[] = [
  { name: 'freshness', what: '1 freshness: commit → event and → page at 100–5,000 clients, vs a 5 s poll', args: ['100,1000,5000', '2', '6'], limitS: 180, needs: 'build' },
  { name: 'responsiveness', what: '2 responsiveness under ingest', args: [port, '15'], limitS: 150, needs: 'build' },
  { name: 'ingestThroughput', what: '3 ingest through the endpoint and in process', args: ['5000', '2', '10000'], limitS: 240 },
  { name: 'connections', what: '4 idle clients, memory, event-loop lag', args: ['1000,10000', 'server,embedded'], limitS: 240 },
  { name: 'queries', what: '5 page queries from roll-ups vs raw', args: ['embedded', '3', '1', '5'], limitS: 120 },
  { name: 'overviewFanOut', what: '6 fan-out: N viewers of the overview', args: ['-', '100', '10'], limitS: 120 },
  { name: 'liveFanOut', what: '6 fan-out: server CPU per frame, 10 vs 1,000 viewers', args: ['6', '10,1000', port], limitS: 120 },
  { name: 'liveMainThread', what: 'main-thread time per live update', args: ['6', port], limitS: 90, needs: 'build' },
  { name: 'firstLoad', what: 'first load of the overview', args: [`http://localhost:${port}`, '3'], limitS: 150, needs: 'demo server' },
  { name: 'alertEvaluation', what: 'alert evaluation per batch', args: ['3', '3'], limitS: 90 },
  { name: 'exportLarge', what: 'the large export', args: ['6'], limitS: 90 },
  { name: 'explainChange', what: 'explain a change', args: ['1', '3', '01,79'], limitS: 90 },
  { name: 'outlierFalsePositives', what: 'outlier rule false positives', args: [], limitS: 60 },
  // last, on a copy of the seeded demo folder when there is one (it seeds its own otherwise: 80 s)
  { name: 'forecast', what: 'forecast timings and backtest quality', args: ['30', '1'], limitS: 240, needs: 'seeded copy' },
];

const only = process.argv.slice(2);
const started = performance.now();
const elapsedS = () => (performance.now() - started) / 1000;
const summary: Array<{ benchmark: string; what: string; result: string; 's': string }> = [];

/** Runs a command in its own process group, killed (with whatever it started) past the limit. */
function runLimited(command: string, args: string[], limitS: number, env: NodeJS.ProcessEnv = process.env): Promise<'ok' | 'failed' | 'out of time'> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit', detached: true });
    let timedOut = false;
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill('SIGTERM');
      setTimeout(() => kill('SIGKILL'), 5_000).unref();
    }, limitS * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      kill('SIGKILL'); // what it started and left behind
      resolve(timedOut ? 'out of time' : code === 0 ? 'ok' : 'failed');
    });
  });
}

let built = false;
function ensureBuild(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['-e', "import('./scripts/ensureBuild.mjs').then((m) => m.ensureBuild())"], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the production build failed');
  built = true;
}

/**
 * The demo history, seeded once into a folder kept between runs (the first benchmark that needs it
 * seeds it: responsiveness, which reads the same BENCH_SEEDED_DIR, or the demo server below).
 * Seeding takes minutes; sharing one folder keeps the run within its 15 minutes.
 */
const seededDir = process.env.BENCH_SEEDED_DIR ?? path.join(os.tmpdir(), 'lienthong-bench-seeded');

/** The demo server firstLoad opens, on the seeded folder. */
async function withDemoServer<T>(work: () => Promise<T>): Promise<T> {
  ensureBuild();
  const dataDir = seededDir;
  const server = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', PORT: port, DATA_DIR: dataDir, SEED_DEMO: '1', SIMULATOR: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    for (let i = 0; i < 600; i++) {
      if (server.exitCode !== null) throw new Error('the demo server exited');
      const up = await fetch(`http://localhost:${port}/api/ready`).then((r) => r.ok, () => false);
      if (up) return await work();
      await sleep(500);
    }
    throw new Error('the demo server did not start within 5 minutes');
  } finally {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      /* gone */
    }
    // the folder is copied and reopened later: let the database close it
    for (let i = 0; i < 60 && server.exitCode === null && server.signalCode === null; i++) await sleep(500);
  }
}

/** Runs `work` with BENCH_DATA_DIR on a copy of the seeded folder (removed after), or without one. */
async function withSeededCopy<T>(work: (env: Record<string, string>) => Promise<T>): Promise<T> {
  if (!fs.existsSync(path.join(seededDir, 'PG_VERSION'))) return work({});
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-bench-copy-'));
  fs.cpSync(seededDir, copy, { recursive: true });
  try {
    return await work({ BENCH_DATA_DIR: copy });
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

console.log(`[bench] ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const bench of BENCHES) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  const file = path.join(root, 'bench', `${bench.name}.ts`);
  if (!fs.existsSync(file)) {
    summary.push({ benchmark: bench.name, what: bench.what, result: 'missing (not in this checkout)', s: '' });
    continue;
  }
  const left = RUN_LIMIT_S - elapsedS();
  if (left < 20) {
    summary.push({ benchmark: bench.name, what: bench.what, result: 'not run: the run’s 15 minutes are spent', s: '' });
    continue;
  }
  console.log(`\n[bench] ── ${bench.name} ${bench.args.join(' ')} ── (${bench.what}; limit ${Math.round(Math.min(bench.limitS, left))} s)`);
  const t0 = performance.now();
  const run = (env: Record<string, string> = {}) => runLimited(process.execPath, ['--import', 'tsx', file, ...bench.args], Math.min(bench.limitS, left), { ...process.env, BENCH_PORT: port, ...env });
  let result: string;
  try {
    if (bench.needs === 'build') ensureBuild();
    result = bench.needs === 'demo server' ? await withDemoServer(run) : bench.needs === 'seeded copy' ? await withSeededCopy(run) : await run();
  } catch (err) {
    result = `failed: ${(err as Error).message}`;
  }
  summary.push({ benchmark: bench.name, what: bench.what, result, s: ((performance.now() - t0) / 1000).toFixed(0) });
}
console.log(`\n[bench] done in ${(elapsedS() / 60).toFixed(1)} min`);
console.table(summary);
