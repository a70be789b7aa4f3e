/**
 * Starts bench/support/benchServer.ts as a process of its own (the load stays in the caller's) and
 * an empty PostgreSQL database for it in server mode, dropped again by `stop`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
/** benchmarks that start a server listen here (BENCH_PORT), one at a time */
export const BENCH_PORT = Number(process.env.BENCH_PORT ?? 3206);

export type BenchMode = 'embedded' | 'server';

export interface ServerStats {
  rss: number;
  heapUsed: number;
  lagP50: number;
  lagP99: number;
  lagMax: number;
  sockets: number;
}

export interface BenchServer {
  url: string;
  mode: string;
  token: string;
  /** the server process's id (for its CPU time in /proc) */
  pid: number;
  /** the database's address in server mode (for a reference write beside the server) */
  databaseUrl?: string;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

/** An empty database on the PostgreSQL server; `drop` removes it. */
export async function freshServerDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `lienthong_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BENCH_SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function spawnBenchServer(mode: BenchMode, options: { sockets?: boolean; /** false: frames written to all sockets in one loop */ spread?: boolean; unlimitedIngest?: boolean; port?: number; /** the pages too (needs the build) */ pages?: boolean; /** the alert checks and read warm-up of the real server */ jobs?: boolean } = {}): Promise<BenchServer> {
  const token = `lt_${randomBytes(32).toString('base64url')}`;
  const database = mode === 'server' ? await freshServerDatabase() : undefined;
  // BENCH_CPU_PROF=<folder>: the server's CPU profile (each thread's) is written there when it stops
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=4096', ...profile, '--import', 'tsx', 'bench/support/benchServer.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(options.port ?? BENCH_PORT),
      BENCH_TOKEN: token,
      BENCH_DATABASE_URL: database?.url ?? '',
      BENCH_SOCKETS: options.sockets ? '1' : '0',
      BENCH_SPREAD: options.spread === false ? '0' : '1',
      BENCH_UNLIMITED_INGEST: options.unlimitedIngest ? '1' : '0',
      BENCH_PAGES: options.pages ? '1' : '0',
      BENCH_JOBS: options.jobs ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<{ port: number; mode: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bench server did not start within 120 s')), 120_000);
    child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{"ready"')) return;
      clearTimeout(timer);
      resolve(JSON.parse(line) as { port: number; mode: string });
    });
  });
  const url = `http://127.0.0.1:${ready.port}`;
  return {
    url,
    mode: ready.mode,
    token,
    pid: child.pid!,
    ...(database ? { databaseUrl: database.url } : {}),
    stats: async () => (await (await fetch(`${url}/bench/stats`)).json()) as ServerStats,
    stop: async () => {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
      await database?.drop();
    },
  };
}
