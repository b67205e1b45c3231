/** The default number of permutations. */
export const DEFAULT_NUM_PERM = 128;
/** The default seed. */
export const DEFAULT_SEED = 1;
/**
 * The largest numPerm accepted. Optimal densification fills each empty bin by probing until it
 * hits a full one, about numPerm / (full bins) probes, so a text with very few shingles costs
 * about numPerm² probes: measured for a one-word text, 0.7 ms at 128, 16 ms at 1024, 240 ms at 4096.
 */
export const MAX_NUM_PERM = 1024;
