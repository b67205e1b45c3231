import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors/InvalidOptionError.js';
import { explain, type Explanation } from '../../src/explain/explain.js';
import { exactJaccard, hashShingles } from '../../src/shingle/hashShingles.js';
import type { ShingleOptions } from '../../src/shingle/ShingleOptions.js';
import { normalizeText } from '../../src/text/normalizeText.js';
import { tokenize } from '../../src/text/tokenize.js';
import { ARTICLE_000, ARTICLE_001, article } from '../__helpers__/articles.js';
import { fcParams } from '../__helpers__/seed.js';
import { thrown } from '../__helpers__/thrown.js';
import { editedPair, WORDS } from './realisticText.js';

/** The passages as the two texts print them. */
function printed(a: string, b: string, { passages }: Explanation): Array<[string, string]> {
  return passages.map((p) => [a.slice(p.a.start, p.a.end), b.slice(p.b.start, p.b.end)]);
}

const SHARED = 'the home secretary will raise the issue of encryption at a summit';

describe('explain', () => {
  it('explains the doc comment’s example as documented', () => {
    const a = 'Breaking: The Home Secretary will meet tech firms on Thursday, officials said.';
    const b = 'the home secretary will meet tech firms on Thursday to discuss encryption';
    const explanation = explain(a, b, { shingleSize: 3 });
    expect(explanation.similarity).toBeCloseTo(7 / 13, 12);
    expect(explanation.passages.map((p) => p.shingles)).toEqual([7]);
    expect(printed(a, b, explanation)).toEqual([['The Home Secretary will meet tech firms on Thursday', 'the home secretary will meet tech firms on Thursday']]);
  });

  it('finds a passage shared in the middle of two otherwise different texts, at its offsets in each', () => {
    const a = `Police named the attacker on Thursday. Meanwhile ${SHARED}, sources said.`;
    const b = `Tech bosses were summoned: ${SHARED} with Google and Microsoft.`;
    const explanation = explain(a, b);
    expect(explanation.passages).toEqual([
      {
        a: { start: a.indexOf(SHARED), end: a.indexOf(SHARED) + SHARED.length },
        b: { start: b.indexOf(SHARED), end: b.indexOf(SHARED) + SHARED.length },
        shingles: 12 - 5 + 1,
      },
    ]);
    expect(explanation.similarity).toBe(exactJaccard(hashShingles(a), hashShingles(b)));
  });

  it('finds passages at both ends, in the order of the first text, wherever they stand in the second', () => {
    const opening = 'amber rudd will throw down the gauntlet to technology bosses';
    const closing = 'there should be no place for terrorists to hide online';
    const a = `${opening}. An entirely new middle paragraph was written here by the outlet. ${closing}`;
    const b = `${closing}! And ${opening}`;
    expect(printed(a, b, explain(a, b))).toEqual([
      [opening, opening],
      [closing, closing],
    ]);
  });

  it('returns no passages (and similarity 0) for texts without a shared shingle', () => {
    expect(explain('one two three four five six', 'seven eight nine ten eleven twelve')).toEqual({ similarity: 0, passages: [] });
    expect(explain('', 'anything at all here today')).toEqual({ similarity: 0, passages: [] });
    expect(explain('', '')).toEqual({ similarity: 0, passages: [] });
  });

  it('gives identical texts one passage from their first word to their last', () => {
    const text = '  “Hello,” she said — in Zürich, on 3 March...\n';
    const start = text.indexOf('Hello');
    const end = text.indexOf('March') + 'March'.length;
    expect(explain(text, text)).toEqual({ similarity: 1, passages: [{ a: { start, end }, b: { start, end }, shingles: 8 - 5 + 1 }] });
    const article000 = article(ARTICLE_000);
    const whole = explain(article000, article000);
    expect(whole.passages).toHaveLength(1);
    expect(tokenize(article000.slice(whole.passages[0]!.a.start, whole.passages[0]!.a.end))).toEqual(tokenize(article000));
  });

  it('maps back through punctuation, extra spaces, capitals, accents, full-width letters and ligatures', () => {
    const a = 'Intro.  The   CAFÉ’s  “naïve”\tmenu—by Zoë , ﬁnally Ｏｐｅｎ!!';
    const same = 'the cafe\u0301 s naïve menu by zoë finally open';
    expect(printed(a, same, explain(a, same, { shingleSize: 3 }))).toEqual([['The   CAFÉ’s  “naïve”\tmenu—by Zoë , ﬁnally Ｏｐｅｎ', same]]);
    const split = 'THE CAFÉ S — ZZZ — NAÏVE MENU BY ZOË FINALLY OPEN';
    expect(printed(a, split, explain(a, split, { shingleSize: 3 }))).toEqual([
      ['The   CAFÉ’s', 'THE CAFÉ S'],
      ['naïve”\tmenu—by Zoë , ﬁnally Ｏｐｅｎ', 'NAÏVE MENU BY ZOË FINALLY OPEN'],
    ]);
    // Accents count: 'naive' is not 'naïve'.
    const unaccented = 'the cafe\u0301 s naive menu by zoe finally open';
    expect(printed(a, unaccented, explain(a, unaccented, { shingleSize: 3 }))).toEqual([['The   CAFÉ’s', 'the cafe\u0301 s']]);
  });

  it('explains a text shorter than one shingle by its single shingle of all its words', () => {
    expect(printed('hello world', '...Hello, World!', explain('hello world', '...Hello, World!'))).toEqual([['hello world', 'Hello, World']]);
  });

  it('pairs a shingle that occurs several times in the second text with the occurrence that continues longest', () => {
    const a = 'red green blue cyan magenta yellow black white';
    const b = 'red green blue cyan stop. red green blue cyan magenta yellow black stop. red green blue cyan';
    const explanation = explain(a, b, { shingleSize: 2 });
    expect(explanation.passages).toHaveLength(1);
    const [passage] = explanation.passages;
    expect(b.slice(passage!.b.start, passage!.b.end)).toBe('red green blue cyan magenta yellow black');
    expect(passage!.b.start).toBe(b.indexOf('red', 5));
  });

  it('explains a text that repeats one phrase thousands of times as one passage', () => {
    const chant = 'we will not give up. '.repeat(3000);
    const { passages } = explain(chant, `Crowd: ${chant}`);
    expect(passages).toHaveLength(1);
    expect(passages[0]!.a).toEqual({ start: 0, end: chant.length - 2 });
    expect(passages[0]!.shingles).toBe(5 * 3000 - 5 + 1);
  });

  it('never lets passages overlap in the first text: a run that starts inside the previous one starts after it', () => {
    // The run 'd e', 'e f' starts on 'd', the last word of the run before it, and continues
    // elsewhere in b; 'd' is left to the first passage, in both texts.
    const a = 'a b c d e f';
    const b = 'a b c d x. c d e f';
    const explanation = explain(a, b, { shingleSize: 2 });
    expect(printed(a, b, explanation)).toEqual([
      ['a b c d', 'a b c d'],
      ['e f', 'e f'],
    ]);
    expect(explanation.passages.map((p) => p.shingles)).toEqual([3, 2]);
  });

  it('explains character n-grams, with offsets of single characters', () => {
    const a = 'The cat sat.';
    const b = 'Concatenate!';
    expect(printed(a, b, explain(a, b, { charNgrams: 3 }))).toEqual([['cat', 'cat']]);
    const chinese = '新闻报道说，中文新闻很多。';
    const other = '他说中文新闻很多吗';
    expect(printed(chinese, other, explain(chinese, other, { charNgrams: 2 }))).toEqual([
      ['新闻', '新闻'],
      ['中文新闻很多', '中文新闻很多'],
    ]);
    // A character that normalizes to several ('ﬁ' is 'fi') is taken whole.
    expect(printed('ﬁsh tank', 'fish', explain('ﬁsh tank', 'fish', { charNgrams: 3 }))).toEqual([['ﬁsh', 'fish']]);
    // A passage across words starts and ends at word characters, not at the spaces between them.
    expect(printed('xx the big dog', 'he big do', explain('xx the big dog', 'he big do', { charNgrams: 4 }))).toEqual([['he big do', 'he big do']]);
  });

  it('finds the wire story the two seed articles share, passage by passage', () => {
    const a = article(ARTICLE_000);
    const b = article(ARTICLE_001);
    const explanation = explain(a, b);
    expect(explanation.similarity).toBeCloseTo(0.668, 3);
    expect(explanation.passages.length).toBeGreaterThan(1);
    const first = explanation.passages[0]!;
    expect(a.slice(first.a.start, first.a.end)).toBe('encryption and security services’ access to terrorists’ communications');
    for (const [x, y] of printed(a, b, explanation)) expect(tokenize(x)).toEqual(tokenize(y));
  });

  it('refuses texts that are not strings and bad shingle options, naming them', () => {
    const e = thrown(() => explain(1 as unknown as string, 'x'));
    expect(e).toBeInstanceOf(InvalidOptionError);
    expect((e as InvalidOptionError).message).toBe('a must be a string, got 1');
    expect(() => explain('x', null as unknown as string)).toThrow('b must be a string, got null');
    expect(() => explain('x', 'y', { shingleSize: 0 })).toThrow('shingleSize must be an integer from 1 to 64, got 0');
    expect(() => explain('x', 'y', { shingleSize: 2, charNgrams: 3 })).toThrow(InvalidOptionError);
  });

  describe.each<[string, ShingleOptions]>([
    ['word 5-shingles', {}],
    ['word 2-shingles', { shingleSize: 2 }],
    ['character 4-grams', { charNgrams: 4 }],
  ])('properties, %s', (_name, options) => {
    // A character n-gram passage is widened to whole original characters: one that ends inside the
    // 'fi' of 'ﬁ' or the 'i̇' of 'İ' takes the whole character, and one inside a decomposed accent
    // the whole word. The equal-words property holds where every character is one normalized
    // character, so the character n-gram texts keep to such words.
    const oneToOne = (w: string) => [...w].every((ch) => [...normalizeText(ch)].length === 1) && normalizeText(w) === [...w].map(normalizeText).join('');
    const words = options.charNgrams === undefined ? WORDS : WORDS.filter(oneToOne);
    const pairs = editedPair(words);

    it('reports the exact Jaccard similarity of the shingle sets', () => {
      fc.assert(
        fc.property(pairs, ({ a, b }) => {
          expect(explain(a, b, options).similarity).toBe(exactJaccard(hashShingles(a, options), hashShingles(b, options)));
        }),
        fcParams(100),
      );
    });

    it('gives passages within the texts, in order and not overlapping in the first text', () => {
      fc.assert(
        fc.property(pairs, ({ a, b }) => {
          let previousEnd = 0;
          for (const p of explain(a, b, options).passages) {
            expect(previousEnd <= p.a.start && p.a.start < p.a.end && p.a.end <= a.length).toBe(true);
            expect(0 <= p.b.start && p.b.start < p.b.end && p.b.end <= b.length).toBe(true);
            expect(p.shingles).toBeGreaterThanOrEqual(1);
            previousEnd = p.a.end;
          }
        }),
        fcParams(150),
      );
    });

    it('gives passages whose normalized words are the same in both texts', () => {
      fc.assert(
        fc.property(pairs, ({ a, b }) => {
          for (const [x, y] of printed(a, b, explain(a, b, options))) expect(tokenize(x).join(' ')).toBe(tokenize(y).join(' '));
        }),
        fcParams(150),
      );
    });

    it('covers every shared shingle: the runs hold at least as many shingles as the two sets share', () => {
      fc.assert(
        fc.property(pairs, ({ a, b }) => {
          const inB = new Set(hashShingles(b, options));
          const shared = hashShingles(a, options).filter((h) => inB.has(h)).length;
          const inRuns = explain(a, b, options).passages.reduce((sum, p) => sum + p.shingles, 0);
          expect(inRuns).toBeGreaterThanOrEqual(shared);
        }),
        fcParams(150),
      );
    });

    it('gives two copies of one text a single passage from its first word to its last', () => {
      fc.assert(
        fc.property(pairs, ({ a }) => {
          const { passages } = explain(a, a, options);
          if (tokenize(a).length === 0) expect(passages).toEqual([]);
          else {
            expect(passages).toHaveLength(1);
            expect(passages[0]!.a).toEqual(passages[0]!.b);
            expect(tokenize(a.slice(passages[0]!.a.start, passages[0]!.a.end))).toEqual(tokenize(a));
          }
        }),
        fcParams(100),
      );
    });
  });
});
