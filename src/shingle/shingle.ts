import { tokenize } from '../text/tokenize.js';
import { resolveShingling, SHINGLE_OPTIONS, type ShingleOptions } from './ShingleOptions.js';
import { optionsObject } from '../internal/validate.js';

/**
 * The shingles of a text, as readable strings, in order of occurrence (repeats included): word
 * shingles are `shingleSize` consecutive words joined by one space; with `charNgrams`, runs of that
 * many characters of the words joined by one space. A text with fewer words (or characters) than
 * the size is one shingle of all of them; a text without words has none.
 *
 * These are the exact shingles whose hashes {@link hashShingles} and the signers use; this
 * function is for inspection and explanations, not for speed.
 *
 * @throws {InvalidOptionError} when `text` is not a string or a shingle option is out of range.
 * @example
 * ```ts
 * shingle('The quick brown fox jumps over', { shingleSize: 5 });
 * // ['the quick brown fox jumps', 'quick brown fox jumps over']
 * shingle('Hi there', { charNgrams: 4 }); // ['hi t', 'i th', ' the', 'ther', 'here']
 * ```
 */
export function shingle(text: string, options?: ShingleOptions): string[] {
  const { kind, size } = resolveShingling(optionsObject('options', options, SHINGLE_OPTIONS));
  const tokens = tokenize(text);
  const units = kind === 'word' ? tokens : Array.from(tokens.join(' '));
  const joiner = kind === 'word' ? ' ' : '';
  if (units.length === 0) return [];
  if (units.length < size) return [units.join(joiner)];
  const out: string[] = [];
  for (let i = 0; i + size <= units.length; i++) out.push(units.slice(i, i + size).join(joiner));
  return out;
}
