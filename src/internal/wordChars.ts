import { WORD_CHAR_RANGES } from './wordCharRanges.js';

// One byte per BMP code unit (64 KiB, built once at load) makes the tokenizer's per-character test
// a single array read; the rare astral code points fall back to a binary search over the ranges.
const BMP_WORD = new Uint8Array(0x10000);
for (let i = 0; i < WORD_CHAR_RANGES.length; i += 2) {
  const first = WORD_CHAR_RANGES[i]!;
  if (first > 0xffff) break;
  BMP_WORD.fill(1, first, Math.min(WORD_CHAR_RANGES[i + 1]!, 0xffff) + 1);
}

/** Whether a BMP code unit (0..0xFFFF, not a surrogate) is a word character. */
export function isWordUnit(unit: number): boolean {
  return BMP_WORD[unit] === 1;
}

/** Whether any code point is a word character (letter, combining mark or number). */
export function isWordCodePoint(cp: number): boolean {
  if (cp <= 0xffff) return BMP_WORD[cp] === 1;
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
