import { describe, expect, it } from 'vitest';
import {
  chooseBandsRows,
  createDeduper,
  findNearDuplicates,
  hashShingles,
  InvalidOptionError,
  LshIndex,
  MinHasher,
  NeardupError,
  shingle,
  UnknownOptionError,
} from '../../src/index.js';

// Every entry point refuses a key that is not one of its options, instead of running with a default.
const thrown = (run: () => unknown): UnknownOptionError => {
  try {
    run();
  } catch (error) {
    if (error instanceof UnknownOptionError) return error;
    throw error;
  }
  throw new Error('expected an UnknownOptionError, but nothing was thrown');
};

describe('UnknownOptionError', () => {
  it('names the unknown key, suggests the closest option and lists them all', () => {
    const error = thrown(() => new MinHasher({ numperm: 64 } as never));
    expect(error.message).toBe('unknown option "numperm" (did you mean "numPerm"?); the options are shingleSize, charNgrams, numPerm, seed, scheme');
    expect(error).toMatchObject({ option: 'numperm', value: 64, known: ['shingleSize', 'charNgrams', 'numPerm', 'seed', 'scheme'] });
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toBeInstanceOf(NeardupError);
  });

  it('suggests nothing when no option is close', () => {
    expect(thrown(() => shingle('a b c', { words: 3 } as never)).message).toBe('unknown option "words"; the options are shingleSize, charNgrams');
  });

  it('is thrown by every entry point that takes options', async () => {
    expect(thrown(() => hashShingles('a b c', { shingleSise: 3 } as never)).option).toBe('shingleSise');
    expect(thrown(() => chooseBandsRows({ treshold: 0.8 } as never)).message).toContain('did you mean "threshold"?');
    expect(thrown(() => new LshIndex({ band: 4, rows: 4 } as never)).message).toContain('did you mean "bands"?');
    await expect(createDeduper({ verfy: 'exact' } as never)).rejects.toThrow('unknown option "verfy" (did you mean "verify"?)');
    await expect(findNearDuplicates([], { treshold: 0.9 } as never)).rejects.toThrow('unknown option "treshold" (did you mean "threshold"?)');
    await expect(findNearDuplicates([], { skip_invalid: true } as never)).rejects.toThrow('did you mean "skipInvalid"?');
  });

  it('accepts every documented option of findNearDuplicates', async () => {
    const result = await findNearDuplicates([], {
      threshold: 0.5, shingleSize: 5, numPerm: 128, seed: 1, scheme: 'oph', verify: 'exact',
      representative: 'first', recallAtThreshold: 0.95, falsePositiveWeight: 0.5, falseNegativeWeight: 0.5, skipInvalid: false, workers: 0,
    });
    expect(result.stats.documents).toBe(0);
  });
});
