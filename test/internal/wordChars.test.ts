import { describe, expect, it } from 'vitest';
import { isWordCodePoint, isWordUnit } from '../../src/internal/wordChars.js';
import { WORD_CHAR_RANGES, WORD_CHAR_UNICODE_VERSION } from '../../src/internal/wordCharRanges.js';

const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;

describe('WORD_CHAR_RANGES', () => {
  it('is a list of inclusive [first, last] pairs inside the code space, skipping surrogates', () => {
    expect(WORD_CHAR_RANGES.length % 2).toBe(0);
    expect(WORD_CHAR_RANGES.length).toBeGreaterThan(1000);
    for (let i = 0; i < WORD_CHAR_RANGES.length; i += 2) {
      const first = WORD_CHAR_RANGES[i]!;
      const last = WORD_CHAR_RANGES[i + 1]!;
      expect(Number.isInteger(first) && first >= 0 && first <= last && last <= 0x10ffff).toBe(true);
      expect(first > 0xdfff || last < 0xd800).toBe(true);
    }
  });

  it('is sorted and disjoint, with a gap between neighbours (each range is maximal)', () => {
    const overlapsOrTouches: number[] = [];
    for (let i = 2; i < WORD_CHAR_RANGES.length; i += 2) {
      if (WORD_CHAR_RANGES[i]! <= WORD_CHAR_RANGES[i - 1]! + 1) overlapsOrTouches.push(WORD_CHAR_RANGES[i]!);
    }
    expect(overlapsOrTouches).toEqual([]);
  });
});

describe('isWordCodePoint', () => {
  // The table is committed so that tokenization does not drift with Node's Unicode version, but
  // tokenize() (the readable path) asks the runtime's regex. On the Unicode version the table was
  // generated from, both must agree on every code point; a failure here on a newer Node means the
  // readable and hashed shingles disagree, and the table needs regenerating with a format bump.
  it(`matches /[\\p{L}\\p{M}\\p{N}]/u on every code point (table: Unicode ${WORD_CHAR_UNICODE_VERSION}, runtime: Unicode ${process.versions['unicode']})`, () => {
    const word = /^[\p{L}\p{M}\p{N}]$/u;
    const disagreements: string[] = [];
    let words = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (isSurrogate(cp)) continue;
      const expected = word.test(String.fromCodePoint(cp));
      if (expected) words++;
      if (isWordCodePoint(cp) !== expected && disagreements.length < 20) disagreements.push(cp.toString(16));
      if (cp <= 0xffff && isWordUnit(cp) !== expected && disagreements.length < 20) disagreements.push(`unit ${cp.toString(16)}`);
    }
    expect(disagreements).toEqual([]);
    // Guards against a vacuous pass (a regex that matches nothing would "agree" with an empty table).
    expect(words).toBeGreaterThan(140_000);
  });

  it('says no to every surrogate code unit, so a lone surrogate never joins a word', () => {
    const accepted: number[] = [];
    for (let u = 0xd800; u <= 0xdfff; u++) if (isWordUnit(u) || isWordCodePoint(u)) accepted.push(u);
    expect(accepted).toEqual([]);
  });

  it('says no past the last code point', () => {
    expect(isWordCodePoint(0x110000)).toBe(false);
    expect(isWordCodePoint(0x7fffffff)).toBe(false);
  });

  it.each([
    ['A (U+0041)', true, 0x41],
    ['7 (U+0037)', true, 0x37],
    ['combining acute accent (U+0301)', true, 0x301],
    ['Devanagari virama (U+094D)', true, 0x94d],
    ['Hebrew point qamats (U+05B8)', true, 0x5b8],
    ['CJK Extension B ideograph (U+20000)', true, 0x20000],
    ['mathematical script A (U+1D49C)', true, 0x1d49c],
    ['Deseret capital long I (U+10400)', true, 0x10400],
    ['Adlam capital alif (U+1E900)', true, 0x1e900],
    ['mathematical double-struck zero (U+1D7D8)', true, 0x1d7d8],
    ['space (U+0020)', false, 0x20],
    ['apostrophe (U+0027)', false, 0x27],
    ['hyphen-minus (U+002D)', false, 0x2d],
    ['right single quotation mark (U+2019)', false, 0x2019],
    ['no-break space (U+00A0)', false, 0xa0],
    ['soft hyphen (U+00AD)', false, 0xad],
    ['zero width joiner (U+200D)', false, 0x200d],
    ['grinning face emoji (U+1F600)', false, 0x1f600],
    ['skin tone modifier (U+1F3FD)', false, 0x1f3fd],
  ])('treats %s as a word character: %s', (_name, expected, cp) => {
    expect(isWordCodePoint(cp)).toBe(expected);
  });
});
