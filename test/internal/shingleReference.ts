// The readable definition of the shingle hash format, written from the format's description
// (src/internal/scanShingles.ts) rather than from its code, plus the text generators the property
// tests share. The zero-allocation scan must agree with this definition on every text.
import fc from 'fast-check';
import { murmur3Bytes, murmur3Words } from '../../src/internal/murmur3.js';
import { SHINGLE_SEED, TOKEN_SEED } from '../../src/internal/scanShingles.js';
import { shingle } from '../../src/shingle/shingle.js';
import type { ShingleOptions } from '../../src/shingle/ShingleOptions.js';

/** Seed of every property test: fixed, overridable from the environment to reproduce a CI run. */
export const seed = Number(process.env['FC_SEED'] ?? 42);

/** MurmurHash3_x86_32 of the token's UTF-16LE bytes with the token seed. */
export function referenceTokenHash(token: string): number {
  return murmur3Bytes(Buffer.from(token, 'utf16le'), TOKEN_SEED);
}

/** The hash of one readable shingle as `shingle()` prints it. */
export function referenceShingleHash(readable: string, kind: 'word' | 'char'): number {
  // Word shingles are words joined by one space (words never contain a space); char n-grams are
  // code points, each hashed as a 32-bit little-endian word.
  const words = kind === 'word' ? readable.split(' ').map(referenceTokenHash) : Array.from(readable, (ch) => ch.codePointAt(0)!);
  return murmur3Words(words, 0, words.length, SHINGLE_SEED);
}

/** The hashes of `shingle(text, options)`, in order of occurrence, repeats included. */
export function referenceShingleHashes(text: string, options: ShingleOptions): number[] {
  const kind = options.charNgrams === undefined ? 'word' : 'char';
  return shingle(text, options).map((s) => referenceShingleHash(s, kind));
}

/** The sorted distinct set of {@link referenceShingleHashes}. */
export function referenceHashSet(text: string, options: ShingleOptions): number[] {
  return [...new Set(referenceShingleHashes(text, options))].sort((a, b) => a - b);
}

/** Words that exercise every path of the tokenizer: ASCII, NFKC, case folding, marks, astral. */
const WORDS = [
  'the', 'Quick', 'BROWN', 'fox', 'a', 'I', '2017', 'x1',
  'café', 'Cafe\u0301', 'Éric', 'naïve', 'Straße', 'İstanbul', 'ǅemal',
  'Ｔｅｓｔ', 'ﬁnal', '①', 'Ⅻ', '½', 'x²', 'ｶﾞｷ',
  'ΣΟΦΟΣ', 'λόγος', 'σοφός',
  'हिन्दी', 'भाषा', 'क्षत्रिय',
  'שָׁלוֹם', 'עִבְרִית',
  'العَرَبِيَّة', '٣٤٥', 'ภาษาไทย', '中文', '\u{20000}\u{2A6D6}',
  '𝒜𝒷𝒸', '𐐀𐐨', '\u{1E900}', '𝟘𝟙', 'a😀b', '👍🏽',
];

/** Whatever may stand between words: spaces, punctuation, invisible characters, a lone surrogate. */
const SEPARATORS = [
  ' ', '  ', '\n', '\t', ', ', '. ', '—', '-', "'", '’', '“', '\u00a0', '\u3000', '\u200b', '\u200d', '\u00ad', '¨', '', '😀', '\ud800', '\udc00',
];

/** Texts built from the word and separator pools above. */
export const wordishText = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 24 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

/** ASCII texts of short alphanumeric words and ASCII separators (the scan's fast path). */
export const asciiWordishText = fc
  .array(fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{1,6}$/), fc.constantFrom(' ', ', ', '-', "'", '\n', '. ', '\t', '')), { maxLength: 24 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

/** Any UTF-16 string, lone surrogates included. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.oneof(fc.constantFrom(' ', 'a', 'B'), fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u))), maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }),
);

/** Every kind of text the property tests draw from. */
export const text = fc.oneof(wordishText, asciiWordishText, anyText);

/** Formats hashes as fixed-width hex, the form the golden vectors are written in. */
export function hex(hashes: ArrayLike<number>): string[] {
  return Array.from(hashes, (h) => '0x' + h.toString(16).padStart(8, '0'));
}
