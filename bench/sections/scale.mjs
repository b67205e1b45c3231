// 7. Scale: 1M synthetic articles (quick mode: 10k) streamed from a generator into
//    findNearDuplicates, in a child process (bench/scale.mjs) for its peak memory.
import { fmt, printTable, runChild } from '../lib/common.mjs';

export async function scale({ quick, corpusPath }) {
  const n = quick ? 10000 : 1000000;
  const result = await runChild('scale.mjs', ['--n', n, '--corpus', corpusPath, ...(quick ? ['--stories', 2000] : [])]);
  printTable(`7. Scale: ${fmt(n)} synthetic articles (edited Reuters stories, 5% planted near-duplicate copies), streamed, findNearDuplicates default options, one thread`, [result], [
    ['documents', (r) => fmt(r.n)],
    ['GB', (r) => fmt(r.bytes / 1e9, 2)],
    ['wall s', (r) => fmt(r.seconds, 1)],
    ['of which generating s', (r) => fmt(r.generatingSeconds, 1)],
    ['docs/s', (r) => fmt(r.docsPerSecond)],
    ['docs/s without generation', (r) => fmt(r.docsPerSecondWithoutGeneration)],
    ['peak RSS MB', (r) => fmt(r.maxRss / 1e6)],
    ['RSS before MB', (r) => fmt(r.rssBefore / 1e6)],
  ]);
  console.log(
    `planted pairs: ${fmt(result.planted)}, of which ${fmt(result.plantedAtOrAboveThreshold)} have exact Jaccard >= ${result.threshold}; ` +
      `found as a pair: ${fmt(result.plantedFoundAtOrAboveThreshold)} of those (${fmt((100 * result.plantedFoundAtOrAboveThreshold) / result.plantedAtOrAboveThreshold, 2)}%), ` +
      `${fmt(result.plantedFound)} of all planted; same cluster: ${fmt(result.plantedInSameCluster)}. ` +
      `Pairs found: ${fmt(result.pairs)} in ${fmt(result.clusters)} clusters, ${fmt(result.pairsWithinCopyFamilies)} of them within a family of copies.`,
  );
  return result;
}
