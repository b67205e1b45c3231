import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { optionsObject } from '../internal/validate.js';
import { scanShingles } from '../internal/scanShingles.js';
import { resolveShingling, SHINGLE_OPTIONS, type ShingleOptions } from './ShingleOptions.js';

/**
 * The set of shingle hashes of a text: distinct unsigned 32-bit hashes, sorted ascending. This is
 * the set whose Jaccard similarity MinHash estimates; {@link exactJaccard} compares two of them.
 *
 * Format: each word is hashed as MurmurHash3_x86_32 of its normalized UTF-16LE bytes (seed
 * 0x6e656172), each word shingle as MurmurHash3_x86_32 of its word hashes' little-endian bytes
 * (seed 0x64757073); character n-grams hash their code points as 32-bit words with the same seed.
 * Golden vectors in the tests lock the format; any change bumps {@link SIGNATURE_FORMAT_VERSION}.
 *
 * @throws {InvalidOptionError} when a shingle option is out of range.
 * @example
 * ```ts
 * hashShingles('The quick brown fox jumps over').length; // 2
 * ```
 */
export function hashShingles(text: string, options?: ShingleOptions): Uint32Array {
  const shingling = resolveShingling(optionsObject('options', options, SHINGLE_OPTIONS));
  if (typeof text !== 'string') throw new InvalidOptionError('text', 'a string', text);
  return uniqueSorted(scanShingles(text, shingling).slice());
}

/** Sorts in place and drops repeats; returns a view of the distinct prefix. */
export function uniqueSorted(hashes: Uint32Array): Uint32Array {
  hashes.sort();
  let n = 0;
  for (let i = 0; i < hashes.length; i++) {
    if (i === 0 || hashes[i] !== hashes[n - 1]) hashes[n++] = hashes[i]!;
  }
  return hashes.subarray(0, n);
}

/**
 * Exact Jaccard similarity |A ∩ B| / |A ∪ B| of two sorted, distinct hash sets (as returned by
 * {@link hashShingles}). Two empty sets have similarity 0: an empty document is like nothing.
 *
 * @example
 * ```ts
 * exactJaccard(hashShingles('a b c d e f'), hashShingles('a b c d e g')); // 0.333...
 * ```
 */
export function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}
