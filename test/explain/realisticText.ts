// Text generators for the explain tests: words as people write them in several scripts, joined by
// the spaces and punctuation found in articles.
import fc from 'fast-check';

/** Words that are each exactly one token, read from one run of characters. */
export const WORDS = [
  'the', 'The', 'HOME', 'secretary', 'said', 'on', 'Thursday', 'a', 'I', '2017', 'x1', 'Rudd', 'encryption',
  'café', 'Cafe\u0301', 'naïve', 'Zoë', 'Straße', 'İstanbul', 'œuvre', 'Ångström',
  'ΣΟΦΟΣ', 'λόγος', 'σοφός',
  'हिन्दी', 'भाषा', 'क्षत्रिय', 'राजा',
  'שָׁלוֹם', 'עִבְרִית', 'ירושלים',
  'العَرَبِيَّة', 'مرحبا',
  'Ｔｅｓｔ', 'ＮＥＷＳ', 'ﬁnal', 'ﬂow', 'ｶﾞｷ', '①',
  '中文', '新闻', '한국어', '\u1112\u1161\u11ab', 'ภาษาไทย', '𝒜𝒷𝒸',
  'co\u00adoperate', 'می\u200cخواهم',
];

/** Characters whose normalization holds several tokens or a separator: tokens share their range. */
export const ODDITIES = ['½', '¼x', 'a¨b', '㈱', '⑴', '<\u0338', '=\u0338x', '\u0301', 'ﬀ', '㍱', 'Ǆ', '…x'];

/** Whatever stands between words in articles. */
export const SEPARATORS = [
  ' ', ' ', ' ', '  ', '\n', '\n\n', '\r\n', ', ', '. ', ' — ', '-', "'", '’', ' “', '” ', '\u00a0', '\u3000', '\u200b', ' (', ') ', ': ', '…', '！', '，', '、', '\t',
];

/** Joins words with the separators, cycling through them. */
export function joinWords(words: readonly string[], separators: readonly string[]): string {
  return words.map((w, i) => w + (separators.length === 0 ? ' ' : separators[i % separators.length]!)).join('');
}

const separators = fc.array(fc.constantFrom(...SEPARATORS), { minLength: 1, maxLength: 8 });

/** Texts of {@link WORDS} and {@link SEPARATORS}. */
export const wordsText = fc.tuple(fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }), separators).map(([w, s]) => joinWords(w, s));

/** Texts of words, the odd characters of {@link ODDITIES} and separators. */
export const realisticText = fc
  .tuple(fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.constantFrom(...ODDITIES) }), { maxLength: 30 }), separators)
  .map(([w, s]) => joinWords(w, s));

/** Two texts that share passages: `b` is cut and pasted from `a`'s words, with new words in between. */
export function editedPair(words: readonly string[]): fc.Arbitrary<{ a: string; b: string }> {
  const word = fc.constantFrom(...words);
  return fc
    .tuple(
      fc.array(word, { maxLength: 40 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 15 }), fc.array(word, { maxLength: 3 })), { maxLength: 6 }),
      separators,
      separators,
    )
    .map(([wordsA, edits, sepA, sepB]) => {
      const wordsB: string[] = [];
      for (const [from, length, inserted] of edits) {
        const start = wordsA.length === 0 ? 0 : from % wordsA.length;
        wordsB.push(...wordsA.slice(start, start + length), ...inserted);
      }
      return { a: joinWords(wordsA, sepA), b: joinWords(wordsB, sepB) };
    });
}
