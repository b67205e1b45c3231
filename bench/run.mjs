// neardup benchmarks (tinybench). Every figure is measured in this process, and speed claims are
// ratios against a baseline measured in the same run, on the same documents.
//
//   npm run bench                      full run on ../shared/corpora/reuters.jsonl (or the bundled subset)
//   npm run bench -- --quick           a short run that only checks the benchmarks work (CI)
//   npm run bench -- --corpus FILE     any JSON Lines file of { "id", "text" }
//
// Results are printed as a table and written to bench/results/latest.json with the machine.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import { exactJaccard, findNearDuplicates, forEachShingleHash, hashShingles, MinHasher } from '../dist/index.js';

const here = (path) => new URL(path, import.meta.url).pathname;
const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false }, corpus: { type: 'string' } } });
const sharedCorpus = here('../../shared/corpora/reuters.jsonl');
const corpusPath = args.corpus ?? (existsSync(sharedCorpus) ? sharedCorpus : here('../test/fixtures/reuters-subset.jsonl'));
const pairsPath = corpusPath.endsWith('reuters.jsonl') ? corpusPath.replace(/\.jsonl$/, '.pairs.k5.t0.5.jsonl') : corpusPath.replace(/\.jsonl$/, '.pairs.jsonl');

const docs = readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean).map((line) => {
  const { id, text } = JSON.parse(line);
  return { id: String(id), text };
});
const corpusBytes = docs.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0);
const sample = args.quick ? docs.slice(0, 200) : docs;
const sampleBytes = sample.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0);
const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` };
console.log(`corpus ${corpusPath}: ${docs.length} documents, ${(corpusBytes / 1e6).toFixed(1)} MB${args.quick ? ` (quick: first ${sample.length})` : ''}`);
console.log(`machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}\n`);

// --- Signature throughput per scheme. Two baselines from the same run: classic k-permutation
// MinHash, and the scan alone (tokenize + hash every shingle, handed to a callback: what any
// shingle-based method must pay before it does anything with the hashes).
const signers = { oph: new MinHasher({ scheme: 'oph' }), kperm: new MinHasher({ scheme: 'kperm' }) };
let sink = 0;
const bench = new Bench({ time: args.quick ? 50 : 2000, warmupTime: args.quick ? 10 : 300 });
bench.add('scan: forEachShingleHash', () => {
  for (const d of sample) forEachShingleHash(d.text, (h) => { sink ^= h; });
});
for (const [scheme, signer] of Object.entries(signers)) {
  bench.add(`sign ${scheme} (128 perm)`, () => {
    for (const d of sample) sink ^= signer.sign(d.text).values[0];
  });
}
await bench.run();
const meanMs = (name) => bench.tasks.find((t) => t.name === name).result.latency.mean;
const scanMs = meanMs('scan: forEachShingleHash');
const kpermMs = meanMs('sign kperm (128 perm)');
const rows = bench.tasks.map((task) => {
  const ms = task.result.latency.mean;
  return {
    task: task.name,
    'docs/s': Math.round(sample.length / (ms / 1000)),
    'MB/s': +(sampleBytes / 1e6 / (ms / 1000)).toFixed(1),
    'time / scan': +(ms / scanMs).toFixed(2),
    'speed vs kperm': +(kpermMs / ms).toFixed(2),
    'rme %': +task.result.latency.rme.toFixed(1),
  };
});
console.table(rows);

// --- Accuracy per scheme on the corpus's ground-truth pairs (estimate vs exact Jaccard).
const accuracy = {};
if (existsSync(pairsPath)) {
  const pairs = readFileSync(pairsPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const used = args.quick ? pairs.slice(0, 50) : pairs;
  for (const [scheme, signer] of Object.entries(signers)) {
    let sq = 0;
    let abs = 0;
    for (const p of used) {
      const a = docs[p.i].text;
      const b = docs[p.j].text;
      const err = signer.sign(a).similarity(signer.sign(b)) - exactJaccard(hashShingles(a), hashShingles(b));
      sq += err * err;
      abs += Math.abs(err);
    }
    accuracy[scheme] = { pairs: used.length, rmse: +Math.sqrt(sq / used.length).toFixed(4), meanAbsError: +(abs / used.length).toFixed(4) };
  }
  console.log('\nestimate error on the ground-truth pairs (128 permutations):');
  console.table(accuracy);
}

// --- End to end.
const endToEnd = {};
for (const verify of ['exact', 'estimate']) {
  const started = performance.now();
  const { clusters, stats } = await findNearDuplicates(sample, { verify });
  const seconds = (performance.now() - started) / 1000;
  endToEnd[verify] = { seconds: +seconds.toFixed(3), 'docs/s': Math.round(sample.length / seconds), 'MB/s': +(sampleBytes / 1e6 / seconds).toFixed(1), clusters: clusters.length, pairs: stats.pairs };
}
console.log('\nfindNearDuplicates, default options (threshold 0.5), one thread:');
console.table(endToEnd);

mkdirSync(here('results'), { recursive: true });
const out = { date: new Date().toISOString(), machine, corpus: { path: corpusPath, documents: docs.length, bytes: corpusBytes, measured: sample.length }, quick: args.quick, signatures: rows, accuracy, endToEnd };
writeFileSync(here('results/latest.json'), JSON.stringify(out, null, 2) + '\n');
// Printing the sink keeps the work above observable, so no engine can drop it as dead code.
console.log(`\nwrote bench/results/latest.json (checksum ${sink >>> 0})`);
