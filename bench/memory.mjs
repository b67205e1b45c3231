// Memory per document of an LSH index or a whole deduper, in a process of its own so that nothing
// else lives in its heap:
//
//   node --expose-gc bench/memory.mjs --n 100000 --kind index|deduper-exact|deduper-estimate [--corpus FILE] [--stories N]
//
// Synthesizes n distinct articles from the corpus (bench/lib/SyntheticCorpus.mjs), and measures
// heapUsed + arrayBuffers after a full GC before the structure is created and after every article
// is in it. Signatures are computed one at a time and dropped once inserted, so what remains is
// what the structure keeps: for an index, the signature values, the band tables and the ids.
// Prints one JSON line.
import { createDeduper, LshIndex, MinHasher } from '../dist/index.js';
import { childArgs, defaultCorpusPath, loadCorpus, maxRssBytes } from './lib/common.mjs';
import { SyntheticCorpus } from './lib/SyntheticCorpus.mjs';

const args = childArgs({ n: 100000, kind: 'index', corpus: defaultCorpusPath(), stories: Infinity, threshold: 0.5 });
if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
const synth = new SyntheticCorpus(loadCorpus(args.corpus, args.stories));

// Several full collections: V8 also drops the bytecode of functions that have not run for a few
// collections (the corpus loading), which would otherwise be released during the build and
// make it look smaller.
const used = () => {
  for (let i = 0; i < 8; i++) global.gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

let structure;
let add;
// Keep the signer outside the measured region: it is shared state, not per document.
const hasher = new MinHasher();
if (args.kind === 'index') {
  structure = new LshIndex({ threshold: args.threshold });
  add = (id, text) => structure.insert(id, hasher.sign(text));
} else if (args.kind === 'deduper-exact' || args.kind === 'deduper-estimate') {
  add = null; // created below, inside the measured region (its index is part of it)
} else {
  throw new Error(`--kind must be index, deduper-exact or deduper-estimate, got ${args.kind}`);
}
// Warm the scratch buffers of the scan (they grow to the longest text once, then are reused).
for (let i = 0; i < 100; i++) hasher.sign(synth.article(i).text);

const before = used();
if (add === null) {
  structure = await createDeduper({ threshold: args.threshold, verify: args.kind === 'deduper-exact' ? 'exact' : 'estimate' });
  add = (id, text) => structure.add(id, text);
}
const started = performance.now();
for (let i = 0; i < args.n; i++) {
  const { id, text } = synth.article(i);
  await add(id, text);
}
const seconds = (performance.now() - started) / 1000;
const after = used();
const bytes = after - before;
console.log(
  JSON.stringify({
    kind: args.kind,
    threshold: args.threshold,
    n: args.n,
    size: structure.size,
    bytes,
    bytesPerDoc: bytes / args.n,
    seconds,
    maxRss: maxRssBytes(),
    bands: structure.bands ?? structure.options?.bands,
    rows: structure.rows ?? structure.options?.rows,
    // Used after the last reading on purpose: V8 frees a local of an async function as soon as it
    // is dead, and the generator and the signer must be in both readings, not only the first.
    stories: synth.stories.length,
    numPerm: hasher.numPerm,
  }),
);
