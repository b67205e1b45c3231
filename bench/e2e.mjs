// End to end: findNearDuplicates over documents already in memory, in a process of its own so
// that its peak resident memory (maxRSS) is this run's alone:
//
//   node --expose-gc bench/e2e.mjs --threshold 0.8 [--workers 2] [--repeats 3] [--corpus FILE] [--limit N] [--synthetic N]
//
// A first run on a cold engine (reported as coldSeconds: what a one-off command sees), one warm-up
// pass of everything else that is timed, then `repeats` timed runs; reports each run's seconds,
// their median and their best (on a shared machine, load only ever adds time), and a digest of the clusters (to compare runs and options).
// `--workers 0` leaves the option out. `--synthetic N` uses N synthetic articles
// (bench/lib/SyntheticCorpus.mjs) instead of the corpus itself. `--breakdown 1` also times, on the
// same documents in each repeat, what the run is made of: the scan alone (forEachShingleHash),
// signing alone (MinHasher.sign) and the run with `verify: 'estimate'` (no shingle sets, no exact
// Jaccard). Prints one JSON line.
import { createHash } from 'node:crypto';
import { findNearDuplicates, forEachShingleHash, InvalidOptionError, MinHasher } from '../dist/index.js';
import { childArgs, defaultCorpusPath, loadCorpus, maxRssBytes, utf8Bytes } from './lib/common.mjs';
import { SyntheticCorpus } from './lib/SyntheticCorpus.mjs';

const args = childArgs({ corpus: defaultCorpusPath(), limit: Infinity, threshold: 0.5, workers: 0, repeats: 3, synthetic: 0, verify: 'exact', breakdown: 0 });
let docs = loadCorpus(args.corpus, args.synthetic > 0 ? Infinity : args.limit);
if (args.synthetic > 0) docs = [...new SyntheticCorpus(docs).documents(args.synthetic)];
const bytes = utf8Bytes(docs);
const options = { threshold: args.threshold, verify: args.verify, ...(args.workers > 0 ? { workers: args.workers } : {}) };

// Whether this build knows the `workers` option: it must refuse a value that is not a count.
let workersOption = false;
try {
  await findNearDuplicates([], { workers: 'two' });
} catch (error) {
  workersOption = error instanceof InvalidOptionError && error.option === 'workers';
}

const rssBefore = process.memoryUsage().rss;
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
// Each timed pass starts from a collected heap (when run with --expose-gc, as the bench does), so
// that it does not pay for collecting the garbage of the pass before it.
const timed = async (fn) => {
  globalThis.gc?.();
  const started = performance.now();
  const out = await fn();
  return [(performance.now() - started) / 1000, out];
};
const runs = [];
const parts = { scan: [], sign: [], estimate: [] };
let sink = 0;
const hasher = new MinHasher();
const scanAll = () => { for (const d of docs) forEachShingleHash(d.text, (h) => { sink ^= h; }); };
const signAll = () => { for (const d of docs) sink ^= hasher.sign(d.text).values[0]; };
const estimateAll = () => findNearDuplicates(docs, { ...options, verify: 'estimate' });
let [coldSeconds, result] = await timed(() => findNearDuplicates(docs, options));
if (args.breakdown) for (const warm of [scanAll, signAll, estimateAll]) await warm();
for (let r = 0; r < args.repeats; r++) {
  if (args.breakdown) {
    parts.scan.push((await timed(scanAll))[0]);
    parts.sign.push((await timed(signAll))[0]);
    parts.estimate.push((await timed(estimateAll))[0]);
  }
  const [seconds, out] = await timed(() => findNearDuplicates(docs, options));
  runs.push(seconds);
  result = out;
}
const seconds = median(runs);
const breakdown = args.breakdown ? { scanSeconds: median(parts.scan), signSeconds: median(parts.sign), estimateSeconds: median(parts.estimate), checksum: sink >>> 0 } : undefined;
console.log(
  JSON.stringify({
    documents: docs.length,
    bytes,
    threshold: args.threshold,
    verify: args.verify,
    workers: args.workers,
    workersOption,
    coldSeconds,
    runs,
    seconds,
    bestSeconds: Math.min(...runs),
    docsPerSecond: docs.length / seconds,
    mbPerSecond: bytes / 1e6 / seconds,
    clusters: result.clusters.length,
    pairs: result.stats.pairs,
    digest: createHash('sha256').update(JSON.stringify(result.clusters)).digest('hex').slice(0, 16),
    rssBefore,
    maxRss: maxRssBytes(),
    breakdown,
  }),
);
