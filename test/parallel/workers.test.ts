import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as source from '../../src/index.js';

// Worker threads load the built bundle (dist/worker.js), so these tests use the built package,
// which `npm test` builds before vitest starts (after the typecheck, hence no static import).
const built = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof source;
type Document = source.Document;
type NearDuplicates = source.NearDuplicates;

const fixture = fileURLToPath(new URL('../fixtures/reuters-subset.jsonl', import.meta.url));
const reuters: Document[] = readFileSync(fixture, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as Document);

const summary = (result: NearDuplicates) => ({ clusters: result.clusters, skipped: result.skipped.map((s) => [s.position, s.error.message]), stats: { ...result.stats, seconds: 0 } });

describe('findNearDuplicates with workers', () => {
  it.each([
    ['exact', 1],
    ['exact', 2],
    ['exact', 3],
    ['estimate', 2],
  ] as const)('finds exactly the same clusters on 2,805 Reuters stories (verify %s, %i workers) as on one thread', async (verify, workers) => {
    const alone = await built.findNearDuplicates(reuters, { verify });
    const pooled = await built.findNearDuplicates(reuters, { verify, workers });
    expect(alone.stats.pairs).toBeGreaterThan(700);
    expect(summary(pooled)).toEqual(summary(alone));
  });

  it('reads async iterables too', async () => {
    async function* stream() {
      yield* reuters.slice(0, 600);
    }
    expect(summary(await built.findNearDuplicates(stream(), { workers: 2 }))).toEqual(summary(await built.findNearDuplicates(reuters.slice(0, 600))));
  });

  // Bad documents spread over several batches of 256: positions and errors must be the same as on one thread.
  const withBadDocuments = (): unknown[] => {
    const docs: unknown[] = reuters.slice(0, 900);
    docs.splice(3, 0, null);
    docs.splice(300, 0, { id: 'no text' });
    docs.splice(520, 0, { ...reuters[10] });
    docs.splice(700, 0, { id: 7, text: 'numeric id' });
    return docs;
  };

  it('with skipInvalid, skips and reports the same documents at the same positions', async () => {
    const docs = withBadDocuments() as Document[];
    const alone = await built.findNearDuplicates(docs, { skipInvalid: true });
    const pooled = await built.findNearDuplicates(docs, { skipInvalid: true, workers: 2 });
    expect(alone.skipped.map((s) => s.position)).toEqual([3, 300, 520, 700]);
    expect(summary(pooled)).toEqual(summary(alone));
  });

  it('without skipInvalid, throws the first error in input order, like one thread', async () => {
    // Without the first bad document, a duplicate id at 100 is the first problem; later batches hold others.
    const docs = withBadDocuments().slice(4) as Document[];
    docs.splice(100, 0, { id: reuters[50]!.id, text: 'a duplicate that comes first' });
    await expect(built.findNearDuplicates(docs)).rejects.toThrow('document at position 100: duplicate id');
    await expect(built.findNearDuplicates(docs, { workers: 2 })).rejects.toThrow('document at position 100: duplicate id');
  });

  it('refuses a workers count that is not an integer from 0 to 64', async () => {
    for (const workers of [-1, 65, 1.5]) {
      await expect(built.findNearDuplicates([], { workers })).rejects.toThrow(`workers must be an integer from 0 to 64, got ${workers}`);
    }
  });

  it('says that worker threads need the built package when run from the TypeScript sources', async () => {
    await expect(source.findNearDuplicates(reuters.slice(0, 10), { workers: 1 })).rejects.toThrow('the workers option needs the built package');
  });
});
