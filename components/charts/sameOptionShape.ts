import { isPlainObject } from '../../shared/isPlainObject';

/**
 * Whether ECharts can take `next` as a merge onto `previous` (setOption's default mode) and end
 * with exactly what `next` says: the same keys at every level, the same number of components in
 * each list (series, axes, pieces…). A merge keeps what the new option leaves out and matches
 * components by position, so a key or a series that went away would linger; then the chart is set
 * anew (`notMerge`). Data lists (`data`) are replaced whole by a merge, so their contents and
 * length do not count.
 */
export function sameOptionShape(previous: unknown, next: unknown): boolean {
  if (Array.isArray(previous) || Array.isArray(next)) {
    if (!Array.isArray(previous) || !Array.isArray(next) || previous.length !== next.length) return false;
    return previous.every((item, i) => sameOptionShape(item, next[i]));
  }
  if (!isPlainObject(previous) || !isPlainObject(next)) return !isPlainObject(previous) && !isPlainObject(next);
  const keys = Object.keys(next);
  if (keys.length !== Object.keys(previous).length) return false;
  return keys.every((key) => key in previous && (key === 'data' || sameOptionShape(previous[key], next[key])));
}
