/**
 * How a background forecast job feeds the worker pool (pure: no threads, no database): series in
 * chunks, at most `maxInFlight` chunks outstanding, and a count of the series done that reaches
 * the total whatever happened to each one.
 */

/** Consecutive pieces of `size` items (the last may be shorter); none for no items. */
export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a whole number ≥ 1, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type ChunkOutcome<R> = { ok: true; value: R } | { ok: false; error: Error };

/**
 * Runs every chunk `source` yields through `run`, at most `maxInFlight` at once, and hands each
 * outcome to `settle` (a failed chunk too: the job goes on with the others). The next chunk is
 * drawn only when a slot is free, so a source that reads its data on demand (an async generator)
 * reads ahead of the work by one chunk, not all at once. Resolves when every chunk is settled;
 * rejects when the source or `settle` throws.
 */
export async function runChunks<T, R>(
  source: Iterable<T[]> | AsyncIterable<T[]>,
  opts: { maxInFlight: number; run: (chunk: T[]) => Promise<R>; settle: (chunk: T[], outcome: ChunkOutcome<R>) => void | Promise<void> },
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  // set from the chunks' callbacks (an object, so the checks below read it as it is now)
  const stop: { failure: Error | null } = { failure: null };
  for await (const chunk of source) {
    if (chunk.length === 0) continue;
    while (inFlight.size >= opts.maxInFlight) await Promise.race(inFlight);
    if (stop.failure) break;
    const settled: Promise<void> = opts
      .run(chunk)
      .then(
        (value): ChunkOutcome<R> => ({ ok: true, value }),
        (err: unknown): ChunkOutcome<R> => ({ ok: false, error: err instanceof Error ? err : new Error(String(err)) }),
      )
      .then((outcome) => opts.settle(chunk, outcome))
      .catch((err: unknown) => {
        stop.failure ??= err instanceof Error ? err : new Error(String(err));
      })
      .finally(() => inFlight.delete(settled));
    inFlight.add(settled);
  }
  await Promise.all(inFlight);
  if (stop.failure) throw stop.failure;
}

/** A job's count of its series: every one ends up computed, taken from the cache, or failed. */
export class JobProgress {
  computed = 0;
  fromCache = 0;
  failed = 0;

  constructor(readonly total: number) {}

  get done(): number {
    return this.computed + this.fromCache + this.failed;
  }

  add(how: 'computed' | 'fromCache' | 'failed', n = 1): void {
    if (this.done + n > this.total) throw new RangeError(`progress past the total (${this.done} + ${n} > ${this.total})`);
    this[how] += n;
  }
}
