import { MAX_NUM_PERM } from '../signature/numPerm.js';
import { fmix32, mixBlock } from './murmur3.js';
import { EMPTY_BIN, seedWord } from './sketches.js';

/**
 * Optimal densification (Shrivastava, ICML 2017): every empty bin i probes bins j = h(i, 1),
 * h(i, 2), ... with a hash shared by all documents of the same seed, and copies the first
 * non-empty bin's value. Two documents that both have bin i empty probe the same sequence, which
 * keeps the collision probability equal to their Jaccard similarity.
 *
 * Writes the densified values into `out`, sets bit i of `emptyMask` ((k + 31) >> 5 words) for each
 * empty bin i and clears the others, and returns false when every bin is empty (empty set).
 * `bins.length` (k) is at most MAX_NUM_PERM.
 */
export const densify: (bins: Uint32Array, seed: number, out: Uint32Array, emptyMask: Uint32Array) => boolean =
  /* @__PURE__ */ (() => {
    // Why a closure made once: V8 compiles a function that has a single closure against that
    // closure's scope, and folds the scope's `const` typed arrays into the code as known objects
    // (their length and address become constants: no loads, cheaper bounds checks). The bundler
    // turns a module-level `const` into a `var`, which V8 reads anew on every call; here the probe
    // table and the list of waiting bins stay constants. The loops below run on them per bin.
    const PROBES = 16;
    // The first PROBES targets of each bin for the current (seed, k), bin i's at [i * PROBES, ...):
    // the probe sequence depends only on the seed and the bin, never on the document. Refilled
    // (from `tables`) when a call brings another seed or k; the array itself never changes.
    const probes = new Uint16Array(MAX_NUM_PERM * PROBES); // bins < MAX_NUM_PERM <= 65536
    // The bins still empty between two rounds of probes.
    const still = new Int32Array(MAX_NUM_PERM);
    const tables = new Map<string, Uint16Array>();
    let tableSeed = -1;
    let tableK = -1;
    let probeSeed = 0;

    function loadProbes(seed: number, k: number): void {
      const key = `${seed}:${k}`;
      probeSeed = seedWord(seed, 0x64, 0);
      let table = tables.get(key);
      if (table === undefined) {
        table = new Uint16Array(k * PROBES);
        for (let i = 0; i < k; i++) for (let a = 1; a <= PROBES; a++) table[i * PROBES + a - 1] = probeTarget(probeSeed, i, a, k);
        if (tables.size >= 64) tables.clear();
        tables.set(key, table);
      }
      probes.set(table);
      tableSeed = seed;
      tableK = k;
    }

    return function densify(bins: Uint32Array, seed: number, out: Uint32Array, emptyMask: Uint32Array): boolean {
      const k = bins.length;
      if (k > MAX_NUM_PERM) throw new RangeError(`densify: ${k} bins is more than ${MAX_NUM_PERM}`);
      if (seed !== tableSeed || k !== tableK) loadProbes(seed, k);
      // Whether a bin is empty is a coin toss for a short text, and so is whether a probe finds a
      // value: a branch on either mispredicts often. So the probes go in rounds without a branch
      // per bin. Bins are read as signed (`| 0`; an empty bin is -1, all ones, since comparing a
      // uint32 read with 0xffffffff leaves V8's small-integer range), and `v &= probed | ~empty`
      // takes the probed value only while v is empty (-1 & x is x). Round one gives every bin its
      // first two probes and lists the bins still empty (about one in six for Reuters' short
      // stories); each later round probes only those, and lists the ones it leaves empty.
      let left = 0;
      for (let w = 0; w << 5 < k; w++) {
        const end = Math.min(k, (w + 1) << 5);
        let mask = 0;
        for (let i = w << 5; i < end; i++) {
          const base = i * PROBES;
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
      for (let attempt = 2; left > 0 && attempt < PROBES; attempt++) {
        let kept = 0;
        for (let j = 0; j < left; j++) {
          const i = still[j]!;
          const v = bins[probes[i * PROBES + attempt]!]! | 0;
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
      for (let j = 0; j < left; j++) {
        const i = still[j]!;
        let v = -1;
        for (let attempt = PROBES + 1; v === -1; attempt++) v = bins[probeTarget(probeSeed, i, attempt, k)]! | 0;
        out[i] = v;
      }
      return true;
    };
  })();

/** The bin that empty bin `i` looks at on its `attempt`-th probe (1-based). */
function probeTarget(probeSeed: number, i: number, attempt: number, k: number): number {
  // Multiply-high maps the 32-bit hash to [0, k) exactly (see OnePermutationSketch.sketch).
  return (fmix32(mixBlock(mixBlock(probeSeed, i), attempt)) * k) / 4294967296 | 0;
}
