/**
 * What the embedded database promises (README, "What the embedded database promises"): a commit it
 * acknowledged survives the process being killed outright (SIGKILL, no shutdown), because every
 * commit's WAL is written to the operating system before the commit returns. It does not promise
 * more: PGlite never calls fsync (0 calls for 50 commits under strace), so an operating-system crash
 * or a power cut can lose the newest commits. The server mode is the production path.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../server/db/db';

const COMMITS = 40;

describe('the embedded database after the process is killed', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-durability-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every commit it acknowledged', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/embeddedWriter.ts', dataDir, String(COMMITS)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acknowledged = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        for (const match of chunk.matchAll(/acknowledged (\d+)/g)) acknowledged = Number(match[1]);
        // killed in the middle of its work, not after a quiet pause
        if (acknowledged >= COMMITS / 2) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the writer exited (${code}) before it was killed`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const db = await openDb({ dataDir });
    try {
      const [row] = await db.query<{ n: number; max: number }>('SELECT count(*)::int AS n, max(n)::int AS max FROM acknowledged');
      // everything acknowledged is there (a commit done but not yet printed may be too)
      expect(row!.n).toBeGreaterThanOrEqual(acknowledged);
      expect(row!.max).toBe(row!.n);
    } finally {
      await db.close();
    }
  });
});
