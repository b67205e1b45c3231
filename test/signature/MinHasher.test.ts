import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NUM_PERM,
  DEFAULT_SEED,
  hashShingles,
  InvalidOptionError,
  MinHasher,
  NeardupError,
  SIGNATURE_FORMAT_VERSION,
  type MinHashOptions,
} from '../../src/index.js';
import { MAX_NUM_PERM } from '../../src/signature/MinHasher.js';
import { SCHEMES } from '../../src/signature/Scheme.js';
import { hashSet, signerParams, uint32NearMax } from '../__helpers__/arbitraries.js';
import { ARTICLE_000, ARTICLE_001, article } from '../__helpers__/articles.js';
import { kpermReference } from '../__helpers__/kpermReference.js';
import { fcParams } from '../__helpers__/seed.js';
import { thrown } from '../__helpers__/thrown.js';

const words = fc.array(fc.constantFrom('Rudd', 'tech', 'firms', 'Westminster', 'attack', 'the', 'über', '2017', '—', '!!'), { maxLength: 40 });
const texts = words.map((w) => w.join(' '));

describe('MinHasher', () => {
  describe('options', () => {
    it('defaults to numPerm 128, seed 1, scheme oph and 5-word shingles', () => {
      expect(DEFAULT_NUM_PERM).toBe(128);
      expect(DEFAULT_SEED).toBe(1);
      for (const h of [new MinHasher(), new MinHasher({})]) {
        expect({ numPerm: h.numPerm, seed: h.seed, scheme: h.scheme, shingling: h.shingling }).toEqual({
          numPerm: 128,
          seed: 1,
          scheme: 'oph',
          shingling: { kind: 'word', size: 5 },
        });
      }
      const text = article(ARTICLE_000);
      expect(new MinHasher().sign(text).toBytes()).toEqual(new MinHasher({ numPerm: 128, seed: 1, scheme: 'oph', shingleSize: 5 }).sign(text).toBytes());
    });

    it.each<[string, MinHashOptions, string, string, unknown]>([
      ['numPerm 0', { numPerm: 0 }, 'numPerm', 'an integer from 1 to 1024', 0],
      ['numPerm 1025', { numPerm: 1025 }, 'numPerm', 'an integer from 1 to 1024', 1025],
      ['numPerm 65537', { numPerm: 65537 }, 'numPerm', 'an integer from 1 to 1024', 65537],
      ['numPerm 1.5', { numPerm: 1.5 }, 'numPerm', 'an integer from 1 to 1024', 1.5],
      ['numPerm NaN', { numPerm: Number.NaN }, 'numPerm', 'an integer from 1 to 1024', Number.NaN],
      ["numPerm '128'", { numPerm: '128' as unknown as number }, 'numPerm', 'an integer from 1 to 1024', '128'],
      ['seed -1', { seed: -1 }, 'seed', 'an integer from 0 to 4294967295', -1],
      ['seed 2^32', { seed: 2 ** 32 }, 'seed', 'an integer from 0 to 4294967295', 4294967296],
      ['seed 1.5', { seed: 1.5 }, 'seed', 'an integer from 0 to 4294967295', 1.5],
      ["seed '1'", { seed: '1' as unknown as number }, 'seed', 'an integer from 0 to 4294967295', '1'],
      ["scheme 'minhash'", { scheme: 'minhash' as never }, 'scheme', 'one of "kperm", "oph"', 'minhash'],
      ["scheme 'OPH'", { scheme: 'OPH' as never }, 'scheme', 'one of "kperm", "oph"', 'OPH'],
    ])('refuses %s, naming the option, the rule and the value', (_, options, option, rule, value) => {
      const error = thrown(() => new MinHasher(options));
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error).toBeInstanceOf(NeardupError);
      const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
      expect(error).toMatchObject({ name: 'InvalidOptionError', message: `${option} must be ${rule}, got ${shown}`, option, rule });
      expect((error as InvalidOptionError).value).toBe(value);
    });

    it.each<[string, unknown, string]>([
      ['a number', 5, 'got 5'],
      ['null', null, 'got null'],
      ['a string', 'oph', 'got "oph"'],
      ['an array', [128], 'got an array of length 1'],
    ])('refuses %s in place of the options object', (_, options, got) => {
      const error = thrown(() => new MinHasher(options as MinHashOptions));
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error).toMatchObject({ message: `options must be an options object, ${got}`, option: 'options', rule: 'an options object' });
    });

    it('accepts the extreme values numPerm 1 and 1024, seed 0 and 4294967295', () => {
      expect(MAX_NUM_PERM).toBe(1024);
      for (const scheme of SCHEMES) {
        for (const [numPerm, seed] of [[1, 0], [1, 4294967295], [1024, 0], [1024, 4294967295]] as const) {
          const sig = new MinHasher({ scheme, numPerm, seed }).sign(article(ARTICLE_000));
          expect({ numPerm: sig.numPerm, seed: sig.seed, length: sig.values.length, isEmpty: sig.isEmpty }).toEqual({ numPerm, seed, length: numPerm, isEmpty: false });
        }
      }
    });

    it('validates and keeps the shingle options', () => {
      expect(new MinHasher({ charNgrams: 3 }).shingling).toEqual({ kind: 'char', size: 3 });
      expect(new MinHasher({ shingleSize: 2 }).shingling).toEqual({ kind: 'word', size: 2 });
      const error = thrown(() => new MinHasher({ shingleSize: 0 }));
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error).toMatchObject({ message: 'shingleSize must be an integer from 1 to 64, got 0', option: 'shingleSize' });
    });
  });

  describe('sign', () => {
    it.each<[string, unknown, string]>([
      ['a number', 123, 'got 123'],
      ['undefined', undefined, 'got undefined'],
      ['null', null, 'got null'],
      ['a Buffer', Buffer.from('abc'), 'got an object (Uint8Array)'],
    ])('refuses %s in place of the text', (_, text, got) => {
      const error = thrown(() => new MinHasher().sign(text as string));
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error).toMatchObject({ message: `text must be a string, ${got}`, option: 'text', rule: 'a string' });
    });

    it.each(SCHEMES)('gives an empty signature, all 0xffffffff, for a text without words (%s)', (scheme) => {
      const h = new MinHasher({ scheme, numPerm: 8 });
      for (const text of ['', '!!! ... ---', ' \n\t ', '— “” ‘’ …']) {
        const sig = h.sign(text);
        expect(sig.isEmpty).toBe(true);
        expect(Array.from(sig.values)).toEqual(new Array(8).fill(0xffffffff));
      }
      expect(h.sign('word').isEmpty).toBe(false);
    });

    it.each(SCHEMES)('signs the set of shingle hashes of the text (%s)', (scheme) => {
      fc.assert(
        fc.property(signerParams(128), texts, fc.integer({ min: 1, max: 6 }), (p, text, shingleSize) => {
          const h = new MinHasher({ scheme, shingleSize, ...p });
          const hashes = hashShingles(text, { shingleSize });
          const sig = h.sign(text);
          expect(sig.equals(h.signHashes(hashes))).toBe(true);
          expect(sig.isEmpty).toBe(hashes.length === 0);
        }),
        fcParams(100),
      );
    });

    it.each(SCHEMES)('carries its parameters and the format version (%s)', (scheme) => {
      const sig = new MinHasher({ scheme, numPerm: 200, seed: 7 }).sign(article(ARTICLE_000));
      expect({ scheme: sig.scheme, numPerm: sig.numPerm, seed: sig.seed, version: sig.version, length: sig.values.length }).toEqual({
        scheme,
        numPerm: 200,
        seed: 7,
        version: SIGNATURE_FORMAT_VERSION,
        length: 200,
      });
      expect(sig.values).toBeInstanceOf(Uint32Array);
    });

    it.each(SCHEMES)('returns signatures that later signing with the same signer leaves untouched (%s)', (scheme) => {
      const h = new MinHasher({ scheme, numPerm: 64 });
      const first = h.sign(article(ARTICLE_000));
      const bytes = first.toBytes();
      const values = first.values.slice();
      h.sign(article(ARTICLE_001));
      h.signHashes([1, 2, 3]);
      h.sign('');
      expect(first.toBytes()).toEqual(bytes);
      expect(first.values).toEqual(values);
    });

    it('keeps every signature of a long run intact, those that share a buffer included, whatever numPerm', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1024 }), fc.array(texts, { minLength: 1, maxLength: 40 }), (numPerm, run) => {
          const h = new MinHasher({ numPerm });
          const kept = run.map((text) => h.sign(text));
          kept.forEach((sig, i) => expect(sig.toBytes()).toEqual(new MinHasher({ numPerm }).sign(run[i]!).toBytes()));
        }),
        fcParams(50),
      );
    });

    it('cuts the values of 8 oph signatures (128 permutations) from one untransferable 4 KiB buffer', () => {
      const h = new MinHasher();
      const sigs = Array.from({ length: 16 }, (_, i) => h.sign(`story number ${i} on the wire`));
      expect(new Set(sigs.map((s) => s.values.buffer)).size).toBe(2);
      expect(sigs[0]!.values.buffer.byteLength).toBe(4096);
      const before = sigs.map((s) => s.toBytes());
      const buffer = sigs[0]!.values.buffer as ArrayBuffer;
      // Node 20 copies an untransferable buffer; Node 21 and later refuse it with a DataCloneError.
      try {
        expect(structuredClone(buffer, { transfer: [buffer] }).byteLength).toBe(4096);
      } catch (error) {
        expect((error as Error).name).toBe('DataCloneError');
      }
      expect(sigs.map((s) => s.toBytes())).toEqual(before);
      expect(sigs[0]!.values.slice().buffer.byteLength).toBe(128 * 4);
    });
  });

  describe('signHashes', () => {
    it.each(SCHEMES)('gives the same signature for an array and a Uint32Array of the same hashes (%s)', (scheme) => {
      fc.assert(
        fc.property(signerParams(), hashSet(), (p, set) => {
          const h = new MinHasher({ scheme, ...p });
          expect(h.signHashes(Uint32Array.from(set)).toBytes()).toEqual(h.signHashes(set).toBytes());
        }),
        fcParams(50),
      );
    });

    it.each(SCHEMES)('gives an empty signature for no hashes (%s)', (scheme) => {
      const h = new MinHasher({ scheme });
      expect(h.signHashes([]).isEmpty).toBe(true);
      expect(h.signHashes(new Uint32Array(0)).isEmpty).toBe(true);
      expect(h.signHashes([0]).isEmpty).toBe(false);
    });
  });

  describe('signInto', () => {
    it.each(SCHEMES)('writes the values signHashes gives, through scratch arrays reused from set to set (%s)', (scheme) => {
      fc.assert(
        fc.property(signerParams(), fc.array(hashSet(), { maxLength: 4 }), (p, sets) => {
          const h = new MinHasher({ scheme, ...p });
          const values = new Uint32Array(p.numPerm).fill(5);
          const emptyBins = new Uint32Array((p.numPerm + 31) >>> 5).fill(0xffffffff);
          for (const set of sets) {
            const expected = h.signHashes(set);
            expect(h.signInto(Uint32Array.from(set), values, emptyBins)).toBe(expected.isEmpty);
            expect(Array.from(values)).toEqual(Array.from(expected.values));
            if (scheme === 'oph' && !expected.isEmpty) expect(Array.from(emptyBins)).toEqual(Array.from(expected.emptyBins!));
          }
        }),
        fcParams(50),
      );
    });
  });

  describe('hashShingles', () => {
    it("returns the text's shingle hashes under the signer's own shingling", () => {
      const text = article(ARTICLE_001);
      expect(new MinHasher().hashShingles(text)).toEqual(hashShingles(text));
      expect(new MinHasher({ shingleSize: 2 }).hashShingles(text)).toEqual(hashShingles(text, { shingleSize: 2 }));
      expect(new MinHasher({ charNgrams: 4 }).hashShingles(text)).toEqual(hashShingles(text, { charNgrams: 4 }));
      expect(new MinHasher({ charNgrams: 4 }).hashShingles(text)).not.toEqual(hashShingles(text));
    });
  });

  describe('integer math', () => {
    // Computing (a * x + b) mod p in floating point loses the low bits of products past 2^53 and
    // silently changes every value; an exact BigInt reference catches it, as it would a value
    // outside 0..2^32-1 or a fraction.
    it('computes kperm values equal to an exact BigInt reference, hashes near 2^32 - 1 included', () => {
      fc.assert(
        fc.property(signerParams(64), fc.uniqueArray(uint32NearMax, { minLength: 1, maxLength: 30 }), (p, set) => {
          const values = Array.from(new MinHasher({ scheme: 'kperm', ...p }).signHashes(set).values);
          expect(values).toEqual(kpermReference(set, p.numPerm, p.seed));
          for (const v of values) expect(Number.isInteger(v) && v >= 0 && v <= 0xffffffff).toBe(true);
        }),
        fcParams(100),
      );
    });

    it('computes kperm values of the all-ones hash and the largest seed exactly', () => {
      const set = [0xffffffff, 0xfffffffe, 0x80000000, 0x7fffffff];
      const values = Array.from(new MinHasher({ scheme: 'kperm', numPerm: 32, seed: 0xffffffff }).signHashes(set).values);
      expect(values).toEqual(kpermReference(set, 32, 0xffffffff));
    });
  });
});
