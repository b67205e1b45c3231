/**
 * How a signature is computed from shingle hashes.
 *
 * - `'oph'`: one-permutation hashing with optimal densification (Shrivastava, 2017). Each shingle
 *   is hashed once and lands in one of `numPerm` bins; empty bins borrow from others by a seeded,
 *   shared probe sequence. One hash per shingle instead of `numPerm`, and unbiased. Its error
 *   matches kperm's for sets of numPerm shingles or more; on much smaller sets, where most bins
 *   borrow, the standard error grows to about 1.1x (60 shingles, 128 bins) to 1.2x (20 shingles).
 * - `'kperm'`: classic MinHash with `numPerm` independent permutations, each shingle hashed
 *   `numPerm` times. The textbook estimator; use it to match another implementation's behaviour.
 */
export type Scheme = 'oph' | 'kperm';

/** The schemes, in the order of their byte codes (1-based) in serialized signatures. */
export const SCHEMES: readonly Scheme[] = ['kperm', 'oph'];

/** The default scheme: as accurate as k-permutation MinHash and many times faster (README). */
export const DEFAULT_SCHEME: Scheme = 'oph';
