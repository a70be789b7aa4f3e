/**
 * A token bucket per key, in memory: each key may spend `burst` requests at once and gets
 * `ratePerSecond` back every second, up to `burst`. One process's view only — behind several
 * instances each has its own buckets, which is fine for keeping one client from starving the
 * others, not for billing. The clock is injected so that tests need no waiting.
 */
import type { Principal } from '../auth/principal';
import { AppError } from '../../shared/errors';

export interface TokenBucketOptions {
  /** requests per second refilled */
  ratePerSecond: number;
  /** the bucket's size: requests allowed at once after a quiet spell */
  burst: number;
  /** ms since any fixed origin; Date.now by default */
  now?: () => number;
  /** buckets kept before full (idle) ones are dropped, so that many one-off keys cannot grow memory without bound */
  maxKeys?: number;
}

export type TakeResult =
  | { allowed: true; /** whole requests left right now */ remaining: number }
  | { allowed: false; /** ms until one request is allowed again */ retryAfterMs: number };

interface Bucket {
  tokens: number;
  /** when `tokens` was last brought up to date; ms */
  at: number;
}

export class TokenBucketLimiter {
  readonly ratePerSecond: number;
  readonly burst: number;
  private readonly now: () => number;
  private readonly maxKeys: number;
  private readonly buckets = new Map<string, Bucket>();

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0) || !(options.burst >= 1)) throw new Error('a token bucket needs ratePerSecond > 0 and burst ≥ 1');
    this.ratePerSecond = options.ratePerSecond;
    this.burst = options.burst;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Spends one request of `key`'s bucket, or says how long to wait. */
  take(key: string): TakeResult {
    const now = this.now();
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    return { allowed: false, retryAfterMs: Math.ceil(((1 - bucket.tokens) / this.ratePerSecond) * 1000) };
  }

  /** How many buckets are held (for tests of the memory bound). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.dropFullBuckets(now);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    // A clock that steps back gives nothing back and takes nothing away.
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(this.burst, bucket.tokens + (elapsed / 1000) * this.ratePerSecond);
    bucket.at = now;
    return bucket;
  }

  /** A full bucket is the same as no bucket: forget it. */
  private dropFullBuckets(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (Math.max(0, now - b.at) / 1000) * this.ratePerSecond >= this.burst) this.buckets.delete(key);
    }
  }
}

/**
 * Spends one request of a caller's ingestion budget, whichever entry point it came through;
 * past it, RATE_LIMITED after telling `onRetryAfter` how many whole seconds to wait.
 */
export function spendIngestBudget(limiter: TokenBucketLimiter, principal: Principal, onRetryAfter?: (seconds: number) => void): void {
  const budget = limiter.take(principal.name);
  if (budget.allowed) return;
  const seconds = Math.max(1, Math.ceil(budget.retryAfterMs / 1000));
  onRetryAfter?.(seconds);
  throw new AppError('RATE_LIMITED', {
    vi: `Mã truy cập này gửi quá nhiều yêu cầu (tối đa ${limiter.ratePerSecond} yêu cầu/giây, ${limiter.burst} yêu cầu liền nhau); hãy thử lại sau ${seconds} giây`,
    en: `Too many requests with this token (at most ${limiter.ratePerSecond} a second, ${limiter.burst} at once); retry in ${seconds} s`,
  });
}
