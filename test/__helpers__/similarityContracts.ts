// Property contracts every MinHash scheme must keep, written once and registered per scheme (in the
// manner of fast-check's test helpers): identity, symmetry, merge = union, determinism, and accuracy
// within the stated error bound. Call `similarityContracts(scheme)` inside a `describe`.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHasher, type Scheme } from '../../src/index.js';
import { hashSet, overlappingSets, signerParams, uint32 } from './arbitraries.js';
import { FC_SEED, fcParams } from './seed.js';
import { mulberry32, overlapFor, setsWithOverlap } from './random.js';

/** How hard the contracts push. The defaults keep both schemes' contracts under a few seconds each. */
export interface SimilarityContractOptions {
  /** fast-check runs per property. @defaultValue 100 */
  readonly numRuns?: number;
  /** Largest numPerm drawn by the properties (from 1). @defaultValue 256 */
  readonly maxNumPerm?: number;
  /** Jaccard similarities whose estimates are checked. @defaultValue [0.1, 0.3, 0.5, 0.7, 0.9] */
  readonly jaccards?: readonly number[];
  /** numPerm values whose estimates are checked. @defaultValue [64, 128] */
  readonly accuracyNumPerms?: readonly number[];
  /**
   * Trials per union size (|A ∪ B|, a multiple of 20 so every J above splits exactly). `'below-k'`
   * is the largest multiple of 20 not above k: both sets then have fewer elements than k, so many
   * one-permutation bins are empty and densification fills them.
   * @defaultValue [{ union: 'below-k', trials: 800 }, { union: 400, trials: 500 }, { union: 2000, trials: 100 }]
   */
  readonly sizes?: readonly { readonly union: number | 'below-k'; readonly trials: number }[];
}

const DEFAULT_SIZES = [
  { union: 'below-k', trials: 800 },
  { union: 400, trials: 500 },
  { union: 2000, trials: 100 },
] as const;

/** Registers the similarity contracts of `scheme` as `it` blocks in the enclosing `describe`. */
export function similarityContracts(scheme: Scheme, options: SimilarityContractOptions = {}): void {
  const numRuns = options.numRuns ?? 100;
  const params = signerParams(options.maxNumPerm ?? 256);
  const signer = (p: { numPerm: number; seed: number }) => new MinHasher({ scheme, ...p });

  describe('identity', () => {
    it('estimates 1 for a non-empty set and itself', () => {
      fc.assert(
        fc.property(params, hashSet({ minLength: 1 }), (p, set) => {
          const h = signer(p);
          expect(h.signHashes(set).similarity(h.signHashes(set))).toBe(1);
        }),
        fcParams(numRuns),
      );
    });

    it('gives the same signature, and estimate 1, for the same set in another order and with repeats', () => {
      const reordered = hashSet({ minLength: 1 }).chain((set) =>
        fc.tuple(fc.constant(set), fc.shuffledSubarray(set, { minLength: set.length }), fc.array(fc.constantFrom(...set), { maxLength: 50 })),
      );
      fc.assert(
        fc.property(params, reordered, (p, [set, shuffled, repeats]) => {
          const h = signer(p);
          const original = h.signHashes(set);
          const other = h.signHashes([...repeats, ...shuffled, ...repeats]);
          expect(other.equals(original)).toBe(true);
          expect(other.similarity(original)).toBe(1);
        }),
        fcParams(numRuns),
      );
    });

    it('estimates 1 for a text and itself', () => {
      const h = new MinHasher({ scheme });
      const text = 'Amber Rudd will throw down the gauntlet to technology bosses on Thursday';
      expect(h.sign(text).similarity(h.sign(text))).toBe(1);
      // One word is one shingle: still a non-empty set.
      expect(h.sign('gauntlet').similarity(h.sign('Gauntlet!'))).toBe(1);
    });
  });

  describe('symmetry', () => {
    it('estimates the same similarity in both directions, a multiple of 1/numPerm in [0, 1]', () => {
      fc.assert(
        fc.property(params, overlappingSets(), (p, { a, b }) => {
          const h = signer(p);
          const sa = h.signHashes(a);
          const sb = h.signHashes(b);
          const estimate = sa.similarity(sb);
          expect(sb.similarity(sa)).toBe(estimate);
          expect(estimate).toBeGreaterThanOrEqual(0);
          expect(estimate).toBeLessThanOrEqual(1);
          expect(Math.round(estimate * p.numPerm) / p.numPerm).toBe(estimate);
        }),
        fcParams(numRuns),
      );
    });
  });

  describe('merge', () => {
    it('merges the signatures of A and B into exactly the signature of A ∪ B', () => {
      fc.assert(
        fc.property(params, overlappingSets(), (p, { a, b, union }) => {
          const h = signer(p);
          const merged = h.signHashes(a).merge(h.signHashes(b));
          const ofUnion = h.signHashes(union);
          expect(merged.equals(ofUnion)).toBe(true);
          expect(merged.isEmpty).toBe(ofUnion.isEmpty);
          expect(merged.values).toEqual(ofUnion.values);
          expect(merged.toBytes()).toEqual(ofUnion.toBytes());
        }),
        fcParams(numRuns),
      );
    });

    it('merges in either order to the same signature', () => {
      fc.assert(
        fc.property(params, overlappingSets(), (p, { a, b }) => {
          const h = signer(p);
          const sa = h.signHashes(a);
          const sb = h.signHashes(b);
          expect(sa.merge(sb).toBytes()).toEqual(sb.merge(sa).toBytes());
        }),
        fcParams(numRuns),
      );
    });

    it('leaves a signature unchanged when merged with the empty signature, on either side', () => {
      fc.assert(
        fc.property(params, hashSet({ minLength: 1 }), (p, set) => {
          const h = signer(p);
          const sig = h.signHashes(set);
          const empty = h.signHashes([]);
          for (const merged of [sig.merge(empty), empty.merge(sig)]) {
            expect(merged.equals(sig)).toBe(true);
            expect(merged.isEmpty).toBe(false);
            expect(merged.values).toEqual(sig.values);
          }
          expect(empty.merge(empty).isEmpty).toBe(true);
        }),
        fcParams(numRuns),
      );
    });
  });

  describe('determinism', () => {
    it('gives byte-identical signatures from two signers with the same seed and options', () => {
      fc.assert(
        fc.property(params, hashSet(), (p, set) => {
          const first = signer(p).signHashes(set);
          const second = signer({ ...p }).signHashes(set);
          expect(second.toBytes()).toEqual(first.toBytes());
          expect(second.values).toEqual(first.values);
        }),
        fcParams(numRuns),
      );
    });

    it('gives different values under a different seed', () => {
      // At 16 or more positions, two seeds agreeing everywhere by chance has probability below 2^-32.
      const seeds = fc.uniqueArray(uint32, { minLength: 2, maxLength: 2 });
      fc.assert(
        fc.property(fc.integer({ min: 16, max: 256 }), seeds, hashSet({ minLength: 1 }), (numPerm, [s1, s2], set) => {
          const a = signer({ numPerm, seed: s1! }).signHashes(set);
          const b = signer({ numPerm, seed: s2! }).signHashes(set);
          expect(b.values).not.toEqual(a.values);
        }),
        fcParams(numRuns),
      );
    });
  });

  describe('accuracy', () => {
    const jaccards = options.jaccards ?? [0.1, 0.3, 0.5, 0.7, 0.9];
    const numPerms = options.accuracyNumPerms ?? [64, 128];
    const sizeSpecs = options.sizes ?? DEFAULT_SIZES;
    let stream = 0;

    for (const k of numPerms) {
      const sizes = sizeSpecs.map(({ union, trials }) => ({ union: union === 'below-k' ? 20 * Math.floor(k / 20) : union, trials }));
      for (const jaccard of jaccards) {
        const se = Math.sqrt((jaccard * (1 - jaccard)) / k);
        const trials = sizes.reduce((sum, s) => sum + s.trials, 0);
        const setSizes = sizes.map(({ union }) => union - overlapFor(jaccard, union).onlyEach);
        const name =
          `estimates J = ${jaccard} within 3 SE (±${(3 * se).toFixed(3)}) in ≥ 99% and within 2 SE (±${(2 * se).toFixed(3)}) ` +
          `in ≥ 93% of ${trials} trials at k = ${k}, sets of ${Math.min(...setSizes)} to ${Math.max(...setSizes)} elements, mean within 0.02`;
        const trialSeed = (FC_SEED ^ Math.imul(++stream, 0x9e3779b9)) >>> 0;
        it(name, () => {
          const next = mulberry32(trialSeed);
          let within3 = 0;
          let within2 = 0;
          let sum = 0;
          for (const { union, trials: count } of sizes) {
            const { shared, onlyEach } = overlapFor(jaccard, union);
            for (let t = 0; t < count; t++) {
              // A fresh seed and fresh sets every trial: the bound is over both.
              const h = new MinHasher({ scheme, numPerm: k, seed: next() });
              const { a, b } = setsWithOverlap(next, shared, onlyEach);
              const estimate = h.signHashes(a).similarity(h.signHashes(b));
              const error = Math.abs(estimate - jaccard);
              sum += estimate;
              // The 1e-9 absorbs rounding in |estimate - J| where it lands exactly on the bound.
              if (error <= 3 * se + 1e-9) within3++;
              if (error <= 2 * se + 1e-9) within2++;
            }
          }
          // A normal estimate is within 3 SE 99.7% of the time and within 2 SE 95.4%.
          expect(within3 / trials, 'share of trials within 3 SE').toBeGreaterThanOrEqual(0.99);
          expect(within2 / trials, 'share of trials within 2 SE').toBeGreaterThanOrEqual(0.93);
          expect(Math.abs(sum / trials - jaccard), 'distance of the mean estimate from J').toBeLessThanOrEqual(0.02);
        });
      }
    }

    it('stays unbiased on sets far smaller than k: mean within 0.02 of J over 400 trials per J, union of 20 at k = 128', () => {
      const next = mulberry32((FC_SEED ^ 0x5a5a5a5a) >>> 0);
      for (const jaccard of jaccards) {
        const { shared, onlyEach } = overlapFor(jaccard, 20);
        let sum = 0;
        for (let t = 0; t < 400; t++) {
          const h = new MinHasher({ scheme, numPerm: 128, seed: next() });
          const { a, b } = setsWithOverlap(next, shared, onlyEach);
          sum += h.signHashes(a).similarity(h.signHashes(b));
        }
        expect(Math.abs(sum / 400 - jaccard), `mean estimate at J = ${jaccard}`).toBeLessThanOrEqual(0.02);
      }
    });
  });
}
