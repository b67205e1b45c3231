import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { integerOption } from '../internal/validate.js';

/** How text is cut into shingles. */
export interface ShingleOptions {
  /**
   * Words per shingle (word k-shingles). A text with fewer words than this is one shingle of all
   * its words. Five words keeps common phrases ("said in a statement") from matching unrelated
   * stories while a copy with edits still shares most of its shingles (see the README).
   * @defaultValue 5
   */
  readonly shingleSize?: number;
  /**
   * When set, shingles are runs of this many characters of the normalized text (words joined by
   * one space) instead of words: better for short texts and languages written without spaces.
   * Cannot be combined with `shingleSize`.
   * @defaultValue undefined (word shingles)
   */
  readonly charNgrams?: number;
}

/** The keys of {@link ShingleOptions}, for refusing unknown ones. */
export const SHINGLE_OPTIONS: Readonly<Record<keyof ShingleOptions, true>> = { shingleSize: true, charNgrams: true };

/** Shingling with defaults filled in and checked. */
export interface Shingling {
  readonly kind: 'word' | 'char';
  readonly size: number;
}

/** The default number of words per shingle. */
export const DEFAULT_SHINGLE_SIZE = 5;
/** The largest shingle size (words or characters) neardup accepts. */
export const MAX_SHINGLE_SIZE = 64;

/** Fills in defaults and validates {@link ShingleOptions}. */
export function resolveShingling(options: ShingleOptions): Shingling {
  if (options.charNgrams !== undefined) {
    if (options.shingleSize !== undefined) {
      throw new InvalidOptionError('charNgrams', 'left unset when shingleSize is given (choose word or character shingles)', options.charNgrams);
    }
    return { kind: 'char', size: integerOption('charNgrams', options.charNgrams, 0, 1, MAX_SHINGLE_SIZE) };
  }
  return { kind: 'word', size: integerOption('shingleSize', options.shingleSize, DEFAULT_SHINGLE_SIZE, 1, MAX_SHINGLE_SIZE) };
}

/** The {@link ShingleOptions} that resolve to `shingling`. */
export function shingleOptionsOf(shingling: Shingling): ShingleOptions {
  return shingling.kind === 'word' ? { shingleSize: shingling.size } : { charNgrams: shingling.size };
}
