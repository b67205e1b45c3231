// A tiny seeded PRNG for statistical trials, where fast-check's shrinking is of no use and
// thousands of sets are drawn: the same seed always gives the same sets, hasher seeds and results.

/** mulberry32: a 32-bit PRNG returning unsigned 32-bit integers. Not for cryptography. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** `count` distinct unsigned 32-bit integers drawn from `next`. */
export function distinctUint32s(next: () => number, count: number): number[] {
  const seen = new Set<number>();
  while (seen.size < count) seen.add(next());
  return [...seen];
}

/** Two sets with a known Jaccard similarity, and the parameters that fix it. */
export interface SetPair {
  readonly a: number[];
  readonly b: number[];
  /** |A ∩ B| */
  readonly shared: number;
  /** |A \ B| = |B \ A| */
  readonly onlyEach: number;
  /** shared / (shared + 2 * onlyEach), exactly. */
  readonly jaccard: number;
}

/**
 * Sets A and B of distinct random uint32 values with |A ∩ B| = shared and |A \ B| = |B \ A| = onlyEach,
 * so J(A, B) = shared / (shared + 2 * onlyEach).
 */
export function setsWithOverlap(next: () => number, shared: number, onlyEach: number): SetPair {
  const values = distinctUint32s(next, shared + 2 * onlyEach);
  const common = values.slice(0, shared);
  return {
    a: common.concat(values.slice(shared, shared + onlyEach)),
    b: common.concat(values.slice(shared + onlyEach)),
    shared,
    onlyEach,
    jaccard: shared / (shared + 2 * onlyEach),
  };
}

/**
 * The overlap that gives exactly Jaccard `jaccard` over a union of `union` elements, e.g. J = 0.3 over
 * 60 elements: 18 shared and 21 in each set only. Throws when no such split exists.
 */
export function overlapFor(jaccard: number, union: number): { shared: number; onlyEach: number } {
  const shared = Math.round(jaccard * union);
  const onlyEach = (union - shared) / 2;
  if (!Number.isInteger(onlyEach) || shared / (shared + 2 * onlyEach) !== jaccard) {
    throw new Error(`no split of ${union} elements has Jaccard exactly ${jaccard}`);
  }
  return { shared, onlyEach };
}

/**
 * A reproducible stream of random words (`w0` to `w4999`, seeded) for building stories and their
 * edited copies: `words(300)` gives the next 300 words.
 */
export function wordSource(seed: number): (count: number) => string[] {
  const next = mulberry32(seed);
  return (count) => Array.from({ length: count }, () => `w${next() % 5000}`);
}
