import { describe, expect, it } from 'vitest';
import { INVALID_NEARDUP_OPTIONS } from '../__helpers__/invalidNeardupOptions.js';
import { rejection } from '../__helpers__/thrown.js';
import { wordSource } from '../__helpers__/random.js';
import { createDeduper, Deduper, DuplicateIdError, exactJaccard, hashShingles, InvalidOptionError, MinHasher, type NeardupOptions } from '../../src/index.js';

const seed = Number(process.env['FC_SEED'] ?? 42);

const words = wordSource(seed);
const base = words(200);
/** The base story with every `every`-th word replaced. */
const edited = (every: number) => base.map((w, i) => (i % every === every - 1 ? `edit${i}` : w)).join(' ');
const story = base.join(' ');
const lightEdit = edited(40); // 5 edits: Jaccard about 0.77
const heavyEdit = edited(20); // 10 edits: Jaccard about 0.6
const unrelated = words(200).join(' ');
const exact = (x: string, y: string) => exactJaccard(hashShingles(x), hashShingles(y));

describe('createDeduper', () => {
  it('resolves to a Deduper with every default filled in', async () => {
    const deduper = await createDeduper();
    expect(deduper).toBeInstanceOf(Deduper);
    expect(deduper.options).toEqual({
      threshold: 0.5,
      shingling: { kind: 'word', size: 5 },
      numPerm: 128,
      seed: 1,
      scheme: 'oph',
      verify: 'exact',
      representative: 'first',
      bands: 23,
      rows: 3,
    });
    expect(Object.isFrozen(deduper.options)).toBe(true);
  });

  it.each(INVALID_NEARDUP_OPTIONS)('rejects %o with an InvalidOptionError naming option, rule and value', async (options, option, message) => {
    const error = await rejection(InvalidOptionError, createDeduper(options));
    expect(error.option).toBe(option);
    expect(error.value).toEqual(options[option as keyof NeardupOptions]);
    expect(error.message).toBe(message);
  });
});

describe('Deduper', () => {
  it('returns nothing for the first document', async () => {
    const deduper = await createDeduper();
    expect(await deduper.add('a', story)).toEqual([]);
    expect(await deduper.size()).toBe(1);
    expect(await deduper.has('a')).toBe(true);
  });

  it('returns the earlier document a new one near-duplicates, with their similarity', async () => {
    const deduper = await createDeduper();
    await deduper.add('original', story);
    await deduper.add('other', unrelated);
    expect(await deduper.add('copy', lightEdit)).toEqual([{ id: 'original', similarity: exact(story, lightEdit) }]);
  });

  it('returns every earlier match, most similar first', async () => {
    const deduper = await createDeduper();
    await deduper.add('heavy', heavyEdit);
    await deduper.add('other', unrelated);
    await deduper.add('light', lightEdit);
    const matches = await deduper.add('story', story);
    expect(matches.map((m) => m.id)).toEqual(['light', 'heavy']);
    expect(matches[0]!.similarity).toBe(exact(story, lightEdit));
    expect(matches[1]!.similarity).toBe(exact(story, heavyEdit));
    expect(matches[0]!.similarity).toBeGreaterThan(matches[1]!.similarity);
    expect(matches[1]!.similarity).toBeGreaterThanOrEqual(0.5);
  });

  it('leaves out candidates below the threshold', async () => {
    const similarity = exact(story, heavyEdit);
    const strict = await createDeduper({ threshold: similarity + 0.01 });
    await strict.add('story', story);
    expect(await strict.add('heavy', heavyEdit)).toEqual([]);
    // Well below the pair, so the banding makes it a candidate all but surely (a pair right at the
    // threshold is one with probability 0.95 only).
    const lenient = await createDeduper({ threshold: 0.4 });
    await lenient.add('story', story);
    expect(await lenient.add('heavy', heavyEdit)).toEqual([{ id: 'story', similarity }]);
  });

  it('keeps a pair exactly at the threshold (similarity >= threshold)', async () => {
    const similarity = exact(story, heavyEdit);
    // 40 bands of 2 rows make a pair of similarity 0.6 a candidate with probability 1 - 0.64^40.
    const deduper = await createDeduper({ threshold: similarity, bands: 40, rows: 2 });
    await deduper.add('story', story);
    expect(await deduper.add('heavy', heavyEdit)).toEqual([{ id: 'story', similarity }]);
  });

  it('gives the similarity 1 to an identical text', async () => {
    const deduper = await createDeduper();
    await deduper.add('a', story);
    expect(await deduper.add('b', story)).toEqual([{ id: 'a', similarity: 1 }]);
  });

  it('never matches empty or punctuation-only texts, not even with each other', async () => {
    const deduper = await createDeduper();
    expect(await deduper.add('e1', '')).toEqual([]);
    expect(await deduper.add('e2', '')).toEqual([]);
    expect(await deduper.add('p1', '... -- !!!')).toEqual([]);
    expect(await deduper.check('')).toEqual([]);
    expect(await deduper.size()).toBe(3);
  });

  describe('check', () => {
    it('returns the matches without adding the document', async () => {
      const deduper = await createDeduper();
      await deduper.add('story', story);
      expect(await deduper.check(lightEdit)).toEqual([{ id: 'story', similarity: exact(story, lightEdit) }]);
      expect(await deduper.size()).toBe(1);
      expect(await deduper.check(lightEdit)).toEqual([{ id: 'story', similarity: exact(story, lightEdit) }]);
      expect(await deduper.add('light', lightEdit)).toEqual([{ id: 'story', similarity: exact(story, lightEdit) }]);
      expect(await deduper.size()).toBe(2);
    });

    it('returns nothing from an empty deduper', async () => {
      expect(await (await createDeduper()).check(story)).toEqual([]);
    });
  });

  describe('remove', () => {
    it('stops later documents from matching the removed one', async () => {
      const deduper = await createDeduper();
      await deduper.add('story', story);
      await deduper.add('heavy', heavyEdit);
      expect(await deduper.remove('story')).toBe(true);
      expect(await deduper.has('story')).toBe(false);
      expect(await deduper.size()).toBe(1);
      expect((await deduper.add('light', lightEdit)).map((m) => m.id)).toEqual(['heavy']);
    });

    it('returns false for an id it does not hold', async () => {
      const deduper = await createDeduper();
      expect(await deduper.remove('missing')).toBe(false);
    });

    it('lets the id be added again with another text', async () => {
      const deduper = await createDeduper();
      await deduper.add('a', story);
      await deduper.remove('a');
      expect(await deduper.add('a', unrelated)).toEqual([]);
      expect(await deduper.check(unrelated)).toEqual([{ id: 'a', similarity: 1 }]);
      expect(await deduper.check(story)).toEqual([]);
    });
  });

  describe('addMany', () => {
    it('returns what add would return for each document, one by one', async () => {
      const docs = [
        { id: 'a', text: story },
        { id: 'b', text: unrelated },
        { id: 'c', text: lightEdit },
        { id: 'd', text: heavyEdit },
      ];
      const oneByOne = await createDeduper();
      const expected = [];
      for (const { id, text } of docs) expected.push(await oneByOne.add(id, text));
      const batch = await createDeduper();
      expect(await batch.addMany(docs)).toEqual(expected);
      expect(expected.map((m) => m.length)).toEqual([0, 0, 1, 2]);
    });

    it('names the position of a repeated id, a bad text, or an id already held', async () => {
      const deduper = await createDeduper();
      await expect(deduper.addMany([{ id: 'a', text: story }, { id: 'a', text: story }])).rejects.toThrow(new DuplicateIdError('a', 1, 0));
      await expect(deduper.addMany([{ id: 'x', text: 7 as unknown as string }])).rejects.toThrow(new InvalidOptionError('docs[0].text', 'a string', 7));
      expect(await deduper.size()).toBe(0); // checked before anything is added
      await deduper.add('held', story);
      await expect(deduper.addMany([{ id: 'new', text: unrelated }, { id: 'held', text: story }])).rejects.toThrow(
        'document at position 1: duplicate id "held": the index already holds it',
      );
      expect(await deduper.has('new')).toBe(true); // the documents before it were added
    });

    it('checks the batch for repeated ids before adding any: a repeat anywhere is named before an id already held', async () => {
      const deduper = await createDeduper();
      await deduper.add('held', story);
      const batch = [
        { id: 'fresh', text: unrelated },
        { id: 'held', text: story },
        { id: 'twice', text: lightEdit },
        { id: 'twice', text: heavyEdit },
      ];
      await expect(deduper.addMany(batch)).rejects.toThrow(new DuplicateIdError('twice', 3, 2));
      expect(await deduper.size()).toBe(1); // nothing of the batch was added
    });
  });

  describe('duplicate ids', () => {
    it('rejects a second add with the same id and leaves the deduper unchanged', async () => {
      const deduper = await createDeduper();
      await deduper.add('a', story);
      const error = await rejection(DuplicateIdError, deduper.add('a', unrelated));
      expect(error.id).toBe('a');
      expect(error.message).toBe('duplicate id "a": it is already in the index (remove it first to replace it)');
      expect(await deduper.size()).toBe(1);
      expect(await deduper.check(unrelated)).toEqual([]);
      expect(await deduper.check(story)).toEqual([{ id: 'a', similarity: 1 }]);
    });
  });

  describe('input checks', () => {
    it('rejects an id that is not a string', async () => {
      const deduper = await createDeduper();
      const error = await rejection(InvalidOptionError, deduper.add(42 as never, story));
      expect(error.option).toBe('id');
      expect(error.message).toBe('id must be a string, got 42');
      expect(await deduper.size()).toBe(0);
    });

    it('rejects a text that is not a string, in add and in check', async () => {
      const deduper = await createDeduper();
      const error = await rejection(InvalidOptionError, deduper.add('a', null as never));
      expect(error.option).toBe('text');
      expect(error.message).toBe('text must be a string, got null');
      expect(await deduper.size()).toBe(0);
      expect(await deduper.has('a')).toBe(false);
      await rejection(InvalidOptionError, deduper.check(7 as never));
    });
  });

  describe('verify', () => {
    it("with 'exact', reports the exact Jaccard of the two shingle sets", async () => {
      const deduper = await createDeduper({ verify: 'exact' });
      await deduper.add('story', story);
      const [match] = await deduper.add('heavy', heavyEdit);
      expect(match!.similarity).toBe(exactJaccard(hashShingles(story), hashShingles(heavyEdit)));
    });

    it("with 'exact', uses the configured shingling for the exact Jaccard", async () => {
      const deduper = await createDeduper({ verify: 'exact', shingleSize: 3 });
      await deduper.add('story', story);
      const [match] = await deduper.add('heavy', heavyEdit);
      expect(match!.similarity).toBe(exactJaccard(hashShingles(story, { shingleSize: 3 }), hashShingles(heavyEdit, { shingleSize: 3 })));
      expect(match!.similarity).not.toBe(exact(story, heavyEdit));
    });

    it("with 'estimate', reports the signatures' estimate instead", async () => {
      const deduper = await createDeduper({ verify: 'estimate' });
      await deduper.add('story', story);
      const [match] = await deduper.add('heavy', heavyEdit);
      const hasher = new MinHasher();
      const estimate = hasher.sign(story).similarity(hasher.sign(heavyEdit));
      expect(match!.similarity).toBe(estimate);
      expect(estimate).not.toBe(exact(story, heavyEdit));
      // Within four standard errors sqrt(J(1-J)/128) of the exact value.
      const j = exact(story, heavyEdit);
      expect(Math.abs(estimate - j)).toBeLessThan(4 * Math.sqrt((j * (1 - j)) / 128));
    });

    it("with 'estimate', follows numPerm, seed and scheme", async () => {
      const options = { verify: 'estimate', numPerm: 256, seed: 11, scheme: 'kperm' } as const;
      const deduper = await createDeduper(options);
      await deduper.add('story', story);
      const [match] = await deduper.add('light', lightEdit);
      const hasher = new MinHasher({ numPerm: 256, seed: 11, scheme: 'kperm' });
      expect(match!.similarity).toBe(hasher.sign(story).similarity(hasher.sign(lightEdit)));
    });
  });
});

describe('Deduper snapshots: entries() and restore()', () => {
  it.each<NeardupOptions>([{}, { verify: 'estimate' }, { scheme: 'kperm', numPerm: 64 }])(
    'a deduper restored from entries() matches new documents exactly as the original does (%o)',
    async (options) => {
      const original = new Deduper(options);
      await original.add('story', story);
      await original.add('empty', '!!!');
      await original.add('unrelated', unrelated);
      await original.remove('unrelated');
      const restored = new Deduper(options);
      for (const entry of original.entries()) restored.restore(entry);
      expect([...restored.entries()].map((e) => e.id)).toEqual(['story', 'empty']);
      expect(await restored.size()).toBe(2);
      expect(await restored.add('edit', lightEdit)).toEqual(await original.add('edit', lightEdit));
      expect(await restored.add('heavy', heavyEdit)).toEqual(await original.add('heavy', heavyEdit));
    },
  );

  it('lists each entry with its values, emptiness and (under exact verification) its shingle set', async () => {
    const d = new Deduper();
    await d.add('story', story);
    await d.add('empty', '');
    const [first, second] = [...d.entries()];
    expect(first).toMatchObject({ id: 'story', isEmpty: false });
    expect(first!.values).toEqual(new MinHasher().sign(story).values);
    expect(first!.shingles).toEqual(hashShingles(story));
    expect(second).toMatchObject({ id: 'empty', isEmpty: true });
    expect(second!.values).toEqual(new MinHasher().sign('').values);
  });

  it("lists an empty document's values as its signature's, whatever its slot held before", async () => {
    const d = new Deduper();
    await d.add('story', story);
    await d.remove('story'); // frees the slot that the empty document takes next
    await d.add('empty', '');
    const [entry] = [...d.entries()];
    expect(entry).toMatchObject({ id: 'empty', isEmpty: true });
    expect(entry!.values).toEqual(new MinHasher().sign('').values);
  });

  it('refuses an entry that does not fit: a repeated id, values of another length, no shingles under exact verification', async () => {
    const source = new Deduper();
    await source.add('story', story);
    const [entry] = [...source.entries()];
    const target = new Deduper();
    target.restore(entry!);
    expect(() => target.restore(entry!)).toThrow(DuplicateIdError);
    expect(() => new Deduper({ numPerm: 64 }).restore(entry!)).toThrow('entry.values must be a Uint32Array of numPerm (64) values');
    expect(() => new Deduper().restore({ ...entry!, shingles: undefined })).toThrow(InvalidOptionError);
  });
});
