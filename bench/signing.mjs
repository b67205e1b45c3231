// Signing alone on worker threads: signMany with 0, 1 and 2 workers over the same texts, in a
// process of its own, started with --expose-gc:
//
//   node --expose-gc bench/signing.mjs [--corpus FILE] [--limit N] [--rounds 7]
//
// A warm-up call per worker count (which also starts the shared worker pools) checks that every
// count gives the same signatures. Then `rounds` rounds take 0, 1 and 2 workers in turn, each
// timed call starting from a collected heap: otherwise the garbage of one call is collected
// during the next, by V8's helper threads, on the cores the workers need. Prints one JSON line
// with each count's best time.
import { signMany } from '../dist/index.js';
import { childArgs, defaultCorpusPath, loadCorpus } from './lib/common.mjs';

if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
const args = childArgs({ corpus: defaultCorpusPath(), limit: Infinity, rounds: 7 });
const texts = loadCorpus(args.corpus, args.limit).map((d) => d.text);
const hex = (signatures) => signatures.map((s) => Buffer.from(s.toBytes()).toString('hex')).join();
const reference = hex(await signMany(texts));
let identical = true;
for (const w of [0, 1, 2]) identical &&= hex(await signMany(texts, { workers: w })) === reference;
const seconds = { 0: Infinity, 1: Infinity, 2: Infinity };
for (let r = 0; r < args.rounds; r++) {
  for (const w of [0, 1, 2]) {
    global.gc();
    const started = performance.now();
    await signMany(texts, { workers: w });
    seconds[w] = Math.min(seconds[w], (performance.now() - started) / 1000);
  }
}
console.log(JSON.stringify({ documents: texts.length, seconds, speedup: seconds[1] / seconds[2], identical }));
