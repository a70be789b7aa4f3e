/**
 * After the data changes, computes again in the background what viewers will ask for next, so
 * that a wall screen opening the overview, and every open page refetching after a live frame,
 * find the answer ready (or in flight, shared) instead of each starting it: the overview's
 * numbers (app/page.tsx prefetches them), then whatever else was read within the last two minutes.
 * One pass per burst of changes: a pass starts shortly after the first change, never two at a
 * time, and changes heard during a pass make exactly one more after it — but not before as long
 * again as the pass took has gone by, so that warming takes at most half of the database's time
 * (the embedded one answers one statement at a time, on the event loop) when changes come faster
 * than it can read.
 */
import type { AppContext } from '../appContext';
import { getChildRanking, getCurrentValues } from './kpiValues';

/** ms after a change before the pass starts, so that a batch and the alert it raises make one pass */
const SETTLE_MS = 25;
/** entries read this recently are computed again after a change (ms) */
const RECENT_MS = 120_000;
/** at most this many of them per pass */
const RECENT_LIMIT = 32;

/** The overview's numbers, as app/page.tsx prefetches them for `/` (the index, the ranking, the cards). */
async function warmOverview(app: AppContext): Promise<void> {
  const nation = app.orgUnits().nation;
  await Promise.all([
    getCurrentValues(app, { orgUnitId: nation.id, kpiIds: ['service_index'] }),
    getCurrentValues(app, { orgUnitId: nation.id }),
    getChildRanking(app, { kpiId: 'service_index', parentId: nation.id }),
  ]);
}

/**
 * Starts warming after every change (and once now); returns the stop function. A no-op without a
 * read cache.
 */
export function warmReadsAfterChanges(app: AppContext): () => void {
  const cache = app.readCache;
  if (!cache) return () => undefined;
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  /** ms the last pass took: the least pause before the next */
  let lastPassMs = 0;
  let lastPassEnd = 0;

  const pass = async () => {
    timer = undefined;
    running = true;
    again = false;
    const t0 = Date.now();
    try {
      await warmOverview(app);
      await cache.refreshRecent(RECENT_MS, RECENT_LIMIT);
    } catch (err) {
      console.error('[cache] warming the overview failed:', err);
    } finally {
      running = false;
      lastPassEnd = Date.now();
      lastPassMs = lastPassEnd - t0;
      if (again && !stopped) schedule();
    }
  };
  const schedule = () => {
    if (running) {
      again = true;
      return;
    }
    const rest = Math.max(SETTLE_MS, lastPassEnd + lastPassMs - Date.now());
    timer ??= setTimeout(() => void pass(), rest);
  };
  const stopListening = cache.onChange(schedule);
  schedule();
  return () => {
    stopped = true;
    stopListening();
    if (timer) clearTimeout(timer);
  };
}
