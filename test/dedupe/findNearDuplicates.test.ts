import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rejection } from '../__helpers__/thrown.js';
import { wordSource } from '../__helpers__/random.js';
import {
  DuplicateIdError,
  exactJaccard,
  findNearDuplicates,
  hashShingles,
  InvalidDocumentError,
  InvalidOptionError,
  type Document,
} from '../../src/index.js';

const articlesDir = fileURLToPath(new URL('../../examples/articles', import.meta.url));
const articles: Document[] = readdirSync(articlesDir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({ id: name, text: readFileSync(`${articlesDir}/${name}`, 'utf8') }));

const seed = Number(process.env['FC_SEED'] ?? 42);

const words = wordSource(seed);
const story = words(150);
const storyText = story.join(' ');
const editedText = story.map((w, i) => (i % 30 === 29 ? `edit${i}` : w)).join(' ');
const otherText = words(150).join(' ');

function* generate(docs: readonly unknown[]): Generator<Document> {
  for (const doc of docs) yield doc as Document;
}

async function* stream(docs: readonly unknown[]): AsyncGenerator<Document> {
  for (const doc of docs) {
    await Promise.resolve();
    yield doc as Document;
  }
}

describe('findNearDuplicates', () => {
  describe('on the seed articles', () => {
    it('has five articles to read', () => {
      expect(articles.map((a) => a.id.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
    });

    it('finds exactly one cluster with default options: the syndicated story 000 and its copy 001', async () => {
      const { clusters, stats } = await findNearDuplicates(articles);
      const [first, second] = articles.map((a) => a.id);
      expect(clusters).toHaveLength(1);
      expect(clusters[0]!.ids).toEqual([first, second]);
      expect(clusters[0]!.representative).toBe(first);
      expect(clusters[0]!.pairs).toHaveLength(1);
      expect(clusters[0]!.pairs[0]).toMatchObject({ a: first, b: second });
      expect(clusters[0]!.pairs[0]!.similarity).toBeCloseTo(0.668, 3);
      expect(stats).toMatchObject({ documents: 5, emptyDocuments: 0, pairs: 1 });
      expect(stats.seconds).toBeGreaterThanOrEqual(0);
    });

    it('reports the exact Jaccard of the pair under the default verify', async () => {
      const { clusters } = await findNearDuplicates(articles);
      expect(clusters[0]!.pairs[0]!.similarity).toBe(exactJaccard(hashShingles(articles[0]!.text), hashShingles(articles[1]!.text)));
    });

    it('gives the same clusters from an array, a generator and an async generator', async () => {
      const fromArray = await findNearDuplicates(articles);
      const fromGenerator = await findNearDuplicates(generate(articles));
      const fromStream = await findNearDuplicates(stream(articles));
      expect(fromGenerator.clusters).toEqual(fromArray.clusters);
      expect(fromStream.clusters).toEqual(fromArray.clusters);
      expect(fromGenerator.stats.documents).toBe(5);
      expect(fromStream.stats.documents).toBe(5);
    });

    it('finds nothing when the threshold is above the pair', async () => {
      const { clusters, stats } = await findNearDuplicates(articles, { threshold: 0.7 });
      expect(clusters).toEqual([]);
      expect(stats.pairs).toBe(0);
    });
  });

  it('groups near-duplicates transitively and counts the confirmed pairs', async () => {
    const { clusters, stats } = await findNearDuplicates([
      { id: 'a', text: storyText },
      { id: 'x', text: otherText },
      { id: 'b', text: editedText },
      { id: 'c', text: storyText },
    ]);
    expect(clusters.map((c) => c.ids)).toEqual([['a', 'b', 'c']]);
    expect(clusters[0]!.pairs.map((p) => [p.a, p.b])).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect(clusters[0]!.pairs[1]!.similarity).toBe(1);
    expect(stats).toMatchObject({ documents: 4, emptyDocuments: 0, pairs: 3 });
  });

  it("names clusters by their most central member with representative 'central'", async () => {
    // b is identical to both a and c; a and c are each other's weaker match: b has the highest total.
    const left = story.map((w, i) => (i % 30 === 14 ? `left${i}` : w)).join(' ');
    const right = story.map((w, i) => (i % 30 === 29 ? `right${i}` : w)).join(' ');
    const { clusters } = await findNearDuplicates(
      [
        { id: 'a', text: left },
        { id: 'b', text: storyText },
        { id: 'c', text: right },
      ],
      { representative: 'central' },
    );
    expect(clusters.map((c) => [c.ids, c.representative])).toEqual([[['a', 'b', 'c'], 'b']]);
  });

  it('returns no clusters and zero counts for no documents', async () => {
    const { clusters, stats } = await findNearDuplicates([]);
    expect(clusters).toEqual([]);
    expect(stats).toMatchObject({ documents: 0, emptyDocuments: 0, pairs: 0 });
  });

  describe('empty documents', () => {
    it('never clusters empty or punctuation-only texts, and counts them', async () => {
      const { clusters, stats } = await findNearDuplicates([
        { id: 'e1', text: '' },
        { id: 'e2', text: '' },
        { id: 'p1', text: '!!! ... ---' },
        { id: 'p2', text: '!!! ... ---' },
        { id: 's1', text: '   \n\t ' },
        { id: 'a', text: storyText },
      ]);
      expect(clusters).toEqual([]);
      expect(stats).toMatchObject({ documents: 6, emptyDocuments: 5, pairs: 0 });
    });

    it('decides emptiness after normalization: "™" is the word "tm", not an empty text', async () => {
      const { clusters, stats } = await findNearDuplicates([
        { id: 'a', text: '™' },
        { id: 'b', text: 'TM' },
      ]);
      expect(clusters.map((c) => c.ids)).toEqual([['a', 'b']]);
      expect(stats).toMatchObject({ documents: 2, emptyDocuments: 0, pairs: 1 });
    });

    it('keeps clustering the other documents around them', async () => {
      const { clusters, stats } = await findNearDuplicates([
        { id: 'e1', text: '' },
        { id: 'a', text: storyText },
        { id: 'e2', text: '' },
        { id: 'b', text: storyText },
      ]);
      expect(clusters.map((c) => c.ids)).toEqual([['a', 'b']]);
      expect(stats).toMatchObject({ documents: 4, emptyDocuments: 2, pairs: 1 });
    });
  });

  describe('invalid input', () => {
    it.each([
      ['null', null, 'document', 'document at position 2: document must be an object { id, text }, got null'],
      ['a string', 'just text', 'document', 'document at position 2: document must be an object { id, text }, got string'],
      ['a document without id', { text: 'some words here' }, 'id', 'document at position 2: id must be a string, got undefined'],
      ['a numeric id', { id: 7, text: 'some words here' }, 'id', 'document at position 2: id must be a string, got number'],
      ['a numeric text', { id: 'z', text: 42 }, 'text', 'document at position 2: text must be a string, got number'],
    ])('rejects %s at position 2 with InvalidDocumentError naming position and field', async (_name, bad, field, message) => {
      const docs = [articles[0], articles[1], bad, articles[2]];
      for (const input of [docs, generate(docs), stream(docs)]) {
        const error = await rejection(InvalidDocumentError, findNearDuplicates(input as Iterable<Document>));
        expect(error.position).toBe(2);
        expect(error.field).toBe(field);
        expect(error.message).toBe(message);
      }
    });

    it('counts positions from 0', async () => {
      const error = await rejection(InvalidDocumentError, findNearDuplicates([null as never]));
      expect(error.position).toBe(0);
      expect(error.message).toBe('document at position 0: document must be an object { id, text }, got null');
    });

    it.each([
      ['null', null, 'null'],
      ['a number', 42, '42'],
      ['a string', 'abc', '"abc"'],
      ['a plain object', { id: 'a', text: 'b' }, 'an object (Object)'],
    ])('rejects docs that are %s with InvalidOptionError', async (_name, docs, shown) => {
      const error = await rejection(InvalidOptionError, findNearDuplicates(docs as never));
      expect(error.option).toBe('docs');
      expect(error.message).toBe(`docs must be an iterable or async iterable of { id, text }, got ${shown}`);
    });

    it('rejects two documents with the same id with DuplicateIdError naming both positions', async () => {
      const error = await rejection(
        DuplicateIdError,
        findNearDuplicates([
          { id: 'a', text: storyText },
          { id: 'b', text: otherText },
          { id: 'a', text: editedText },
        ]),
      );
      expect(error).toMatchObject({ id: 'a', position: 2, firstPosition: 0 });
      expect(error.message).toBe('document at position 2: duplicate id "a" (first seen at position 0)');
    });

    it('with skipInvalid, passes over bad documents and duplicate ids, reports each, and keeps the rest', async () => {
      const docs = [
        { id: 'a', text: storyText },
        null,
        { id: 'b', text: 42 },
        { id: 'a', text: otherText },
        { id: 'c', text: editedText },
      ] as unknown as Document[];
      const result = await findNearDuplicates(docs, { skipInvalid: true });
      expect(result.skipped.map(({ position, error }) => [position, error.constructor.name])).toEqual([
        [1, 'InvalidDocumentError'],
        [2, 'InvalidDocumentError'],
        [3, 'DuplicateIdError'],
      ]);
      expect(result.skipped[1]!.error.message).toBe('document at position 2: text must be a string, got number');
      expect(result.stats).toMatchObject({ documents: 2, skipped: 3 });
      expect(result.clusters.map((c) => c.ids)).toEqual([['a', 'c']]);
    });

    it('refuses a skipInvalid that is not a boolean', async () => {
      await expect(findNearDuplicates([], { skipInvalid: 'yes' as unknown as boolean })).rejects.toThrow('skipInvalid must be a boolean, got "yes"');
    });

    it('rejects a bad option before reading any document', async () => {
      let read = 0;
      function* counted(): Generator<Document> {
        read++;
        yield* articles;
      }
      const error = await rejection(InvalidOptionError, findNearDuplicates(counted(), { threshold: 1.5 }));
      expect(error.message).toBe('threshold must be a number greater than 0 and at most 1, got 1.5');
      expect(read).toBe(0);
    });
  });
});
