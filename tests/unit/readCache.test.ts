/**
 * The read cache (server/services/readCache.ts): one computation per name, input and data
 * version; concurrent identical reads share it; a change heard on the bus means nothing read
 * before it is served again; a failure is not kept; the entries are bounded; the database's stamp
 * (server mode) is read at most once per its age limit.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Change, EventBus } from '../../server/realtime/bus';
import { inputKey, kpiTopic, ReadCache, REPORT_STATUS_TOPIC, topicsOfChange, withStaleReads } from '../../server/services/readCache';

/** A computation whose calls are counted and which resolves when told to. */
function deferredCompute<T>(value: T) {
  const calls: Array<(v: T) => void> = [];
  return {
    calls,
    compute: () => new Promise<T>((resolve) => calls.push(resolve)),
    resolveAll: () => calls.forEach((resolve) => resolve(value)),
  };
}

function counted<T>(value: () => T) {
  let n = 0;
  return {
    get count() {
      return n;
    },
    compute: () => {
      n += 1;
      return Promise.resolve(value());
    },
  };
}

const landed: Change = {
  kind: 'measurementsLanded',
  origin: 'local',
  batchId: 1,
  rowCount: 1,
  kpiIds: ['dossiers_on_time'],
  provinceIds: [1],
  from: new Date('2026-11-27T03:00:00Z'),
  to: new Date('2026-11-27T03:00:00Z'),
};

describe('inputKey', () => {
  it('is the same for the same input whatever the order of its keys, and tells dates and undefined apart', () => {
    expect(inputKey({ a: 1, b: [2, 3] })).toBe(inputKey({ b: [2, 3], a: 1 }));
    expect(inputKey({ a: 1, b: undefined })).toBe(inputKey({ a: 1 }));
    expect(inputKey({ at: new Date('2026-11-27T03:00:00Z') })).toBe(inputKey({ at: new Date('2026-11-27T03:00:00.000Z') }));
    expect(inputKey({ at: new Date('2026-11-27T03:00:00Z') })).not.toBe(inputKey({ at: new Date('2026-11-27T04:00:00Z') }));
    expect(inputKey({ at: new Date('2026-11-27T03:00:00Z') })).not.toBe(inputKey({ at: '2026-11-27T03:00:00.000Z' }));
    expect(inputKey({ nested: { y: 1, x: 2 } })).toBe(inputKey({ nested: { x: 2, y: 1 } }));
    expect(inputKey({ ids: [1, 2] })).not.toBe(inputKey({ ids: [2, 1] }));
  });
});

describe('ReadCache', () => {
  it('keys by name and input: the same read is computed once, another input or name again', async () => {
    const cache = new ReadCache();
    const read = counted(() => ({ value: 42 }));
    const first = await cache.get('currentValues', { orgUnitId: 1 }, read.compute);
    const again = await cache.get('currentValues', { orgUnitId: 1 }, read.compute);
    expect(again).toBe(first);
    expect(read.count).toBe(1);
    await cache.get('currentValues', { orgUnitId: 2 }, read.compute);
    await cache.get('childValues', { orgUnitId: 1 }, read.compute);
    expect(read.count).toBe(3);
    expect(cache.stats).toEqual({ hits: 1, shared: 0, computed: 3 });
  });

  it('gives concurrent identical reads one computation (single flight)', async () => {
    const cache = new ReadCache();
    const slow = deferredCompute(['row']);
    const viewers = Array.from({ length: 100 }, () => cache.get('currentValues', { orgUnitId: 1 }, slow.compute));
    // the version is read asynchronously: let every get reach the map
    await new Promise((resolve) => setImmediate(resolve));
    expect(slow.calls).toHaveLength(1);
    slow.resolveAll();
    const answers = await Promise.all(viewers);
    expect(new Set(answers).size).toBe(1);
    expect(cache.stats.computed).toBe(1);
    expect(cache.stats.shared).toBe(99);
  });

  it('computes again after a change heard on the bus, and never serves the older result', async () => {
    const bus: EventBus = new EventEmitter();
    const cache = new ReadCache();
    cache.listenTo(bus);
    let stored = 1;
    const read = counted(() => stored);
    expect(await cache.get('currentValues', {}, read.compute)).toBe(1);
    stored = 2;
    bus.emit('changed', landed);
    expect(await cache.get('currentValues', {}, read.compute)).toBe(2);
    expect(read.count).toBe(2);
  });

  it('does not keep, under the new version, a read that began before the change', async () => {
    const bus: EventBus = new EventEmitter();
    const cache = new ReadCache();
    cache.listenTo(bus);
    const before = deferredCompute('old');
    const inFlight = cache.get('currentValues', {}, before.compute);
    await new Promise((resolve) => setImmediate(resolve));
    bus.emit('changed', landed); // committed and announced while the read was running
    const after = cache.get('currentValues', {}, () => Promise.resolve('new'));
    before.resolveAll();
    expect(await inFlight).toBe('old');
    expect(await after).toBe('new');
    expect(await cache.get('currentValues', {}, () => Promise.resolve('newer'))).toBe('new');
  });

  it('moves the version only for the changes that name a topic of the app (alerts name none)', async () => {
    const bus: EventBus = new EventEmitter();
    const cache = new ReadCache();
    cache.listenTo(bus, topicsOfChange);
    const read = counted(() => 'x');
    await cache.get('currentValues', {}, read.compute);
    bus.emit('changed', { kind: 'alertAcknowledged', id: 1, provinceId: null, origin: 'local' });
    await cache.get('currentValues', {}, read.compute);
    expect(read.count).toBe(1);
    bus.emit('changed', landed);
    await cache.get('currentValues', {}, read.compute);
    expect(read.count).toBe(2);
  });

  it('keeps a read on some topics across changes to others, and not across a change to its own or a reset', async () => {
    const bus: EventBus = new EventEmitter();
    const cache = new ReadCache();
    cache.listenTo(bus, topicsOfChange);
    const monthly = counted(() => 'monthly sums');
    const daily = counted(() => 'daily sums');
    const readMonthly = () => cache.get('recentSums', { frequency: 'monthly' }, monthly.compute, [kpiTopic('data_reused')]);
    const readDaily = () => cache.get('recentSums', { frequency: 'daily' }, daily.compute, [kpiTopic('dossiers_on_time')]);
    await Promise.all([readMonthly(), readDaily()]);
    bus.emit('changed', landed); // a batch of dossiers_on_time
    await Promise.all([readMonthly(), readDaily()]);
    expect({ monthly: monthly.count, daily: daily.count }).toEqual({ monthly: 1, daily: 2 });
    bus.emit('changed', { kind: 'reportStatusChanged', status: 'approved', reportCount: 1, kpiIds: ['data_reused'], provinceIds: [1], from: landed.from, to: landed.to, origin: 'local' });
    await Promise.all([readMonthly(), readDaily()]);
    expect({ monthly: monthly.count, daily: daily.count }).toEqual({ monthly: 2, daily: 2 });
    expect(topicsOfChange({ kind: 'reportStatusChanged', status: 'approved', reportCount: 1, kpiIds: ['data_reused'], provinceIds: [1], from: landed.from, to: landed.to, origin: 'local' })).toContain(REPORT_STATUS_TOPIC);
    cache.dataChanged(); // the org-unit tree was reloaded: everything
    await Promise.all([readMonthly(), readDaily()]);
    expect({ monthly: monthly.count, daily: daily.count }).toEqual({ monthly: 3, daily: 3 });
  });

  it('moves its version before the bus listeners registered earlier run', async () => {
    const bus: EventBus = new EventEmitter();
    const cache = new ReadCache();
    let stored = 'before';
    const seenByListener: string[] = [];
    // a socket server registered first, reading at once when it hears the change
    bus.on('changed', () => void cache.get('currentValues', {}, () => Promise.resolve(stored)).then((v) => seenByListener.push(v)));
    cache.listenTo(bus);
    await cache.get('currentValues', {}, () => Promise.resolve(stored));
    stored = 'after';
    bus.emit('changed', landed);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seenByListener).toEqual(['after']);
  });

  it('forgets a failed computation, so that the next read tries again', async () => {
    const cache = new ReadCache();
    await expect(cache.get('currentValues', {}, () => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(await cache.get('currentValues', {}, () => Promise.resolve('back'))).toBe('back');
  });

  it('keeps at most maxEntries, evicting the least recently used', async () => {
    const cache = new ReadCache({ maxEntries: 3 });
    const read = counted(() => 'v');
    for (const id of [1, 2, 3]) await cache.get('currentValues', { id }, read.compute);
    await cache.get('currentValues', { id: 1 }, read.compute); // 1 is now the most recent
    await cache.get('currentValues', { id: 4 }, read.compute); // evicts 2
    expect(cache.size).toBe(3);
    expect(read.count).toBe(4);
    await cache.get('currentValues', { id: 1 }, read.compute);
    await cache.get('currentValues', { id: 3 }, read.compute);
    expect(read.count).toBe(4);
    await cache.get('currentValues', { id: 2 }, read.compute);
    expect(read.count).toBe(5);
  });

  it('combines the bus version with an external stamp read at most once per its age limit', async () => {
    let now = 0;
    let stamp = 'db-1';
    let stampReads = 0;
    const cache = new ReadCache({
      now: () => now,
      externalVersionMaxAgeMs: 1000,
      externalVersion: () => {
        stampReads += 1;
        return Promise.resolve(stamp);
      },
    });
    const read = counted(() => stamp);
    expect(await cache.get('currentValues', {}, read.compute)).toBe('db-1');
    // another instance wrote, and its notification was lost: within the age limit the stamp is trusted
    stamp = 'db-2';
    now = 500;
    expect(await cache.get('currentValues', {}, read.compute)).toBe('db-1');
    now = 1000;
    expect(await cache.get('currentValues', {}, read.compute)).toBe('db-2');
    expect(stampReads).toBe(2);
    expect(read.count).toBe(2);
  });

  it('computes again, after a change, the entries read recently (the warm-up), not the forgotten ones', async () => {
    let now = 0;
    const cache = new ReadCache({ now: () => now });
    let stored = 1;
    const recent = counted(() => stored);
    const forgotten = counted(() => stored);
    await cache.get('old', {}, forgotten.compute);
    now = 60_000;
    await cache.get('recent', {}, recent.compute);
    stored = 2;
    cache.dataChanged();
    expect(await cache.refreshRecent(30_000, 10)).toBe(1);
    expect(recent.count).toBe(2);
    expect(forgotten.count).toBe(1);
    // the viewer's next read is a hit on the warmed entry
    expect(await cache.get('recent', {}, recent.compute)).toBe(2);
    expect(recent.count).toBe(2);
  });

  describe('under a stale-read policy (a page\'s first HTML)', () => {
    it('answers from the version before when the new one is not ready in time, and says so', async () => {
      const cache = new ReadCache();
      expect(await cache.get('v', {}, () => Promise.resolve('old'))).toBe('old');
      cache.dataChanged();
      const slow = deferredCompute('new');
      const policy = { waitMs: 5, servedStale: false };
      expect(await withStaleReads(policy, () => cache.get('v', {}, slow.compute))).toBe('old');
      expect(policy.servedStale).toBe(true);
      // the new version kept computing; a reader without the policy waits for it
      const plain = cache.get('v', {}, slow.compute);
      slow.resolveAll();
      expect(await plain).toBe('new');
      expect(slow.calls).toHaveLength(1);
    });

    it('waits for the new version when it comes in time, or when there is nothing older', async () => {
      const cache = new ReadCache();
      const first = deferredCompute('first');
      const policy = { waitMs: 5, servedStale: false };
      const read = withStaleReads(policy, () => cache.get('v', {}, first.compute));
      await new Promise((resolve) => setTimeout(resolve, 20));
      first.resolveAll();
      expect(await read).toBe('first');
      cache.dataChanged();
      const quick = { waitMs: 1000, servedStale: false };
      expect(await withStaleReads(quick, () => cache.get('v', {}, () => Promise.resolve('second')))).toBe('second');
      expect([policy.servedStale, quick.servedStale]).toEqual([false, false]);
    });

    it('answers at once from a version read at most maxAgeMs ago, and waits for an older one', async () => {
      let clock = 1_000;
      const cache = new ReadCache({ now: () => clock });
      expect(await cache.get('v', {}, () => Promise.resolve('old'))).toBe('old');
      cache.dataChanged();
      clock += 200;
      const slow = deferredCompute('new');
      // a frame old at most: no wait, even with a long one allowed
      const recent = { waitMs: 60_000, maxAgeMs: 250, servedStale: false };
      expect(await withStaleReads(recent, () => cache.get('v', {}, slow.compute))).toBe('old');
      expect(recent.servedStale).toBe(true);
      // older than that: the reader waits for the new version, which comes in time
      clock += 100;
      const older = { waitMs: 60_000, maxAgeMs: 250, servedStale: false };
      const read = withStaleReads(older, () => cache.get('v', {}, slow.compute));
      await new Promise((resolve) => setTimeout(resolve, 20));
      slow.resolveAll();
      expect(await read).toBe('new');
      expect(older.servedStale).toBe(false);
      expect(slow.calls).toHaveLength(1);
    });

    it('never answers stale outside the policy: a read after a write sees it', async () => {
      const cache = new ReadCache();
      await cache.get('v', {}, () => Promise.resolve('old'));
      cache.dataChanged();
      const slow = deferredCompute('new');
      const read = cache.get('v', {}, slow.compute);
      await new Promise((resolve) => setTimeout(resolve, 20));
      slow.resolveAll();
      expect(await read).toBe('new');
    });
  });
});
