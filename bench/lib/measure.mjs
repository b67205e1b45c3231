// tinybench with the settings of a run, and a sink that keeps measured work observable.
import { Bench } from 'tinybench';

let sinkValue = 0;
/** Folds a result into the sink, so that no engine can drop the work that produced it as dead code. */
export const keep = (x) => {
  sinkValue = (sinkValue ^ (typeof x === 'number' ? x | 0 : 1)) | 0;
};
export const sink = () => sinkValue >>> 0;

/**
 * Runs `tasks` ({ name: fn }) one after the other and returns, per name, the mean latency of one
 * call in ms and its relative margin of error (%). Each task runs for at least `time` ms and
 * `iterations` calls, after a warm-up of `warmupTime` ms and `warmupIterations` calls.
 */
export async function measure(tasks, { time, iterations, warmupTime, warmupIterations }) {
  const bench = new Bench({ time, iterations, warmupTime, warmupIterations, throws: true });
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
  await bench.run();
  const out = {};
  for (const task of bench.tasks) {
    const { latency } = task.result;
    out[task.name] = { ms: latency.mean, rme: latency.rme, samples: latency.samplesCount };
  }
  return out;
}
