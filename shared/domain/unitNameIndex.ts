/**
 * Units found by the name staff write instead of a code ("Phường Mẫu 023", "Hà Nội"). A name
 * matches exactly when it is the same text once Unicode-normalised (a file saved on a Mac holds
 * decomposed NFD letters), trimmed, with runs of spaces as one, in any case. Otherwise the names
 * nearest to it, without diacritics and by edit distance, are offered as "did you mean". Pure.
 */
import type { OrgUnit } from './orgUnitTree';

/** Suggestions further than this many edits (on the folded name) are not offered. */
const MAX_SUGGESTION_EDITS = 3;
const MAX_SUGGESTIONS = 3;
/**
 * Distinct texts looked up for suggestions; past this a file is not a few typos but a wrong
 * column, and thousands of edit-distance scans over 3,321 communes would only slow the check.
 */
const MAX_NEAR_LOOKUPS = 200;

function sameNameKey(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
}

/** Lower case, no diacritics, no spaces: "Phường Mẫu 023" and "phuong mau023" fold alike. */
function folded(text: string): string {
  return sameNameKey(text).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/\s/g, '');
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(d);
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

export interface UnitNameIndex {
  /** the units named exactly so (more than one when two provinces have a unit of that name) */
  exact(name: string): readonly OrgUnit[];
  /**
   * the units whose names are nearest, best first; none further than MAX_SUGGESTION_EDITS (fewer
   * for short names); none once MAX_NEAR_LOOKUPS distinct texts were looked up
   */
  near(name: string): OrgUnit[];
}

export function unitNameIndex(units: readonly OrgUnit[]): UnitNameIndex {
  const byKey = new Map<string, OrgUnit[]>();
  const all = units.map((u) => ({ unit: u, folded: folded(u.name) }));
  for (const u of units) {
    const key = sameNameKey(u.name);
    byKey.set(key, [...(byKey.get(key) ?? []), u]);
  }
  const nearCache = new Map<string, OrgUnit[]>();
  return {
    exact: (name) => byKey.get(sameNameKey(name)) ?? [],
    near: (name) => {
      const f = folded(name);
      // short names get fewer edits: "abc" is not a near "Huế"
      const limit = Math.min(MAX_SUGGESTION_EDITS, Math.floor(f.length / 4));
      const cached = nearCache.get(f);
      if (cached) return cached;
      if (nearCache.size >= MAX_NEAR_LOOKUPS) return [];
      const found = all
        .map((c) => ({ unit: c.unit, d: editDistance(f, c.folded, limit) }))
        .filter((c) => c.d <= limit)
        .sort((a, b) => a.d - b.d || a.unit.code.localeCompare(b.unit.code))
        .slice(0, MAX_SUGGESTIONS)
        .map((c) => c.unit);
      nearCache.set(f, found);
      return found;
    },
  };
}
