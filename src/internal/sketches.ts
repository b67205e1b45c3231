// The per-shingle update of each scheme. A sketch is reused from document to document (reset, then
// fed every shingle hash), so signing allocates only the finished signature.

import { fmix32, mixBlock, splitmix32 } from './murmur3.js';

/** Marks an empty one-permutation bin. Real bin values are clamped below it. */
export const EMPTY_BIN = 0xffffffff;

/** Accumulates one document's signature values from its shingle hashes. */
export interface Sketch {
  /** Values so far: per-permutation minima (kperm) or per-bin minima with EMPTY_BIN (oph). */
  readonly values: Uint32Array;
  reset(): void;
  add(hash: number): void;
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
  readonly values: Uint32Array;
  readonly #a: Uint32Array;
  readonly #b: Uint32Array;

  constructor(numPerm: number, seed: number) {
    this.values = new Uint32Array(numPerm).fill(0xffffffff);
    this.#a = seedStream(seed, 0x61, numPerm).map((a) => a | 1);
    this.#b = seedStream(seed, 0x62, numPerm);
  }

  reset(): void {
    this.values.fill(0xffffffff);
  }

  add(hash: number): void {
    const a = this.#a;
    const b = this.#b;
    const mins = this.values;
    for (let i = 0; i < mins.length; i++) {
      let v = (Math.imul(a[i]!, hash) + b[i]!) | 0;
      v = Math.imul(v ^ (v >>> 16), 0x85ebca6b);
      v = (v ^ (v >>> 13)) >>> 0;
      if (v < mins[i]!) mins[i] = v;
    }
  }
}

/**
 * One-permutation hashing: a seeded bijective mix of the shingle hash picks the bin (its top bits,
 * by multiply-high), a second, independently seeded mix is the value kept as the bin's minimum.
 */
export class OnePermutationSketch implements Sketch {
  readonly values: Uint32Array;
  readonly #binSeed: number;
  readonly #valueSeed: number;

  constructor(numPerm: number, seed: number) {
    this.values = new Uint32Array(numPerm).fill(EMPTY_BIN);
    this.#binSeed = seedWord(seed, 0x6f, 0);
    this.#valueSeed = seedWord(seed, 0x6f, 1);
  }

  reset(): void {
    this.values.fill(EMPTY_BIN);
  }

  add(hash: number): void {
    const bins = this.values;
    // floor(h * k / 2^32): h < 2^32 and k <= 2^16, so the product is below 2^48 and exact in a
    // double, and dividing by a power of two is exact too; `| 0` truncates.
    const bin = (fmix32(hash ^ this.#binSeed) * bins.length) / 4294967296 | 0;
    let value = fmix32(hash ^ this.#valueSeed);
    if (value === EMPTY_BIN) value = EMPTY_BIN - 1;
    if (value < bins[bin]!) bins[bin] = value;
  }
}

/**
 * Optimal densification (Shrivastava, ICML 2017): every empty bin i probes bins j = h(i, 1),
 * h(i, 2), ... with a hash shared by all documents of the same seed, and copies the first
 * non-empty bin's value. Two documents that both have bin i empty probe the same sequence, which
 * keeps the collision probability equal to their Jaccard similarity.
 *
 * Writes the densified values into `out` and returns false when every bin is empty (empty set).
 */
export function densify(bins: Uint32Array, seed: number, out: Uint32Array): boolean {
  const k = bins.length;
  let filled = 0;
  for (let i = 0; i < k; i++) if (bins[i] !== EMPTY_BIN) filled++;
  if (filled === 0) {
    out.fill(EMPTY_BIN);
    return false;
  }
  const probeSeed = seedWord(seed, 0x64, 0);
  for (let i = 0; i < k; i++) {
    let v = bins[i]!;
    for (let attempt = 1; v === EMPTY_BIN; attempt++) {
      const j = (fmix32(mixBlock(mixBlock(probeSeed, i), attempt)) * k) / 4294967296 | 0;
      v = bins[j]!;
    }
    out[i] = v;
  }
  return true;
}
