import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors/InvalidOptionError.js';
import { shingle } from '../../src/shingle/shingle.js';
import type { ShingleOptions } from '../../src/shingle/ShingleOptions.js';

/** What `fn` throws; fails the test when it returns instead. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but the call returned');
}

describe('shingle', () => {
  it('cuts the doc comment’s examples as documented', () => {
    expect(shingle('The quick brown fox jumps over', { shingleSize: 5 })).toEqual(['the quick brown fox jumps', 'quick brown fox jumps over']);
    expect(shingle('Hi there', { charNgrams: 4 })).toEqual(['hi t', 'i th', ' the', 'ther', 'here']);
  });

  it('uses five-word shingles by default', () => {
    expect(shingle('a b c d e f g')).toEqual(['a b c d e', 'b c d e f', 'c d e f g']);
    expect(shingle('a b c d e f g', {})).toEqual(shingle('a b c d e f g', { shingleSize: 5 }));
  });

  it('slides one word at a time and keeps repeats, in order of occurrence', () => {
    expect(shingle('a rose is a rose is a rose', { shingleSize: 3 })).toEqual([
      'a rose is', 'rose is a', 'is a rose', 'a rose is', 'rose is a', 'is a rose',
    ]);
  });

  it('gives one shingle per word with size 1', () => {
    expect(shingle('Hello, hello world!', { shingleSize: 1 })).toEqual(['hello', 'hello', 'world']);
  });

  it('makes a text of exactly k words one shingle', () => {
    expect(shingle('one two three', { shingleSize: 3 })).toEqual(['one two three']);
  });

  it('makes a text with fewer words than k one shingle of all its words', () => {
    expect(shingle('Breaking: markets fall', { shingleSize: 5 })).toEqual(['breaking markets fall']);
    expect(shingle('Hi!', { shingleSize: 64 })).toEqual(['hi']);
  });

  it('makes a text with fewer characters than n one n-gram of all of them', () => {
    expect(shingle('Hi!', { charNgrams: 4 })).toEqual(['hi']);
    expect(shingle('a b', { charNgrams: 4 })).toEqual(['a b']);
  });

  it.each([
    ['the empty text', ''],
    ['whitespace', ' \n\t\u00a0'],
    ['punctuation', '... — !? “” (—)'],
    ['emoji', '😀 👍🏽'],
  ])('returns no shingles for %s', (_name, text) => {
    expect(shingle(text, { shingleSize: 5 })).toEqual([]);
    expect(shingle(text, { shingleSize: 1 })).toEqual([]);
    expect(shingle(text, { charNgrams: 3 })).toEqual([]);
  });

  it('joins the words of char n-grams by one space whatever stood between them', () => {
    const expected = ['ab c', 'b cd'];
    expect(shingle('ab cd', { charNgrams: 4 })).toEqual(expected);
    expect(shingle('AB,\n\t  — cd!', { charNgrams: 4 })).toEqual(expected);
    expect(shingle('  ab…cd  ', { charNgrams: 4 })).toEqual(expected);
    expect(shingle("ab'cd", { charNgrams: 4 })).toEqual(expected);
  });

  it('counts char n-grams in code points, so an astral letter is one character', () => {
    expect(shingle('𠀀𠀁 x', { charNgrams: 2 })).toEqual(['𠀀𠀁', '𠀁 ', ' x']);
  });

  it('normalizes words before shingling them (NFKC, lower case)', () => {
    expect(shingle('ＴＨＥ ﬁnal Word', { shingleSize: 2 })).toEqual(['the final', 'final word']);
  });

  it.each([
    [{ shingleSize: 0 }, 'shingleSize must be an integer from 1 to 64, got 0', 'shingleSize', 0],
    [{ shingleSize: 65 }, 'shingleSize must be an integer from 1 to 64, got 65', 'shingleSize', 65],
    [{ shingleSize: 2.5 }, 'shingleSize must be an integer from 1 to 64, got 2.5', 'shingleSize', 2.5],
    [{ shingleSize: '5' }, 'shingleSize must be an integer from 1 to 64, got "5"', 'shingleSize', '5'],
    [{ shingleSize: 5, charNgrams: 4 }, 'charNgrams must be left unset when shingleSize is given (choose word or character shingles), got 4', 'charNgrams', 4],
  ])('refuses the options %j with an InvalidOptionError', (options, message, option, value) => {
    const error = thrown(() => shingle('some text', options as ShingleOptions));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ message, option, value });
  });

  it('refuses options that are not an object', () => {
    expect(() => shingle('text', 5 as unknown as ShingleOptions)).toThrow(new InvalidOptionError('options', 'an options object', 5));
    expect(() => shingle('text', 5 as unknown as ShingleOptions)).toThrow('options must be an options object, got 5');
    expect(() => shingle('text', null as unknown as ShingleOptions)).toThrow('options must be an options object, got null');
    expect(() => shingle('text', [] as unknown as ShingleOptions)).toThrow('options must be an options object, got an array of length 0');
  });
});
