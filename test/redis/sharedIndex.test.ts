import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDeduper, DuplicateIdError, findNearDuplicates, InvalidOptionError, NeardupError, type Document } from '../../src/index.js';
import { ARTICLE_000, ARTICLE_001, article } from '../__helpers__/articles.js';
import { freshIndexes } from '../__helpers__/redis.js';
import type { RedisIndex } from '../../src/redis/index.js';
import type * as source from '../../src/index.js';

// Worker threads need the built package.
const built = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof source;

// A deduper or findNearDuplicates on a Redis index must give what the in-memory index gives.

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const fullCorpus = fileURLToPath(new URL('../../../shared/corpora/reuters.jsonl', import.meta.url));

function readDocs(path: string): Document[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { id, text } = JSON.parse(line) as { id: string | number; text: string };
      return { id: String(id), text };
    });
}

const seeds = ['000_912c03f999ecb889.txt', '001_b93039228490cdd2.txt', '002_225f6cc3ca976ca7.txt', '003_263d6c9119b7a74b.txt', '004_91963fac4861a865.txt'].map((id) => ({
  id,
  text: article(id),
}));

const index = freshIndexes();

describe('findNearDuplicates with a Redis index', () => {
  it('puts the two wire copies of the seed articles in one cluster and keeps the others apart', async () => {
    const { clusters } = await findNearDuplicates(seeds, { index: await index('seeds') });
    expect(clusters.map((c) => c.ids)).toEqual([[ARTICLE_000, ARTICLE_001]]);
  });

  const corpora = [{ label: 'the bundled Reuters subset', path: `${fixtures}reuters-subset.jsonl` }];
  if (existsSync(fullCorpus)) corpora.push({ label: 'the full Reuters corpus', path: fullCorpus });
  for (const { label, path } of corpora) {
    for (const verify of ['exact', 'estimate'] as const) {
      it(`finds the same clusters as the in-memory index on ${label} (verify '${verify}')`, async () => {
        const docs = readDocs(path);
        const inMemory = await findNearDuplicates(docs, { verify });
        const shared = await findNearDuplicates(docs, { index: await index(`reuters-${verify}`, { verify }) });
        expect(shared.clusters.length).toBeGreaterThan(100);
        expect(shared.clusters).toEqual(inMemory.clusters);
        expect(shared.stats.pairs).toBe(inMemory.stats.pairs);
        expect(shared.stats.emptyDocuments).toBe(inMemory.stats.emptyDocuments);
        expect(shared.indexedMatches).toEqual([]);
      });
    }
  }

  it('gives the same clusters when worker threads sign the documents', async () => {
    const docs = readDocs(`${fixtures}reuters-subset.jsonl`).slice(0, 1200);
    const inMemory = await findNearDuplicates(docs);
    const shared = await built.findNearDuplicates(docs, { index: await index('workers'), workers: 2 });
    expect(shared.clusters).toEqual(inMemory.clusters);
  });

  it('reports matches with documents the index held before the run, apart from the clusters', async () => {
    const shared = await index('earlier');
    await findNearDuplicates([seeds[0]!], { index: shared });
    const second = await findNearDuplicates(seeds.slice(1), { index: shared });
    expect(second.clusters).toEqual([]);
    expect(second.indexedMatches).toEqual([{ id: ARTICLE_001, matches: [{ id: ARTICLE_000, similarity: expect.closeTo(0.668, 3) }] }]);
  });

  it('completes a run given again: the documents already added replay, nothing is added twice', async () => {
    const shared = await index('rerun');
    const once = await findNearDuplicates(seeds, { index: shared });
    const again = await findNearDuplicates(seeds, { index: shared });
    expect(again.clusters).toEqual(once.clusters);
    expect(await shared.size()).toBe(seeds.length);
  });

  it('pairs two documents of the run even when the index held the later one from an interrupted run', async () => {
    // An interrupted run left seed 001 in the index; the run given again starts with seed 000.
    const shared = await index('interrupted');
    await findNearDuplicates([seeds[1]!], { index: shared });
    const again = await findNearDuplicates(seeds, { index: shared });
    expect(again.clusters.map((c) => c.ids)).toEqual([[ARTICLE_000, ARTICLE_001]]);
    expect(again.indexedMatches).toEqual([]);
  });

  it('adds an expired id again in its place in the batch, as a new document', async () => {
    const shared = await index('expired', { ttl: 0.2 });
    const deduper = await createDeduper({ index: shared });
    await deduper.add(ARTICLE_000, seeds[0]!.text);
    await new Promise((resolve) => setTimeout(resolve, 300)); // expired, not yet purged (a purge comes at most once a second)
    const [first, second] = await deduper.addMany(seeds.slice(0, 2));
    expect(first).toEqual([]);
    expect(second!.map((m) => m.id)).toEqual([ARTICLE_000]);
    expect(await shared.size()).toBe(2);
  });

  it('refuses a document whose id the index holds with another text, naming its position (or skips it)', async () => {
    const shared = await index('taken');
    await findNearDuplicates([{ id: 'a', text: 'one text of several words in it' }], { index: shared });
    const docs = [
      { id: 'b', text: 'another text' },
      { id: 'a', text: 'a different text for the same id' },
    ];
    await expect(findNearDuplicates(docs, { index: shared })).rejects.toThrow('document at position 1: duplicate id "a": the index already holds it');
    const skipping = await findNearDuplicates(docs, { index: shared, skipInvalid: true });
    expect(skipping.skipped.map((s) => [s.position, s.error.constructor])).toEqual([[1, DuplicateIdError]]);
  });

  it("uses the index's settings, and refuses options beside it that differ from them", async () => {
    const shared = await index('settings', { numPerm: 64, threshold: 0.7 });
    const deduper = await createDeduper({ index: shared, threshold: 0.9 });
    expect([deduper.options.numPerm, deduper.options.bands, deduper.options.threshold]).toEqual([64, shared.bands, 0.9]);
    await expect(createDeduper({ index: shared, numPerm: 128 })).rejects.toThrow(
      new InvalidOptionError('numPerm', "left unset or equal to the shared index's numPerm (64)", 128),
    );
    await expect(findNearDuplicates([], { index: shared, numPerm: 128 })).rejects.toThrow("numPerm must be left unset or equal to the shared index's numPerm (64), got 128");
    await expect(createDeduper({ index: shared, shingleSize: 3 })).rejects.toThrow("shingleSize must be left unset or equal to the shared index's shingleSize (5), got 3");
    await expect(createDeduper({ index: shared, charNgrams: 5 })).rejects.toThrow("charNgrams must be left unset or equal to the shared index's charNgrams (unset), got 5");
    await expect(createDeduper({ index: shared, recallAtThreshold: 0.9 })).rejects.toThrow('recallAtThreshold must be left unset beside a shared index');
    expect((await createDeduper({ index: shared, numPerm: 64, shingleSize: 5 })).options.numPerm).toBe(64);
    await expect(createDeduper({ index: {} as RedisIndex })).rejects.toThrow('index must be a shared index');
  });
});

describe('a deduper on a Redis index', () => {
  it('adds, checks, removes and counts as the in-memory deduper does', async () => {
    const shared = await createDeduper({ index: await index('deduper') });
    const local = await createDeduper();
    for (const { id, text } of seeds) expect(await shared.add(id, text)).toEqual(await local.add(id, text));
    expect(await shared.size()).toBe(5);
    expect(await shared.has(ARTICLE_000)).toBe(true);
    expect(await shared.check(seeds[1]!.text)).toEqual(await local.check(seeds[1]!.text));
    expect(await shared.remove(ARTICLE_000)).toBe(true);
    expect(await shared.remove(ARTICLE_000)).toBe(false);
    await local.remove(ARTICLE_000);
    expect(await shared.check(seeds[1]!.text)).toEqual(await local.check(seeds[1]!.text));
    expect(await shared.size()).toBe(4);
  });

  it('matches identical copies as the in-memory deduper does (the index sends back only their ids)', async () => {
    const copies = [0, 1, 2, 3].map((n) => ({ id: `copy-${n}`, text: seeds[2]!.text }));
    for (const verify of ['exact', 'estimate'] as const) {
      const shared = await createDeduper({ index: await index(`copies-${verify}`, { verify }) });
      const local = await createDeduper({ verify });
      const found = await shared.addMany([seeds[3]!, ...copies]);
      expect(found).toEqual(await local.addMany([seeds[3]!, ...copies]));
      expect(found[4]).toEqual(['copy-0', 'copy-1', 'copy-2'].map((id) => ({ id, similarity: 1 })));
      expect(await shared.check(seeds[2]!.text)).toEqual(await local.check(seeds[2]!.text));
    }
  });

  it('adds a batch in one call, each document matched against the ones before it', async () => {
    const shared = await createDeduper({ index: await index('many') });
    const local = await createDeduper();
    expect(await shared.addMany(seeds)).toEqual(await local.addMany(seeds));
  });

  it('replays an id added again with the same text, and refuses it with another', async () => {
    const shared = await createDeduper({ index: await index('replay') });
    await shared.add(ARTICLE_000, seeds[0]!.text);
    const first = await shared.add(ARTICLE_001, seeds[1]!.text);
    expect(await shared.add(ARTICLE_001, seeds[1]!.text)).toEqual(first);
    await expect(shared.add(ARTICLE_001, 'another text')).rejects.toThrow(DuplicateIdError);
    expect(await shared.size()).toBe(2);
  });

  it('has no snapshot methods: the index keeps its documents itself', async () => {
    const shared = await createDeduper({ index: await index('snapshot') });
    expect(() => [...shared.entries()]).toThrow(NeardupError);
    expect(() => [...shared.entries()]).toThrow('entries() is for in-memory dedupers');
  });
});
