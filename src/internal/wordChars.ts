import { WORD_CHAR_RANGES } from './wordCharRanges.js';

/**
 * Invisible format characters that occur inside words and must not split them: SOFT HYPHEN (web
 * text hyphenation points), ZERO WIDTH NON-JOINER and JOINER (Persian, Indic scripts, emoji),
 * WORD JOINER and ZERO WIDTH NO-BREAK SPACE. They are skipped: 'co\u00ADoperate' is 'cooperate'.
 * ZERO WIDTH SPACE is not among them: Thai and Khmer text uses it to mark word boundaries.
 */
export const IN_WORD_IGNORABLES: readonly number[] = [0x00ad, 0x200c, 0x200d, 0x2060, 0xfeff];

/** Character class of the tokenizer: a character that ends a word (space, punctuation). */
export const BREAK = 0;
/** Character class of the tokenizer: a letter, mark or digit, part of a word. */
export const WORD = 1;
/** Character class of the tokenizer: an in-word format character, skipped without ending the word. */
export const SKIP = 2;

// One byte per BMP code unit (64 KiB, built once at load) makes the tokenizer's per-character test
// a single array read; the rare astral code points fall back to a binary search over the ranges.
const BMP_CLASS = new Uint8Array(0x10000);
for (let i = 0; i < WORD_CHAR_RANGES.length; i += 2) {
  const first = WORD_CHAR_RANGES[i]!;
  if (first > 0xffff) break;
  BMP_CLASS.fill(WORD, first, Math.min(WORD_CHAR_RANGES[i + 1]!, 0xffff) + 1);
}
for (const cp of IN_WORD_IGNORABLES) BMP_CLASS[cp] = SKIP;

/** The class of every BMP code unit, by code unit: the table {@link unitClass} reads. Read-only. */
export function bmpClasses(): Uint8Array {
  return BMP_CLASS;
}

/** The class of a BMP code unit (0..0xFFFF, not a surrogate): BREAK, WORD or SKIP. */
export function unitClass(unit: number): number {
  return BMP_CLASS[unit]!;
}

/** Whether a BMP code unit (0..0xFFFF, not a surrogate) is a word character. */
export function isWordUnit(unit: number): boolean {
  return BMP_CLASS[unit] === WORD;
}

/** Whether any code point is a word character (letter, combining mark or number). */
export function isWordCodePoint(cp: number): boolean {
  if (cp <= 0xffff) return BMP_CLASS[cp] === WORD;
  let lo = 0;
  let hi = (WORD_CHAR_RANGES.length >>> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (cp < WORD_CHAR_RANGES[mid << 1]!) hi = mid - 1;
    else if (cp > WORD_CHAR_RANGES[(mid << 1) + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The class of any code point: BREAK, WORD or SKIP. */
export function codePointClass(cp: number): number {
  return cp <= 0xffff ? BMP_CLASS[cp]! : isWordCodePoint(cp) ? WORD : BREAK;
}
