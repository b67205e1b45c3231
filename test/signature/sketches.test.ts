// Tests of src/internal/sketches.ts and densify.ts, the per-scheme engines behind every Signature: they live with
// the signature tests because their contracts (exact integer math, the empty-bin marker, probe
// sequences shared by all documents) are what make signatures comparable.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MinHasher, Signature } from '../../src/index.js';
import { MAX_NUM_PERM } from '../../src/signature/numPerm.js';
import { fmix32, mixBlock } from '../../src/internal/murmur3.js';
import { densify } from '../../src/internal/densify.js';
import { EMPTY_BIN, KPermutationSketch, OnePermutationSketch, seedStream, seedWord } from '../../src/internal/sketches.js';
import { hashSet, uint32, uint32NearMax } from '../__helpers__/arbitraries.js';
import { kpermReference } from '../__helpers__/kpermReference.js';
import { fcParams } from '../__helpers__/seed.js';

/** floor(h * k / 2^32) in exact BigInt arithmetic: the bin a 32-bit hash falls in among k. */
const binOf = (h: number, k: number): number => Number((BigInt(h) * BigInt(k)) >> 32n);

/** The modular inverse of an odd 32-bit integer (Newton's iteration doubles the correct bits). */
function inverse(a: number): number {
  let x = a;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(a, x));
  return x;
}

/** The inverse of murmur3's fmix32, to build a hash that maps to a chosen value. */
function unfmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, inverse(0xc2b2ae35));
  h ^= (h >>> 13) ^ (h >>> 26);
  h = Math.imul(h, inverse(0x85ebca6b));
  h ^= h >>> 16;
  return h >>> 0;
}

/** One-permutation bins computed from the documented rule, with an exact multiply-high. */
function ophReference(hashes: readonly number[], k: number, seed: number): number[] {
  const bins = new Array<number>(k).fill(EMPTY_BIN);
  for (const h of hashes) {
    // The mixed hash is the shingle's place in the permutation: its bin, and the value it offers.
    const place = fmix32(h ^ seedWord(seed, 0x6f, 0));
    const bin = binOf(place, k);
    bins[bin] = Math.min(bins[bin]!, place, EMPTY_BIN - 1);
  }
  return bins;
}

/** Optimal densification by its definition: empty bin i takes the first filled bin of its probe sequence. */
function densifyReference(bins: readonly number[], seed: number): number[] {
  const k = bins.length;
  return bins.map((v, i) => {
    for (let attempt = 1; v === EMPTY_BIN; attempt++) {
      v = bins[binOf(fmix32(mixBlock(mixBlock(seedWord(seed, 0x64, 0), i), attempt)), k)]!;
    }
    return v;
  });
}

/** Random bins: k from `minK` to `maxK`, `filled` of them holding distinct values below EMPTY_BIN. */
function binsArbitrary(maxK: number, maxFilled: number, minK = 1): fc.Arbitrary<number[]> {
  return fc
    .integer({ min: minK, max: maxK })
    .chain((k) =>
      fc.tuple(
        fc.constant(k),
        fc.uniqueArray(fc.integer({ min: 0, max: k - 1 }), { minLength: 1, maxLength: Math.min(k, maxFilled) }),
        fc.uniqueArray(fc.integer({ min: 0, max: EMPTY_BIN - 1 }), { minLength: Math.min(k, maxFilled), maxLength: Math.min(k, maxFilled) }),
      ),
    )
    .map(([k, filled, values]) => {
      const bins = new Array<number>(k).fill(EMPTY_BIN);
      filled.forEach((bin, n) => (bins[bin] = values[n]!));
      return bins;
    });
}

describe('EMPTY_BIN', () => {
  it('is 0xffffffff, the largest uint32, which no real bin value takes', () => {
    expect(EMPTY_BIN).toBe(0xffffffff);
  });
});

describe('seedWord and seedStream', () => {
  it('derive the same parameters from the same seed, word by word', () => {
    fc.assert(
      fc.property(uint32, fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 64 }), (seed, salt, count) => {
        const stream = seedStream(seed, salt, count);
        expect(stream).toHaveLength(count);
        expect(Array.from(stream)).toEqual(Array.from({ length: count }, (_, i) => seedWord(seed, salt, i)));
        for (const w of stream) expect(Number.isInteger(w) && w >= 0 && w <= 0xffffffff).toBe(true);
      }),
      fcParams(100),
    );
  });

  it('separate the streams of different salts and different seeds', () => {
    fc.assert(
      fc.property(fc.uniqueArray(uint32, { minLength: 2, maxLength: 2 }), ([s1, s2]) => {
        expect(Array.from(seedStream(s1!, 0x61, 8))).not.toEqual(Array.from(seedStream(s1!, 0x62, 8)));
        expect(Array.from(seedStream(s1!, 0x61, 8))).not.toEqual(Array.from(seedStream(s2!, 0x61, 8)));
      }),
      fcParams(100),
    );
  });
});

describe('KPermutationSketch', () => {
  it('computes per-permutation minima equal to an exact BigInt reference, hashes near 2^32 - 1 included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), uint32, fc.array(uint32NearMax, { maxLength: 30 }), (k, seed, hashes) => {
        expect(Array.from(new KPermutationSketch(k, seed).sketch(hashes))).toEqual(kpermReference(hashes, k, seed));
      }),
      fcParams(100),
    );
  });

  it('starts over on every call: earlier hashes leave no trace', () => {
    const sketch = new KPermutationSketch(16, 3);
    sketch.sketch([1, 2, 3, 0xdeadbeef]);
    expect(Array.from(sketch.sketch([7]))).toEqual(Array.from(new KPermutationSketch(16, 3).sketch([7])));
    expect(Array.from(sketch.sketch([]))).toEqual(new Array(16).fill(0xffffffff));
  });
});

describe('OnePermutationSketch', () => {
  it('keeps in each bin the minimum value of the hashes that fall in it, by an exact multiply-high', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1024 }), uint32, fc.array(uint32NearMax, { maxLength: 50 }), (k, seed, hashes) => {
        expect(Array.from(new OnePermutationSketch(k, seed).sketch(hashes))).toEqual(ophReference(hashes, k, seed));
      }),
      fcParams(100),
    );
  });

  it('keeps in each bin a value that falls in that bin, so values of different bins never coincide', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1024 }), uint32, fc.array(uint32, { maxLength: 300 }), (k, seed, hashes) => {
        new OnePermutationSketch(k, seed).sketch(hashes).forEach((v, bin) => {
          if (v !== EMPTY_BIN) expect(binOf(v, k)).toBe(bin);
        });
      }),
      fcParams(100),
    );
  });

  it('starts over on every call, with every bin empty for no hashes', () => {
    const sketch = new OnePermutationSketch(8, 3);
    sketch.sketch([1, 2, 3]);
    expect(Array.from(sketch.sketch([]))).toEqual(new Array(8).fill(EMPTY_BIN));
    expect(Array.from(sketch.sketch([9]))).toEqual(ophReference([9], 8, 3));
  });

  it('stores a hash whose value is 0xffffffff as 0xfffffffe, so its bin never reads as empty', () => {
    const seed = 11;
    expect(fmix32(unfmix32(0xffffffff))).toBe(0xffffffff);
    const hash = (unfmix32(0xffffffff) ^ seedWord(seed, 0x6f, 0)) >>> 0;
    // The place 0xffffffff is in the last bin, and 0xfffffffe is too, for any k.
    expect(Array.from(new OnePermutationSketch(4, seed).sketch([hash]))).toEqual([EMPTY_BIN, EMPTY_BIN, EMPTY_BIN, 0xfffffffe]);
    expect(Array.from(new OnePermutationSketch(5, seed).sketch([hash]))).toEqual([EMPTY_BIN, EMPTY_BIN, EMPTY_BIN, EMPTY_BIN, 0xfffffffe]);
    // The signature is non-empty and survives a round trip (fromBytes refuses all-empty bins without the empty flag).
    const sig = new MinHasher({ scheme: 'oph', numPerm: 4, seed }).signHashes([hash]);
    expect({ isEmpty: sig.isEmpty, values: Array.from(sig.values) }).toEqual({ isEmpty: false, values: [0xfffffffe, 0xfffffffe, 0xfffffffe, 0xfffffffe] });
    expect(Signature.fromBytes(sig.toBytes()).equals(sig)).toBe(true);
  });
});

describe('densify', () => {
  it('returns false and writes EMPTY_BIN everywhere when every bin is empty', () => {
    const out = new Uint32Array(5).fill(7);
    expect(densify(new Uint32Array(5).fill(EMPTY_BIN), 1, out, new Uint32Array(64))).toBe(false);
    expect(Array.from(out)).toEqual(new Array(5).fill(EMPTY_BIN));
  });

  it('keeps filled bins and gives each empty bin the value of the first filled bin on its probe sequence', () => {
    // Few filled bins force long probe sequences, well past any precomputed prefix.
    fc.assert(
      fc.property(binsArbitrary(200, 3), uint32, (bins, seed) => {
        const out = new Uint32Array(bins.length);
        expect(densify(Uint32Array.from(bins), seed, out, new Uint32Array(64))).toBe(true);
        expect(Array.from(out)).toEqual(densifyReference(bins, seed));
      }),
      fcParams(100),
    );
  });

  it('fills from the same bins in two documents with the same empty bins, whatever their values', () => {
    // This sharing is what keeps the collision probability of densified bins equal to J.
    fc.assert(
      fc.property(binsArbitrary(256, 40), uint32, (bins, seed) => {
        const other = bins.map((v) => (v === EMPTY_BIN ? v : (v + 1) % EMPTY_BIN));
        const out1 = new Uint32Array(bins.length);
        const out2 = new Uint32Array(bins.length);
        densify(Uint32Array.from(bins), seed, out1, new Uint32Array(64));
        densify(Uint32Array.from(other), seed, out2, new Uint32Array(64));
        const source1 = Array.from(out1, (v) => bins.indexOf(v));
        const source2 = Array.from(out2, (v) => other.indexOf(v));
        expect(source2).toEqual(source1);
      }),
      fcParams(100),
    );
  });

  it('gives the same values when calls alternate between seeds and bin counts', () => {
    // Each call with another (seed, k) than the one before loads that pair's probe table. The
    // documents come in both orders: runs of one k with seeds that change, and k that changes.
    const oneK = fc.constantFrom(16, 128).chain((k) => fc.array(fc.tuple(binsArbitrary(k, 6, k), fc.integer({ min: 0, max: 3 })), { minLength: 2, maxLength: 8 }));
    const anyK = fc.array(fc.tuple(binsArbitrary(300, 20), fc.integer({ min: 0, max: 3 })), { minLength: 2, maxLength: 8 });
    fc.assert(
      fc.property(fc.oneof(oneK, anyK), (docs) => {
        for (const [bins, seed] of docs) {
          const out = new Uint32Array(bins.length);
          const mask = new Uint32Array(64);
          densify(Uint32Array.from(bins), seed, out, mask);
          expect(Array.from(out)).toEqual(densifyReference(bins, seed));
          bins.forEach((v, i) => expect((mask[i >>> 5]! >>> (i & 31)) & 1).toBe(v === EMPTY_BIN ? 1 : 0));
        }
      }),
      fcParams(100),
    );
  });

  it('refuses more bins than MAX_NUM_PERM', () => {
    const k = MAX_NUM_PERM + 1;
    expect(() => densify(new Uint32Array(k), 1, new Uint32Array(k), new Uint32Array(64))).toThrow(RangeError);
  });

  it('copies the only filled bin everywhere', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.nat(), uint32, (k, at, seed) => {
        const bins = new Uint32Array(k).fill(EMPTY_BIN);
        bins[at % k] = 12345;
        const out = new Uint32Array(k);
        expect(densify(bins, seed, out, new Uint32Array(64))).toBe(true);
        expect(out.every((v) => v === 12345)).toBe(true);
      }),
      fcParams(30),
    );
  });

  it('gives the signature values of a set: its own hashes\' values only', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), uint32, hashSet({ minLength: 1, maxLength: 20 }), (k, seed, set) => {
        const own = new Set(set.map((h) => Math.min(fmix32(h ^ seedWord(seed, 0x6f, 0)), EMPTY_BIN - 1)));
        for (const v of new MinHasher({ scheme: 'oph', numPerm: k, seed }).signHashes(set).values) expect(own.has(v)).toBe(true);
      }),
      fcParams(100),
    );
  });
});

describe('densify empty-bin mask', () => {
  it('sets bit i of the mask exactly for the empty bins, so the undensified state can be rebuilt', () => {
    const bins = Uint32Array.from([7, EMPTY_BIN, 9, EMPTY_BIN, EMPTY_BIN, 3, 1, 2, 5, 6, 4, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, EMPTY_BIN]);
    const mask = new Uint32Array(2);
    const out = new Uint32Array(bins.length);
    expect(densify(bins, 1, out, mask)).toBe(true);
    expect(Array.from(mask)).toEqual([(1 << 1) | (1 << 3) | (1 << 4), 1 << 2]);
    const rebuilt = out.map((v, i) => ((mask[i >>> 5]! >>> (i & 31)) & 1 ? EMPTY_BIN : v));
    expect(rebuilt).toEqual(bins);
  });

  it('writes every word of the mask, so a scratch mask needs no clearing between documents', () => {
    fc.assert(
      fc.property(binsArbitrary(100, 30), uint32, (bins, seed) => {
        const mask = new Uint32Array(64).fill(0xffffffff);
        densify(Uint32Array.from(bins), seed, new Uint32Array(bins.length), mask);
        const expected = new Uint32Array((bins.length + 31) >>> 5);
        bins.forEach((v, i) => {
          if (v === EMPTY_BIN) expected[i >>> 5]! |= 1 << (i & 31);
        });
        expect(Array.from(mask.subarray(0, expected.length))).toEqual(Array.from(expected));
      }),
      fcParams(100),
    );
  });

  it('marks every bin empty when all are', () => {
    const mask = new Uint32Array(2);
    expect(densify(new Uint32Array(40).fill(EMPTY_BIN), 1, new Uint32Array(40), mask)).toBe(false);
    expect(Array.from(mask)).toEqual([0xffffffff, 0xff]);
  });
});
