/**
 * Frames per room (server/realtime/frameScheduler.ts): the first change of a burst goes out at once,
 * what follows within the interval is merged into one frame at its end, and a room never gets more
 * than one frame per interval. Timers and the monotonic clock are vitest's fake ones.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameScheduler } from '../../server/realtime/frameScheduler';

const INTERVAL = 250;

describe('createFrameScheduler', () => {
  let sent: Array<{ room: string; frame: number[]; at: number }>;
  let scheduler: ReturnType<typeof createFrameScheduler<string, number, number[]>>;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    sent = [];
    scheduler = createFrameScheduler<string, number, number[]>({
      intervalMs: INTERVAL,
      merge: (frame, change) => [...(frame ?? []), change],
      send: (room, frame) => void sent.push({ room, frame, at: performance.now() }),
    });
  });
  afterEach(() => {
    scheduler.close();
    vi.useRealTimers();
  });

  it('sends the first change of a quiet room at once', () => {
    scheduler.add('nation', 1);
    expect(sent).toEqual([{ room: 'nation', frame: [1], at: 0 }]);
  });

  it('merges what follows within the interval into one frame at its end', () => {
    scheduler.add('nation', 1);
    vi.advanceTimersByTime(100);
    scheduler.add('nation', 2);
    scheduler.add('nation', 3);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(149);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      { room: 'nation', frame: [1], at: 0 },
      { room: 'nation', frame: [2, 3], at: INTERVAL },
    ]);
  });

  it('never sends a room more than one frame per interval under a steady stream', () => {
    for (let t = 0; t < 2_000; t += 10) {
      scheduler.add('nation', t);
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(INTERVAL);
    const gaps = sent.slice(1).map((s, i) => s.at - sent[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(INTERVAL);
    // nothing lost: every change is in exactly one frame, in order
    expect(sent.flatMap((s) => s.frame)).toEqual(Array.from({ length: 200 }, (_, i) => i * 10));
  });

  it('keeps rooms apart: a busy room does not delay a quiet one', () => {
    scheduler.add('nation', 1);
    scheduler.add('nation', 2);
    scheduler.add('province:7', 3);
    expect(sent.map((s) => [s.room, s.frame])).toEqual([
      ['nation', [1]],
      ['province:7', [3]],
    ]);
  });

  it('sends at once again after a quiet interval', () => {
    scheduler.add('nation', 1);
    vi.advanceTimersByTime(INTERVAL + 50);
    scheduler.add('nation', 2);
    expect(sent.map((s) => s.frame)).toEqual([[1], [2]]);
  });

  it('drops what is pending on close', () => {
    scheduler.add('nation', 1);
    scheduler.add('nation', 2);
    scheduler.close();
    vi.advanceTimersByTime(INTERVAL * 2);
    expect(sent.map((s) => s.frame)).toEqual([[1]]);
  });
});

describe('createFrameScheduler, with a send that takes time', () => {
  let sent: Array<{ room: string; frame: number[]; at: number }>;
  let finish: Array<() => void>;
  let scheduler: ReturnType<typeof createFrameScheduler<string, number, number[]>>;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    sent = [];
    finish = [];
    scheduler = createFrameScheduler<string, number, number[]>({
      intervalMs: INTERVAL,
      merge: (frame, change) => [...(frame ?? []), change],
      send: (room, frame) => {
        sent.push({ room, frame, at: performance.now() });
        return new Promise<void>((resolve) => finish.push(resolve));
      },
    });
  });
  afterEach(() => {
    scheduler.close();
    vi.useRealTimers();
  });

  it('holds the next frame while one is being sent, merging what arrives, and sends it once that one is out', async () => {
    scheduler.add('nation', 1);
    // the first frame's numbers take three intervals to read; changes keep coming
    for (let t = 0; t < 3 * INTERVAL; t += 50) {
      await vi.advanceTimersByTimeAsync(50);
      scheduler.add('nation', t);
    }
    expect(sent.map((s) => s.frame)).toEqual([[1]]);
    finish.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    // one frame with all of them, at once: its interval has long passed
    expect(sent.map((s) => s.frame)).toEqual([[1], Array.from({ length: 15 }, (_, i) => i * 50)]);
    expect(sent[1]!.at).toBe(3 * INTERVAL);
  });

  it('still waits out the interval after a send that was quick', async () => {
    scheduler.add('nation', 1);
    finish.shift()!();
    await vi.advanceTimersByTimeAsync(10);
    scheduler.add('nation', 2);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(INTERVAL - 10);
    expect(sent.map((s) => [s.frame, s.at])).toEqual([
      [[1], 0],
      [[2], INTERVAL],
    ]);
  });

  it('goes on after a send that failed, and keeps rooms apart', async () => {
    const failing = createFrameScheduler<string, number, number[]>({
      intervalMs: INTERVAL,
      merge: (frame, change) => [...(frame ?? []), change],
      send: (room, frame) => {
        sent.push({ room, frame, at: performance.now() });
        return room === 'nation' && frame[0] === 1 ? Promise.reject(new Error('the numbers failed')) : new Promise<void>(() => undefined);
      },
    });
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      failing.add('nation', 1);
      failing.add('nation', 2);
      failing.add('province:7', 3);
      failing.add('province:7', 4); // held: the province's first frame never finishes
      await vi.advanceTimersByTimeAsync(INTERVAL * 4);
      expect(sent.map((s) => [s.room, s.frame])).toEqual([
        ['nation', [1]],
        ['province:7', [3]],
        ['nation', [2]],
      ]);
      expect(quiet).toHaveBeenCalledTimes(1);
    } finally {
      failing.close();
      quiet.mockRestore();
    }
  });
});
