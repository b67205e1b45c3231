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
 * One-permutation hashing: a seeded bijective mix of the shingle hash picks the bin (its top bits,
 * by multiply-high), a second, independently seeded mix is the value kept as the bin's minimum.
 */
export class OnePermutationSketch implements Sketch {
  private readonly values: Uint32Array;
  readonly #binSeed: number;
  readonly #valueSeed: number;
  readonly #binShift: number;

  constructor(numPerm: number, seed: number) {
    this.values = new Uint32Array(numPerm).fill(EMPTY_BIN);
    this.#binSeed = seedWord(seed, 0x6f, 0);
    this.#valueSeed = seedWord(seed, 0x6f, 1);
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
    const binSeed = this.#binSeed;
    const valueSeed = this.#valueSeed;
    const shift = this.#binShift;
    for (let j = 0; j < hashes.length; j++) {
      const hash = hashes[j]!;
      // The bin is floor(h * k / 2^32). For k a power of two that is the top log2(k) bits of h, an
      // integer shift; otherwise h * k < 2^48 is exact in a double, dividing by 2^32 is exact, and
      // `| 0` truncates. Both give the same bin.
      const h = fmix32(hash ^ binSeed);
      const bin = shift >= 0 ? h >>> shift : (h * k) / 4294967296 | 0;
      // value < EMPTY_BIN, and the bin keeps the smaller of the two without a branch: whether a
      // shingle lowers its bin is a coin toss for a short text, so a branch on it mispredicts
      // often. The comparisons become 0 or 1, not jumps.
      let value = fmix32(hash ^ valueSeed);
      value -= +(value === empty);
      const held = bins[bin]!;
      bins[bin] = held ^ ((held ^ value) & -+(value < held));
    }
    return bins;
  }
}

/**
 * Optimal densification (Shrivastava, ICML 2017): every empty bin i probes bins j = h(i, 1),
 * h(i, 2), ... with a hash shared by all documents of the same seed, and copies the first
 * non-empty bin's value. Two documents that both have bin i empty probe the same sequence, which
 * keeps the collision probability equal to their Jaccard similarity.
 *
 * Writes the densified values into `out`, sets bit i of `emptyMask` ((k + 31) >> 5 words) for each
 * empty bin i and clears the others, and returns false when every bin is empty (empty set).
 */
export function densify(bins: Uint32Array, seed: number, out: Uint32Array, emptyMask: Uint32Array): boolean {
  const k = bins.length;
  const perBin = PROBES; // read once, not from the module's binding on every use (see murmur3.ts)
  const probes = probeTable(seed, k);
  if (waiting.length < k) waiting = new Int32Array(k);
  const still = waiting;
  // Whether a bin is empty is a coin toss for a short text, and so is whether a probe finds a
  // value: a branch on either mispredicts often. So the probes go in rounds without a branch per
  // bin. Bins are read as signed (`| 0`; an empty bin is -1, all ones, since comparing a uint32
  // read with 0xffffffff leaves V8's small-integer range), and `v &= probed | ~empty` takes the
  // probed value only while v is empty (-1 & x is x). Round one gives every bin its first two
  // probes and lists the bins still empty (about one in six for Reuters' short stories); each
  // later round probes only those, and lists the ones it leaves empty.
  let left = 0;
  for (let w = 0; w << 5 < k; w++) {
    const end = Math.min(k, (w + 1) << 5);
    let mask = 0;
    for (let i = w << 5; i < end; i++) {
      const base = i * perBin;
      let v = bins[i]! | 0;
      const empty = -+(v === -1);
      mask |= (empty & 1) << (i & 31);
      v &= (bins[probes[base]!]! | 0) | ~empty;
      v &= (bins[probes[base + 1]!]! | 0) | ~-+(v === -1);
      out[i] = v;
      still[left] = i;
      left += +(v === -1);
    }
    emptyMask[w] = mask;
  }
  for (let attempt = 2; left > 0 && attempt < perBin; attempt++) {
    let kept = 0;
    for (let j = 0; j < left; j++) {
      const i = still[j]!;
      const v = bins[probes[i * perBin + attempt]!]! | 0;
      out[i] = v;
      still[kept] = i;
      kept += +(v === -1);
    }
    left = kept;
  }
  if (left === 0) return true;
  // Bins still empty after every precomputed probe (a document filling few bins): the sequence
  // goes on by hashing, unless every bin is empty and there is no value to copy.
  let filled = false;
  for (let j = 0; j < k && !filled; j++) filled = (bins[j]! | 0) !== -1;
  if (!filled) {
    out.fill(EMPTY_BIN);
    for (let j = 0; j << 5 < k; j++) {
      const bits = k - (j << 5); // bins in word j, if fewer than 32
      emptyMask[j] = bits >= 32 ? -1 : (1 << bits) - 1;
    }
    return false;
  }
  const probeSeed = lastProbeSeed; // set by probeTable() for this seed
  for (let j = 0; j < left; j++) {
    const i = still[j]!;
    let v = -1;
    for (let attempt = perBin + 1; v === -1; attempt++) v = bins[probeTarget(probeSeed, i, attempt, k)]! | 0;
    out[i] = v;
  }
  return true;
}

// The bins still empty between two rounds of densify's probes; grown to the largest k seen.
let waiting = new Int32Array(128);

const PROBES = 16;
const probeTables = new Map<string, Uint16Array>();
// The last table used: nearly every call asks for the same (seed, k) as the one before it, and
// skipping the keyed lookup takes a tenth off signing.
let lastSeed = -1;
let lastK = -1;
let lastTable: Uint16Array = new Uint16Array(0);
let lastProbeSeed = 0;

// The probe sequence depends only on the seed and the bin, never on the document: compute the
// first PROBES targets of each bin once per (seed, k) and reuse them for every signature.
function probeTable(seed: number, k: number): Uint16Array {
  if (seed === lastSeed && k === lastK) return lastTable;
  const key = `${seed}:${k}`;
  let table = probeTables.get(key);
  const probeSeed = seedWord(seed, 0x64, 0);
  if (table === undefined) {
    table = new Uint16Array(k * PROBES); // bins < MAX_NUM_PERM <= 65536
    for (let i = 0; i < k; i++) for (let a = 1; a <= PROBES; a++) table[i * PROBES + a - 1] = probeTarget(probeSeed, i, a, k);
    if (probeTables.size >= 64) probeTables.clear();
    probeTables.set(key, table);
  }
  lastSeed = seed;
  lastK = k;
  lastTable = table;
  lastProbeSeed = probeSeed;
  return table;
}

/** The bin that empty bin `i` looks at on its `attempt`-th probe (1-based). */
function probeTarget(probeSeed: number, i: number, attempt: number, k: number): number {
  // Multiply-high maps the 32-bit hash to [0, k) exactly (see OnePermutationSketch.sketch).
  return (fmix32(mixBlock(mixBlock(probeSeed, i), attempt)) * k) / 4294967296 | 0;
}
