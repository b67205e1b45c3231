import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { NeardupError } from '../errors/NeardupError.js';
import { scanGeneration, scanShingles } from '../internal/scanShingles.js';
import { optionsObject } from '../internal/validate.js';
import { resolveShingling, SHINGLE_OPTIONS, type ShingleOptions } from './ShingleOptions.js';

/**
 * Streams the shingle hashes of a text to `visit`, in order of occurrence (repeats included),
 * without building any string or array: the building block for a sketch or index of your own.
 * Returns the number of shingles visited (0 for a text without words). The hashes are the ones
 * {@link hashShingles} collects and {@link MinHasher} signs.
 *
 * @throws {InvalidOptionError} when a shingle option is out of range or `visit` is not a function.
 * @throws {NeardupError} when `visit` itself shingles or signs a text (finish one text first).
 * @example
 * ```ts
 * let count = 0;
 * forEachShingleHash('one two three four five six', () => count++); // returns 2
 * ```
 */
export function forEachShingleHash(text: string, visit: (hash: number) => void, options?: ShingleOptions): number {
  const shingling = resolveShingling(optionsObject('options', options, SHINGLE_OPTIONS));
  if (typeof text !== 'string') throw new InvalidOptionError('text', 'a string', text);
  if (typeof visit !== 'function') throw new InvalidOptionError('visit', 'a function', visit);
  const hashes = scanShingles(text, shingling);
  const generation = scanGeneration();
  for (let i = 0; i < hashes.length; i++) {
    visit(hashes[i]!);
    // The hashes live in a shared scratch buffer; a visit that shingles another text reuses it.
    if (scanGeneration() !== generation) throw new NeardupError('forEachShingleHash: visit must not shingle or sign another text while it runs');
  }
  return hashes.length;
}
