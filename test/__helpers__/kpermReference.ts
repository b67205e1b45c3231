import { seedWord } from '../../src/internal/sketches.js';

const MOD = 1n << 32n;

/**
 * The k-permutation MinHash values of `hashes` computed in exact BigInt arithmetic: permutation i
 * maps x to mix((a_i * x + b_i) mod 2^32), a_i = seedWord(seed, 'a', i) | 1, b_i = seedWord(seed, 'b', i),
 * mix = xor-shift 16, multiply by 0x85ebca6b mod 2^32, xor-shift 13. A float `a * x` loses low bits
 * once the product passes 2^53 and would disagree with this reference.
 */
export function kpermReference(hashes: readonly number[], numPerm: number, seed: number): number[] {
  const mins: number[] = [];
  for (let i = 0; i < numPerm; i++) {
    const a = BigInt((seedWord(seed, 0x61, i) | 1) >>> 0);
    const b = BigInt(seedWord(seed, 0x62, i));
    let min = 0xffffffffn;
    for (const x of hashes) {
      let v = (a * BigInt(x) + b) % MOD;
      v = ((v ^ (v >> 16n)) * 0x85ebca6bn) % MOD;
      v ^= v >> 13n;
      if (v < min) min = v;
    }
    mins.push(Number(min));
  }
  return mins;
}
