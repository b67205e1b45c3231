import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors/InvalidOptionError.js';
import { NeardupError } from '../../src/errors/NeardupError.js';
import { forEachShingleHash } from '../../src/shingle/forEachShingleHash.js';
import { hashShingles } from '../../src/shingle/hashShingles.js';
import type { ShingleOptions } from '../../src/shingle/ShingleOptions.js';
import { referenceShingleHashes, seed, text } from '../internal/shingleReference.js';

const numRuns = 200;

/** The hashes forEachShingleHash visits, and what it returns. */
function visitAll(input: string, options?: ShingleOptions): { hashes: number[]; count: number } {
  const hashes: number[] = [];
  const count = forEachShingleHash(input, (h) => void hashes.push(h), options);
  return { hashes, count };
}

describe('forEachShingleHash', () => {
  it('visits the hash of every readable shingle in order, repeats included, and returns their number', () => {
    const options = fc.oneof(
      fc.integer({ min: 1, max: 6 }).map((shingleSize): ShingleOptions => ({ shingleSize })),
      fc.integer({ min: 1, max: 6 }).map((charNgrams): ShingleOptions => ({ charNgrams })),
    );
    fc.assert(
      fc.property(text, options, (input, opts) => {
        const expected = referenceShingleHashes(input, opts);
        expect(visitAll(input, opts)).toEqual({ hashes: expected, count: expected.length });
      }),
      { seed, numRuns },
    );
  });

  it('visits the same set hashShingles collects, with five-word shingles by default', () => {
    const input = 'a rose is a rose is a rose is a rose';
    const { hashes, count } = visitAll(input);
    expect(count).toBe(7); // eleven words
    expect([...new Set(hashes)].sort((a, b) => a - b)).toEqual(Array.from(hashShingles(input)));
  });

  it('visits nothing and returns 0 for a text without words', () => {
    expect(visitAll(' — ?! ')).toEqual({ hashes: [], count: 0 });
  });

  it('refuses a visitor that is not a function, a text that is not a string, and bad options', () => {
    expect(() => forEachShingleHash('text', 'visit' as unknown as () => void)).toThrow(InvalidOptionError);
    expect(() => forEachShingleHash('text', 'visit' as unknown as () => void)).toThrow('visit must be a function, got "visit"');
    expect(() => forEachShingleHash(null as unknown as string, () => {})).toThrow('text must be a string, got null');
    expect(() => forEachShingleHash('text', () => {}, { charNgrams: 0 })).toThrow('charNgrams must be an integer from 1 to 64, got 0');
  });

  it('refuses a visitor that shingles another text while it runs, rather than visit overwritten hashes', () => {
    const call = () => forEachShingleHash('one two three four five six seven', () => void hashShingles('something else entirely'));
    expect(call).toThrow(NeardupError);
    expect(call).toThrow('forEachShingleHash: visit must not shingle or sign another text while it runs');
  });
});
