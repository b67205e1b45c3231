// Scale: findNearDuplicates over n synthetic articles streamed from a generator (the corpus is
// never all in memory), in a process of its own so that maxRSS is this run's peak:
//
//   node bench/scale.mjs --n 1000000 [--threshold 0.5] [--workers 0] [--corpus FILE]
//
// Articles come from bench/lib/SyntheticCorpus.mjs: distinct edited Reuters stories, 5% of them
// near-duplicate copies of an earlier article (planted pairs). After the run, each planted pair is
// regenerated to compute its exact Jaccard similarity, and the report says how many of those at or
// above the threshold were found as a pair. Prints one JSON line.
import { exactJaccard, findNearDuplicates, hashShingles } from '../dist/index.js';
import { childArgs, defaultCorpusPath, loadCorpus, maxRssBytes } from './lib/common.mjs';
import { SyntheticCorpus } from './lib/SyntheticCorpus.mjs';

const args = childArgs({ n: 1000000, threshold: 0.5, workers: 0, corpus: defaultCorpusPath(), stories: Infinity });
const synth = new SyntheticCorpus(loadCorpus(args.corpus, args.stories));
const rssBefore = process.memoryUsage().rss;

// The stream, timing its own generation so that it can be told apart from neardup's work.
let generating = 0;
let bytes = 0;
const planted = []; // [copyOf, i] pairs, flattened
function* stream() {
  for (let i = 0; i < args.n; i++) {
    const t = performance.now();
    const { id, text, copyOf } = synth.article(i);
    if (copyOf >= 0) planted.push(copyOf, i);
    bytes += Buffer.byteLength(text);
    generating += performance.now() - t;
    yield { id, text };
  }
}

const options = { threshold: args.threshold, ...(args.workers > 0 ? { workers: args.workers } : {}) };
const started = performance.now();
const { clusters, stats } = await findNearDuplicates(stream(), options);
const wall = (performance.now() - started) / 1000;
const maxRss = maxRssBytes();

// Which planted pairs were found: as a confirmed pair, or at least in the same cluster.
const index = (id) => Number(id.slice(1));
const found = new Set();
const clusterOf = new Int32Array(args.n).fill(-1);
let related = 0; // confirmed pairs within one family of copies (same original)
const rootOf = (i) => {
  for (let j = synth.words(i).copyOf; j >= 0; j = synth.words(i).copyOf) i = j;
  return i;
};
clusters.forEach((cluster, c) => {
  for (const id of cluster.ids) clusterOf[index(id)] = c;
  for (const { a, b } of cluster.pairs) {
    const x = index(a);
    const y = index(b);
    found.add(Math.min(x, y) * args.n + Math.max(x, y));
    if (rootOf(x) === rootOf(y)) related++;
  }
});
let above = 0;
let foundAbove = 0;
let foundAll = 0;
let sameCluster = 0;
for (let p = 0; p < planted.length; p += 2) {
  const [j, i] = [planted[p], planted[p + 1]];
  const hit = found.has(j * args.n + i);
  if (hit) foundAll++;
  if (clusterOf[j] >= 0 && clusterOf[j] === clusterOf[i]) sameCluster++;
  if (exactJaccard(hashShingles(synth.article(j).text), hashShingles(synth.article(i).text)) >= args.threshold) {
    above++;
    if (hit) foundAbove++;
  }
}

console.log(
  JSON.stringify({
    n: args.n,
    threshold: args.threshold,
    workers: args.workers,
    bytes,
    seconds: wall,
    generatingSeconds: generating / 1000,
    docsPerSecond: args.n / wall,
    docsPerSecondWithoutGeneration: args.n / (wall - generating / 1000),
    clusters: clusters.length,
    pairs: stats.pairs,
    pairsWithinCopyFamilies: related,
    planted: planted.length / 2,
    plantedAtOrAboveThreshold: above,
    plantedFoundAtOrAboveThreshold: foundAbove,
    plantedFound: foundAll,
    plantedInSameCluster: sameCluster,
    rssBefore,
    maxRss,
  }),
);
