/**
 * Issue 10, benchmark 6 (fan-out): server CPU per live frame with 10 and 1,000 viewers of the same
 * view (the overview: the nation's room), goal ≤ 2× between them. The server — the socket server
 * over the app context with its read cache, on a database seeded with a month of history in memory
 * — runs in this process; the viewers are socket.io clients in a child process on loopback (their
 * work is not counted). Each frame follows a change announced as a writer announces it (no rows
 * written: the write is not the figure); CPU is this process's user + system time from the
 * announcement until every viewer has the frame, the frame's numbers computed and sent.
 * Baseline in the same run: "poke, then pull", each viewer asking again for the overview's
 * numbers after the frame (through the tRPC router in process, answers serialized with superjson
 * as the HTTP handler does; read cache on, so only the first computes) — what pages did before.
 *   npx tsx bench/liveFanOut.ts [frames=12] [viewers=10,1000] [port=3202]
 */
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import superjson from 'superjson';
import { kpiCatalogue } from '../kpi-definitions';
import { createAppContext, type AppContext } from '../server/appContext';
import { openDb } from '../server/db/db';
import { migrate } from '../server/db/migrate';
import { loadOrgUnits } from '../server/db/queries/orgUnits';
import { announceChange } from '../server/realtime/announceChange';
import { startSocketServer } from '../server/realtime/socketServer';
import { serverCallerContext } from '../server/trpc/init';
import { createCaller } from '../server/trpc/root';
import { seedHistory, seedOrgUnits } from '../seed/seedDatabase';
import { OrgUnitTree } from '../shared/domain/orgUnitTree';
import { FRAME_INTERVAL_MS } from '../shared/realtime/events';

const frames = Number(process.argv[2] ?? 12);
const viewerCounts = (process.argv[3] ?? '10,1000').split(',').map(Number);
const port = Number(process.argv[4] ?? 3202);
const KPIS = ['dossiers_on_time', 'citizen_satisfaction', 'data_reused'];

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

async function announce(kpiId: string, provinceId: number): Promise<void> {
  batchId += 1;
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
  const push: number[] = [];
  const pushSystem: number[] = [];
  const pullCpu: number[] = [];
  const wall: number[] = [];
  let bytes = 0;
  let decode = 0;
  // the first frames warm the process (JIT, the statements' plans, the fresh sockets' buffers): not counted
  for (let i = -4; i < frames; i++) {
    await new Promise((resolve) => setTimeout(resolve, FRAME_INTERVAL_MS + 50));
    const kpiId = KPIS[(i + 4) % KPIS.length]!;
    const province = provinces[(i + 4) % provinces.length]!;
    const got = new Promise<{ bytes: number; decodeMsPerViewer: number }>((resolve) => messages.once('frame', resolve));
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await announce(kpiId, province.id);
    const frame = await got;
    const pushMs = cpuMs(cpu0);
    const pushSystemMs = systemMs(cpu0);
    const wallMs = performance.now() - t0;
    // the baseline, on the same data version: every viewer asks again
    const cpu1 = process.cpuUsage();
    await Promise.all(Array.from({ length: viewers }, () => pull()));
    const pullMs = cpuMs(cpu1);
    if (i < 0) continue;
    push.push(pushMs);
    pushSystem.push(pushSystemMs);
    wall.push(wallMs);
    pullCpu.push(pullMs);
    bytes = frame.bytes;
    decode = frame.decodeMsPerViewer;
  }
  child.send({ kind: 'stop' });
  rows.push({
    viewers,
    'push: CPU ms/frame (median)': Number(median(push).toFixed(1)),
    'push: CPU ms/frame (mean)': Number(mean(push).toFixed(1)),
    'of which system (median)': Number(median(pushSystem).toFixed(1)),
    'push: ms to the last viewer (median)': Number(median(wall).toFixed(1)),
    'frame bytes': bytes,
    'viewer decode ms': Number(decode.toFixed(2)),
    'pull baseline: CPU ms/frame (median)': Number(median(pullCpu).toFixed(1)),
  });
}

console.log(`live fan-out: ${frames} frames per row to viewers of the nation's room, ${db.mode}, a month of seeded history in memory, ${new Date().toISOString()}`);
console.table(rows);
if (rows.length >= 2) {
  const first = rows[0]!;
  const last = rows.at(-1)!;
  const ratio = (key: string) => (Number(last[key]) / Number(first[key])).toFixed(2);
  console.log(`${last.viewers} vs ${first.viewers} viewers: push CPU × ${ratio('push: CPU ms/frame (median)')} (goal ≤ 2), pull baseline × ${ratio('pull baseline: CPU ms/frame (median)')}`);
}
await live.close();
server.close();
await db.close();
