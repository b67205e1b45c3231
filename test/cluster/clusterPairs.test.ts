import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterPairs, type OrderedPair } from '../../src/cluster/clusterPairs.js';

const seed = Number(process.env['FC_SEED'] ?? 42);
const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const pair = (a: number, b: number, similarity = 0.9): OrderedPair => ({ a, b, similarity });

describe('clusterPairs', () => {
  it('joins pairs transitively: a ~ b and b ~ c make one cluster', () => {
    expect(clusterPairs(ids, [pair(0, 1, 0.8), pair(1, 2, 0.7)])).toEqual([
      {
        ids: ['a', 'b', 'c'],
        representative: 'a',
        pairs: [
          { a: 'a', b: 'b', similarity: 0.8 },
          { a: 'b', b: 'c', similarity: 0.7 },
        ],
      },
    ]);
  });

  it('returns no clusters without pairs: singletons are not clusters', () => {
    expect(clusterPairs(ids, [])).toEqual([]);
    expect(clusterPairs([], [])).toEqual([]);
  });

  it('leaves documents without a pair out of every cluster', () => {
    const clusters = clusterPairs(ids, [pair(1, 3)]);
    expect(clusters.map((c) => c.ids)).toEqual([['b', 'd']]);
  });

  it('lists member ids in input order, whatever order the pairs joined them in', () => {
    const clusters = clusterPairs(ids, [pair(3, 5), pair(2, 5), pair(0, 3)]);
    expect(clusters.map((c) => c.ids)).toEqual([['a', 'c', 'd', 'f']]);
  });

  it('orders clusters by their first member, not by the order of their pairs', () => {
    const clusters = clusterPairs(ids, [pair(4, 5), pair(1, 3), pair(0, 2)]);
    expect(clusters.map((c) => c.ids)).toEqual([
      ['a', 'c'],
      ['b', 'd'],
      ['e', 'f'],
    ]);
  });

  it("names a cluster by its first-seen member with representative 'first' (the default)", () => {
    const pairs = [pair(3, 4), pair(2, 4), pair(1, 3)];
    expect(clusterPairs(ids, pairs).map((c) => c.representative)).toEqual(['b']);
    expect(clusterPairs(ids, pairs, 'first').map((c) => c.representative)).toEqual(['b']);
  });

  it("names a cluster by the member with the highest total similarity with representative 'central'", () => {
    // b is the hub: 0.6 + 0.7 + 0.65 = 1.95; a has 0.6, c 0.7, d 0.65.
    const clusters = clusterPairs(ids, [pair(0, 1, 0.6), pair(1, 2, 0.7), pair(1, 3, 0.65)], 'central');
    expect(clusters.map((c) => c.representative)).toEqual(['b']);
  });

  it("counts every pair of a member for 'central', not only its best one", () => {
    // a and e share the strongest pair (0.99), but c's three weaker ones add up to more:
    // a 0.6 + 0.99 = 1.59, c 3 x 0.6 = 1.8, e 0.99.
    const clusters = clusterPairs(ids, [pair(0, 2, 0.6), pair(1, 2, 0.6), pair(2, 3, 0.6), pair(0, 4, 0.99)], 'central');
    expect(clusters.map((c) => c.representative)).toEqual(['c']);
  });

  it("picks the first-seen member among equally central ones with representative 'central'", () => {
    expect(clusterPairs(ids, [pair(2, 4, 0.8)], 'central').map((c) => c.representative)).toEqual(['c']);
    expect(clusterPairs(ids, [pair(0, 1, 0.7), pair(1, 2, 0.7), pair(0, 2, 0.7)], 'central').map((c) => c.representative)).toEqual(['a']);
    // Every total is 0.6 on paper; added in pair order, 0.3 + 0.2 + 0.1 and 0.3 + 0.1 + 0.2 differ
    // in the last bit. A tie all the same: the first seen wins, not the rounding.
    const square = [pair(0, 1, 0.3), pair(0, 2, 0.2), pair(0, 3, 0.1), pair(1, 2, 0.1), pair(1, 3, 0.2), pair(2, 3, 0.3)];
    expect(0.3 + 0.2 + 0.1).not.toBe(0.3 + 0.1 + 0.2);
    expect(clusterPairs(ids, square, 'central').map((c) => c.representative)).toEqual(['a']);
  });

  it('chooses the central member of each cluster separately', () => {
    const clusters = clusterPairs(ids, [pair(0, 1, 0.6), pair(0, 2, 0.6), pair(3, 4, 0.5), pair(4, 5, 0.9)], 'central');
    expect(clusters.map((c) => c.representative)).toEqual(['a', 'e']);
  });

  it('keeps the confirmed pairs of each cluster, by id, in the order they were given', () => {
    const clusters = clusterPairs(ids, [pair(1, 2, 0.55), pair(3, 4, 0.6), pair(2, 4, 0.75), pair(0, 5, 1)]);
    expect(clusters).toEqual([
      { ids: ['a', 'f'], representative: 'a', pairs: [{ a: 'a', b: 'f', similarity: 1 }] },
      {
        ids: ['b', 'c', 'd', 'e'],
        representative: 'b',
        pairs: [
          { a: 'b', b: 'c', similarity: 0.55 },
          { a: 'd', b: 'e', similarity: 0.6 },
          { a: 'c', b: 'e', similarity: 0.75 },
        ],
      },
    ]);
  });

  it('groups exactly the connected components of the pair graph (property)', () => {
    const graph = fc.integer({ min: 1, max: 30 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({ min: 0.5, max: 1, noNaN: true })), { maxLength: 40 }),
      }),
    );
    fc.assert(
      fc.property(graph, fc.constantFrom('first' as const, 'central' as const), ({ n, edges }, representative) => {
        const names = Array.from({ length: n }, (_, i) => `doc${i}`);
        const pairs = edges.filter(([x, y]) => x !== y).map(([x, y, s]) => pair(Math.min(x, y), Math.max(x, y), s));
        const clusters = clusterPairs(names, pairs, representative);

        // Reference: components by breadth-first search over the adjacency lists.
        const adjacent = names.map(() => [] as number[]);
        for (const { a, b } of pairs) adjacent[a]!.push(b), adjacent[b]!.push(a);
        const component = new Array<number>(n).fill(-1);
        for (let start = 0; start < n; start++) {
          if (component[start] !== -1) continue;
          const queue = [start];
          component[start] = start;
          while (queue.length > 0) for (const m of adjacent[queue.pop()!]!) if (component[m] === -1) (component[m] = start), queue.push(m);
        }
        const expected = [...new Set(component)]
          .map((root) => names.filter((_, i) => component[i] === root))
          .filter((members) => members.length >= 2);

        expect(clusters.map((c) => c.ids)).toEqual(expected);
        expect(clusters.reduce((sum, c) => sum + c.pairs.length, 0)).toBe(pairs.length);
        for (const c of clusters) {
          expect(c.ids).toContain(c.representative);
          if (representative === 'first') expect(c.representative).toBe(c.ids[0]);
          for (const p of c.pairs) expect(c.ids).toEqual(expect.arrayContaining([p.a, p.b]));
        }
      }),
      { seed, numRuns: 300 },
    );
  });
});

describe('clusterPairs input', () => {
  it('refuses pairs of ids instead of positions, naming the pair and the rule', () => {
    expect(() => clusterPairs(['a', 'b', 'c'], [{ a: 'a', b: 'b', similarity: 0.9 } as never])).toThrow(
      'pairs[0] must be a pair of positions with 0 <= a < b < 3 (ids.length), got {"a":"a","b":"b"}',
    );
  });

  it('refuses positions out of range or out of order', () => {
    expect(() => clusterPairs(['a', 'b'], [{ a: 0, b: 2, similarity: 1 }])).toThrow('pairs[0] must be a pair of positions');
    expect(() => clusterPairs(['a', 'b'], [{ a: 1, b: 0, similarity: 1 }])).toThrow('got {"a":1,"b":0}');
  });
});
