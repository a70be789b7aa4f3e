/** Reproducible randomness for the demo seed: the same seed and names give the same numbers every run. */

/** mulberry32: small, fast, good enough for demo noise, and reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A stable pseudo-random number in [0, 1) for a name: the same unit gets the same character every run. */
export function stable(seed: number, name: string): number {
  return prng(seed ^ hashString(name))();
}
