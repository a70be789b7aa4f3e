/**
 * Scheduled work that must run once across instances (the demo feed, the roll-up sweeps): each
 * instance tries the job's lease; the one that holds it runs the job, the others try again every
 * few seconds, so when the holder stops or dies (PostgreSQL frees its lock with its session) one of
 * them takes over. On the embedded database there is one instance: the job just runs.
 */
import type { Db } from '../db/db';

/** How often an instance without the lease tries again: the longest a job stays without a runner. */
export const LEASE_RETRY_MS = 5_000;

/** Runs `start` while this instance holds the lease `name`; returns the stop function. */
export function runOnOneInstance(db: Db, name: string, start: () => () => unknown, retryMs = LEASE_RETRY_MS): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: { stop: () => unknown; release: () => Promise<void> } | undefined;

  const attempt = async () => {
    timer = undefined;
    if (stopped) return;
    const lease = await db.tryLease(name).catch((err: Error) => {
      console.warn(`[jobs] ${name}: lease unavailable (${err.message})`);
      return null;
    });
    if (stopped) return void (await lease?.release());
    if (!lease) return retry();
    if (db.mode !== 'embedded-timescaledb') console.log(`[jobs] ${name}: runs on this instance`);
    running = { stop: start(), release: () => lease.release() };
    void lease.lost.then(() => {
      if (stopped || !running) return;
      console.warn(`[jobs] ${name}: lease lost; stopped here, another instance (or this one, later) takes over`);
      running.stop();
      running = undefined;
      retry();
    });
  };
  const retry = () => {
    if (stopped) return;
    timer = setTimeout(() => void attempt(), retryMs);
    timer.unref();
  };

  void attempt();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const job = running;
    running = undefined;
    job?.stop();
    await job?.release();
  };
}
