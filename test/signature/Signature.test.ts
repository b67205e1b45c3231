import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncompatibleSignatureError, MinHasher, NeardupError, type MinHashOptions, type Signature } from '../../src/index.js';
import { SCHEMES } from '../../src/signature/Scheme.js';
import { hashSet, overlappingSets, signerParams } from '../__helpers__/arbitraries.js';
import { ARTICLE_000, ARTICLE_001, article } from '../__helpers__/articles.js';
import { fcParams } from '../__helpers__/seed.js';
import { invalidOption, thrown } from '../__helpers__/thrown.js';

const TEXT = 'Amber Rudd will throw down the gauntlet to technology bosses on Thursday';
const sign = (options: MinHashOptions, text = TEXT): Signature => new MinHasher(options).sign(text);

/** Asserts that `fn` throws an IncompatibleSignatureError naming `parameter` and both values. */
function expectIncompatible(fn: () => unknown, parameter: string, expected: unknown, actual: unknown): void {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(IncompatibleSignatureError);
  expect(error).toBeInstanceOf(NeardupError);
  expect(error).toMatchObject({
    name: 'IncompatibleSignatureError',
    message: `incompatible signatures: ${parameter} is ${String(expected)} on one side and ${String(actual)} on the other`,
    parameter,
    expected,
    actual,
  });
}

describe('Signature', () => {
  describe('similarity', () => {
    it.each(SCHEMES)('is the fraction of positions where the values agree (%s)', (scheme) => {
      fc.assert(
        fc.property(signerParams(), overlappingSets({ minLength: 1 }), (p, { a, b }) => {
          fc.pre(a.length > 0 && b.length > 0);
          const h = new MinHasher({ scheme, ...p });
          const sa = h.signHashes(a);
          const sb = h.signHashes(b);
          let same = 0;
          for (let i = 0; i < p.numPerm; i++) if (sa.values[i] === sb.values[i]) same++;
          expect(sa.similarity(sb)).toBe(same / p.numPerm);
        }),
        fcParams(100),
      );
    });

    it.each(SCHEMES)('is 0 for disjoint sets: distinct hashes never share a value (%s)', (scheme) => {
      fc.assert(
        fc.property(signerParams(), overlappingSets(), (p, { a, b, union }) => {
          // Keep only the parts of A and B that the other lacks.
          const onlyA = a.filter((x) => !b.includes(x));
          const onlyB = union.filter((x) => !a.includes(x));
          fc.pre(onlyA.length > 0 && onlyB.length > 0);
          const h = new MinHasher({ scheme, ...p });
          expect(h.signHashes(onlyA).similarity(h.signHashes(onlyB))).toBe(0);
        }),
        fcParams(100),
      );
    });

    it.each(SCHEMES)('is 0 when either signature is empty, two empty ones included (%s)', (scheme) => {
      const h = new MinHasher({ scheme });
      const empty = h.sign('');
      const wordless = h.sign('!!! ... ---');
      const full = h.sign(TEXT);
      expect(empty.similarity(wordless)).toBe(0);
      expect(empty.similarity(empty)).toBe(0);
      expect(empty.similarity(full)).toBe(0);
      expect(full.similarity(empty)).toBe(0);
      expect(full.similarity(full)).toBe(1);
    });

    it.each(SCHEMES)('refuses a signature with another seed, naming both seeds (%s)', (scheme) => {
      const a = sign({ scheme, seed: 1 });
      const b = sign({ scheme, seed: 2 });
      expectIncompatible(() => a.similarity(b), 'seed', 1, 2);
      expectIncompatible(() => b.similarity(a), 'seed', 2, 1);
    });

    it.each(SCHEMES)('refuses a signature with another numPerm, naming both (%s)', (scheme) => {
      expectIncompatible(() => sign({ scheme, numPerm: 64 }).similarity(sign({ scheme, numPerm: 128 })), 'numPerm', 64, 128);
    });

    it('refuses a signature of another scheme, naming both', () => {
      expectIncompatible(() => sign({ scheme: 'oph' }).similarity(sign({ scheme: 'kperm' })), 'scheme', 'oph', 'kperm');
      expectIncompatible(() => sign({ scheme: 'kperm' }).similarity(sign({ scheme: 'oph' })), 'scheme', 'kperm', 'oph');
    });

    it('names the scheme first when every parameter differs, then numPerm, then seed', () => {
      expectIncompatible(() => sign({ scheme: 'oph', numPerm: 16, seed: 1 }).similarity(sign({ scheme: 'kperm', numPerm: 32, seed: 2 })), 'scheme', 'oph', 'kperm');
      expectIncompatible(() => sign({ numPerm: 16, seed: 1 }).similarity(sign({ numPerm: 32, seed: 2 })), 'numPerm', 16, 32);
    });

    it('refuses incompatible signatures even when they are empty', () => {
      expectIncompatible(() => sign({ seed: 1 }, '').similarity(sign({ seed: 2 }, '')), 'seed', 1, 2);
    });
  });

  describe('similarity, merge and equals, given something other than a Signature', () => {
    const x = sign({});
    const calls = [(o: unknown) => x.similarity(o as Signature), (o: unknown) => x.merge(o as Signature), (o: unknown) => x.equals(o as Signature)];

    it('refuse it by name, not with a TypeError from inside', () => {
      for (const call of calls) {
        for (const value of [null, undefined, 42, { scheme: 'oph', numPerm: 128, seed: 1 }]) {
          expect(invalidOption(() => call(value))).toMatchObject({ option: 'other', rule: 'a Signature' });
        }
      }
    });

    it("say so when it looks like a signature of another copy of neardup (its CommonJS build against its ES module one)", () => {
      // Shaped like a Signature, with none of this class's private fields: what the other build makes.
      const foreign = { ...x, numPerm: x.numPerm, toBytes: () => x.toBytes() };
      for (const call of calls) expect(invalidOption(() => call(foreign)).message).toMatch(/another copy or build of it.*Signature\.fromBytes\(other\.toBytes\(\)\)/);
    });
  });

  describe('merge', () => {
    it.each(SCHEMES)('keeps the parameters of the merged signatures (%s)', (scheme) => {
      const h = new MinHasher({ scheme, numPerm: 32, seed: 9 });
      const merged = h.sign(article(ARTICLE_000)).merge(h.sign(article(ARTICLE_001)));
      expect({ scheme: merged.scheme, numPerm: merged.numPerm, seed: merged.seed, version: merged.version, isEmpty: merged.isEmpty }).toEqual({
        scheme,
        numPerm: 32,
        seed: 9,
        version: 2,
        isEmpty: false,
      });
    });

    it.each(SCHEMES)('merges the signatures of two texts into the signature of their shingles together (%s)', (scheme) => {
      const h = new MinHasher({ scheme, numPerm: 64 });
      const a = article(ARTICLE_000);
      const b = article(ARTICLE_001);
      const union = [...h.hashShingles(a), ...h.hashShingles(b)];
      expect(h.sign(a).merge(h.sign(b)).equals(h.signHashes(union))).toBe(true);
    });

    it.each(SCHEMES)('gives back the other signature when one side is empty (%s)', (scheme) => {
      const h = new MinHasher({ scheme });
      const empty = h.sign('');
      const x = h.sign(TEXT);
      expect(empty.merge(x).equals(x)).toBe(true);
      expect(x.merge(empty).equals(x)).toBe(true);
      expect(empty.merge(x).values).toEqual(x.values);
      expect(empty.merge(h.sign('...')).isEmpty).toBe(true);
    });

    it('refuses a signature with another seed, numPerm or scheme, empty ones included', () => {
      expectIncompatible(() => sign({ seed: 1 }).merge(sign({ seed: 3 })), 'seed', 1, 3);
      expectIncompatible(() => sign({ numPerm: 8 }).merge(sign({ numPerm: 9 })), 'numPerm', 8, 9);
      expectIncompatible(() => sign({ scheme: 'kperm' }).merge(sign({ scheme: 'oph' })), 'scheme', 'kperm', 'oph');
      expectIncompatible(() => sign({ seed: 1 }).merge(sign({ seed: 3 }, '')), 'seed', 1, 3);
      expectIncompatible(() => sign({ seed: 1 }, '').merge(sign({ seed: 3 })), 'seed', 1, 3);
    });
  });

  describe('equals', () => {
    it.each(SCHEMES)('is true exactly when the serialized forms are identical (%s)', (scheme) => {
      fc.assert(
        fc.property(signerParams(64), overlappingSets({ maxLength: 8 }), (p, { a, b }) => {
          const h = new MinHasher({ scheme, ...p });
          const sa = h.signHashes(a);
          const sb = h.signHashes(b);
          expect(sa.equals(sb)).toBe(Buffer.from(sa.toBytes()).equals(sb.toBytes()));
          expect(sa.equals(h.signHashes([...a].reverse()))).toBe(true);
        }),
        fcParams(100),
      );
      const h = new MinHasher({ scheme });
      expect(h.sign(article(ARTICLE_000)).equals(h.sign(article(ARTICLE_001)))).toBe(false);
    });

    it('is false, without throwing, for signatures of other parameters or an empty one', () => {
      const x = sign({});
      expect(x.equals(sign({ seed: 2 }))).toBe(false);
      expect(x.equals(sign({ numPerm: 64 }))).toBe(false);
      expect(x.equals(sign({ scheme: 'kperm' }))).toBe(false);
      expect(x.equals(sign({}, ''))).toBe(false);
      expect(sign({}, '').equals(x)).toBe(false);
      expect(sign({}, '').equals(sign({}, '!!'))).toBe(true);
    });
  });

  describe('assertCompatible', () => {
    it('accepts the parameters of the signature itself, with or without a version', () => {
      const x = sign({ numPerm: 16, seed: 5 });
      expect(x.assertCompatible({ scheme: 'oph', numPerm: 16, seed: 5 })).toBeUndefined();
      expect(x.assertCompatible({ scheme: 'oph', numPerm: 16, seed: 5, version: 2 })).toBeUndefined();
    });

    it('refuses another format version before anything else, naming both versions', () => {
      expectIncompatible(() => sign({}).assertCompatible({ scheme: 'kperm', numPerm: 1, seed: 0, version: 1 }), 'format version', 2, 1);
    });

    it('refuses other parameters given as a plain object', () => {
      expectIncompatible(() => sign({ numPerm: 16, seed: 5 }).assertCompatible({ scheme: 'oph', numPerm: 16, seed: 6 }), 'seed', 5, 6);
    });
  });

  describe('values', () => {
    it.each(SCHEMES)('holds numPerm values (%s)', (scheme) => {
      expect(sign({ scheme, numPerm: 77 }).values).toHaveLength(77);
    });

    it('holds no empty-bin marker 0xffffffff for a non-empty oph set, however few its elements', () => {
      fc.assert(
        fc.property(signerParams(), hashSet({ minLength: 1, maxLength: 5 }), (p, set) => {
          expect(new MinHasher({ scheme: 'oph', ...p }).signHashes(set).values.includes(0xffffffff)).toBe(false);
        }),
        fcParams(100),
      );
    });
  });
});
