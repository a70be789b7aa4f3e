import { isPlainObject } from '../../shared/isPlainObject';

/**
 * TanStack Query's structural sharing (what a query's new answer keeps of the old one), knowing
 * dates: the answers carry `Date`s (superjson), which the default sharing treats as always new, so
 * every row holding a period came back as a new object and every view of it drew again (a live
 * frame redrew all the overview's cards and charts). Here an object, a list or a date equal to the
 * previous one is the previous one, down to each row; anything else is the new value.
 */
export function keepEqualData(previous: unknown, next: unknown): unknown {
  if (previous === next) return previous;
  if (previous instanceof Date && next instanceof Date) return previous.getTime() === next.getTime() ? previous : next;
  if (Array.isArray(previous) && Array.isArray(next)) {
    const kept = next.map((item, i) => keepEqualData(previous[i], item));
    return previous.length === next.length && kept.every((item, i) => item === previous[i]) ? previous : kept;
  }
  if (isPlainObject(previous) && isPlainObject(next)) {
    const keys = Object.keys(next);
    const kept: Record<string, unknown> = {};
    for (const key of keys) kept[key] = keepEqualData(previous[key], next[key]);
    return keys.length === Object.keys(previous).length && keys.every((key) => key in previous && kept[key] === previous[key]) ? previous : kept;
  }
  return next;
}
