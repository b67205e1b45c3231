// 4. Peers: the npm packages `minhash` (0.0.9) and `bloom-filters` (3.0.4) computing 128-permutation
//    signatures over the same shingles as neardup, per document, in the same run.
//
// What each is given, prepared before timing (so the peers are not charged for tokenizing, and
// neardup, which starts from the raw text, is):
// - minhash: its natural input, strings. Per document, `new Minhash()` (128 permutations, the
//   default seed) and `update(s)` for each distinct word 5-shingle string of neardup's `shingle()`,
//   as its README does with words. Its `update` hashes the string once per permutation.
// - bloom-filters: numbers. One `MinHashFactory(128, 2^32 - 1)` shared by all documents (its hash
//   functions), and per document `factory.create()` then `bulkLoad(hashes)`, its documented
//   efficient path, with the document's distinct 32-bit shingle hashes (neardup's `hashShingles`,
//   as a plain array). `add` one hash at a time is timed too; the faster is its figure.
// - neardup: `sign(text)` from the raw text, and `signHashes` from the same distinct hashes
//   bloom-filters gets (sketch only).
// The floor (scanShingles: read, tokenize, hash every shingle) runs on the same documents too: no
// signature computed from the text can be faster, so floor ÷ peer bounds the sign(text) ratio.
import bloomFilters from 'bloom-filters';
import minhashPackage from 'minhash';
import { existsSync, readFileSync } from 'node:fs';
import { exactJaccard, hashShingles, MinHasher, shingle } from '../../dist/index.js';
import { fmt, printTable, spread, utf8Bytes } from '../lib/common.mjs';
import { keep, measure } from '../lib/measure.mjs';

const { Minhash } = minhashPackage;
const { MinHashFactory } = bloomFilters;
const FLOOR = 'floor: scanShingles(text), no signature';
const NEARDUP = 'neardup oph sign(text)';
const SKETCH = 'neardup oph signHashes(hashes)';
const BLOOM_BULK = 'bloom-filters MinHash bulkLoad(hashes)';
const BLOOM_ADD = 'bloom-filters MinHash add(hash) each';
const MINHASH = 'minhash Minhash update(string) each';

export async function peers({ docs, quick, corpusPath, internals }) {
  const sample = spread(docs, quick ? 20 : 400);
  const prepared = sample.map((d) => ({
    text: d.text,
    strings: [...new Set(shingle(d.text))],
    hashes: hashShingles(d.text),
    numbers: Array.from(hashShingles(d.text)),
  }));
  const oph = new MinHasher({ scheme: 'oph', numPerm: 128 });
  const kperm = new MinHasher({ scheme: 'kperm', numPerm: 128 });
  const factory = new MinHashFactory(128, 2 ** 32 - 1);
  const { scanShingles } = internals;
  const word5 = { kind: 'word', size: 5 };
  const tasks = {
    [FLOOR]: () => { let s = 0; for (const p of prepared) s += scanShingles(p.text, word5).length; keep(s); },
    [NEARDUP]: () => { let s = 0; for (const p of prepared) s ^= oph.sign(p.text).values[0]; keep(s); },
    [SKETCH]: () => { let s = 0; for (const p of prepared) s ^= oph.signHashes(p.hashes).values[0]; keep(s); },
    'neardup kperm sign(text)': () => { let s = 0; for (const p of prepared) s ^= kperm.sign(p.text).values[0]; keep(s); },
    [BLOOM_BULK]: () => {
      let s = 0;
      for (const p of prepared) {
        const m = factory.create();
        m.bulkLoad(p.numbers);
        s ^= m._signature[0];
      }
      keep(s);
    },
    [BLOOM_ADD]: () => {
      let s = 0;
      for (const p of prepared) {
        const m = factory.create();
        for (const x of p.numbers) m.add(x);
        s ^= m._signature[0];
      }
      keep(s);
    },
    [MINHASH]: () => {
      let s = 0;
      for (const p of prepared) {
        const m = new Minhash({ numPerm: 128 });
        for (const str of p.strings) m.update(str);
        s ^= m.hashvalues[0];
      }
      keep(s);
    },
  };
  const settings = quick ? { time: 20, iterations: 2, warmupTime: 0, warmupIterations: 1 } : { time: 4000, iterations: 3, warmupTime: 300, warmupIterations: 1 };
  const times = await measure(tasks, settings);
  const docsPerSecond = (name) => sample.length / (times[name].ms / 1000);
  const bloomBest = docsPerSecond(BLOOM_BULK) >= docsPerSecond(BLOOM_ADD) ? BLOOM_BULK : BLOOM_ADD;
  const rows = Object.keys(tasks).map((name) => ({
    task: name,
    docsPerSecond: docsPerSecond(name),
    neardupSpeedup: docsPerSecond(NEARDUP) / docsPerSecond(name),
    sketchSpeedup: docsPerSecond(SKETCH) / docsPerSecond(name),
    floorSpeedup: docsPerSecond(FLOOR) / docsPerSecond(name),
    rme: times[name].rme,
  }));
  const bytes = utf8Bytes(sample);
  printTable(`4. Peers, 128-permutation signatures of the same ${fmt(sample.length)} documents (${fmt(bytes / 1e3)} KB; peers get pre-made shingles, neardup the raw text)`, rows, [
    ['task', (r) => r.task],
    ['docs/s', (r) => fmt(r.docsPerSecond)],
    ['neardup oph sign(text) speed ÷ this', (r) => fmt(r.neardupSpeedup, 1)],
    ['signHashes (same hashes) ÷ this', (r) => fmt(r.sketchSpeedup, 1)],
    ['floor ÷ this (bound)', (r) => fmt(r.floorSpeedup, 1)],
    ['rme %', (r) => fmt(r.rme, 1)],
  ]);
  const result = {
    documents: sample.length,
    rows,
    vsBloomFilters: docsPerSecond(NEARDUP) / docsPerSecond(bloomBest),
    bloomFiltersUsage: bloomBest,
    vsMinhash: docsPerSecond(NEARDUP) / docsPerSecond(MINHASH),
    sketchVsBloomFilters: docsPerSecond(SKETCH) / docsPerSecond(bloomBest),
    sketchVsMinhash: docsPerSecond(SKETCH) / docsPerSecond(MINHASH),
    floorVsBloomFilters: docsPerSecond(FLOOR) / docsPerSecond(bloomBest),
    floorVsMinhash: docsPerSecond(FLOOR) / docsPerSecond(MINHASH),
  };
  console.log(
    `\nOver the same shingles (the targets: >= 50x bloom-filters, its faster usage, and >= 200x minhash), neardup's sketch is ` +
      `${fmt(result.sketchVsBloomFilters, 1)}x and ${fmt(result.sketchVsMinhash, 1)}x. From raw text, neardup's sign(text) also pays for the scan the peers ` +
      `are spared: ${fmt(result.vsBloomFilters, 1)}x and ${fmt(result.vsMinhash, 1)}x (the scan alone allows at most ${fmt(result.floorVsBloomFilters, 1)}x and ${fmt(result.floorVsMinhash, 1)}x).`,
  );
  result.accuracy = accuracy({ docs, quick, corpusPath, oph, factory });
  return result;
}

// A check that each peer is used as intended: its estimates track the exact Jaccard similarity of
// the corpus's known near-duplicate pairs.
function accuracy({ docs, quick, corpusPath, oph, factory }) {
  const pairsPath = corpusPath.endsWith('reuters.jsonl') ? corpusPath.replace(/\.jsonl$/, '.pairs.k5.t0.5.jsonl') : corpusPath.replace(/\.jsonl$/, '.pairs.jsonl');
  if (!existsSync(pairsPath)) return undefined;
  const pairs = readFileSync(pairsPath, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((p) => docs[p.i] && docs[p.j]);
  const used = spread(pairs, quick ? 5 : 40);
  const error = { neardup: 0, minhash: 0, 'bloom-filters': 0 };
  for (const p of used) {
    const [a, b] = [docs[p.i].text, docs[p.j].text];
    const exact = exactJaccard(hashShingles(a), hashShingles(b));
    const mh = [a, b].map((t) => {
      const m = new Minhash({ numPerm: 128 });
      for (const s of new Set(shingle(t))) m.update(s);
      return m;
    });
    const bf = [a, b].map((t) => {
      const m = factory.create();
      m.bulkLoad(Array.from(hashShingles(t)));
      return m;
    });
    error.neardup += Math.abs(oph.sign(a).similarity(oph.sign(b)) - exact);
    error.minhash += Math.abs(mh[0].jaccard(mh[1]) - exact);
    error['bloom-filters'] += Math.abs(bf[0].compareWith(bf[1]) - exact);
  }
  const out = Object.fromEntries(Object.entries(error).map(([k, v]) => [k, v / used.length]));
  console.log(`sanity: mean |estimate - exact Jaccard| on ${used.length} known near-duplicate pairs: ` + Object.entries(out).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', '));
  return { pairs: used.length, meanAbsError: out };
}
