/**
 * The sign-in throttle with a fixed clock: a guesser slows only its own (address, username) pair
 * with a doubling delay, never the owner at another address; an address has a per-minute budget;
 * many addresses guessing one username leave the owner's known address working; unknown and
 * existing usernames are treated alike (the throttle never looks the account up).
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_FAILURES_PER_HOUR, ATTEMPTS_PER_MINUTE, FAILURES_PER_MINUTE, FREE_FAILURES, MAX_DELAY_MS, SignInThrottle } from '../../server/auth/signInThrottle';

function throttle() {
  let now = 1_000_000_000;
  const t = new SignInThrottle({ now: () => now });
  return { t, advance: (ms: number) => (now += ms) };
}

/** A wrong password from `address` for `username`, as signIn records it. */
function fail(t: SignInThrottle, address: string, username: string) {
  const verdict = t.check(address, username);
  if (verdict.allowed) t.recordFailure(address, username);
  return verdict;
}

describe('SignInThrottle', () => {
  it('lets a few wrong passwords through, then doubles the wait per pair, up to the maximum', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < FREE_FAILURES; i++) expect(fail(t, 'evil', 'quantri')).toEqual({ allowed: true });
    expect(t.check('evil', 'quantri')).toEqual({ allowed: false, retryAfterMs: 1000 });
    advance(1000);
    expect(fail(t, 'evil', 'quantri')).toEqual({ allowed: true });
    expect(t.check('evil', 'quantri')).toEqual({ allowed: false, retryAfterMs: 2000 });
    for (let i = 0; i < 30; i++) {
      advance(MAX_DELAY_MS);
      fail(t, 'evil', 'quantri');
    }
    expect(t.check('evil', 'quantri')).toEqual({ allowed: false, retryAfterMs: MAX_DELAY_MS });
  });

  it('never locks the owner out: a stranger guessing from another address leaves the owner’s address untouched', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 40; i++) {
      fail(t, 'evil', 'quantri');
      advance(MAX_DELAY_MS);
    }
    expect(t.check('owner', 'quantri')).toEqual({ allowed: true });
  });

  it('treats an unknown username exactly like an existing one', () => {
    const { t } = throttle();
    const run = (username: string) => Array.from({ length: FREE_FAILURES + 1 }, () => fail(t, 'evil', username));
    expect(run('no.such.user')).toEqual(run('quantri'));
  });

  it('clears a pair’s delay when that address signs in', () => {
    const { t } = throttle();
    for (let i = 0; i < FREE_FAILURES; i++) fail(t, 'office', 'canbo');
    expect(t.check('office', 'canbo').allowed).toBe(false);
    t.recordSuccess('office', 'canbo');
    expect(t.check('office', 'canbo').allowed).toBe(true);
  });

  it('caps an address at a number of wrong passwords a minute, whatever the usernames', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < FAILURES_PER_MINUTE; i++) {
      expect(t.check('spray', `user${i}`).allowed).toBe(true);
      t.recordFailure('spray', `user${i}`);
    }
    expect(t.check('spray', 'another')).toEqual({ allowed: false, retryAfterMs: 60_000 });
    advance(60_000);
    expect(t.check('spray', 'another').allowed).toBe(true);
  });

  it('lets a whole office behind one address sign in at once: successes do not count, only a cap on all tries', () => {
    const { t } = throttle();
    for (let i = 0; i < ATTEMPTS_PER_MINUTE; i++) {
      expect(t.check('office-nat', `canbo${i}`).allowed).toBe(true);
      t.recordSuccess('office-nat', `canbo${i}`);
    }
    // the cap on tries of any outcome bounds the password hashing one address can ask for
    expect(t.check('office-nat', 'one-more').allowed).toBe(false);
  });

  it('past many failures an hour for one username, only addresses that signed in to it before may try', () => {
    const { t, advance } = throttle();
    t.recordSuccess('owner', 'quantri');
    for (let i = 0; i < ACCOUNT_FAILURES_PER_HOUR; i++) fail(t, `bot${i}`, 'quantri');
    expect(t.check('bot-new', 'quantri').allowed).toBe(false);
    expect(t.check('owner', 'quantri')).toEqual({ allowed: true });
    advance(60 * 60_000);
    expect(t.check('bot-new', 'quantri').allowed).toBe(true);
  });

  it('keeps its memory bounded under many one-off keys', () => {
    let now = 0;
    const t = new SignInThrottle({ now: () => now, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) {
      now += 1;
      fail(t, `addr${i}`, `user${i}`);
    }
    // the newest pair is still remembered, so its delay still applies after more failures
    for (let i = 0; i < FREE_FAILURES; i++) t.recordFailure('addr999', 'user999');
    expect(t.check('addr999', 'user999').allowed).toBe(false);
  });
});
