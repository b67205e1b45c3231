// Not a speed benchmark: the exact number of story pairs whose word-k-shingle Jaccard is at least
// a threshold, for several shingle sizes k. The README's "How the defaults were chosen" quotes it
// for Reuters at 0.5:
//
//   node bench/shingleSizes.mjs [--corpus FILE] [--threshold 0.5] [--sizes 2,3,4,5,6,7,9]
//
// Shingles are those of the corpus's ground truth (../shared/corpora/README.md), as strings, not
// hashes: NFKC, lower case, tokens the maximal runs of letters and digits, k consecutive tokens
// joined by one space, and a text of 1 to k-1 tokens one shingle of all of them. The count is
// exact: an all-pairs join with prefix filtering (Bayardo et al., "Scaling up all pairs similarity
// search", WWW 2007). Each story's distinct shingles are ordered rarest first; two stories with
// Jaccard >= t share at least one of the first |x| - ceil(t * |x|) + 1 shingles of each, so every
// pair that shares one of those is verified exactly and no other pair can reach t.
// When the corpus is the default Reuters file and the ground truth sits beside it, the count at
// k = 5 and threshold 0.5 is checked against it. Prints a table and one JSON line.
import { existsSync, readFileSync } from 'node:fs';
import { childArgs, defaultCorpusPath, fmt, loadCorpus, printTable } from './lib/common.mjs';

const args = childArgs({ corpus: defaultCorpusPath(), threshold: 0.5, sizes: '2,3,4,5,6,7,9' });
const threshold = Number(args.threshold);
if (!(threshold > 0 && threshold <= 1)) throw new Error(`--threshold must be a number greater than 0 and at most 1, got ${args.threshold}`);
const sizes = String(args.sizes).split(',').map(Number);
if (sizes.some((k) => !Number.isInteger(k) || k < 1)) throw new Error(`--sizes must be positive integers separated by commas, got ${args.sizes}`);

const docs = loadCorpus(args.corpus);
const tokens = docs.map((d) => d.text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

/** The pairs (i < j, as 0-based positions) whose shingle sets have Jaccard >= threshold. */
function exactPairs(k) {
  // Each story's distinct shingles, as numbers: a shingle's number is its rank by document
  // frequency (rarest first), so sorting a set by number puts its rarest shingles first.
  const number = new Map();
  const sets = tokens.map((words) => {
    const shingles = new Set();
    if (words.length > 0 && words.length < k) shingles.add(words.join(' '));
    for (let i = 0; i + k <= words.length; i++) shingles.add(words.slice(i, i + k).join(' '));
    for (const s of shingles) number.set(s, (number.get(s) ?? 0) + 1);
    return [...shingles];
  });
  // Ranks by frequency, ties in order of first appearance (any fixed order would do).
  const byRarity = [...number].sort((a, b) => a[1] - b[1]);
  byRarity.forEach(([s], rank) => number.set(s, rank));
  const ordered = sets.map((set) => Int32Array.from(set, (s) => number.get(s)).sort());

  const postings = new Map(); // shingle number -> stories whose prefix holds it
  const pairs = [];
  const seen = new Int32Array(docs.length).fill(-1);
  for (let j = 0; j < ordered.length; j++) {
    const y = ordered[j];
    if (y.length === 0) continue;
    const prefix = y.length - Math.ceil(threshold * y.length - 1e-9) + 1;
    for (let p = 0; p < prefix; p++) {
      const list = postings.get(y[p]);
      if (list === undefined) continue;
      for (const i of list) {
        if (seen[i] === j) continue;
        seen[i] = j;
        const x = ordered[i];
        let shared = 0;
        for (let a = 0, b = 0; a < x.length && b < y.length; ) {
          if (x[a] === y[b]) {
            shared++;
            a++;
            b++;
          } else if (x[a] < y[b]) a++;
          else b++;
        }
        const jaccard = shared / (x.length + y.length - shared);
        if (jaccard >= threshold) pairs.push({ i, j, jaccard });
      }
    }
    for (let p = 0; p < prefix; p++) {
      let list = postings.get(y[p]);
      if (list === undefined) postings.set(y[p], (list = []));
      list.push(j);
    }
  }
  return pairs;
}

const rows = [];
for (const k of sizes) {
  const started = performance.now();
  const pairs = exactPairs(k);
  rows.push({ k, pairs: pairs.length, seconds: (performance.now() - started) / 1000, list: pairs });
}

// The check against the corpus's ground truth, when it is there.
const truthPath = args.corpus.replace(/\.jsonl$/, '.pairs.k5.t0.5.jsonl');
const at5 = rows.find((r) => r.k === 5);
let groundTruth;
if (threshold === 0.5 && at5 !== undefined && existsSync(truthPath)) {
  const truth = readFileSync(truthPath, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
  const key = (i, j) => `${Math.min(i, j)},${Math.max(i, j)}`;
  const found = new Set(at5.list.map((p) => key(p.i, p.j)));
  groundTruth = { file: truthPath, pairs: truth.length, identical: truth.length === found.size && truth.every((p) => found.has(key(p.i, p.j))) };
}

printTable(`Pairs of ${fmt(docs.length)} stories with word-k-shingle Jaccard >= ${threshold}, exact (all pairs, prefix filtering)`, rows, [
  ['k', (r) => r.k],
  ['pairs', (r) => fmt(r.pairs)],
  ['seconds', (r) => fmt(r.seconds, 1)],
]);
if (groundTruth !== undefined) console.log(`k = 5 against ${groundTruth.file}: ${groundTruth.pairs} pairs there, ${groundTruth.identical ? 'the same pairs' : 'NOT the same pairs'}`);
console.log(JSON.stringify({ corpus: args.corpus, documents: docs.length, threshold, counts: rows.map(({ k, pairs, seconds }) => ({ k, pairs, seconds })), groundTruth }));
