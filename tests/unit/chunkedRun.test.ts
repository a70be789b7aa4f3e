/**
 * How a background forecast job feeds the workers (server/forecast/chunkedRun.ts): chunks cover
 * the series in order, no more than the bound are outstanding, the source is drawn on demand, a
 * failed chunk is settled as failed while the others go on, and progress reaches the total.
 */
import { describe, expect, it } from 'vitest';
import { chunksOf, JobProgress, runChunks } from '../../server/forecast/chunkedRun';

/** A run whose chunks finish when the test says so, recording how many were outstanding. */
function controlledRun() {
  const open: Array<{ chunk: number[]; finish: (ok: boolean) => void }> = [];
  let outstanding = 0;
  let most = 0;
  const run = (chunk: number[]) =>
    new Promise<number[]>((resolve, reject) => {
      outstanding++;
      most = Math.max(most, outstanding);
      open.push({
        chunk,
        finish: (ok) => {
          outstanding--;
          if (ok) resolve(chunk.map((x) => x * 10));
          else reject(new Error('worker died'));
        },
      });
    });
  return { open, run, most: () => most };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('chunksOf', () => {
  it('covers the items in order, in pieces of the size, the last shorter', () => {
    expect(chunksOf([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(chunksOf([1, 2], 5)).toEqual([[1, 2]]);
    expect(chunksOf([], 4)).toEqual([]);
    const items = Array.from({ length: 103 }, (_, i) => i);
    expect(chunksOf(items, 32).flat()).toEqual(items);
  });

  it('refuses a size that is not a whole number ≥ 1', () => {
    expect(() => chunksOf([1], 0)).toThrow(RangeError);
    expect(() => chunksOf([1], 1.5)).toThrow(RangeError);
  });
});

describe('runChunks', () => {
  it('keeps at most maxInFlight chunks outstanding and settles every one', async () => {
    const c = controlledRun();
    const settled: Array<{ chunk: number[]; value: number[] | null }> = [];
    const done = runChunks(chunksOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2), {
      maxInFlight: 2,
      run: c.run,
      settle: (chunk, o) => void settled.push({ chunk, value: o.ok ? o.value : null }),
    });
    // finish them out of order, one at a time
    while (settled.length < 5) {
      await tick();
      c.open.pop()?.finish(true);
    }
    await done;
    expect(c.most()).toBe(2);
    expect(settled.map((s) => s.chunk).flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const s of settled) expect(s.value).toEqual(s.chunk.map((x) => x * 10));
  });

  it('draws the next chunk from the source only when a slot is free', async () => {
    const c = controlledRun();
    let drawn = 0;
    async function* source() {
      for (let g = 0; g < 4; g++) {
        drawn++;
        yield [g];
      }
    }
    let settled = 0;
    const done = runChunks(source(), { maxInFlight: 1, run: c.run, settle: () => void settled++ });
    await tick();
    // one running, the next drawn and waiting for the slot: the source reads one ahead, not all
    expect(drawn).toBe(2);
    while (settled < 4) {
      await tick();
      c.open.shift()?.finish(true);
    }
    await done;
    expect(drawn).toBe(4);
  });

  it('settles a failed chunk as failed and goes on with the others', async () => {
    const c = controlledRun();
    const progress = new JobProgress(6);
    const done = runChunks(chunksOf([1, 2, 3, 4, 5, 6], 2), {
      maxInFlight: 3,
      run: c.run,
      settle: (chunk, o) => progress.add(o.ok ? 'computed' : 'failed', chunk.length),
    });
    await tick();
    expect(c.open).toHaveLength(3);
    c.open[1]!.finish(false);
    c.open[0]!.finish(true);
    c.open[2]!.finish(true);
    await done;
    expect({ done: progress.done, computed: progress.computed, failed: progress.failed }).toEqual({ done: 6, computed: 4, failed: 2 });
  });

  it('rejects when settling fails (the database), after the chunks outstanding are settled', async () => {
    const c = controlledRun();
    let settledCount = 0;
    const done = runChunks(chunksOf([1, 2, 3, 4], 1), {
      maxInFlight: 2,
      run: c.run,
      settle: (chunk) => {
        settledCount++;
        if (chunk[0] === 1) throw new Error('database down');
      },
    });
    const failure = done.catch((err: unknown) => err);
    await tick();
    c.open[0]!.finish(true);
    c.open[1]!.finish(true);
    await tick();
    for (const o of c.open.slice(2)) o.finish(true);
    expect(await failure).toEqual(new Error('database down'));
    // no new chunk is started once a settle failed
    expect(settledCount).toBeLessThanOrEqual(3);
  });
});

describe('JobProgress', () => {
  it('counts computed, cached and failed series up to the total, never past it', () => {
    const p = new JobProgress(10);
    p.add('fromCache', 4);
    p.add('computed', 5);
    p.add('failed');
    expect({ done: p.done, total: p.total }).toEqual({ done: 10, total: 10 });
    expect(() => p.add('computed')).toThrow(RangeError);
  });
});
