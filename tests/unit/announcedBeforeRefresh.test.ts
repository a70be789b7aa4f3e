/**
 * Which batches are announced at their commit, before the roll-up refresh their write queues
 * (server/services/ingestMeasurements.ts): those whose every row is in the current hour (Vietnam
 * time) or later, hence in the current, never materialised, bucket of every roll-up.
 */
import { describe, expect, it } from 'vitest';
import { announcedBeforeRefresh } from '../../server/services/ingestMeasurements';
import { TEST_NOW } from '../helpers/clock';

const at = (iso: string) => new Date(iso);

describe('announcedBeforeRefresh', () => {
  const now = at('2026-11-27T10:25:00+07:00');

  it('announces at the commit a batch whose earliest row is in the current hour or later', () => {
    expect(announcedBeforeRefresh(at('2026-11-27T10:00:00+07:00'), now)).toBe(true);
    expect(announcedBeforeRefresh(at('2026-11-27T10:24:59+07:00'), now)).toBe(true);
    // a sender whose clock runs a little fast
    expect(announcedBeforeRefresh(at('2026-11-27T10:26:00+07:00'), now)).toBe(true);
  });

  it('announces after the refresh a batch with a row in an earlier hour, however recent', () => {
    expect(announcedBeforeRefresh(at('2026-11-27T09:59:59.999+07:00'), now)).toBe(false);
    expect(announcedBeforeRefresh(at('2026-11-26T10:00:00+07:00'), now)).toBe(false);
    expect(announcedBeforeRefresh(at('2026-10-01T00:00:00+07:00'), now)).toBe(false);
  });

  it('takes the hour in Vietnam time, not the server’s zone: 00:30 local is 17:30 UTC the day before', () => {
    const justAfterMidnight = at('2026-11-28T00:30:00+07:00');
    expect(announcedBeforeRefresh(at('2026-11-28T00:00:00+07:00'), justAfterMidnight)).toBe(true);
    expect(announcedBeforeRefresh(at('2026-11-27T23:59:00+07:00'), justAfterMidnight)).toBe(false);
  });

  it('follows the clock it is given (the app’s, fixed in tests)', () => {
    expect(announcedBeforeRefresh(TEST_NOW, TEST_NOW)).toBe(true);
    expect(announcedBeforeRefresh(new Date(TEST_NOW.getTime() - 3600_000), TEST_NOW)).toBe(false);
  });
});
