// 6. End to end: findNearDuplicates over the corpus, text already in memory, one thread, at
//    thresholds 0.8 and 0.5, each in a child process (bench/e2e.mjs) for its peak memory; then the
//    `workers` option: 1 against 2 worker threads on 10k+ documents, with identical clusters.
import { fmt, printTable, runChild } from '../lib/common.mjs';

/** Quoted from issue 3, not measured here: datasketch 1.10 (Python), whole Reuters corpus, threshold 0.8, this machine class. */
export const DATASKETCH_REUTERS_SECONDS = 9.5;
const REUTERS_DOCUMENTS = 19779;

export async function endToEnd({ quick, corpusPath }) {
  const base = ['--corpus', corpusPath, ...(quick ? ['--limit', 500, '--repeats', 1] : ['--repeats', 9])];
  const single = [];
  for (const threshold of [0.8, 0.5]) single.push(await runChild('e2e.mjs', [...base, '--threshold', threshold, '--breakdown', 1], ['--expose-gc']));
  printTable('6. End to end: findNearDuplicates, text in memory, one thread, default options but the threshold (median of the timed runs after a warm-up run)', single, [
    ['threshold', (r) => r.threshold],
    ['documents', (r) => fmt(r.documents)],
    ['MB', (r) => fmt(r.bytes / 1e6, 1)],
    ['seconds', (r) => fmt(r.seconds, 3)],
    ['best run s', (r) => fmt(r.bestSeconds, 3)],
    ['first run (cold) s', (r) => fmt(r.coldSeconds, 3)],
    ['docs/s', (r) => fmt(r.docsPerSecond)],
    ['MB/s', (r) => fmt(r.mbPerSecond, 1)],
    ['pairs', (r) => fmt(r.pairs)],
    ['clusters', (r) => fmt(r.clusters)],
    ['peak RSS MB', (r) => fmt(r.maxRss / 1e6)],
    ['RSS before run MB', (r) => fmt(r.rssBefore / 1e6)],
  ]);
  printTable('What the time is made of (same child process, same documents, median of the repeats; the peak RSS above includes these passes)', single, [
    ['threshold', (r) => r.threshold],
    ['scan only s', (r) => fmt(r.breakdown.scanSeconds, 3)],
    ['sign only (oph) s', (r) => fmt(r.breakdown.signSeconds, 3)],
    ["findNearDuplicates, verify: 'estimate' s", (r) => fmt(r.breakdown.estimateSeconds, 3)],
    ["findNearDuplicates, verify: 'exact' (default) s", (r) => fmt(r.seconds, 3)],
  ]);
  const at08 = single[0];
  const comparable = !quick && at08.documents === REUTERS_DOCUMENTS;
  const vsDatasketch = comparable ? DATASKETCH_REUTERS_SECONDS / at08.seconds : undefined;
  console.log(
    comparable
      ? `\nvs datasketch 1.10, a figure QUOTED FROM ISSUE 3, not measured here (${DATASKETCH_REUTERS_SECONDS} s for Reuters at threshold 0.8): ${fmt(vsDatasketch, 1)}x faster (target >= 50x, i.e. <= ${fmt(DATASKETCH_REUTERS_SECONDS / 50, 2)} s; measured ${fmt(at08.seconds, 3)} s, the median; the best run, ${fmt(at08.bestSeconds, 3)} s, is ${fmt(DATASKETCH_REUTERS_SECONDS / at08.bestSeconds, 1)}x)`
      : `\nvs datasketch (quoted figure for the full Reuters corpus): not applicable to this run (${quick ? 'quick mode' : `${at08.documents} documents`})`,
  );

  // Workers: the same documents with workers 1 and 2 (and the single-thread run above, for identity).
  const sets = [{ name: 'corpus', args: base, reference: single[1] }];
  if (!quick) sets.push({ name: 'synthetic 100k', args: ['--corpus', corpusPath, '--synthetic', 100000, '--repeats', 1] });
  const workers = [];
  for (const set of sets) {
    const runs = {};
    for (const w of [1, 2]) runs[w] = await runChild('e2e.mjs', [...set.args, '--threshold', 0.5, '--workers', w], ['--expose-gc']);
    const identical = runs[1].digest === runs[2].digest && (set.reference === undefined || set.reference.digest === runs[1].digest);
    workers.push({ documents: runs[1].documents, set: set.name, one: runs[1], two: runs[2], speedup: runs[1].seconds / runs[2].seconds, identical, workersOption: runs[2].workersOption });
  }
  printTable('Workers (threshold 0.5): signatures computed in worker_threads (target: >= 1.7x with 2 workers on 10k+ documents, identical clusters)', workers, [
    ['documents', (r) => `${r.set}: ${fmt(r.documents)}`],
    ['workers: 1 s', (r) => fmt(r.one.seconds, 3)],
    ['workers: 2 s', (r) => fmt(r.two.seconds, 3)],
    ['speedup', (r) => fmt(r.speedup, 2)],
    ['docs/s with 2', (r) => fmt(r.two.docsPerSecond)],
    ['peak RSS MB with 2', (r) => fmt(r.two.maxRss / 1e6)],
    ['clusters identical', (r) => (r.identical ? 'yes' : 'NO')],
  ]);
  if (workers.some((w) => !w.workersOption)) console.log('NOTE: this build does not know the `workers` option (it ignores it), so the speedup above is not a measurement of it.');
  console.log('(findNearDuplicates matches every document on the calling thread, so with one worker signing beside it the\n two cores are already in use: the end-to-end gain of a second worker is bounded by that thread.)');

  // Signing alone on worker threads (signMany), the part that scales with cores: in a child
  // process that collects garbage before each timed call (bench/signing.mjs).
  const signingRow = await runChild('signing.mjs', ['--corpus', corpusPath, ...(quick ? ['--limit', 2000, '--rounds', 1] : [])], ['--expose-gc']);
  printTable('Signing alone, signMany (best run): worker threads sign, results transferred; the calling thread only rebuilds the signatures', [signingRow], [
    ['documents', (r) => fmt(r.documents)],
    ['calling thread s', (r) => fmt(r.seconds[0], 3)],
    ['workers: 1 s', (r) => fmt(r.seconds[1], 3)],
    ['workers: 2 s', (r) => fmt(r.seconds[2], 3)],
    ['2 vs 1 worker', (r) => fmt(r.speedup, 2)],
    ['2 workers vs calling thread', (r) => fmt(r.seconds[0] / r.seconds[2], 2)],
    ['identical signatures', (r) => (r.identical ? 'yes' : 'NO')],
  ]);
  return { single, vsDatasketch, datasketchQuotedSeconds: DATASKETCH_REUTERS_SECONDS, workers, signing: signingRow };
}
