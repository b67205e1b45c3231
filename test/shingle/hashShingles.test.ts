import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors/InvalidOptionError.js';
import { exactJaccard, hashShingles, uniqueSorted } from '../../src/shingle/hashShingles.js';
import type { ShingleOptions } from '../../src/shingle/ShingleOptions.js';
import { asciiWordishText, referenceHashSet, seed, text, wordishText } from '../internal/shingleReference.js';

const numRuns = 200;
const uint32 = fc.integer({ min: 0, max: 0xffffffff });
/** A sorted, distinct hash set, as hashShingles returns. */
const hashSet = fc.array(uint32, { maxLength: 30 }).map((xs) => Uint32Array.from([...new Set(xs)].sort((a, b) => a - b)));
const set = (...xs: number[]) => Uint32Array.from(xs);
const article = (name: string) => readFileSync(new URL(`../../examples/articles/${name}`, import.meta.url), 'utf8');

/** Jaccard similarity by its definition, over JavaScript sets. */
function referenceJaccard(a: Uint32Array, b: Uint32Array): number {
  const sa = new Set(a);
  const shared = [...new Set(b)].filter((x) => sa.has(x)).length;
  const union = sa.size + new Set(b).size - shared;
  return union === 0 ? 0 : shared / union;
}

describe('hashShingles', () => {
  it.each([
    ['word shingles of size k', (k: number): ShingleOptions => ({ shingleSize: k })],
    ['character n-grams of size n', (n: number): ShingleOptions => ({ charNgrams: n })],
  ])('is the sorted distinct set of the hashes of the readable %s', (_name, optionsOf) => {
    fc.assert(
      fc.property(fc.oneof(text, wordishText, asciiWordishText), fc.integer({ min: 1, max: 7 }), (input, size) => {
        const options = optionsOf(size);
        expect(Array.from(hashShingles(input, options))).toEqual(referenceHashSet(input, options));
      }),
      { seed, numRuns },
    );
  });

  it('returns distinct unsigned 32-bit hashes in ascending order', () => {
    fc.assert(
      fc.property(text, (input) => {
        const hashes = hashShingles(input, { shingleSize: 1 });
        expect(hashes).toBeInstanceOf(Uint32Array);
        for (let i = 1; i < hashes.length; i++) expect(hashes[i - 1]! < hashes[i]!).toBe(true);
      }),
      { seed, numRuns },
    );
  });

  it('finds the two shingles of the doc comment’s example', () => {
    expect(hashShingles('The quick brown fox jumps over')).toHaveLength(2);
  });

  it('returns an empty set for a text without words', () => {
    expect(hashShingles('')).toEqual(new Uint32Array(0));
    expect(hashShingles(' ... — ?! ', { charNgrams: 3 })).toEqual(new Uint32Array(0));
  });

  it('ignores case, compatibility forms and composition', () => {
    const plain = hashShingles('the final cafe menu of the year', { shingleSize: 3 });
    expect(hashShingles('THE ﬁnal ＣＡＦＥ menu of the year', { shingleSize: 3 })).toEqual(plain);
    expect(hashShingles('Café', { shingleSize: 1 })).toEqual(hashShingles('Cafe\u0301', { shingleSize: 1 }));
  });

  it('ignores spacing and punctuation between words', () => {
    expect(hashShingles('one, two —\n three... four', { shingleSize: 2 })).toEqual(hashShingles('one two three four', { shingleSize: 2 }));
  });

  it('hashes a word with a soft hyphen or zero-width joiner inside as the word without it', () => {
    const plain = hashShingles('they agreed to cooperate on the inquiry today');
    expect(hashShingles('they agreed to co\u00adoperate on the inquiry today')).toEqual(plain);
    expect(hashShingles('they agreed to co\u200doperate on the inquiry today', { charNgrams: 4 })).toEqual(
      hashShingles('they agreed to cooperate on the inquiry today', { charNgrams: 4 }),
    );
  });

  it('distinguishes word order', () => {
    expect(hashShingles('dog bites man', { shingleSize: 3 })).not.toEqual(hashShingles('man bites dog', { shingleSize: 3 }));
  });

  it('refuses invalid shingle options with an InvalidOptionError', () => {
    expect(() => hashShingles('text', { shingleSize: 0 })).toThrow(new InvalidOptionError('shingleSize', 'an integer from 1 to 64', 0));
    expect(() => hashShingles('text', { shingleSize: 0 })).toThrow('shingleSize must be an integer from 1 to 64, got 0');
    expect(() => hashShingles('text', 'shingleSize' as unknown as ShingleOptions)).toThrow('options must be an options object, got "shingleSize"');
  });

  it('refuses a text that is not a string', () => {
    expect(() => hashShingles(42 as unknown as string)).toThrow(InvalidOptionError);
    expect(() => hashShingles(42 as unknown as string)).toThrow('text must be a string, got 42');
  });

  it('returns an array of its own that a later call does not overwrite', () => {
    const first = hashShingles('one two three four five six');
    const copy = Array.from(first);
    hashShingles(Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' '));
    expect(Array.from(first)).toEqual(copy);
  });
});

describe('uniqueSorted', () => {
  it('sorts numerically as unsigned 32-bit values and drops repeats', () => {
    expect(Array.from(uniqueSorted(set(0xffffffff, 1, 0x80000000, 1, 10, 2, 0x80000000)))).toEqual([1, 2, 10, 0x80000000, 0xffffffff]);
  });

  it('returns a view of the distinct prefix of the array it sorted in place', () => {
    const input = set(3, 1, 3, 2);
    const out = uniqueSorted(input);
    expect(out.buffer).toBe(input.buffer);
    expect(Array.from(out)).toEqual([1, 2, 3]);
    expect(Array.from(input.subarray(0, 3))).toEqual([1, 2, 3]);
  });

  it('equals the sorted set of its input', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(uint32, fc.integer({ min: 0, max: 5 })), { maxLength: 40 }), (xs) => {
        expect(Array.from(uniqueSorted(Uint32Array.from(xs)))).toEqual([...new Set(xs)].sort((a, b) => a - b));
      }),
      { seed, numRuns },
    );
  });

  it('returns an empty array for an empty input', () => {
    expect(uniqueSorted(new Uint32Array(0))).toHaveLength(0);
  });
});

describe('exactJaccard', () => {
  it('returns 1 for identical non-empty sets', () => {
    expect(exactJaccard(set(1, 5, 9), set(1, 5, 9))).toBe(1);
    const a = hashShingles('one two three four five six seven');
    expect(exactJaccard(a, a)).toBe(1);
  });

  it('returns 0 for disjoint sets', () => {
    expect(exactJaccard(set(1, 2, 3), set(4, 5, 0xffffffff))).toBe(0);
  });

  it('returns 0 when either set is empty, and 0 for two empty sets (an empty document is like nothing)', () => {
    expect(exactJaccard(set(), set(1, 2))).toBe(0);
    expect(exactJaccard(set(1, 2), set())).toBe(0);
    expect(exactJaccard(set(), set())).toBe(0);
  });

  it('divides shared by union: {1,2,3,4} and {3,4,5} share 2 of 5', () => {
    expect(exactJaccard(set(1, 2, 3, 4), set(3, 4, 5))).toBe(2 / 5);
  });

  it('gives the doc comment’s one third for two six-word texts differing in the last word', () => {
    // 'a b c d e f' and 'a b c d e g' have shingles {abcde, bcdef} and {abcde, bcdeg}: 1 of 3.
    expect(exactJaccard(hashShingles('a b c d e f'), hashShingles('a b c d e g'))).toBe(1 / 3);
  });

  it('compares hashes as unsigned values (sets beyond 2^31)', () => {
    expect(exactJaccard(set(5, 0x80000000, 0xfffffffe), set(0x80000000, 0xfffffffe, 0xffffffff))).toBe(2 / 4);
  });

  it('is symmetric and agrees with the definition on arbitrary sets', () => {
    fc.assert(
      fc.property(hashSet, hashSet, (a, b) => {
        expect(exactJaccard(a, b)).toBe(exactJaccard(b, a));
        expect(exactJaccard(a, b)).toBeCloseTo(referenceJaccard(a, b), 12);
      }),
      { seed, numRuns },
    );
  });

  it('rates the two syndicated seed articles (000, 001) at 0.668 and unrelated ones near 0', () => {
    // The ground truth for the seed articles calls 000 and 001 versions of one story, about 0.67.
    const a = hashShingles(article('000_912c03f999ecb889.txt'));
    const b = hashShingles(article('001_b93039228490cdd2.txt'));
    const c = hashShingles(article('002_225f6cc3ca976ca7.txt'));
    expect(exactJaccard(a, b).toFixed(3)).toBe('0.668');
    expect(exactJaccard(a, c)).toBeLessThan(0.05);
    expect(exactJaccard(b, c)).toBeLessThan(0.05);
  });
});
