/**
 * The seed of every property test and random trial in the suites that import it: fixed, so a run is
 * reproducible, and overridable to explore other inputs (`FC_SEED=7 npx vitest run`). A failure
 * prints fast-check's seed and path; rerun with that seed to replay it.
 */
export const FC_SEED = Number(process.env['FC_SEED'] ?? 42);

/** fast-check parameters for `fc.assert`: the shared seed and `numRuns` runs. */
export function fcParams(numRuns: number): { seed: number; numRuns: number } {
  return { seed: FC_SEED, numRuns };
}
