/**
 * Tết as a holiday effect for daily series. A fixed yearly season cannot hold it: mùng 1 Tết moves
 * between 21 January and 20 February. So, on the transformed scale:
 * 1. estimate, for each day from TET_BEFORE days before to TET_AFTER days after mùng 1, the mean
 *    departure of the series from its level just outside the window (the median of the three weeks
 *    before and the three weeks after), over every Tết the history holds, on their real dates;
 * 2. remove that effect from the history before fitting (MSTL then sees an ordinary series);
 * 3. add it back on the future days that fall in a Tết window, on the real date of that year's Tết.
 * Offsets are counted in local days from mùng 1.
 */
import { tetDaysBetween } from './tetDates';

export const TET_BEFORE = 10;
export const TET_AFTER = 14;
/** days each side of the window whose median is the level the effect departs from */
const REFERENCE_DAYS = 21;
const DAY_MS = 86_400_000;

/** Effect on the transformed scale by day offset from mùng 1 (TET_BEFORE days before … TET_AFTER after). */
export type TetEffect = ReadonlyMap<number, number>;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The day offset of each period from the Tết whose window it is in, or null. */
function offsetsFrom(periods: readonly Date[]): Array<number | null> {
  if (periods.length === 0) return [];
  const tets = tetDaysBetween(new Date(periods[0]!.getTime() - 60 * DAY_MS), new Date(periods.at(-1)!.getTime() + 60 * DAY_MS));
  return periods.map((p) => {
    for (const t of tets) {
      const d = Math.round((p.getTime() - t.getTime()) / DAY_MS);
      if (d >= -TET_BEFORE && d <= TET_AFTER) return d;
    }
    return null;
  });
}

/**
 * The Tết effect estimated from a daily history (periods are local midnights, `z` transformed),
 * or null when the history holds no whole Tết window with its reference days.
 */
export function estimateTetEffect(periods: readonly Date[], z: readonly number[]): TetEffect | null {
  const index = new Map(periods.map((p, i) => [Math.round(p.getTime() / DAY_MS), i]));
  const tets = periods.length ? tetDaysBetween(periods[0]!, periods.at(-1)!) : [];
  const sums = new Map<number, { sum: number; n: number }>();
  let seen = 0;
  for (const t of tets) {
    const day0 = Math.round(t.getTime() / DAY_MS);
    const at = (d: number) => {
      const i = index.get(day0 + d);
      return i === undefined ? undefined : z[i];
    };
    const reference: number[] = [];
    for (let d = 1; d <= REFERENCE_DAYS; d++) {
      const before = at(-TET_BEFORE - d);
      const after = at(TET_AFTER + d);
      if (before !== undefined) reference.push(before);
      if (after !== undefined) reference.push(after);
    }
    if (reference.length < REFERENCE_DAYS) continue; // not enough of the level around it
    const level = median(reference);
    let inWindow = 0;
    for (let d = -TET_BEFORE; d <= TET_AFTER; d++) {
      const v = at(d);
      if (v === undefined) continue;
      inWindow++;
      const s = sums.get(d) ?? { sum: 0, n: 0 };
      s.sum += v - level;
      s.n++;
      sums.set(d, s);
    }
    if (inWindow > 0) seen++;
  }
  if (seen === 0) return null;
  return new Map([...sums].map(([d, s]) => [d, s.sum / s.n]));
}

/** The effect at each period (0 outside a Tết window or where the effect has no estimate). */
export function tetEffectAt(effect: TetEffect, periods: readonly Date[]): number[] {
  return offsetsFrom(periods).map((d) => (d === null ? 0 : (effect.get(d) ?? 0)));
}
