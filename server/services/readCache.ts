/**
 * Read results kept per data version, so that N viewers of one view cost one computation: a
 * result is keyed by what was read (a name and its input) and by the version of the data it was
 * read from; a change announced on the bus moves the version, and nothing read before it is
 * served again. Concurrent identical reads share one pending computation (single flight); a
 * failed one is forgotten at once, so the next caller tries again. Bounded by entries, the least
 * recently used going first.
 *
 * The version is kept in memory and moved by the bus (server/realtime/bus.ts), never asked of the
 * database per read: every writer announces its change (announceChange) after its commit and
 * before it answers, so a read that follows an acknowledged write finds the new version. Where
 * the bus may miss a change — other instances' writes on a PostgreSQL server, whose NOTIFY is
 * lost while the LISTEN connection is down — `externalVersion` adds the database's own stamp,
 * read at most once per `externalVersionMaxAgeMs`.
 *
 * A read may name the topics it stands on (the KPIs whose numbers it sums, the reports' statuses):
 * it is then kept across changes to other topics — a batch of daily KPIs leaves the monthly sums
 * as they were. Without topics it stands on everything.
 *
 * Cached values are shared by every caller: they must not be mutated.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Change, EventBus } from '../realtime/bus';

/** A read the cache can run again later (a warm-up after a change) with the same input. */
interface Entry {
  version: string;
  dependsOn: readonly string[] | undefined;
  value: Promise<unknown>;
  /** settled and fulfilled: a later caller is a hit, not a shared flight */
  settled: boolean;
  recompute: () => Promise<unknown>;
  /** ms (the cache's clock), when a caller last asked for it */
  lastRead: number;
  /** ms (the cache's clock), when `value`'s computation started: its data are at most this old */
  startedAt: number;
  /** the last fulfilled value of an older version, for a reader that may take it (StaleReadPolicy) */
  previous: Promise<unknown> | undefined;
  /** when `previous`'s computation started */
  previousStartedAt: number;
}

/**
 * A reader that prefers an answer now to the newest answer later: a page's first HTML, whose
 * numbers the live push and the browser's own refetch bring up to date a moment later. When the
 * current version is not ready and an older one was, the older one is served and `servedStale`
 * is set, so the caller can say so (the page marks those queries for the browser to ask again):
 * at once when the older one's data were read at most `maxAgeMs` ago (no older than what a live
 * view shows, one push frame behind), else after waiting `waitMs` for the current one. Readers
 * that must see their own writes (forms, the API) never run under one.
 */
export interface StaleReadPolicy {
  waitMs: number;
  /** an older version read at most this long ago is served without waiting; 0 or absent: always wait */
  maxAgeMs?: number;
  servedStale: boolean;
}

// On globalThis: Next's bundle and the custom server each load this module, and the policy set
// by a page must be the one its router's reads consult.
const staleReadsKey = Symbol.for('lienthong.staleReads');
const staleReads: AsyncLocalStorage<StaleReadPolicy> = ((globalThis as Record<symbol, unknown>)[staleReadsKey] ??= new AsyncLocalStorage<StaleReadPolicy>()) as AsyncLocalStorage<StaleReadPolicy>;

/** Runs `work` with reads allowed to answer from an older version (see StaleReadPolicy). */
export function withStaleReads<T>(policy: StaleReadPolicy, work: () => Promise<T>): Promise<T> {
  return staleReads.run(policy, work);
}

export interface ReadCacheStats {
  /** answered from a settled entry of the current version */
  hits: number;
  /** joined a computation already in flight */
  shared: number;
  /** computations started */
  computed: number;
}

export interface ReadCacheOptions {
  /** entries kept at most (least recently used evicted first) */
  maxEntries?: number;
  /**
   * a stamp of the data from outside this process (the database's), combined with the bus's
   * version; undefined where this process hears every change (the embedded database)
   */
  externalVersion?: () => Promise<string>;
  /** ms an external stamp is trusted before it is read again */
  externalVersionMaxAgeMs?: number;
  /** ms, for the recency of reads (tests pass a fake) */
  now?: () => number;
}

/** A canonical text of an input: keys sorted, dates as instants, undefined left out. */
export function inputKey(input: unknown): string {
  if (input === undefined) return '';
  return JSON.stringify(input, function replacer(this: Record<string, unknown>, key: string, value: unknown) {
    const raw = key === '' ? value : this[key];
    if (raw instanceof Date) return { $date: raw.getTime() };
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.keys(value).sort().map((k) => [k, (value as Record<string, unknown>)[k]]));
    }
    return value;
  });
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly externalVersion: (() => Promise<string>) | undefined;
  private readonly externalMaxAgeMs: number;
  /** moved by every change */
  private anyChange = 0;
  /** moved by a change that names no topic: everything may have changed */
  private resets = 0;
  /** moved by changes naming a topic */
  private readonly topicChanges = new Map<string, number>();
  private external: { stamp: Promise<string>; readAt: number } | undefined;
  private readonly changeListeners = new Set<() => void>();
  readonly stats: ReadCacheStats = { hits: 0, shared: 0, computed: 0 };

  constructor(options: ReadCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.now = options.now ?? Date.now;
    this.externalVersion = options.externalVersion;
    this.externalMaxAgeMs = options.externalVersionMaxAgeMs ?? 1000;
  }

  /**
   * Moves the version of the topics each change on the bus names (`topicsOf`; empty: nothing
   * cached depends on it; undefined: everything may have). Prepended, so that the version has
   * moved before any other listener (a socket frame, an alert check) can lead to a read.
   */
  listenTo(bus: EventBus, topicsOf: (change: Change) => readonly string[] | undefined = () => undefined): () => void {
    const onChange = (change: Change) => {
      const topics = topicsOf(change);
      if (!topics || topics.length > 0) this.dataChanged(topics);
    };
    bus.prependListener('changed', onChange);
    return () => bus.off('changed', onChange);
  }

  /** The data of these topics (all, without) may have changed: nothing read on them before now is served again. */
  dataChanged(topics?: readonly string[]): void {
    this.anyChange += 1;
    if (!topics) this.resets += 1;
    else for (const t of topics) this.topicChanges.set(t, (this.topicChanges.get(t) ?? 0) + 1);
    for (const listener of this.changeListeners) listener();
  }

  /** Calls `listener` after each change (the overview's warm-up); returns its removal. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** The version a read made now on these topics (all, without) stands on. */
  async version(dependsOn?: readonly string[]): Promise<string> {
    const local = dependsOn ? `${this.resets}:${dependsOn.map((t) => this.topicChanges.get(t) ?? 0).join(',')}` : String(this.anyChange);
    if (!this.externalVersion) return local;
    const at = this.now();
    if (!this.external || at - this.external.readAt >= this.externalMaxAgeMs) {
      const stamp = this.externalVersion();
      this.external = { stamp, readAt: at };
      // a failed read is not kept: the next caller asks again
      stamp.catch(() => {
        if (this.external?.stamp === stamp) this.external = undefined;
      });
    }
    return `${local}.${await this.external.stamp}`;
  }

  /**
   * The result of `compute` for this name and input at the current data version: kept, in
   * flight, or computed now.
   */
  async get<T>(name: string, input: unknown, compute: () => Promise<T>, dependsOn?: readonly string[]): Promise<T> {
    const key = `${name}:${inputKey(input)}`;
    const version = await this.version(dependsOn);
    const found = this.entries.get(key);
    if (found && found.version === version) {
      found.lastRead = this.now();
      // most recently used last: eviction takes from the front
      this.entries.delete(key);
      this.entries.set(key, found);
      if (found.settled) this.stats.hits += 1;
      else this.stats.shared += 1;
      return this.orPrevious(found) as Promise<T>;
    }
    return this.orPrevious(this.start(key, version, dependsOn, compute, this.now())) as Promise<T>;
  }

  /** The entry's value, or under a StaleReadPolicy its previous one if the value is not ready in time. */
  private async orPrevious(entry: Entry): Promise<unknown> {
    const policy = staleReads.getStore();
    if (!policy || entry.settled || !entry.previous) return entry.value;
    if (policy.maxAgeMs && this.now() - entry.previousStartedAt <= policy.maxAgeMs) {
      policy.servedStale = true;
      return entry.previous;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = Symbol('late');
    const first = await Promise.race([
      entry.value,
      new Promise<typeof late>((resolve) => (timer = setTimeout(() => resolve(late), policy.waitMs))),
    ]).finally(() => clearTimeout(timer));
    if (first !== late) return first;
    policy.servedStale = true;
    return entry.previous;
  }

  /**
   * Computes again, at the current version, the entries read within the last `withinMs` whose
   * version is older (at most `limit`, the most recently read first), so that the next viewer
   * finds them ready. Resolves when all have settled; a failure is only logged.
   */
  async refreshRecent(withinMs: number, limit: number): Promise<number> {
    const since = this.now() - withinMs;
    const recent = [...this.entries].filter(([, e]) => e.lastRead >= since);
    const versions = await Promise.all(recent.map(([, e]) => this.version(e.dependsOn)));
    const stale = recent
      .map(([key, e], i) => ({ key, e, version: versions[i]! }))
      .filter(({ e, version }) => e.version !== version)
      .sort((a, b) => b.e.lastRead - a.e.lastRead)
      .slice(0, limit);
    await Promise.all(
      stale.map(({ key, e, version }) => {
        const current = this.entries.get(key);
        // a viewer may have started it meanwhile
        const value = current && current.version === version ? current.value : this.start(key, version, e.dependsOn, e.recompute, e.lastRead).value;
        return value.catch((err: unknown) => console.error(`[cache] warm-up of ${key} failed:`, err));
      }),
    );
    return stale.length;
  }

  /** Entries kept (for tests and the bench). */
  get size(): number {
    return this.entries.size;
  }

  private start(key: string, version: string, dependsOn: readonly string[] | undefined, compute: () => Promise<unknown>, lastRead: number): Entry {
    this.stats.computed += 1;
    const startedAt = this.now();
    const value = compute();
    const before = this.entries.get(key);
    const previous = before?.settled ? before.value : before?.previous;
    const previousStartedAt = before?.settled ? before.startedAt : (before?.previousStartedAt ?? 0);
    const entry: Entry = { version, dependsOn, value, settled: false, recompute: compute, lastRead, startedAt, previous, previousStartedAt };
    this.entries.delete(key);
    this.entries.set(key, entry);
    value.then(
      () => {
        entry.settled = true;
        entry.previous = undefined;
      },
      () => this.entries.get(key) === entry && this.entries.delete(key),
    );
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}

/**
 * A read through the app's cache when it keeps one, else computed. Reads whose answer depends on
 * the clock (no `asOf`: "now") must put what of the clock they depend on into `input`.
 */
export function cachedRead<T>(
  app: { readCache: ReadCache | undefined },
  name: string,
  input: unknown,
  compute: () => Promise<T>,
  dependsOn?: readonly string[],
): Promise<T> {
  return app.readCache ? app.readCache.get(name, input, compute, dependsOn) : compute();
}

/** The topic of a KPI's numbers: moved by its batches (and its reports, which write them). */
export function kpiTopic(kpiId: string): string {
  return `kpi:${kpiId}`;
}

/** The topic of the reports' statuses (the provisional mark). */
export const REPORT_STATUS_TOPIC = 'reportStatus';

/**
 * The topics a change moves: a batch its KPIs' numbers; a report status its KPIs and the
 * statuses; alerts nothing cached (alert lists are read afresh).
 */
export function topicsOfChange(change: Change): readonly string[] {
  switch (change.kind) {
    case 'measurementsLanded':
      return change.kpiIds.map(kpiTopic);
    case 'reportStatusChanged':
      return [...change.kpiIds.map(kpiTopic), REPORT_STATUS_TOPIC];
    case 'alertRaised':
    case 'alertAcknowledged':
    case 'alertResolved':
      return [];
  }
}
