// 5. LSH: insert and query throughput over precomputed signatures, and memory per document of an
//    index (100k and, in full mode, 1M synthetic documents) and of a whole Deduper (100k), each
//    measured in a child process (bench/memory.mjs) so that this process's heap does not count.
import { LshIndex, MinHasher } from '../../dist/index.js';
import { fmt, printTable, runChild, spread } from '../lib/common.mjs';
import { keep, measure } from '../lib/measure.mjs';

export async function lsh({ docs, quick, corpusPath }) {
  const sample = quick ? spread(docs, 500) : docs;
  const hasher = new MinHasher();
  const ids = sample.map((d) => d.id);
  const signatures = sample.map((d) => hasher.sign(d.text));
  const full = new LshIndex({ threshold: 0.5 });
  sample.forEach((d, i) => full.insert(ids[i], signatures[i]));
  let candidates = 0;
  for (const s of signatures) candidates += full.query(s).length;
  const tasks = {
    'insert (into a new index, every signature)': () => {
      const index = new LshIndex({ threshold: 0.5 });
      for (let i = 0; i < ids.length; i++) index.insert(ids[i], signatures[i]);
      keep(index.size);
    },
    'query (index of all of them, every signature)': () => {
      let s = 0;
      for (const sig of signatures) s += full.query(sig).length;
      keep(s);
    },
  };
  const settings = quick ? { time: 20, iterations: 2, warmupTime: 0, warmupIterations: 1 } : { time: 2000, iterations: 5, warmupTime: 200, warmupIterations: 2 };
  const times = await measure(tasks, settings);
  const rows = Object.entries(times).map(([task, { ms, rme }]) => ({ task, perSecond: sample.length / (ms / 1000), rme }));
  printTable(`5. LSH index, threshold 0.5 (${full.bands} bands x ${full.rows} rows), ${fmt(sample.length)} signatures of 128 values; ${fmt(candidates / sample.length, 2)} candidates per query (itself included)`, rows, [
    ['task', (r) => r.task],
    ['signatures/s', (r) => fmt(r.perSecond)],
    ['rme %', (r) => fmt(r.rme, 1)],
  ]);

  // Memory, each in a fresh process.
  const n = quick ? 2000 : 100000;
  const stories = quick ? ['--stories', 2000] : [];
  const runs = [
    { what: 'LshIndex, threshold 0.5 (23 bands)', kind: 'index', n, threshold: 0.5 },
    ...(quick ? [] : [{ what: 'LshIndex, threshold 0.5 (23 bands)', kind: 'index', n: 1000000, threshold: 0.5 }]),
    { what: 'LshIndex, threshold 0.8 (13 bands)', kind: 'index', n, threshold: 0.8 },
    { what: "Deduper, threshold 0.5, verify: 'exact' (default; keeps shingle sets)", kind: 'deduper-exact', n, threshold: 0.5 },
    { what: "Deduper, threshold 0.5, verify: 'estimate'", kind: 'deduper-estimate', n, threshold: 0.5 },
  ];
  const memory = [];
  for (const run of runs) {
    const result = await runChild('memory.mjs', ['--n', run.n, '--kind', run.kind, '--threshold', run.threshold, '--corpus', corpusPath, ...stories], ['--expose-gc']);
    memory.push({ what: run.what, ...result });
  }
  printTable('Memory per document (heapUsed + arrayBuffers after full GC, delta around building it; distinct synthetic articles, so nearly every band key is distinct; 128 values = 512 B of signature)', memory, [
    ['structure', (r) => r.what],
    ['documents', (r) => fmt(r.n)],
    ['bytes/doc', (r) => fmt(r.bytesPerDoc)],
    ['total MB', (r) => fmt(r.bytes / 1e6, 1)],
    ['build s', (r) => fmt(r.seconds, 1)],
    ['process maxRSS MB', (r) => fmt(r.maxRss / 1e6)],
  ]);
  return { documents: sample.length, bands: full.bands, rows: full.rows, candidatesPerQuery: candidates / sample.length, throughput: rows, memory };
}
