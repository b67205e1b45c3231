// MurmurHash3_x86_32 in pieces, so that callers can hash a stream (UTF-16 code units, token hashes,
// code points) as it is scanned, without building a string or a byte buffer first.
//
// All arithmetic is 32-bit integer math on purpose: Math.imul multiplies modulo 2^32 exactly, and
// `| 0` / `>>> 0` keep every intermediate a 32-bit integer. Floating point `a * x` would lose the
// low bits once the product passes 2^53 and silently change the hash.
//
// The constants are written where they are used, not as module-level `const`s: the bundler
// (esbuild, through tsup) turns a module-level `const` into a `var`, which V8 can neither fold into
// the instruction nor keep as an integer (0xcc9e2d51 is above 2^31, so the `var` holds a heap
// number that every call converts).

/** Scrambles one 32-bit block before it is folded into the state (murmur3 `k1` steps). */
export function scrambleBlock(k: number): number {
  k = Math.imul(k, 0xcc9e2d51); // murmur3's c1
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, 0x1b873593); // murmur3's c2
}

/** Folds one full 32-bit little-endian block into the state `h`. */
export function mixBlock(h: number, block: number): number {
  return mixScrambled(h, scrambleBlock(block));
}

/**
 * Folds a block already scrambled ({@link scrambleBlock}) into the state `h`: the part of
 * {@link mixBlock} that depends on `h`. A stream that hashes the same block into several states
 * (a token hash into each of the k shingles that hold it) scrambles it once; and the chain from one
 * state to the next is then a xor, a rotation, a shift and two adds (`h * 5` as `h + (h << 2)`),
 * where a full block also waits on two multiplications.
 */
export function mixScrambled(h: number, scrambled: number): number {
  h ^= scrambled;
  h = (h << 13) | (h >>> 19);
  return (h + (h << 2) + 0xe6546b64) | 0;
}

/** murmur3's finalizer: a bijection on 32-bit integers with full avalanche. Returns an unsigned value. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3_x86_32 of a sequence of 32-bit words (hashed as their little-endian bytes). */
export function murmur3Words(words: ArrayLike<number>, start: number, count: number, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < count; i++) h = mixBlock(h, words[start + i]! | 0);
  return fmix32(h ^ (count << 2));
}

/**
 * {@link murmur3Words} of the words whose {@link scrambleBlock} values `scrambled` holds: the same
 * hash, from blocks scrambled once beforehand.
 */
export function murmur3Scrambled(scrambled: ArrayLike<number>, start: number, count: number, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < count; i++) h = mixScrambled(h, scrambled[start + i]!);
  return fmix32(h ^ (count << 2));
}

/** MurmurHash3_x86_32 of raw bytes: the reference form, used to check the streaming forms. */
export function murmur3Bytes(bytes: Uint8Array, seed: number): number {
  let h = seed | 0;
  const blocks = bytes.length >>> 2;
  for (let i = 0; i < blocks; i++) {
    const j = i << 2;
    h = mixBlock(h, bytes[j]! | (bytes[j + 1]! << 8) | (bytes[j + 2]! << 16) | (bytes[j + 3]! << 24));
  }
  const tail = blocks << 2;
  const rest = bytes.length & 3;
  if (rest > 0) {
    let k = 0;
    for (let i = rest - 1; i >= 0; i--) k = (k << 8) | bytes[tail + i]!;
    h ^= scrambleBlock(k);
  }
  return fmix32(h ^ bytes.length);
}

/** SplitMix32 step: derives well-spread 32-bit parameters from a user seed. */
export function splitmix32(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}
