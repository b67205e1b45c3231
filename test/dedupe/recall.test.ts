import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findNearDuplicates, type Document, type NeardupOptions } from '../../src/index.js';

// The recall check: neardup's pairs against the exact ground truth of an all-pairs join (every
// pair with word-5-shingle Jaccard >= 0.5). A reported pair is a true positive when the truth holds
// it with a Jaccard at or above the run's threshold.

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
const subset = { docs: `${fixtures}/reuters-subset.jsonl`, pairs: `${fixtures}/reuters-subset.pairs.jsonl` };
// The whole Reuters-21578 collection, on a developer's machine only (19,779 stories).
// The full corpus, when a checkout sits beside it (../shared/corpora, as on the developers' machines).
const corpora = fileURLToPath(new URL('../../../shared/corpora/', import.meta.url));
const full = { docs: `${corpora}reuters.jsonl`, pairs: `${corpora}reuters.pairs.k5.t0.5.jsonl` };

const thresholds = [0.5, 0.7, 0.9];

interface TruthPair {
  readonly a: string;
  readonly b: string;
  readonly jaccard: number;
}

interface Score {
  readonly label: string;
  readonly threshold: number;
  readonly truth: number;
  readonly found: number;
  readonly recall: number;
  readonly precision: number;
}

function readLines(path: string): unknown[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

// Ids are numbers in the full corpus and strings in the subset: compare them as strings.
function loadCorpus(paths: { docs: string; pairs: string }): { docs: Document[]; truth: TruthPair[] } {
  const docs = readLines(paths.docs).map((d) => {
    const { id, text } = d as { id: string | number; text: string };
    return { id: String(id), text };
  });
  const truth = readLines(paths.pairs).map((p) => {
    const { a, b, jaccard } = p as { a: string | number; b: string | number; jaccard: number };
    return { a: String(a), b: String(b), jaccard };
  });
  return { docs, truth };
}

const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

async function score(label: string, docs: Document[], truth: TruthPair[], options: NeardupOptions & { threshold: number }): Promise<Score> {
  const { threshold } = options;
  const expected = new Set(truth.filter((p) => p.jaccard >= threshold).map((p) => key(p.a, p.b)));
  const { clusters, stats } = await findNearDuplicates(docs, options);
  const found = clusters.flatMap((c) => c.pairs);
  expect(found).toHaveLength(stats.pairs);
  const truePositives = found.filter((p) => expected.has(key(p.a, p.b))).length;
  return {
    label,
    threshold,
    truth: expected.size,
    found: found.length,
    recall: expected.size === 0 ? 1 : truePositives / expected.size,
    precision: found.length === 0 ? 1 : truePositives / found.length,
  };
}

function printTable(title: string, scores: readonly Score[]): void {
  const rows = scores.map((s) =>
    [s.label.padEnd(14), s.threshold.toFixed(1).padStart(9), String(s.truth).padStart(11), String(s.found).padStart(6), s.recall.toFixed(4).padStart(7), s.precision.toFixed(4).padStart(9)].join(' '),
  );
  console.log([title, `${'run'.padEnd(14)} threshold truth pairs  found  recall precision`, ...rows].join('\n'));
}

async function scoreAll(label: string, docs: Document[], truth: TruthPair[], options: NeardupOptions): Promise<Score[]> {
  const scores: Score[] = [];
  for (const threshold of thresholds) scores.push(await score(label, docs, truth, { ...options, threshold }));
  return scores;
}

function expectAtLeast(scores: readonly Score[], minimum: number): void {
  for (const s of scores) {
    expect(s.recall, `${s.label} recall at ${s.threshold}`).toBeGreaterThanOrEqual(minimum);
    expect(s.precision, `${s.label} precision at ${s.threshold}`).toBeGreaterThanOrEqual(minimum);
  }
}

describe('recall and precision on Reuters against the exact ground truth', () => {
  const reuters = loadCorpus(subset);

  it('reads the 2,805-story subset and its 786 true pairs', () => {
    expect(reuters.docs).toHaveLength(2805);
    expect(reuters.truth).toHaveLength(786);
    expect(new Set(reuters.docs.map((d) => d.id)).size).toBe(2805);
  });

  it('reaches recall and precision >= 0.99 at thresholds 0.5, 0.7 and 0.9 with default options', async () => {
    const scores = await scoreAll('default', reuters.docs, reuters.truth, {});
    printTable('Reuters subset (2,805 stories), verify: exact, scheme: oph', scores);
    expect(scores.map((s) => s.truth)).toEqual([786, 559, 392]);
    expectAtLeast(scores, 0.99);
  });

  it("reaches recall and precision >= 0.9 with verify: 'estimate' (the low-memory mode)", async () => {
    const scores = await scoreAll('estimate', reuters.docs, reuters.truth, { verify: 'estimate' });
    printTable("Reuters subset (2,805 stories), verify: 'estimate'", scores);
    expectAtLeast(scores, 0.9);
  });

  it("reaches recall and precision >= 0.99 with scheme: 'kperm'", async () => {
    const scores = await scoreAll('kperm', reuters.docs, reuters.truth, { scheme: 'kperm' });
    printTable("Reuters subset (2,805 stories), scheme: 'kperm'", scores);
    expectAtLeast(scores, 0.99);
  });

  // Not a skipped test: without the full corpus it says so and checks the subset instead.
  it("reaches recall and precision >= 0.99 on the full corpus when it is present, >= 0.9 with verify: 'estimate' (the subset otherwise)", async () => {
    if (!existsSync(full.docs) || !existsSync(full.pairs)) {
      console.log(`full corpus not present (${full.docs}): checking the subset at threshold 0.5 instead`);
      const scores = [await score('subset', reuters.docs, reuters.truth, { threshold: 0.5 })];
      printTable('Reuters subset (2,805 stories), in place of the full corpus', scores);
      expectAtLeast(scores, 0.99);
      return;
    }
    const corpus = loadCorpus(full);
    expect(corpus.truth).toHaveLength(786);
    const scores = await scoreAll('full corpus', corpus.docs, corpus.truth, {});
    printTable(`Reuters-21578, full corpus (${corpus.docs.length.toLocaleString('en')} stories), default options`, scores);
    expectAtLeast(scores, 0.99);
    const estimate = await scoreAll('full, estimate', corpus.docs, corpus.truth, { verify: 'estimate' });
    printTable(`Reuters-21578, full corpus (${corpus.docs.length.toLocaleString('en')} stories), verify: 'estimate'`, estimate);
    expectAtLeast(estimate, 0.9);
  });
});
