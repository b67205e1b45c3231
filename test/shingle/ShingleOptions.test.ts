import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors/InvalidOptionError.js';
import { NeardupError } from '../../src/errors/NeardupError.js';
import { DEFAULT_SHINGLE_SIZE, MAX_SHINGLE_SIZE, resolveShingling, shingleOptionsOf, type ShingleOptions } from '../../src/shingle/ShingleOptions.js';

/** Runs `fn`, expecting an InvalidOptionError, and returns it for closer inspection. */
function invalidOption(fn: () => unknown): InvalidOptionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toBeInstanceOf(NeardupError);
    return error as InvalidOptionError;
  }
  throw new Error('expected an InvalidOptionError, but nothing was thrown');
}

describe('resolveShingling', () => {
  it('defaults to word shingles of DEFAULT_SHINGLE_SIZE (5) words', () => {
    expect(DEFAULT_SHINGLE_SIZE).toBe(5);
    expect(resolveShingling({})).toEqual({ kind: 'word', size: 5 });
    // A JavaScript caller may spell "unset" as an explicit undefined.
    expect(resolveShingling({ shingleSize: undefined } as unknown as ShingleOptions)).toEqual({ kind: 'word', size: 5 });
  });

  it('accepts every integer size from 1 to MAX_SHINGLE_SIZE (64), for words and characters', () => {
    expect(MAX_SHINGLE_SIZE).toBe(64);
    for (const size of [1, 2, 5, 63, 64]) {
      expect(resolveShingling({ shingleSize: size })).toEqual({ kind: 'word', size });
      expect(resolveShingling({ charNgrams: size })).toEqual({ kind: 'char', size });
    }
  });

  it('chooses character n-grams when charNgrams is set and shingleSize is left out', () => {
    expect(resolveShingling({ charNgrams: 4 })).toEqual({ kind: 'char', size: 4 });
  });

  it.each([
    ['shingleSize', 0, 'shingleSize must be an integer from 1 to 64, got 0'],
    ['shingleSize', 65, 'shingleSize must be an integer from 1 to 64, got 65'],
    ['shingleSize', 2.5, 'shingleSize must be an integer from 1 to 64, got 2.5'],
    ['shingleSize', '5', 'shingleSize must be an integer from 1 to 64, got "5"'],
    ['shingleSize', -1, 'shingleSize must be an integer from 1 to 64, got -1'],
    ['shingleSize', Number.NaN, 'shingleSize must be an integer from 1 to 64, got NaN'],
    ['shingleSize', Infinity, 'shingleSize must be an integer from 1 to 64, got Infinity'],
    ['shingleSize', null, 'shingleSize must be an integer from 1 to 64, got null'],
    ['charNgrams', 0, 'charNgrams must be an integer from 1 to 64, got 0'],
    ['charNgrams', 65, 'charNgrams must be an integer from 1 to 64, got 65'],
    ['charNgrams', 1.5, 'charNgrams must be an integer from 1 to 64, got 1.5'],
    ['charNgrams', '4', 'charNgrams must be an integer from 1 to 64, got "4"'],
  ])('refuses %s = %j, naming the option, the rule and the value', (option, value, message) => {
    const error = invalidOption(() => resolveShingling({ [option]: value } as ShingleOptions));
    expect(error.message).toBe(message);
    expect(error.option).toBe(option);
    expect(error.rule).toBe('an integer from 1 to 64');
    expect(error.value).toBe(value);
    expect(error.name).toBe('InvalidOptionError');
  });

  it('refuses shingleSize and charNgrams together, naming charNgrams, the rule and its value', () => {
    const error = invalidOption(() => resolveShingling({ shingleSize: 5, charNgrams: 4 }));
    expect(error.message).toBe('charNgrams must be left unset when shingleSize is given (choose word or character shingles), got 4');
    expect(error.option).toBe('charNgrams');
    expect(error.rule).toBe('left unset when shingleSize is given (choose word or character shingles)');
    expect(error.value).toBe(4);
  });
});

describe('shingleOptionsOf', () => {
  it('gives back options that resolve to the same shingling', () => {
    for (const options of [{}, { shingleSize: 1 }, { shingleSize: 64 }, { charNgrams: 1 }, { charNgrams: 7 }] as ShingleOptions[]) {
      const shingling = resolveShingling(options);
      expect(resolveShingling(shingleOptionsOf(shingling))).toEqual(shingling);
    }
  });

  it('names exactly one option, so the result never trips the both-set rule', () => {
    expect(shingleOptionsOf({ kind: 'word', size: 5 })).toEqual({ shingleSize: 5 });
    expect(shingleOptionsOf({ kind: 'char', size: 3 })).toEqual({ charNgrams: 3 });
  });
});
