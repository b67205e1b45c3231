import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenCodePointSpans, tokenizeWithOffsets } from '../../src/explain/tokenizeWithOffsets.js';
import { BREAK, codePointClass } from '../../src/internal/wordChars.js';
import { normalizeText } from '../../src/text/normalizeText.js';
import { tokenize } from '../../src/text/tokenize.js';
import { fcParams } from '../__helpers__/seed.js';
import { text } from '../internal/shingleReference.js';
import { realisticText } from './realisticText.js';

const tokensOf = (input: string) => tokenizeWithOffsets(input).map((s) => s.token);

describe('tokenizeWithOffsets', () => {
  it('finds the words of the doc comment’s example where they are written', () => {
    expect(tokenizeWithOffsets('Ｔｈｅ  ﬁnal, Café')).toEqual([
      { token: 'the', start: 0, end: 3 },
      { token: 'final', start: 5, end: 9 },
      { token: 'café', start: 11, end: 15 },
    ]);
  });

  it('yields exactly the tokens of tokenize on realistic text: accents, Hindi, Hebrew, full-width, ligatures', () => {
    fc.assert(
      fc.property(realisticText, (input) => {
        expect(tokensOf(input)).toEqual(tokenize(input));
      }),
      fcParams(500),
    );
  });

  it('yields exactly the tokens of tokenize on any string, lone surrogates and stray marks included', () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(tokensOf(input)).toEqual(tokenize(input));
      }),
      fcParams(500),
    );
  });

  it('agrees with tokenize around every canonical composition that starts with a separator (`<` + U+0338 is `≮`)', () => {
    // The one way per-chunk normalization could differ from whole-text normalization is a character
    // that composes with a separator before it. In this runtime's Unicode data, every such
    // composition is tried in three contexts.
    let compositions = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const composed = String.fromCodePoint(cp);
      const decomposed = composed.normalize('NFD');
      if (decomposed === composed || codePointClass(decomposed.codePointAt(0)!) !== BREAK) continue;
      compositions++;
      for (const input of [decomposed, `a${decomposed}b`, `a ${decomposed} b`, `${decomposed}\u0301x`]) {
        expect(tokensOf(input), `U+${cp.toString(16)} in ${JSON.stringify(input)}`).toEqual(tokenize(input));
      }
    }
    expect(compositions).toBeGreaterThan(50); // ≠, ≮, ≯, ∉, ⊄, ... (76 in Unicode 17.0)
    expect(tokensOf('x <\u0338 y')).toEqual(['x', 'y']);
  });

  it('gives each token a range of the original text whose normalization holds that token', () => {
    fc.assert(
      fc.property(realisticText, (input) => {
        let previous = { start: 0, end: 0 };
        for (const { token, start, end } of tokenizeWithOffsets(input)) {
          expect(0 <= start && start < end && end <= input.length).toBe(true);
          // In order: after the previous token's range, or the same range (tokens of one character).
          expect(start >= previous.end || (start === previous.start && end === previous.end)).toBe(true);
          expect(tokenize(input.slice(start, end))).toContain(token);
          previous = { start, end };
        }
      }),
      fcParams(300),
    );
  });

  it('points at the word as written: capitals, full-width letters, ligatures, decomposed accents, Hindi, Hebrew', () => {
    const input = '“SHE’S”  Ｔｅｓｔ—ﬁnal; Cafe\u0301 हिन्दी, שָׁלוֹם!';
    expect(tokenizeWithOffsets(input).map(({ token, start, end }) => [token, input.slice(start, end)])).toEqual([
      ['she', 'SHE'],
      ['s', 'S'],
      ['test', 'Ｔｅｓｔ'],
      ['final', 'ﬁnal'],
      ['caf\u00e9', 'Cafe\u0301'],
      ['हिन्दी', 'हिन्दी'],
      [normalizeText('שָׁלוֹם'), 'שָׁלוֹם'],
    ]);
  });

  it('keeps in-word format characters inside the word they belong to', () => {
    const input = 'co\u00adoperate now';
    expect(tokenizeWithOffsets(input)).toEqual([
      { token: 'cooperate', start: 0, end: 10 },
      { token: 'now', start: 11, end: 14 },
    ]);
  });

  it('gives the tokens of one character the range of that character (½ is 1⁄2)', () => {
    expect(tokenizeWithOffsets('a ½ b')).toEqual([
      { token: 'a', start: 0, end: 1 },
      { token: '1', start: 2, end: 3 },
      { token: '2', start: 2, end: 3 },
      { token: 'b', start: 4, end: 5 },
    ]);
  });

  it('returns no tokens for a text without words, and refuses a non-string', () => {
    expect(tokenizeWithOffsets('')).toEqual([]);
    expect(tokenizeWithOffsets(' …, — “” 😀 ')).toEqual([]);
    expect(() => tokenizeWithOffsets(7 as unknown as string)).toThrow('text must be a string, got 7');
  });
});

describe('tokenCodePointSpans', () => {
  it('traces each character of the token to the character it was read from', () => {
    const input = 'ﬁne';
    expect(tokenCodePointSpans(input, tokenizeWithOffsets(input)[0]!)).toEqual([
      { start: 0, end: 1 },
      { start: 0, end: 1 },
      { start: 1, end: 2 },
      { start: 2, end: 3 },
    ]);
    const wide = 'x Ｔｅｓｔ';
    expect(tokenCodePointSpans(wide, tokenizeWithOffsets(wide)[1]!).map(({ start, end }) => wide.slice(start, end))).toEqual(['Ｔ', 'ｅ', 'ｓ', 'ｔ']);
    const astral = '𝒜𝒷';
    expect(tokenCodePointSpans(astral, tokenizeWithOffsets(astral)[0]!)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
  });

  it('maps every character to the whole word when they cannot be traced one by one (a composed accent)', () => {
    const input = 'Cafe\u0301';
    const span = tokenizeWithOffsets(input)[0]!;
    expect(span.token).toBe('caf\u00e9');
    expect(tokenCodePointSpans(input, span)).toEqual([...'café'].map(() => ({ start: 0, end: 5 })));
  });

  it('returns one range per code point of the token, inside the token’s range', () => {
    fc.assert(
      fc.property(realisticText, (input) => {
        for (const span of tokenizeWithOffsets(input)) {
          const spans = tokenCodePointSpans(input, span);
          expect(spans).toHaveLength([...span.token].length);
          for (const s of spans) expect(span.start <= s.start && s.start < s.end && s.end <= span.end).toBe(true);
        }
      }),
      fcParams(200),
    );
  });
});
