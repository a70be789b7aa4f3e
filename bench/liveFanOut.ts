/**
 * Issue 10, benchmark 6 (fan-out): server CPU per live frame with 10 and 1,000 viewers of the same
 * view (the overview: the nation's room), goal ≤ 2× between them. The server — the socket server
 * over the app context with its read cache, on a database seeded with a month of history in memory
 * — runs in this process; the viewers are socket.io clients in a child process on loopback (their
 * work is not counted). Each frame follows a real change: one row of the frame's KPI for one
 * province (a commune of it for a commune KPI) is written first, outside the measure (the write is
 * not the figure), then announced as a writer announces it; CPU is this process's user + system
 * time from the announcement until every viewer has the frame, the frame's numbers computed and
 * sent. A room's first frame carries its views whole, the next ones what changed
 * (shared/realtime/framePatch.ts); "frame bytes" is the median of the counted frames.
 * Baselines in the same run: frames carrying every view whole, as before patches (alternating
 * with patched ones, so that both see the same load); and "poke, then pull", each viewer asking again for the overview's
 * numbers after the frame (through the tRPC router in process, answers serialized with superjson
 * as the HTTP handler does; read cache on, so only the first computes) — what pages did before.
 *   npx tsx bench/liveFanOut.ts [frames of each kind=12] [viewers=10,1000] [port=3202]
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import superjson from 'superjson';
import { kpiCatalogue } from '../kpi-definitions';
import { createAppContext, type AppContext } from '../server/appContext';
import { openDb } from '../server/db/db';
import { insertIngestBatch, landMeasurements } from '../server/db/queries/measurements';
import { migrate } from '../server/db/migrate';
import { loadOrgUnits } from '../server/db/queries/orgUnits';
import { announceChange } from '../server/realtime/announceChange';
import { forgetSentViews } from '../server/realtime/roomViews';
import { startSocketServer } from '../server/realtime/socketServer';
import { serverCallerContext } from '../server/trpc/init';
import { createCaller } from '../server/trpc/root';
import { seedHistory, seedOrgUnits } from '../seed/seedDatabase';
import { OrgUnitTree, type OrgUnit } from '../shared/domain/orgUnitTree';
import { validateMeasurementBatch } from '../shared/domain/validateMeasurementBatch';
import { FRAME_INTERVAL_MS } from '../shared/realtime/events';

const frames = Number(process.argv[2] ?? 12);
const viewerCounts = (process.argv[3] ?? '10,1000').split(',').map(Number);
const port = Number(process.argv[4] ?? 3202);
const KPIS = ['dossiers_on_time', 'citizen_satisfaction', 'data_reused'];
/** frames after which the pull baseline is measured */
const PULLS = 1;

const db = await openDb({});
await migrate(db);
await seedOrgUnits(db);
await seedHistory(db, kpiCatalogue, new OrgUnitTree(await loadOrgUnits(db)), { now: new Date(), months: 1, scale: 1, reports: false }, () => undefined);
const app: AppContext = await createAppContext(db, new EventEmitter(), { cacheReads: true });
const server = http.createServer();
await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
const live = await startSocketServer(app, server);
const nation = app.orgUnits().nation;
let batchId = 0;

function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

/** ms of system time (on loopback the kernel's delivery to the viewers is counted here too) */
function systemMs(since: NodeJS.CpuUsage): number {
  return process.cpuUsage(since).system / 1000;
}

/** One new row of the KPI in the province (in its first commune for a commune KPI), not announced. */
async function write(kpiId: string, province: OrgUnit): Promise<void> {
  const at = new Date();
  const share = Math.round(Math.random() * 1000);
  const input =
    kpiId === 'citizen_satisfaction'
      ? { kpiId, orgUnitCode: province.code, time: at.toISOString(), value: share / 10, weight: 100 }
      : kpiId === 'data_reused'
        ? { kpiId, orgUnitCode: app.orgUnits().childrenOf(province.id)[0]!.code, time: at.toISOString(), numerator: share, denominator: 1000 }
        : { kpiId, orgUnitCode: province.code, time: at.toISOString(), numerator: share, denominator: 1000 };
  const valid = validateMeasurementBatch([input], { catalogue: app.catalogue, tree: app.orgUnits(), scopeUnitId: nation.id, now: at, earliest: app.earliestMeasurement });
  if (!valid.ok) throw new Error(JSON.stringify(valid.errors));
  await db.transaction(async (tx) => {
    const batch = await insertIngestBatch(tx, { principal: 'bench', source: 'api', idempotencyKey: null, contentHash: null, rowCount: 1 });
    batchId = batch!.id;
    await landMeasurements(tx, batch!.id, valid.rows);
  });
}

async function announce(kpiId: string, provinceId: number): Promise<void> {
  const at = new Date();
  await db.transaction((tx) => announceChange(app, tx, { kind: 'measurementsLanded', batchId, rowCount: 1, kpiIds: [kpiId], provinceIds: [provinceId], from: at, to: at }));
}

/** What one overview page asked for again after a frame, before the push. */
async function pull(): Promise<number> {
  const trpc = createCaller(serverCallerContext(app));
  const answers = await Promise.all([
    trpc.values.current({ orgUnitId: nation.id, kpiIds: ['service_index'] }),
    trpc.values.current({ orgUnitId: nation.id }),
    trpc.values.ranking({ kpiId: 'service_index', parentId: nation.id }),
    trpc.alerts.open({ limit: 8 }),
    trpc.alerts.list({ state: 'open', pageSize: 1 }),
  ]);
  return superjson.stringify(answers).length;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rows: Array<Record<string, string | number>> = [];
const provinces = app.orgUnits().provinces();

for (const viewers of viewerCounts) {
  const child = fork(new URL('./support/liveViewers.ts', import.meta.url).pathname, [`http://127.0.0.1:${port}`, String(viewers), 'nation'], { execArgv: ['--import', 'tsx'] });
  const messages = new EventEmitter();
  child.on('message', (m: { kind: string }) => messages.emit(m.kind, m));
  await new Promise((resolve) => messages.once('ready', resolve));
  const modes = ['whole', 'patch'] as const;
  type Mode = (typeof modes)[number];
  const push = { whole: [] as number[], patch: [] as number[] };
  const pushSystem = { whole: [] as number[], patch: [] as number[] };
  const wall = { whole: [] as number[], patch: [] as number[] };
  const bytes = { whole: [] as number[], patch: [] as number[] };
  const decode = { whole: [] as number[], patch: [] as number[] };
  const pullCpu: number[] = [];
  let change = 0;
  /**
   * One change and its frame: whole (the views' previous answers forgotten first, as before
   * patches) or patched — against the whole frame just before, of the same KPI (another province).
   */
  const frameOf = async (mode: Mode, kpiId: string, counted: boolean) => {
    await new Promise((resolve) => setTimeout(resolve, FRAME_INTERVAL_MS + 50));
    const province = provinces[(change * 7) % provinces.length]!;
    change += 1;
    await write(kpiId, province);
    if (mode === 'whole') forgetSentViews(app);
    const got = new Promise<{ bytes: number; decodeMsPerViewer: number }>((resolve) => messages.once('frame', resolve));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await announce(kpiId, province.id);
    const frame = await got;
    const pushMs = cpuMs(cpu0);
    const pushSystemMs = systemMs(cpu0);
    const wallMs = performance.now() - t0;
    if (!counted) return;
    push[mode].push(pushMs);
    pushSystem[mode].push(pushSystemMs);
    wall[mode].push(wallMs);
    bytes[mode].push(frame.bytes);
    decode[mode].push(frame.decodeMsPerViewer);
  };
  // the first frames warm the process (JIT, the statements' plans, the fresh sockets' buffers): not
  // counted; then the two kinds of frame alternate, so that both see the same load
  for (let i = -2; i < frames; i++) {
    const kpiId = KPIS[(i + 2) % KPIS.length]!;
    for (const mode of modes) await frameOf(mode, kpiId, i >= 0);
    // the baseline, on the same data version: every viewer asks again (once per row: it is ×70, and slow)
    if (i < 0 || i >= PULLS) continue;
    const cpu1 = process.cpuUsage();
    await Promise.all(Array.from({ length: viewers }, () => pull()));
    pullCpu.push(cpuMs(cpu1));
  }
  console.error(`[liveFanOut] ${viewers} viewers done, load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
  child.send({ kind: 'stop' });
  const fix = (x: number, digits = 1) => Number(x.toFixed(digits));
  rows.push({
    viewers,
    'whole: CPU ms/frame (median)': fix(median(push.whole)),
    'patch: CPU ms/frame (median)': fix(median(push.patch)),
    'patch: mean': fix(mean(push.patch)),
    'system ms whole / patch': `${fix(median(pushSystem.whole))} / ${fix(median(pushSystem.patch))}`,
    'ms to the last viewer whole / patch': `${fix(median(wall.whole), 0)} / ${fix(median(wall.patch), 0)}`,
    'frame bytes whole / patch': `${median(bytes.whole)} / ${median(bytes.patch)}`,
    'decode ms whole / patch': `${fix(median(decode.whole), 2)} / ${fix(median(decode.patch), 2)}`,
    'pull baseline: CPU ms/frame (median)': fix(median(pullCpu)),
  });
}

console.log(`live fan-out: ${frames} frames of each kind per row to viewers of the nation's room, ${db.mode}, a month of seeded history in memory, ${new Date().toISOString()}, load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
console.table(rows);
if (rows.length >= 2) {
  const first = rows[0]!;
  const last = rows.at(-1)!;
  const ratio = (key: string) => (Number(last[key]) / Number(first[key])).toFixed(2);
  console.log(
    `${last.viewers} vs ${first.viewers} viewers: push CPU × ${ratio('patch: CPU ms/frame (median)')} with patches (goal ≤ 2), × ${ratio('whole: CPU ms/frame (median)')} with whole frames; pull baseline × ${ratio('pull baseline: CPU ms/frame (median)')}`,
  );
}
await live.close();
server.close();
await db.close();
