/**
 * A view's answer in a frame, once its room has had one: only the entries that changed since the
 * room's previous frame, by key, plus what lets the page check the answer it builds from what it
 * already holds — the keys in order, the ranks (one entry moving re-ranks the others) and a digest
 * of every entry. The numbers stay absolute (no differences), so a frame applied twice gives the
 * same answer; a page whose cached answer is not the one the patch stands on (it missed a frame,
 * loaded between two, holds nothing) gets a digest that does not match and asks again instead of
 * showing a mixed answer. The server sends the whole answer when it has no previous one for the
 * view, or when most entries changed (a new period).
 *
 * Why: a frame goes to every socket in the room, and the kernel's copy of each is paid per socket
 * (BENCHMARKS.md, fan-out): ~36 KB whole, 1–4 KB as a patch.
 *
 * Used by the server (server/realtime/roomViews.ts, `encodeView`) and the page
 * (components/live/applyFrame.ts, `mergeView`): one canonical text and one digest on both sides.
 */
import type { PushedPath } from './events';

/** Where a view's keyed list is, what keys it, and the field rewritten across it when one entry moves. */
export interface ListShape {
  /** the answer's field holding the list; none: the answer is the list */
  list?: 'children' | 'rows';
  key: 'kpiId' | 'orgUnitId';
  /** sent for every entry apart from the entries (a province moving re-ranks the ones it passes) */
  rank?: 'rank';
}

export const VIEW_SHAPES: Record<PushedPath, ListShape> = {
  'values.current': { key: 'kpiId' },
  'values.ranking': { list: 'children', key: 'orgUnitId', rank: 'rank' },
  'values.scorecard': { list: 'rows', key: 'orgUnitId', rank: 'rank' },
};

export type EntryKey = string | number;
type Entry = Record<string, unknown>;

export interface ViewPatch {
  /** every entry's key, in the answer's order */
  order: EntryKey[];
  /** every entry's rank, in order (lists with a rank) */
  ranks?: Array<number | null>;
  /** the entries whose digest changed since the room's previous frame, as they are now */
  entries: Entry[];
  /** the fields beside the list (period, groups), when they changed */
  head?: Entry;
  /** digest of the fields beside the list (lists that are a field of the answer) */
  headDigest?: string;
  /** every entry's digest (rank aside), in order, DIGEST_CHARS each */
  digests: string;
}

/** What the server remembers of a view's previous answer: digests only. */
export interface ViewMemory {
  head: string | undefined;
  entries: Map<EntryKey, string>;
}

export const DIGEST_CHARS = 7;

/** A text standing for the value, the same on both sides: keys sorted, undefined fields left out, dates by their instant. */
export function canonicalText(value: unknown, skipKey?: string): string {
  if (value === null || value === undefined) return 'n';
  switch (typeof value) {
    case 'number':
      return String(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 't' : 'f';
    case 'object': {
      if (value instanceof Date) return `D${value.getTime()}`;
      if (Array.isArray(value)) return `[${value.map((v) => canonicalText(v)).join(',')}]`;
      const object = value as Entry;
      const keys = Object.keys(object)
        .filter((k) => k !== skipKey && object[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalText(object[k])}`).join(',')}}`;
    }
    default:
      return typeof value === 'bigint' ? `${value}n` : 'n'; // no procedure answers functions or symbols
  }
}

/** 36 bits of cyrb53 (a fast non-cryptographic hash), DIGEST_CHARS base-36 characters. */
function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return ((h2 & 0xf) * 4294967296 + (h1 >>> 0)).toString(36).padStart(DIGEST_CHARS, '0');
}

/** The digest of a value (`skipKey` left out); `memo` keeps it per object (cached answers are not mutated). */
export function digestOf(value: unknown, skipKey?: string, memo?: WeakMap<object, string>): string {
  const known = memo && typeof value === 'object' && value !== null ? memo.get(value) : undefined;
  if (known !== undefined) return known;
  const digest = hashText(canonicalText(value, skipKey));
  if (memo && typeof value === 'object' && value !== null) memo.set(value, digest);
  return digest;
}

function listOf(shape: ListShape, answer: unknown): Entry[] | undefined {
  const list = shape.list ? (answer as Entry | null | undefined)?.[shape.list] : answer;
  return Array.isArray(list) ? (list as Entry[]) : undefined;
}

function headOf(shape: ListShape, answer: Entry): Entry {
  const { [shape.list!]: _list, ...head } = answer;
  return head;
}

/**
 * The server's side: the view's patch against what the room's previous frame held (undefined:
 * send the whole answer — no previous one, most entries changed, an answer of no known shape),
 * and what to remember for the next frame.
 */
export function encodeView(shape: ListShape, answer: unknown, previous: ViewMemory | undefined): { patch: ViewPatch | undefined; memory: ViewMemory | undefined } {
  const list = listOf(shape, answer);
  if (!list) return { patch: undefined, memory: undefined };
  const order = list.map((e) => e[shape.key] as EntryKey);
  if (new Set(order).size !== order.length) return { patch: undefined, memory: undefined };
  const digests = list.map((e) => digestOf(e, shape.rank));
  const head = shape.list ? headOf(shape, answer as Entry) : undefined;
  const headDigest = head && digestOf(head);
  const memory: ViewMemory = { head: headDigest, entries: new Map(order.map((k, i) => [k, digests[i]!])) };
  if (!previous) return { patch: undefined, memory };
  const entries = list.filter((e, i) => previous.entries.get(order[i]!) !== digests[i]);
  if (entries.length * 2 > list.length) return { patch: undefined, memory };
  const patch: ViewPatch = {
    order,
    ...(shape.rank ? { ranks: list.map((e) => (e[shape.rank!] as number | null | undefined) ?? null) } : {}),
    entries,
    ...(head && headDigest !== previous.head ? { head } : {}),
    ...(headDigest ? { headDigest } : {}),
    digests: digests.join(''),
  };
  return { patch, memory };
}

/**
 * The page's side: the answer a patch makes of the one the page holds, or undefined when it cannot
 * be trusted (no base, a missing entry, a digest that differs: the page asks again). `subset`: the
 * keys a query of part of the list asks for, in its order (a unit's current values for some KPIs);
 * keys the answer lacks are left out, as the server does.
 */
export function mergeView(shape: ListShape, base: unknown, patch: ViewPatch, subset?: readonly EntryKey[], memo?: WeakMap<object, string>): unknown {
  const baseList = listOf(shape, base);
  if (!baseList || (shape.rank && patch.ranks?.length !== patch.order.length)) return undefined;
  const byKey = new Map<EntryKey, Entry>(baseList.map((e) => [e[shape.key] as EntryKey, e]));
  for (const e of patch.entries) byKey.set(e[shape.key] as EntryKey, e);
  const position = new Map(patch.order.map((k, i) => [k, i]));
  const wanted = subset ? subset.filter((k) => position.has(k)) : patch.order;
  const list: Entry[] = [];
  for (const key of wanted) {
    const i = position.get(key)!;
    const entry = byKey.get(key);
    if (!entry || digestOf(entry, shape.rank, memo) !== patch.digests.slice(i * DIGEST_CHARS, (i + 1) * DIGEST_CHARS)) return undefined;
    if (!shape.rank || entry[shape.rank] === patch.ranks![i]) list.push(entry);
    else list.push({ ...entry, [shape.rank]: patch.ranks![i] });
  }
  if (!shape.list) return list;
  const head = patch.head ?? headOf(shape, base as Entry);
  if (digestOf(head) !== patch.headDigest) return undefined;
  return { ...head, [shape.list]: list };
}
