/**
 * Connections (benchmark 4 of issue 10): idle socket.io clients per server process, the resident
 * memory they cost per 1,000, and the event-loop lag of the server while it broadcasts to them.
 * The server is bench/support/benchServer.ts (the real request listener and live server, no
 * pages) in a process of its own; the clients live in load-generator processes
 * (bench/support/socketClients.ts, at most 5,000 each), all on loopback. At each step more clients
 * connect and subscribe to the nation's room (what the overview joins); then, idle for 5 s, then
 * while a feed posts a one-row batch every 100 ms for 10 s (half the per-token limit), so every
 * client gets the room's frames (at most 4 a second). The baseline is the same server with no
 * client, in the same run. A frame's writes are spread over event-loop turns
 * (server/realtime/chunkedEmit.ts); `once` measures socket.io's one loop beside it. Prints a
 * table, with the load average over each broadcast; asserts nothing.
 *   npx tsx bench/connections.ts [clients=1000,5000,10000] [modes=server,embedded] [writes=spread|once|spread,once]
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startGenerator, type Generator } from './support/socketGenerators';
import { spawnBenchServer } from './support/spawnBenchServer';

const steps = (process.argv[2] ?? '1000,5000,10000').split(',').map(Number).sort((a, b) => a - b);
const modes = (process.argv[3] ?? 'server,embedded').split(',') as Array<'embedded' | 'server'>;
/** spread: a frame's writes over event-loop turns (server/realtime/chunkedEmit.ts); once: socket.io's one loop */
const writeModes = (process.argv[4] ?? 'spread').split(',') as Array<'spread' | 'once'>;
const PER_GENERATOR = 5_000;
const BROADCAST_S = 10;
const POST_EVERY_MS = 100;

const mb = (bytes: number) => bytes / 1_048_576;
/** the machine's 1-minute load average (the machine is shared: figures depend on it) */
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
const table: Array<Record<string, string>> = [];
const began = performance.now();
for (const [mode, writes] of modes.flatMap((m) => writeModes.map((w) => [m, w] as const))) {
  const server = await spawnBenchServer(mode, { sockets: true, spread: writes === 'spread' });
  const generators: Generator[] = [];
  try {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    let numerator = 100;
    const post = () =>
      fetch(`${server.url}/api/v1/measurements`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify([{ kpiId: 'dossiers_on_time', orgUnitCode: '22', time: today, numerator: (numerator = (numerator % 900) + 1), denominator: 1000 }]),
      }).then((r) => r.arrayBuffer());
    await post(); // the first batch warms the write path
    await sleep(2_000);
    await server.stats();
    await sleep(3_000);
    const base = await server.stats();
    table.push({ mode: server.mode, writes, clients: '0 (baseline)', connected: '0', 'open (s)': '', 'RSS (MiB)': mb(base.rss).toFixed(0), 'RSS / 1,000 clients (MiB)': '', 'lag p99 idle (ms)': base.lagP99.toFixed(1), 'lag p99 broadcasting (ms)': '', 'lag max broadcasting (ms)': '', 'frames / client': '' });

    let open = 0;
    for (const target of steps) {
      const t0 = performance.now();
      let failed = 0;
      while (open < target) {
        let gen = generators.find((g) => g.clients < PER_GENERATOR);
        if (!gen) generators.push((gen = await startGenerator(server.url)));
        const n = Math.min(target - open, PER_GENERATOR - gen.clients);
        const reply = await gen.ask<{ opened: number; failed: number }>({ open: n });
        gen.clients += n;
        open += n;
        failed = reply.failed;
      }
      const openS = (performance.now() - t0) / 1000;
      await sleep(2_000);
      await server.stats();
      await sleep(5_000);
      const idle = await server.stats();
      for (const g of generators) await g.ask({ count: true });
      const loadBefore = load();
      // the feed: a one-row batch every 100 ms, each answered before the next is due or skipped
      let posts = 0;
      let inFlight = false;
      const feed = setInterval(() => {
        if (inFlight) return;
        inFlight = true;
        posts += 1;
        void post().finally(() => (inFlight = false));
      }, POST_EVERY_MS);
      await sleep(BROADCAST_S * 1000);
      clearInterval(feed);
      const busy = await server.stats();
      const loadAfter = load();
      await sleep(1_000);
      const counts = await Promise.all(generators.map((g) => g.ask<{ frames: number; reached: number; connected: number }>({ count: true })));
      const frames = counts.reduce((n, c) => n + c.frames, 0);
      const connected = counts.reduce((n, c) => n + c.connected, 0);
      table.push({
        mode: server.mode,
        writes,
        clients: target.toLocaleString('en-GB'),
        connected: `${connected.toLocaleString('en-GB')}${failed ? ` (${failed} failed)` : ''}`,
        'open (s)': openS.toFixed(1),
        'RSS (MiB)': mb(idle.rss).toFixed(0),
        'RSS / 1,000 clients (MiB)': ((mb(idle.rss - base.rss) / target) * 1000).toFixed(1),
        'lag p99 idle (ms)': idle.lagP99.toFixed(1),
        'lag p99 broadcasting (ms)': busy.lagP99.toFixed(1),
        'lag max broadcasting (ms)': busy.lagMax.toFixed(1),
        'frames / client': `${(frames / Math.max(1, connected)).toFixed(1)} (${posts} posts)`,
        load: `${loadBefore}–${loadAfter}`,
      });
      console.log(`[connections] ${JSON.stringify(table.at(-1))}`);
    }
  } finally {
    for (const g of generators) {
      g.child.send({ close: true });
      g.child.kill();
    }
    await server.stop();
  }
}
console.log('\nIdle socket.io clients per server process (goal: ≥ 10,000 clients in ≤ 1 GiB, event-loop lag p99 ≤ 50 ms while broadcasting)');
console.table(table);
console.log(`${((performance.now() - began) / 1000).toFixed(0)} s in all`);
