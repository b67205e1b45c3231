import { InvalidOptionError } from '../errors/InvalidOptionError.js';

/** A confirmed near-duplicate pair; `a` was seen before `b`. */
export interface Pair {
  readonly a: string;
  readonly b: string;
  /** Similarity that confirmed the pair: estimated or exact Jaccard, per the `verify` option. */
  readonly similarity: number;
}

/** A group of two or more near-duplicate documents. */
export interface Cluster {
  /** Member ids in the order they were seen. */
  readonly ids: readonly string[];
  /** The id that names the cluster (first seen, or most central; see the `representative` option). */
  readonly representative: string;
  /** The confirmed pairs within the cluster, in the order given (findNearDuplicates: by a, then b). */
  readonly pairs: readonly Pair[];
}

/** A confirmed pair by document positions (indexes into the ids given to {@link clusterPairs}), `a < b`. */
export interface OrderedPair {
  readonly a: number;
  readonly b: number;
  readonly similarity: number;
}

/**
 * Groups documents into clusters: the connected components of the confirmed pairs (union-find with
 * path halving and union by index, so the root is always the first-seen member). Only components
 * of two or more documents are clusters; they come in the order of their first member.
 *
 * @param ids document ids by position
 * @param pairs confirmed pairs between positions (not ids): integers with `0 <= a < b < ids.length`
 * @throws {InvalidOptionError} naming the first pair that is not a pair of positions.
 * @example
 * ```ts
 * clusterPairs(['x', 'y', 'z'], [{ a: 0, b: 2, similarity: 0.8 }]);
 * // [{ ids: ['x', 'z'], representative: 'x', pairs: [{ a: 'x', b: 'z', similarity: 0.8 }] }]
 * ```
 */
export function clusterPairs(ids: readonly string[], pairs: readonly OrderedPair[], representative: 'first' | 'central' = 'first'): Cluster[] {
  pairs.forEach(({ a, b }, i) => {
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || a >= b || b >= ids.length) {
      const rule = `a pair of positions with 0 <= a < b < ${ids.length} (ids.length)`;
      throw new InvalidOptionError(`pairs[${i}]`, rule, { a, b }, `pairs[${i}] must be ${rule}, got ${JSON.stringify({ a, b })}`);
    }
  });
  const parent = new Int32Array(ids.length).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (const { a, b } of pairs) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const byRoot = new Map<number, { members: number[]; pairs: OrderedPair[] }>();
  for (const pair of pairs) {
    const root = find(pair.a);
    let group = byRoot.get(root);
    if (group === undefined) byRoot.set(root, (group = { members: [], pairs: [] }));
    group.pairs.push(pair);
  }
  for (let i = 0; i < ids.length; i++) byRoot.get(find(i))?.members.push(i);
  return [...byRoot.entries()]
    .sort(([x], [y]) => x - y)
    .map(([root, group]) => ({
      ids: group.members.map((m) => ids[m]!),
      representative: ids[representative === 'first' ? root : mostCentral(group.members, group.pairs)]!,
      pairs: group.pairs.map((p) => ({ a: ids[p.a]!, b: ids[p.b]!, similarity: p.similarity })),
    }));
}

// Totals this close count as equal: sums of the same similarities, added in another order, can
// differ in their last bits, and a tie must go to the member seen first, not to rounding.
const TIE = 1e-9;

// The member with the highest total similarity in its pairs; the first seen among equals.
function mostCentral(members: number[], pairs: OrderedPair[]): number {
  const total = new Map<number, number>();
  for (const { a, b, similarity } of pairs) {
    total.set(a, (total.get(a) ?? 0) + similarity);
    total.set(b, (total.get(b) ?? 0) + similarity);
  }
  let best = members[0]!;
  for (const m of members) if ((total.get(m) ?? 0) > (total.get(best) ?? 0) + TIE) best = m;
  return best;
}
