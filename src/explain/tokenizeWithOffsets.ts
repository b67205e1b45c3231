// Where the words of a text stand in the original, un-normalized string.
//
// `tokenize` normalizes the whole text (NFKC, lower case) and then cuts it into words, so its
// tokens carry no positions: NFKC may change lengths ('ﬁ' is 'fi', '½' is '1⁄2', 'e' + U+0301 is
// 'é'). Here the original text is first cut into chunks at separators (characters that are not
// word characters and whose normalization holds no word character either: spaces, punctuation,
// most symbols), each chunk is normalized on its own, and every token found in a chunk is given
// the chunk's offsets. A chunk is usually exactly one word; a character whose normalization holds
// a separator ('½', '¨') keeps its neighbours in its chunk, and all their tokens share its offsets.
//
// Normalizing chunk by chunk gives the same tokens as normalizing the whole text because NFKC does
// not act across a separator: a separator is a starter that composes with nothing before it, and
// a chunk boundary is never placed before a combining mark (`<` followed by U+0338 composes into
// `≮`, so a separator followed by a character whose normalization starts with a mark starts the
// next chunk instead of closing it). The remaining, pathological risk is a canonical composition
// whose first character is a separator and whose second is not a combining mark: the two would be
// normalized apart here and together by `tokenize`. None exists in Unicode 17.0 (this runtime's data);
// test/explain/tokenizeWithOffsets.test.ts tries every composition that starts with a separator in
// the runtime's data, and compares the tokens with `tokenize` on text in many scripts.

import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { BREAK, codePointClass, WORD } from '../internal/wordChars.js';
import { isAscii, normalizeText } from '../text/normalizeText.js';

/** One token of a text and the range of the original text it comes from. */
export interface TokenSpan {
  /** The normalized token, as {@link tokenize} returns it. */
  readonly token: string;
  /** Offset (UTF-16 code units) of the first character of the token's chunk in the original text. */
  readonly start: number;
  /** Offset just past the last character of the token's chunk, so `text.slice(start, end)` is the word as written. */
  readonly end: number;
}

/** A range [start, end) of UTF-16 offsets into an original text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

const COMPUTED = 1;
const SEPARATOR = 2;
const LEADS_WITH_MARK = 4;
const LEADING_MARK = /^\p{M}/u;
// Flags per BMP code point, computed on first sight (normalizing one character costs a string).
const bmpFlags = new Uint8Array(0x10000);

function flagsOf(cp: number): number {
  if (cp > 0xffff) return computeFlags(cp);
  const known = bmpFlags[cp]!;
  return known !== 0 ? known : (bmpFlags[cp] = computeFlags(cp));
}

function computeFlags(cp: number): number {
  const ch = String.fromCodePoint(cp);
  let flags = COMPUTED;
  if (LEADING_MARK.test(ch.normalize('NFKC'))) flags |= LEADS_WITH_MARK;
  if (codePointClass(cp) === BREAK && [...normalizeText(ch)].every((c) => codePointClass(c.codePointAt(0)!) === BREAK)) flags |= SEPARATOR;
  return flags;
}

/**
 * Splits text into the same tokens as {@link tokenize}, each with the range of the original text
 * it was read from: `text.slice(start, end)` is the word as written (full-width letters, ligatures,
 * decomposed accents and capitals included). Tokens that come from one character or one run of
 * characters without a separator ('½' gives '1' and '2') share that run's range.
 *
 * @throws {InvalidOptionError} when `text` is not a string.
 * @example
 * ```ts
 * tokenizeWithOffsets('Ｔｈｅ  ﬁnal, Café');
 * // [{ token: 'the', start: 0, end: 3 }, { token: 'final', start: 5, end: 9 }, { token: 'café', start: 11, end: 15 }]
 * ```
 */
export function tokenizeWithOffsets(text: string): TokenSpan[] {
  if (typeof text !== 'string') throw new InvalidOptionError('text', 'a string', text);
  const spans: TokenSpan[] = [];
  if (isAscii(text)) {
    // NFKC is the identity on ASCII and every ASCII word character is a letter or digit: a word is
    // exactly its run of characters.
    let start = -1;
    for (let i = 0; i <= text.length; i++) {
      const word = i < text.length && codePointClass(text.charCodeAt(i)) === WORD;
      if (word && start < 0) start = i;
      else if (!word && start >= 0) {
        spans.push({ token: text.slice(start, i).toLowerCase(), start, end: i });
        start = -1;
      }
    }
    return spans;
  }
  let chunkStart = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if ((flagsOf(cp) & SEPARATOR) !== 0) {
      pushChunk(text, chunkStart, i, spans);
      const next = i + width < text.length ? text.codePointAt(i + width)! : -1;
      // A separator followed by a combining mark may compose with it, so it opens the next chunk.
      chunkStart = next >= 0 && (flagsOf(next) & LEADS_WITH_MARK) !== 0 ? i : i + width;
    }
    i += width;
  }
  pushChunk(text, chunkStart, text.length, spans);
  return spans;
}

function pushChunk(text: string, start: number, end: number, spans: TokenSpan[]): void {
  if (start >= end) return;
  let token = '';
  for (const ch of normalizeText(text.slice(start, end))) {
    const c = codePointClass(ch.codePointAt(0)!);
    if (c === WORD) token += ch;
    else if (c === BREAK && token !== '') {
      spans.push({ token, start, end });
      token = '';
    }
  }
  if (token !== '') spans.push({ token, start, end });
}

/**
 * The range of the original text behind each code point of a token from
 * {@link tokenizeWithOffsets}, for character n-grams: each character of 'Ｔｅｓｔ' maps to its own
 * full-width letter, both 'f' and 'i' of 'ﬁ' map to the ligature. When the token's characters
 * cannot be traced one by one (a composed accent, '½'), every code point maps to the whole span.
 *
 * @example
 * ```ts
 * const text = 'ﬁne';
 * tokenCodePointSpans(text, tokenizeWithOffsets(text)[0]!);
 * // [{ start: 0, end: 1 }, { start: 0, end: 1 }, { start: 1, end: 2 }, { start: 2, end: 3 }]
 * ```
 */
export function tokenCodePointSpans(text: string, span: TokenSpan): Span[] {
  const traced: Span[] = [];
  let read = '';
  for (let i = span.start; i < span.end; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    for (const ch of normalizeText(String.fromCodePoint(cp))) {
      if (codePointClass(ch.codePointAt(0)!) !== WORD) continue;
      read += ch;
      traced.push({ start: i, end: i + width });
    }
    i += width;
  }
  if (read === span.token) return traced;
  const whole = { start: span.start, end: span.end };
  return Array.from(span.token, () => whole);
}
