// tinybench with the settings of a run, and a sink that keeps measured work observable.
import { Bench } from 'tinybench';

let sinkValue = 0;
/** Folds a result into the sink, so that no engine can drop the work that produced it as dead code. */
export const keep = (x) => {
  sinkValue = (sinkValue ^ (typeof x === 'number' ? x | 0 : 1)) | 0;
};
export const sink = () => sinkValue >>> 0;

/**
 * Runs `tasks` ({ name: fn }) and returns, per name, the median latency of one call in ms and the
 * largest relative margin of error (%) of its rounds. The tasks run in `rounds` interleaved
 * rounds (all tasks, then all again), each task for at least `time / rounds` ms and
 * `iterations / rounds` calls a round (rounded up), after a warm-up of `warmupTime` ms and `warmupIterations` calls: a burst of load
 * on this shared machine then falls on one round of every task instead of on one task, and the
 * median of the rounds' medians leaves it out. Ratios between tasks are what the bench reports.
 * With node --expose-gc (as `npm run bench` runs), each task's round starts from a collected heap,
 * and with `collectEach` each call does: a pass over a whole corpus then pays for its own garbage
 * only, not for the garbage of the task before it.
 */
export async function measure(tasks, { time, iterations, warmupTime, warmupIterations, rounds = 3, collectEach = false }) {
  const collect = () => globalThis.gc?.();
  const perRound = {};
  for (let round = 0; round < rounds; round++) {
    const warm = round === 0;
    const bench = new Bench({ time: time / rounds, iterations: Math.ceil(iterations / rounds), warmupTime: warm ? warmupTime : 0, warmupIterations: warm ? warmupIterations : 0, throws: true });
    for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn, collectEach ? { beforeAll: collect, beforeEach: collect } : { beforeAll: collect });
    await bench.run();
    for (const task of bench.tasks) {
      const { latency } = task.result;
      (perRound[task.name] ??= []).push({ ms: latency.p50, rme: latency.rme, samples: latency.samplesCount });
    }
  }
  const out = {};
  for (const [name, results] of Object.entries(perRound)) {
    const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    out[name] = {
      ms: sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2,
      rme: Math.max(...results.map((r) => r.rme)),
      samples: results.reduce((sum, r) => sum + r.samples, 0),
    };
  }
  return out;
}
