/** The token bucket with an injected clock: burst, steady rate, waiting time, separate keys, memory bound. */
import { describe, expect, it } from 'vitest';
import { TokenBucketLimiter } from '../../server/http/rateLimit';

function limiter(ratePerSecond: number, burst: number, maxKeys?: number) {
  let now = 1_000_000;
  const l = new TokenBucketLimiter({ ratePerSecond, burst, maxKeys, now: () => now });
  return { l, advance: (ms: number) => (now += ms), back: (ms: number) => (now -= ms) };
}

describe('TokenBucketLimiter', () => {
  it('allows a burst at once, then refuses with the time until the next request', () => {
    const { l } = limiter(20, 40);
    for (let i = 0; i < 40; i++) expect(l.take('a')).toEqual({ allowed: true, remaining: 39 - i });
    expect(l.take('a')).toEqual({ allowed: false, retryAfterMs: 50 });
  });

  it('refills at the steady rate, never beyond the burst', () => {
    const { l, advance } = limiter(20, 40);
    for (let i = 0; i < 40; i++) l.take('a');
    advance(50); // one request's worth
    expect(l.take('a').allowed).toBe(true);
    expect(l.take('a').allowed).toBe(false);
    advance(500); // ten
    for (let i = 0; i < 10; i++) expect(l.take('a').allowed).toBe(true);
    expect(l.take('a').allowed).toBe(false);
    advance(3_600_000); // an hour: back to the burst, not more
    let allowed = 0;
    while (l.take('a').allowed) allowed++;
    expect(allowed).toBe(40);
  });

  it('sustains the rate over time: 20 a second pass, the 21st waits', () => {
    const { l, advance } = limiter(20, 1);
    let passed = 0;
    for (let ms = 0; ms < 1000; ms += 10) {
      if (l.take('a').allowed) passed++;
      advance(10);
    }
    expect(passed).toBe(20);
  });

  it('says how long to wait for a partly refilled bucket', () => {
    const { l, advance } = limiter(2, 1);
    expect(l.take('a').allowed).toBe(true);
    advance(200); // 0.4 of a request back
    expect(l.take('a')).toEqual({ allowed: false, retryAfterMs: 300 });
  });

  it('keeps one bucket per key', () => {
    const { l } = limiter(1, 2);
    expect(l.take('a').allowed).toBe(true);
    expect(l.take('a').allowed).toBe(true);
    expect(l.take('a').allowed).toBe(false);
    expect(l.take('b').allowed).toBe(true);
  });

  it('gives nothing back when the clock steps back', () => {
    const { l, back } = limiter(1, 1);
    expect(l.take('a').allowed).toBe(true);
    back(10_000);
    expect(l.take('a').allowed).toBe(false);
  });

  it('forgets full buckets when it holds too many keys', () => {
    const { l, advance } = limiter(10, 5, 3);
    for (const k of ['a', 'b', 'c']) l.take(k);
    expect(l.size).toBe(3);
    advance(1000); // all full again
    l.take('d');
    expect(l.size).toBe(1);
  });

  it('refuses a meaningless configuration', () => {
    expect(() => new TokenBucketLimiter({ ratePerSecond: 0, burst: 1 })).toThrow();
    expect(() => new TokenBucketLimiter({ ratePerSecond: 1, burst: 0 })).toThrow();
  });
});
