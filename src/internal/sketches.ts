// The per-shingle work of each scheme. A sketch is reused from document to document (each call
// overwrites its values), so signing allocates only the finished signature.

import { fmix32, mixBlock, splitmix32 } from './murmur3.js';

/** Marks an empty one-permutation bin. Real bin values are clamped below it. */
export const EMPTY_BIN = 0xffffffff;

/** Computes one document's signature values from its shingle hashes. */
export interface Sketch {
  /**
   * Resets the values and folds in `hashes` (unsigned 32-bit, repeats allowed): per-permutation
   * minima (kperm) or per-bin minima with EMPTY_BIN where a bin got nothing (oph). Returns them;
   * the array is the sketch's own and is overwritten by the next call.
   */
  sketch(hashes: ArrayLike<number>): Uint32Array;
}

/** The i-th 32-bit parameter derived from a seed; `salt` separates the streams of different uses. */
export function seedWord(seed: number, salt: number, i: number): number {
  return splitmix32((mixBlock(seed, salt) + Math.imul(i + 1, 0x9e3779b9)) | 0);
}

/** The first `count` parameters of the stream `salt` of a seed. */
export function seedStream(seed: number, salt: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = seedWord(seed, salt, i);
  return out;
}

/**
 * Classic k-permutation MinHash. Permutation i maps a shingle hash x to mix(a_i * x + b_i mod 2^32),
 * with a_i odd: an affine map with odd a_i is a permutation of the 32-bit integers, and the fixed
 * mixer after it (xor-shift, odd multiply, xor-shift: each a bijection) breaks the linear structure
 * that makes bare affine maps poor min-wise hashes. Math.imul keeps a_i * x exact modulo 2^32.
 */
export class KPermutationSketch implements Sketch {
  private readonly values: Uint32Array;
  readonly #a: Uint32Array;
  readonly #b: Uint32Array;

  constructor(numPerm: number, seed: number) {
    this.values = new Uint32Array(numPerm).fill(0xffffffff);
    this.#a = seedStream(seed, 0x61, numPerm).map((a) => a | 1);
    this.#b = seedStream(seed, 0x62, numPerm);
  }

  sketch(hashes: ArrayLike<number>): Uint32Array {
    const mins = this.values;
    const n = hashes.length;
    // Permutation-major: a_i, b_i and the running minimum stay in registers for the inner loop.
    for (let i = 0; i < mins.length; i++) {
      const a = this.#a[i]!;
      const b = this.#b[i]!;
      let min = 0xffffffff;
      for (let j = 0; j < n; j++) {
        let v = (Math.imul(a, hashes[j]!) + b) | 0;
        v = Math.imul(v ^ (v >>> 16), 0x85ebca6b);
        v = (v ^ (v >>> 13)) >>> 0;
        if (v < min) min = v;
      }
      mins[i] = min;
    }
    return mins;
  }
}

/**
 * One-permutation hashing: a seeded bijective mix of the shingle hash is its place in one random
 * permutation of the 32-bit integers. The place's top bits pick the bin (by multiply-high), and
 * the place itself is the value kept as the bin's minimum: within a bin the top bits are the
 * same, so the minimum is decided by the bits below them, and values of different bins never
 * coincide. (Format version 1 took the value from a second, independently seeded mix.)
 */
export class OnePermutationSketch implements Sketch {
  private readonly values: Uint32Array;
  readonly #mixSeed: number;
  readonly #binShift: number;

  constructor(numPerm: number, seed: number) {
    this.values = new Uint32Array(numPerm).fill(EMPTY_BIN);
    this.#mixSeed = seedWord(seed, 0x6f, 0);
    // 32 - log2(k) when k is a power of two (k = 1: a shift of 32 is 0 in JS, so it is left out).
    this.#binShift = numPerm > 1 && (numPerm & (numPerm - 1)) === 0 ? 32 - Math.log2(numPerm) : -1;
  }

  sketch(hashes: ArrayLike<number>): Uint32Array {
    // EMPTY_BIN spelled here: a module-level constant reaches V8 as a `var` holding a heap number
    // (see murmur3.ts), which the loop would read and convert for every shingle.
    const empty = 0xffffffff;
    const bins = this.values;
    bins.fill(empty);
    const k = bins.length;
    const mixSeed = this.#mixSeed;
    const shift = this.#binShift;
    for (let j = 0; j < hashes.length; j++) {
      const hash = hashes[j]!;
      // The bin is floor(h * k / 2^32). For k a power of two that is the top log2(k) bits of h, an
      // integer shift; otherwise h * k < 2^48 is exact in a double, dividing by 2^32 is exact, and
      // `| 0` truncates. Both give the same bin.
      const h = fmix32(hash ^ mixSeed);
      const bin = shift >= 0 ? h >>> shift : (h * k) / 4294967296 | 0;
      // The place 0xffffffff is kept as 0xfffffffe, in the same bin and below EMPTY_BIN. The bin
      // keeps the smaller of the two values without a branch: whether a shingle lowers its bin is
      // a coin toss for a short text, so a branch on it mispredicts often. The comparisons become
      // 0 or 1, not jumps.
      const value = h - +(h === empty);
      const held = bins[bin]!;
      bins[bin] = held ^ ((held ^ value) & -+(value < held));
    }
    return bins;
  }
}
