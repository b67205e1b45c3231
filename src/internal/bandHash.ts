import { fmix32, splitmix32 } from './murmur3.js';

// The in-memory index's hash of a band: where its bucket goes in a BandTable and the tag that
// saves most comparisons. It never leaves the process (a bucket is confirmed on the stored values,
// so a collision costs one comparison, never a wrong candidate), and it is not part of any format.
// Redis bucket keys are bandKeys.ts's, which this does not change.
//
// A multilinear hash: sum over the rows of value_i * m_i modulo 2^32 (m_i odd, fixed), then murmur3's
// finalizer. The rows' products are independent of one another, so the processor computes them side
// by side, where a murmur3 chain over the rows waits on each step before the next; and bands are
// hashed for every document inserted (13 bands of 7 rows at threshold 0.8).

/** The odd multipliers of rows 0..rows-1 (the same for every index). */
export function bandMultipliers(rows: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) out[i] = splitmix32(0x62616e64 + i) | 1; // "band"
  return out;
}

/** The hash of the `multipliers.length` values from `start`. */
export function bandHash(values: Uint32Array, start: number, multipliers: Int32Array): number {
  let h = 0;
  for (let i = 0; i < multipliers.length; i++) h = (h + Math.imul(values[start + i]!, multipliers[i]!)) | 0;
  return fmix32(h);
}
