import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAscii, normalizeText } from '../../src/text/normalizeText.js';
import { seed, text } from '../internal/shingleReference.js';

const numRuns = 300;

describe('normalizeText', () => {
  it('normalizes the doc comment’s example', () => {
    expect(normalizeText('Ｔｈｅ ﬁnal ΣΟΦΟΣ')).toBe('the final σοφοσ');
  });

  it('only lower-cases pure ASCII text, keeping punctuation and spacing', () => {
    expect(normalizeText('Hello, World!\n\tA-B 123')).toBe('hello, world!\n\ta-b 123');
  });

  it('takes the ASCII shortcut only where NFKC would change nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 60 }), (ascii) => {
        expect(normalizeText(ascii)).toBe(ascii.normalize('NFKC').toLowerCase());
      }),
      { seed, numRuns },
    );
  });

  it.each([
    ['full-width letters', 'Ｔｅｓｔ', 'test'],
    ['the fi ligature', 'ﬁle', 'file'],
    ['a decomposed accent (composed by NFKC)', 'Cafe\u0301', 'caf\u00e9'],
    ['a circled digit', '①', '1'],
    ['a Roman numeral', 'Ⅻ', 'xii'],
    ['a superscript', 'x²', 'x2'],
    ['a no-break space', 'a\u00a0b', 'a b'],
    ['mathematical script capital A', '𝒜', 'a'],
    ['half-width katakana with a voiced mark', 'ｶﾞ', 'ガ'],
    ['the Kelvin sign', '\u212a', 'k'],
    ['a Deseret capital (astral case pair)', '\u{10400}', '\u{10428}'],
  ])('applies NFKC and lower case to %s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('folds Greek final sigma to σ, so a word compares equal wherever it stands', () => {
    expect(normalizeText('ΣΟΦΟΣ')).toBe('σοφοσ');
    expect(normalizeText('σοφός')).toBe('σοφόσ');
    expect(normalizeText('ς')).toBe('σ');
    expect(normalizeText('ΣΟΦΟΣ ΚΑΙ')).toBe(normalizeText('σοφοσ και'));
  });

  it('lower-cases without a locale: I becomes i, İ becomes i with a combining dot', () => {
    expect(normalizeText('I é')).toBe('i é');
    expect(normalizeText('İ')).toBe('i\u0307');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(text, (input) => {
        const once = normalizeText(input);
        expect(normalizeText(once)).toBe(once);
      }),
      { seed, numRuns },
    );
  });
});

describe('isAscii', () => {
  it.each([
    ['', true],
    ['plain text 123', true],
    ['\x00 and \x7f', true],
    ['\u0080', false],
    ['café', false],
    ['emoji 😀', false],
    ['\ud800', false],
  ])('says %j is ASCII: %s', (input, expected) => {
    expect(isAscii(input)).toBe(expected);
  });
});
