import { describe, expect, it } from 'vitest';
import { mulberry32, wordSource } from '../__helpers__/random.js';
import {
  candidateProbability,
  chooseBandsRows,
  DuplicateIdError,
  IncompatibleSignatureError,
  InvalidOptionError,
  LshIndex,
  MinHasher,
  type Signature,
} from '../../src/index.js';

const seed = Number(process.env['FC_SEED'] ?? 42);

const words = wordSource(seed);
const story = words(300);
const storyText = story.join(' ');
// Every 25th word changed: 12 edits touch at most 60 of 296 shingles, so Jaccard stays above 0.6.
const nearText = story.map((w, i) => (i % 25 === 12 ? `edit${i}` : w)).join(' ');
const otherText = words(300).join(' ');

const hasher = new MinHasher();
const sig = (text: string) => hasher.sign(text);

/** Runs `fn`, expecting it to throw an error of class `type`, and returns the error. */
function thrown<T extends Error>(type: abstract new (...args: never[]) => T, fn: () => unknown): T {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as T;
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`);
}

describe('LshIndex', () => {
  describe('construction', () => {
    it('uses the recall-first banding for threshold 0.5 and 128 values by default', () => {
      const index = new LshIndex();
      const choice = chooseBandsRows();
      expect({ bands: index.bands, rows: index.rows, numPerm: index.numPerm }).toEqual({ bands: choice.bands, rows: choice.rows, numPerm: 128 });
    });

    it('chooses the banding from threshold and numPerm', () => {
      const index = new LshIndex({ threshold: 0.8, numPerm: 64 });
      const choice = chooseBandsRows({ threshold: 0.8, numPerm: 64 });
      expect({ bands: index.bands, rows: index.rows, numPerm: index.numPerm }).toEqual({ bands: choice.bands, rows: choice.rows, numPerm: 64 });
    });

    it('takes bands and rows given together, even when they use fewer values than numPerm', () => {
      const index = new LshIndex({ bands: 10, rows: 5 });
      expect({ bands: index.bands, rows: index.rows, numPerm: index.numPerm }).toEqual({ bands: 10, rows: 5, numPerm: 128 });
    });

    it('refuses bands without rows, naming rows', () => {
      const error = thrown(InvalidOptionError, () => new LshIndex({ bands: 3 }));
      expect(error.option).toBe('rows');
      expect(error.message).toBe('rows must be given together with bands, got undefined');
    });

    it('refuses rows without bands, naming bands', () => {
      const error = thrown(InvalidOptionError, () => new LshIndex({ rows: 3 }));
      expect(error.option).toBe('bands');
      expect(error.message).toBe('bands must be given together with rows, got undefined');
    });

    it('refuses bands x rows above numPerm, naming the rule and both values', () => {
      const error = thrown(InvalidOptionError, () => new LshIndex({ bands: 30, rows: 5 }));
      expect(error.option).toBe('bands');
      expect(error.value).toBe(30);
      expect(error.message).toBe('bands must be such that bands x rows <= numPerm (128); rows is 5, got 30');
    });

    it('accepts the same bands x rows with a larger numPerm', () => {
      expect(new LshIndex({ bands: 30, rows: 5, numPerm: 256 }).bands).toBe(30);
    });

    it.each([
      [{ bands: 0, rows: 5 }, 'bands', 'bands must be an integer from 1 to 128, got 0'],
      [{ bands: 4, rows: 2.5 }, 'rows', 'rows must be an integer from 1 to 128, got 2.5'],
      [{ numPerm: 0 }, 'numPerm', 'numPerm must be an integer from 1 to 1024, got 0'],
      [{ threshold: 0 }, 'threshold', 'threshold must be a number greater than 0 and at most 1, got 0'],
    ])('refuses %o, naming option, rule and value', (options, option, message) => {
      const error = thrown(InvalidOptionError, () => new LshIndex(options));
      expect(error.option).toBe(option);
      expect(error.message).toBe(message);
    });
  });

  describe('insert, has, size', () => {
    it('counts and knows the documents inserted', () => {
      const index = new LshIndex();
      expect(index.size).toBe(0);
      expect(index.has('a')).toBe(false);
      index.insert('a', sig(storyText));
      index.insert('b', sig(otherText));
      expect(index.size).toBe(2);
      expect(index.has('a')).toBe(true);
      expect(index.has('b')).toBe(true);
      expect(index.has('c')).toBe(false);
    });

    it('refuses a duplicate id with DuplicateIdError and stays unchanged', () => {
      const index = new LshIndex();
      index.insert('a', sig(storyText));
      const error = thrown(DuplicateIdError, () => index.insert('a', sig(otherText)));
      expect(error.id).toBe('a');
      expect(error.message).toBe('duplicate id "a": it is already in the index (remove it first to replace it)');
      expect(index.size).toBe(1);
      expect(index.query(sig(otherText))).toEqual([]);
      expect(index.query(sig(storyText))).toEqual(['a']);
    });

    it('refuses an id that is not a string', () => {
      const error = thrown(InvalidOptionError, () => new LshIndex().insert(7 as never, sig(storyText)));
      expect(error.option).toBe('id');
      expect(error.message).toBe('id must be a string, got 7');
    });

    it('refuses something that is not a Signature', () => {
      const error = thrown(InvalidOptionError, () => new LshIndex().insert('a', { values: new Uint32Array(128) } as never));
      expect(error.option).toBe('signature');
      expect(error.message).toBe('signature must be a Signature, got an object (Object)');
    });
  });

  describe('compatibility', () => {
    it('refuses a signature with another numPerm, even while empty', () => {
      const index = new LshIndex();
      const error = thrown(IncompatibleSignatureError, () => index.insert('a', new MinHasher({ numPerm: 64 }).sign(storyText)));
      expect({ parameter: error.parameter, expected: error.expected, actual: error.actual }).toEqual({ parameter: 'numPerm', expected: 128, actual: 64 });
      expect(error.message).toBe('incompatible signature and index: numPerm is 128 on one side and 64 on the other');
      expect(index.size).toBe(0);
      expect(() => index.query(new MinHasher({ numPerm: 64 }).sign(storyText))).toThrow(IncompatibleSignatureError);
    });

    it('refuses a signature with another seed than the first one inserted', () => {
      const index = new LshIndex();
      index.insert('a', sig(storyText));
      const other = new MinHasher({ seed: 2 }).sign(storyText);
      const error = thrown(IncompatibleSignatureError, () => index.insert('b', other));
      expect({ parameter: error.parameter, expected: error.expected, actual: error.actual }).toEqual({ parameter: 'seed', expected: 1, actual: 2 });
      expect(error.message).toBe('incompatible signature and index: seed is 1 on one side and 2 on the other');
      expect(() => index.query(other)).toThrow(IncompatibleSignatureError);
      expect(() => index.similarity('a', other)).toThrow(IncompatibleSignatureError);
      expect(index.size).toBe(1);
    });

    it('refuses a signature with another scheme than the first one inserted', () => {
      const index = new LshIndex();
      index.insert('a', sig(storyText));
      const other = new MinHasher({ scheme: 'kperm' }).sign(storyText);
      const error = thrown(IncompatibleSignatureError, () => index.insert('b', other));
      expect({ parameter: error.parameter, expected: error.expected, actual: error.actual }).toEqual({ parameter: 'scheme', expected: 'oph', actual: 'kperm' });
      expect(error.message).toBe('incompatible signature and index: scheme is oph on one side and kperm on the other');
      expect(() => index.query(other)).toThrow(IncompatibleSignatureError);
    });

    it('lets the first inserted signature fix the parameters (another seed and scheme are fine then)', () => {
      const kperm = new MinHasher({ scheme: 'kperm', seed: 7 });
      const index = new LshIndex();
      expect(index.query(kperm.sign(storyText))).toEqual([]); // nothing fixed yet: only numPerm must match
      index.insert('a', kperm.sign(storyText));
      expect(index.query(kperm.sign(storyText))).toEqual(['a']);
      expect(() => index.insert('b', sig(storyText))).toThrow(IncompatibleSignatureError);
    });
  });

  describe('query', () => {
    const index = new LshIndex();
    index.insert('story', sig(storyText));
    index.insert('other', sig(otherText));

    it('finds an identical document', () => {
      expect(index.query(sig(storyText))).toEqual(['story']);
    });

    it('finds a near-duplicate', () => {
      expect(hasher.sign(nearText).similarity(sig(storyText))).toBeGreaterThan(0.6);
      expect(index.query(sig(nearText))).toEqual(['story']);
    });

    it('does not return an unrelated document', () => {
      expect(index.query(sig(words(300).join(' ')))).toEqual([]);
    });

    it('returns each candidate once, even when it shares every band', () => {
      const copies = new LshIndex();
      for (const id of ['x', 'y', 'z']) copies.insert(id, sig(storyText));
      const found = copies.query(sig(storyText));
      expect(found).toHaveLength(3);
      expect([...found].sort()).toEqual(['x', 'y', 'z']);
    });

    it('returns nothing from an empty index', () => {
      expect(new LshIndex().query(sig(storyText))).toEqual([]);
    });
  });

  describe('remove', () => {
    it('removes the document: has, size and the return value say so', () => {
      const index = new LshIndex();
      index.insert('a', sig(storyText));
      expect(index.remove('a')).toBe(true);
      expect(index.has('a')).toBe(false);
      expect(index.size).toBe(0);
      expect(index.remove('a')).toBe(false);
      expect(index.remove('never')).toBe(false);
    });

    it('deletes every band entry: a removed document is never a candidate again, not even for itself', () => {
      const index = new LshIndex();
      index.insert('a', sig(storyText));
      index.insert('b', sig(otherText));
      index.remove('a');
      expect(index.query(sig(storyText))).toEqual([]);
      expect(index.query(sig(nearText))).toEqual([]);
      expect(index.query(sig(otherText))).toEqual(['b']);
      expect(index.similarity('a', sig(storyText))).toBeUndefined();
    });

    it('leaves the other documents of a shared bucket in place', () => {
      const index = new LshIndex();
      for (const id of ['x', 'y', 'z']) index.insert(id, sig(storyText));
      index.remove('y');
      expect([...index.query(sig(storyText))].sort()).toEqual(['x', 'z']);
      index.remove('x');
      expect(index.query(sig(storyText))).toEqual(['z']);
      index.remove('z');
      expect(index.query(sig(storyText))).toEqual([]);
    });

    it('lets the same id be inserted again, with its new signature', () => {
      const index = new LshIndex();
      index.insert('a', sig(storyText));
      index.remove('a');
      index.insert('a', sig(otherText));
      expect(index.size).toBe(1);
      expect(index.query(sig(otherText))).toEqual(['a']);
      expect(index.query(sig(storyText))).toEqual([]);
      expect(index.similarity('a', sig(otherText))).toBe(1);
    });

    it('keeps working through many inserts and removes', () => {
      const index = new LshIndex();
      const texts = Array.from({ length: 150 }, () => words(40).join(' '));
      texts.forEach((text, i) => index.insert(`d${i}`, sig(text)));
      for (let i = 0; i < texts.length; i += 2) index.remove(`d${i}`);
      expect(index.size).toBe(75);
      texts.forEach((text, i) => expect(index.query(sig(text))).toEqual(i % 2 === 0 ? [] : [`d${i}`]));
    });
  });

  describe('reserve', () => {
    it('changes no answer: a reserved index finds the candidates of one that grew', () => {
      const texts = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? storyText : words(60).join(' ')) + ` tail${i % 7}`);
      const reserved = new LshIndex();
      reserved.reserve(texts.length);
      const grown = new LshIndex();
      texts.forEach((text, i) => {
        expect(reserved.query(sig(text)).sort()).toEqual(grown.query(sig(text)).sort());
        reserved.insert(`d${i}`, sig(text));
        grown.insert(`d${i}`, sig(text));
      });
      expect(reserved.size).toBe(texts.length);
    });

    it('lets more documents in than reserved', () => {
      const index = new LshIndex();
      index.reserve(2);
      for (let i = 0; i < 50; i++) index.insert(`d${i}`, sig(`${storyText} ${i}`));
      expect(index.query(sig(storyText))).toHaveLength(50);
    });

    it('keeps its answers through removals and inserts again after a reserve', () => {
      const index = new LshIndex();
      index.reserve(100);
      for (let i = 0; i < 60; i++) index.insert(`d${i}`, sig(i % 2 === 0 ? `${storyText} ${i}` : words(80).join(' ')));
      for (let i = 0; i < 60; i += 4) index.remove(`d${i}`);
      for (let i = 0; i < 60; i += 4) index.insert(`n${i}`, sig(`${storyText} ${i}`));
      const expected = [...Array.from({ length: 60 }, (_, i) => (i % 2 === 0 && i % 4 !== 0 ? `d${i}` : undefined)), ...Array.from({ length: 15 }, (_, j) => `n${4 * j}`)].filter(Boolean);
      expect(index.query(sig(storyText)).sort()).toEqual(expected.sort());
    });

    it('refuses a count that is not a non-negative integer, naming it', () => {
      const error = thrown(InvalidOptionError, () => new LshIndex().reserve(-1));
      expect(error.option).toBe('documents');
      expect(() => new LshIndex().reserve(1.5)).toThrow(InvalidOptionError);
    });
  });

  describe('insertValuesVisiting', () => {
    it('leaves the index as it was when the visitor throws', () => {
      const index = new LshIndex();
      for (let i = 0; i < 5; i++) index.insert(`d${i}`, sig(storyText + ` ${i}`));
      const signature = sig(nearText);
      expect(() =>
        index.insertValuesVisiting('x', signature.values, false, signature, () => {
          throw new Error('visitor failed');
        }),
      ).toThrow('visitor failed');
      expect(index.has('x')).toBe(false);
      expect(index.size).toBe(5);
      expect(index.query(signature).sort()).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
      index.insert('x', signature); // the id is free again, and its slot is whole
      expect(index.query(signature)).toContain('x');
    });

    it('visits exactly the candidates a query just before the insert returns, each once', () => {
      const index = new LshIndex();
      const texts = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? nearText : i % 4 === 1 ? storyText : words(80).join(' ')));
      texts.forEach((text, i) => {
        const signature = sig(text);
        const expected = index.query(signature).sort();
        const visited: string[] = [];
        index.insertValuesVisiting(`d${i}`, signature.values, signature.isEmpty, signature, (slot) => visited.push(index.idOf(slot)));
        expect(visited.sort()).toEqual(expected);
        expect(index.has(`d${i}`)).toBe(true);
      });
    });
  });

  describe('empty signatures', () => {
    const empty = sig('');

    it('are insertable and known to has and size', () => {
      const index = new LshIndex();
      index.insert('e', empty);
      expect(empty.isEmpty).toBe(true);
      expect(index.has('e')).toBe(true);
      expect(index.size).toBe(1);
    });

    it('are never a candidate, not even for another empty signature', () => {
      const index = new LshIndex();
      index.insert('e1', empty);
      index.insert('e2', sig('... !!! ---'));
      index.insert('a', sig(storyText));
      expect(index.query(empty)).toEqual([]);
      expect(index.query(sig(storyText))).toEqual(['a']);
      expect(index.similarity('e1', empty)).toBe(0);
      expect(index.similarity('a', empty)).toBe(0);
    });

    it('can be removed', () => {
      const index = new LshIndex();
      index.insert('e', empty);
      expect(index.remove('e')).toBe(true);
      expect(index.size).toBe(0);
    });
  });

  describe('similarity', () => {
    const index = new LshIndex();
    index.insert('story', sig(storyText));

    it('is the estimate of Signature.similarity between the stored and the given signature', () => {
      expect(index.similarity('story', sig(storyText))).toBe(1);
      expect(index.similarity('story', sig(nearText))).toBe(sig(storyText).similarity(sig(nearText)));
      expect(index.similarity('story', sig(otherText))).toBe(sig(storyText).similarity(sig(otherText)));
    });

    it('is undefined for an id not in the index', () => {
      expect(index.similarity('missing', sig(storyText))).toBeUndefined();
    });
  });

  describe('candidate rate', () => {
    // Pairs of random hash sets with a known Jaccard similarity: |A ∪ B| = 200, |A ∩ B| = 200 J.
    // Over 400 independent pairs the fraction that become candidates estimates the S-curve at J;
    // its standard error is at most 0.025, and the tolerance allows about 3 of them.
    const pairsPerLevel = 400;
    const tolerance = 0.08;

    function pairWithJaccard(rand: () => number, jaccard: number): [Uint32Array, Uint32Array] {
      const union = 200;
      const shared = Math.round(union * jaccard);
      const distinct = new Set<number>();
      while (distinct.size < union) distinct.add(Math.floor(rand() * 4294967296));
      const all = [...distinct];
      const onlyA = Math.floor((union - shared) / 2);
      const a = all.slice(0, shared + onlyA);
      const b = [...all.slice(0, shared), ...all.slice(shared + onlyA)];
      return [Uint32Array.from(a), Uint32Array.from(b)];
    }

    function empiricalRate(scheme: 'oph' | 'kperm', banding: { bands: number; rows: number }, jaccard: number, rand: () => number): number {
      const signer = new MinHasher({ scheme });
      const index = new LshIndex(banding);
      const queries: Signature[] = [];
      for (let i = 0; i < pairsPerLevel; i++) {
        const [a, b] = pairWithJaccard(rand, jaccard);
        index.insert(`p${i}`, signer.signHashes(a));
        queries.push(signer.signHashes(b));
      }
      let hits = 0;
      queries.forEach((query, i) => {
        if (index.query(query).includes(`p${i}`)) hits++;
      });
      return hits / pairsPerLevel;
    }

    it.each([
      ['oph', { bands: 23, rows: 3 }],
      ['kperm', { bands: 23, rows: 3 }],
      ['oph', { bands: 13, rows: 7 }],
    ] as const)('matches candidateProbability for scheme %s with %o', (scheme, banding) => {
      const next32 = mulberry32(seed + banding.rows);
      const rand = () => next32() / 4294967296;
      for (const jaccard of [0.2, 0.4, 0.6, 0.8]) {
        const expected = candidateProbability(jaccard, banding);
        const observed = empiricalRate(scheme, banding, jaccard, rand);
        expect(Math.abs(observed - expected), `J = ${jaccard}: observed ${observed}, expected ${expected.toFixed(3)}`).toBeLessThanOrEqual(tolerance);
      }
    });
  });
});

describe('LshIndex memory under churn', () => {
  it('reuses the slots of removed documents: a sliding window of 100 documents over 20,000 stays at its size', () => {
    const hasher = new MinHasher({ numPerm: 32 });
    const index = new LshIndex({ numPerm: 32, threshold: 0.5 });
    const text = (i: number) => `story ${i} about item ${i * 7} and its price ${i * 13} in market ${i % 97}`;
    const signatures = Array.from({ length: 200 }, (_, i) => hasher.sign(text(i)));
    for (let i = 0; i < 20_000; i++) {
      index.insert(`doc-${i}`, signatures[i % 200]!);
      if (i >= 100) expect(index.remove(`doc-${i - 100}`)).toBe(true);
    }
    expect(index.size).toBe(100);
    expect(index.slotCount).toBe(101); // 100 live, and the slot freed last before the final insert
    // Every live document is found by its own signature, and no removed one ever is.
    for (let i = 19_900; i < 20_000; i++) {
      const found = index.query(signatures[i % 200]!);
      expect(found).toContain(`doc-${i}`);
      expect(found.every((id) => Number(id.slice(4)) >= 19_900)).toBe(true);
    }
    // Slots were reused: snapshots list exactly the live documents, in insertion order.
    expect([...index.entries()].map((e) => e.id)).toEqual(Array.from({ length: 100 }, (_, k) => `doc-${19_900 + k}`));
  });
});
