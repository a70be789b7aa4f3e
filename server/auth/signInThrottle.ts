/**
 * Slows password guessing without letting a stranger lock the owner out. Three limits, in memory
 * (one process's view, lost on restart, which only resets the delays):
 * - per client address: at most FAILURES_PER_MINUTE wrong passwords a minute, whatever the
 *   username (an office behind one address signing in at 08:00 is not guessing, so successes do
 *   not count), and ATTEMPTS_PER_MINUTE tries of any outcome, which bounds the password hashing
 *   one address can ask of the server;
 * - per (address, username) pair: after FREE_FAILURES wrong passwords, each further try waits
 *   twice as long as the previous one (1 s, 2 s, 4 s … up to MAX_DELAY_MS); a success clears it.
 *   Someone guessing from one address slows only themself, never the owner at another address;
 * - per username, across addresses: past ACCOUNT_FAILURES_PER_HOUR wrong passwords in an hour
 *   (guessing from many addresses), only addresses that have signed in to the account before may
 *   try; the owner keeps working from their usual address.
 * Usernames are counted as typed, whether an account has them or not, so a throttled answer
 * never tells whether an account exists.
 */

export const FAILURES_PER_MINUTE = 10;
export const ATTEMPTS_PER_MINUTE = 120;
export const FREE_FAILURES = 3;
export const MAX_DELAY_MS = 15 * 60_000;
export const ACCOUNT_FAILURES_PER_HOUR = 100;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export type ThrottleVerdict = { allowed: true } | { allowed: false; /** ms until a try is allowed */ retryAfterMs: number };

interface PairFailures {
  count: number;
  /** ms of the last wrong password */
  lastAt: number;
}

export interface SignInThrottleOptions {
  /** ms since any fixed origin; Date.now by default */
  now?: () => number;
  /** entries kept per map before old ones are dropped, so that many one-off keys cannot grow memory without bound */
  maxKeys?: number;
}

export class SignInThrottle {
  private readonly now: () => number;
  private readonly maxKeys: number;
  /** address → times of its recent attempts (ms) */
  private readonly byAddress = new Map<string, number[]>();
  /** address → times of its recent wrong passwords (ms) */
  private readonly failuresByAddress = new Map<string, number[]>();
  /** `address\nusername` → its wrong passwords since the last success */
  private readonly byPair = new Map<string, PairFailures>();
  /** username → times of its wrong passwords in the last hour (ms) */
  private readonly byAccount = new Map<string, number[]>();
  /** username → addresses that signed in to it */
  private readonly knownAddresses = new Map<string, Set<string>>();

  constructor(options: SignInThrottleOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 50_000;
  }

  /** Whether this address may try this username now; counts the attempt against the address. */
  check(address: string, username: string): ThrottleVerdict {
    const now = this.now();
    const recentFailures = (this.failuresByAddress.get(address) ?? []).filter((t) => now - t < MINUTE_MS);
    if (recentFailures.length >= FAILURES_PER_MINUTE) return { allowed: false, retryAfterMs: recentFailures[0]! + MINUTE_MS - now };
    const recent = (this.byAddress.get(address) ?? []).filter((t) => now - t < MINUTE_MS);
    if (recent.length >= ATTEMPTS_PER_MINUTE) return { allowed: false, retryAfterMs: recent[0]! + MINUTE_MS - now };
    recent.push(now);
    this.remember(this.byAddress, address, recent);

    const pair = this.byPair.get(pairKey(address, username));
    if (pair && pair.count >= FREE_FAILURES) {
      const wait = Math.min(MAX_DELAY_MS, 1000 * 2 ** (pair.count - FREE_FAILURES));
      if (now < pair.lastAt + wait) return { allowed: false, retryAfterMs: pair.lastAt + wait - now };
    }

    const failures = (this.byAccount.get(username) ?? []).filter((t) => now - t < HOUR_MS);
    if (failures.length >= ACCOUNT_FAILURES_PER_HOUR && !this.knownAddresses.get(username)?.has(address)) {
      return { allowed: false, retryAfterMs: failures[failures.length - ACCOUNT_FAILURES_PER_HOUR]! + HOUR_MS - now };
    }
    return { allowed: true };
  }

  recordFailure(address: string, username: string): void {
    const now = this.now();
    const addressFailures = (this.failuresByAddress.get(address) ?? []).filter((t) => now - t < MINUTE_MS);
    addressFailures.push(now);
    this.remember(this.failuresByAddress, address, addressFailures);
    const key = pairKey(address, username);
    const pair = this.byPair.get(key);
    this.remember(this.byPair, key, { count: (pair?.count ?? 0) + 1, lastAt: now });
    const failures = (this.byAccount.get(username) ?? []).filter((t) => now - t < HOUR_MS);
    // only the newest ACCOUNT_FAILURES_PER_HOUR matter
    if (failures.length >= ACCOUNT_FAILURES_PER_HOUR) failures.shift();
    failures.push(now);
    this.remember(this.byAccount, username, failures);
  }

  recordSuccess(address: string, username: string): void {
    this.byPair.delete(pairKey(address, username));
    const known = this.knownAddresses.get(username) ?? new Set<string>();
    known.add(address);
    this.remember(this.knownAddresses, username, known);
  }

  /** Sets a key, dropping the oldest entries first when the map is full. */
  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    if (map.size >= this.maxKeys) {
      for (const oldest of map.keys()) {
        map.delete(oldest);
        if (map.size < this.maxKeys * 0.9) break;
      }
    }
    map.set(key, value);
  }
}

function pairKey(address: string, username: string): string {
  return `${address}\n${username}`;
}
