import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/text/normalizeText.js';
import { tokenize } from '../../src/text/tokenize.js';
import { seed, text } from '../internal/shingleReference.js';

const numRuns = 300;

describe('tokenize', () => {
  it('splits the doc comment’s examples as documented', () => {
    expect(tokenize("Ms Rudd's “wake-up call”, 2017")).toEqual(['ms', 'rudd', 's', 'wake', 'up', 'call', '2017']);
    expect(tokenize('हिन्दी भाषा')).toEqual(['हिन्दी', 'भाषा']);
  });

  it('returns the maximal runs of letters, marks and digits of the normalized text, in-word format characters dropped', () => {
    fc.assert(
      fc.property(text, (input) => {
        const withoutJoiners = normalizeText(input).replace(/[\u00ad\u200c\u200d\u2060\ufeff]/g, '');
        expect(tokenize(input)).toEqual(withoutJoiners.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []);
      }),
      { seed, numRuns },
    );
  });

  it('does not split a word at a soft hyphen, zero-width (non-)joiner, word joiner or BOM', () => {
    expect(tokenize('co\u00adoperate')).toEqual(['cooperate']);
    expect(tokenize('می\u200cخواهم')).toEqual(['میخواهم']);
    expect(tokenize('a\u200db\u2060c\ufeffd')).toEqual(['abcd']);
    expect(tokenize('\u00ad word \u200c')).toEqual(['word']);
  });

  it('splits at a zero-width space, which Thai and Khmer text uses between words', () => {
    expect(tokenize('ภาษา\u200bไทย')).toEqual(['ภาษา', 'ไทย']);
  });

  it('refuses a text that is not a string, naming the rule and the value', () => {
    expect(() => tokenize(42 as unknown as string)).toThrow('text must be a string, got 42');
  });

  it('returns no tokens for a text without words', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \n\t… — !? “” 😀 ')).toEqual([]);
  });

  it('keeps a Hindi word whole: the virama and vowel signs are marks', () => {
    const hindi = 'हिन्दी'; // ह ि न ् द ी: vowel sign I, virama, vowel sign II
    expect([...hindi].filter((ch) => /\p{M}/u.test(ch))).toEqual(['\u093f', '\u094d', '\u0940']);
    expect(tokenize(hindi)).toEqual([hindi]);
    expect(tokenize('क्षत्रिय राजा')).toEqual(['क्षत्रिय', 'राजा']);
  });

  it('keeps a Hebrew word with niqqud whole, points included', () => {
    const shalom = 'שָׁלוֹם';
    expect(tokenize(`${shalom} עֲלֵיכֶם`)).toEqual([shalom.normalize('NFKC'), 'עֲלֵיכֶם'.normalize('NFKC')]);
    expect(tokenize(shalom)[0]).toContain('\u05b8'); // qamats
    expect(tokenize(shalom)[0]).toContain('\u05c1'); // shin dot
  });

  it.each([
    ['an apostrophe', "don't", ['don', 't']],
    ['a typographic apostrophe', 'it’s', ['it', 's']],
    ['hyphens', 'rock-and-roll', ['rock', 'and', 'roll']],
    ['a slash', 'and/or', ['and', 'or']],
    ['a period inside a number', '3.14', ['3', '14']],
    ['an emoji between letters', 'a😀b', ['a', 'b']],
  ])('splits words at %s', (_name, input, expected) => {
    expect(tokenize(input)).toEqual(expected);
  });

  it('applies NFKC: full-width Ｔｅｓｔ is test and the ligature ﬁ is fi', () => {
    expect(tokenize('Ｔｅｓｔ')).toEqual(['test']);
    expect(tokenize('ﬁne ﬁsh')).toEqual(['fine', 'fish']);
  });

  it('composes accents, so composed and decomposed spellings give the same token', () => {
    expect(tokenize('Cafe\u0301')).toEqual(['caf\u00e9']);
    expect(tokenize('Café')).toEqual(tokenize('Cafe\u0301'));
  });

  it('folds case, including Greek final sigma', () => {
    expect(tokenize('ΣΟΦΟΣ σοφος Σοφός')).toEqual(['σοφοσ', 'σοφοσ', 'σοφόσ']);
  });

  it('reads astral letters: 𝒜 normalizes to a, and U+20000 (CJK Extension B) stays a letter', () => {
    expect(tokenize('𝒜')).toEqual(['a']);
    expect(tokenize('\u{20000}\u{20001} x')).toEqual(['\u{20000}\u{20001}', 'x']);
    expect(tokenize('\u{10400}\u{10401}')).toEqual(['\u{10428}\u{10429}']);
  });

  it('keeps digits of every script, and NFKC turns compatibility digits into plain ones', () => {
    expect(tokenize('2017 ٢٠١٧ x1')).toEqual(['2017', '٢٠١٧', 'x1']);
    expect(tokenize('① 𝟙𝟚 x²')).toEqual(['1', '12', 'x2']);
    expect(tokenize('½')).toEqual(['1', '2']); // NFKC gives 1⁄2, and the fraction slash is not a word character
  });

  it('treats a lone surrogate as a separator, not a word character', () => {
    expect(tokenize('ab\ud800cd')).toEqual(['ab', 'cd']);
    expect(tokenize('ab\udc00')).toEqual(['ab']);
    expect(tokenize('\ud800')).toEqual([]);
  });

  it('gives an ASCII text the same tokens as the same words in a non-ASCII text', () => {
    expect(tokenize('ABC def')).toEqual(['abc', 'def']);
    expect(tokenize('ABC def é')).toEqual(['abc', 'def', 'é']);
    expect(tokenize('ABC def\u00e9')).toEqual(['abc', 'def\u00e9']);
  });
});
