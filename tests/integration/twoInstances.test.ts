/**
 * Two real app processes (`node --import tsx main.ts`, production build) on one PostgreSQL server
 * and one Redis, as "Running in production" in the README describes them: a batch written through
 * the first reaches a page open on the second; a PostgreSQL restart shows in both instances'
 * `/api/health` and `/api/ready` and the push resumes by itself on both; when the instance holding
 * the scheduled jobs dies, the other takes them over and keeps serving.
 *
 * The shared PostgreSQL on 5432 is never touched: the test makes a cluster of its own
 * (initdb + pg_ctl in a temporary folder, on a free port) so that it can restart it. Redis is the
 * shared one, with a stream name of this run's own. Skipped with a notice when the PostgreSQL
 * binaries or Redis are missing, except under CI, where it must run.
 */
import { TEST_NOW } from '../helpers/clock';
import { localDate } from '../helpers/integration';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SOCKET_PATH, type ChangedFrame, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/realtime/events';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** the jobs that run once across instances with SIMULATOR off (server/startServer.ts) */
const JOBS = ['pending-rollup-refresh', 'forecast-scoring'] as const;
/** How long an instance may take to start (migrations on an empty database, Next.js preparing) on a loaded machine. */
const START_TIMEOUT_MS = 120_000;

/** The newest PostgreSQL's binaries (PG_BIN overrides), or undefined without initdb. */
function postgresBinaries(): string | undefined {
  if (process.env.PG_BIN) return fs.existsSync(path.join(process.env.PG_BIN, 'initdb')) ? process.env.PG_BIN : undefined;
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return undefined;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(base, versions[0], 'bin');
}

function tcpReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const pgBin = postgresBinaries();
const redisUp = await tcpReachable(REDIS_URL);
const missing = [pgBin ? undefined : 'PostgreSQL binaries (/usr/lib/postgresql/*/bin/initdb)', redisUp ? undefined : `Redis at ${REDIS_URL}`].filter(Boolean);
if (missing.length > 0) {
  if (process.env.CI) throw new Error(`twoInstances: ${missing.join(' and ')} missing under CI`);
  console.warn(`[tests] ${missing.join(' and ')} missing: the two-instance test is skipped`);
}

/** Runs a command to its end; rejects with its output when it fails. */
function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

/**
 * A PostgreSQL cluster of the test's own. initdb refuses to run as root: then the cluster belongs
 * to the `postgres` account and its commands run through runuser.
 */
class PrivateCluster {
  readonly dataDir: string;
  private running = false;

  private constructor(
    private readonly bin: string,
    readonly dir: string,
    readonly port: number,
    private readonly asPostgres: boolean,
  ) {
    this.dataDir = path.join(dir, 'data');
  }

  static async create(bin: string): Promise<PrivateCluster> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-2inst-'));
    const asPostgres = process.getuid?.() === 0;
    if (asPostgres) {
      const uid = Number((await run('id', ['-u', 'postgres'])).trim());
      const gid = Number((await run('id', ['-g', 'postgres'])).trim());
      fs.chownSync(dir, uid, gid);
    }
    const cluster = new PrivateCluster(bin, dir, await freePort(), asPostgres);
    await cluster.pg('initdb', ['-D', cluster.dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    return cluster;
  }

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
    await this.pg('pg_ctl', ['-D', this.dataDir, '-l', path.join(this.dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    this.running = true;
  }

  /** A fast shutdown, as an operator's restart does: sessions are ended, clients see their connections close. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!this.running) return;
    await this.pg('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
    this.running = false;
  }

  async destroy(): Promise<void> {
    await this.stop('immediate').catch((err: Error) => console.warn(`[tests] private cluster stop: ${err.message}`));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private pg(program: string, args: string[]): Promise<string> {
    const binary = path.join(this.bin, program);
    return this.asPostgres ? run('runuser', ['-u', 'postgres', '--', binary, ...args]) : run(binary, args);
  }
}

/** One app process and everything it printed. */
class Instance {
  readonly log: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    readonly port: number,
    env: NodeJS.ProcessEnv,
  ) {
    // its own process group, so that a kill reaches whatever it starts
    this.child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let partial = '';
    const collect = (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop()!;
      this.log.push(...lines);
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Dies at once, as a crashed or killed process does: no shutdown, no lease released. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
    await this.exited;
  }

  async health(readiness = false): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.url}/api/${readiness ? 'ready' : 'health'}`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async waitReady(): Promise<void> {
    await vi.waitFor(
      async () => {
        if (!this.alive) throw new Error(`${this.name} exited:\n${this.tail()}`);
        expect((await this.health(true)).status).toBe(200);
      },
      { timeout: START_TIMEOUT_MS, interval: 500 },
    );
  }

  /** The jobs this instance runs now, from what it logged (server/jobs/oneInstance.ts). */
  jobsHeld(): string[] {
    return JOBS.filter((job) => {
      const last = this.log.findLast((line) => line.startsWith(`[jobs] ${job}: `));
      return last !== undefined && last.includes('runs on this instance');
    });
  }

  tail(lines = 40): string {
    return this.log.slice(-lines).join('\n');
  }
}

interface Viewer {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  frames: ChangedFrame[];
}

async function openViewer(instance: Instance): Promise<Viewer> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connectSocket(instance.url, { path: SOCKET_PATH, transports: ['websocket'] });
  const frames: ChangedFrame[] = [];
  socket.on('changed', (frame) => frames.push(frame));
  expect(await socket.timeout(10_000).emitWithAck('subscribe', { rooms: ['nation'] })).toMatchObject({ ok: true });
  return { socket, frames };
}

describe.runIf(missing.length === 0)('two app instances on one PostgreSQL server and one Redis', () => {
  const token = `lt_${randomBytes(32).toString('base64url')}`;
  const stream = `lienthong:test:twoInstances:${randomBytes(6).toString('hex')}`;
  // the server's clock starts at the test's fixed "now", so today's rows are today for both
  const today = localDate(TEST_NOW);
  let cluster: PrivateCluster | undefined;
  const instances: Instance[] = [];
  const viewers = new Map<Instance, Viewer>();
  let first!: Instance;
  let second!: Instance;
  let numerator = 500;

  const ingest = async (through: Instance): Promise<number> => {
    numerator += 1;
    const response = await fetch(`${through.url}/api/v1/measurements`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify([{ kpiId: 'dossiers_on_time', orgUnitCode: '22', time: today, numerator, denominator: 1000 }]),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    expect(response.status, text).toBe(201);
    return (JSON.parse(text) as { batchId: number }).batchId;
  };
  const receives = async (instance: Instance, batchId: number) => {
    const viewer = viewers.get(instance)!;
    await vi.waitFor(() => expect(viewer.frames.some((f) => f.cursor >= batchId && f.kpiIds.includes('dossiers_on_time'))).toBe(true), { timeout: 15_000 });
  };

  beforeAll(async () => {
    // production pages need a build; the e2e suite's (or NEXT_DIST_DIR's) is reused when current
    await run(process.execPath, ['-e', "import('./scripts/ensureBuild.mjs').then((m) => m.ensureBuild())"], { timeoutMs: 900_000 });
    cluster = await PrivateCluster.create(pgBin!);
    await cluster.start();
    const ports = process.env.TWO_INSTANCES_PORTS?.split(',').map(Number) ?? [await freePort(), await freePort()];
    const envFor = (port: number): NodeJS.ProcessEnv => ({
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: cluster!.url,
      REDIS_URL,
      REDIS_STREAM: stream,
      SEED_DEMO: '0',
      SIMULATOR: '0',
      BOOTSTRAP_API_TOKEN: token,
      CLOCK_START: TEST_NOW.toISOString(),
      DATA_DIR: path.join(cluster!.dir, `data-${port}`),
      NEXT_TELEMETRY_DISABLED: '1',
    });
    // one after the other: the first applies the migrations and takes every job's lease
    first = new Instance('first', ports[0]!, envFor(ports[0]!));
    instances.push(first);
    await first.waitReady();
    second = new Instance('second', ports[1]!, envFor(ports[1]!));
    instances.push(second);
    await second.waitReady();
    for (const instance of instances) viewers.set(instance, await openViewer(instance));
  }, 1_200_000);

  // what the instances said is the first thing to read when a step fails
  beforeEach(({ onTestFailed }) => onTestFailed(() => instances.forEach((i) => console.log(`--- ${i.name} (port ${i.port}) ---\n${i.tail()}`))));

  afterAll(async () => {
    if (process.env.TWO_INSTANCES_SHOW_LOGS) instances.forEach((i) => console.log(`--- ${i.name} ---\n${i.log.join('\n')}`));
    for (const viewer of viewers.values()) viewer.socket.disconnect();
    for (const instance of instances) await instance.kill();
    await cluster?.destroy();
    const redis = createClient({ url: REDIS_URL });
    await redis.connect().then(
      async () => {
        await redis.del(stream);
        await redis.quit();
      },
      () => undefined,
    );
  }, 120_000);

  it('starts with the first instance running every job and both ready', async () => {
    expect(first.jobsHeld()).toEqual([...JOBS]);
    expect(second.jobsHeld()).toEqual([]);
    for (const instance of instances) {
      expect((await instance.health()).body).toMatchObject({ ok: true, db: 'server-postgresql', database: 'up', relay: 'up', redis: 'up' });
    }
  });

  it('pushes a batch written through the first instance to a page open on the second', async () => {
    const batchId = await ingest(first);
    await receives(second, batchId);
    await receives(first, batchId);
  });

  it('reports a PostgreSQL restart in /api/health and /api/ready, then pushes again on both', async () => {
    await cluster!.stop('fast');
    for (const instance of instances) {
      await vi.waitFor(
        async () => {
          const health = await instance.health();
          expect(health.status).toBe(200); // liveness: the process answers
          expect(health.body).toMatchObject({ ok: false, database: 'down', relay: 'down', redis: 'up' });
          expect((await instance.health(true)).status).toBe(503);
        },
        { timeout: 15_000, interval: 250 },
      );
    }
    await cluster!.start();
    // the pool opens new connections, the LISTEN connection reconnects with backoff
    for (const instance of instances) {
      await vi.waitFor(async () => expect((await instance.health(true)).body).toMatchObject({ ok: true, database: 'up', relay: 'up' }), { timeout: 30_000, interval: 500 });
    }
    // the pages stayed connected through it (socket.io does not depend on the database)
    for (const viewer of viewers.values()) expect(viewer.socket.connected).toBe(true);
    const throughFirst = await ingest(first);
    await receives(second, throughFirst);
    await receives(first, throughFirst);
    const throughSecond = await ingest(second);
    await receives(first, throughSecond);
    await receives(second, throughSecond);
    // the leases died with their sessions; each job is run again, by exactly one instance
    await vi.waitFor(() => expect([...first.jobsHeld(), ...second.jobsHeld()].sort()).toEqual([...JOBS].sort()), { timeout: 20_000, interval: 500 });
  });

  it('moves the jobs to the other instance when their holder dies, which keeps serving', async () => {
    const holder = first.jobsHeld().length > 0 ? first : second;
    const survivor = holder === first ? second : first;
    await holder.kill();
    // PostgreSQL ends the dead instance's sessions, freeing its advisory locks; the survivor retries every 5 s
    await vi.waitFor(() => expect(survivor.jobsHeld()).toEqual([...JOBS]), { timeout: 20_000, interval: 500 });
    expect((await survivor.health(true)).body).toMatchObject({ ok: true });
    const batchId = await ingest(survivor);
    await receives(survivor, batchId);
  });
});
