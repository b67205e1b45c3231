import { choiceOption, fractionOption, optionsObject } from '../internal/validate.js';
import { DEFAULT_THRESHOLD, resolveBandsRows, type BandsRows } from '../lsh/bandsRows.js';
import { LSH_INDEX_OPTIONS, type LshIndexOptions } from '../lsh/LshIndex.js';
import { MINHASH_OPTIONS, resolveMinHashOptions, type MinHashOptions, type ResolvedMinHashOptions } from '../signature/MinHasher.js';

/**
 * Options shared by {@link findNearDuplicates}, {@link createDeduper} (and the CLI flags of the
 * same names): one vocabulary for the whole pipeline.
 */
export interface NeardupOptions extends MinHashOptions, Omit<LshIndexOptions, 'threshold' | 'numPerm'> {
  /**
   * The Jaccard similarity of word shingles at or above which two documents are near-duplicates.
   * 0.5 separates Reuters' resent and re-edited stories from stories that only share phrases or
   * a template (see the README for the distribution it was chosen from).
   * @defaultValue 0.5
   */
  readonly threshold?: number;
  /**
   * How candidates from the LSH index are confirmed. `'exact'` computes the exact Jaccard
   * similarity of the two shingle sets, keeping each document's set (4 bytes a distinct shingle);
   * on Reuters it reaches recall >= 0.997 at precision 1.0. `'estimate'` compares the signatures
   * only (no extra memory), but an estimate has a standard error of sqrt(J(1-J)/numPerm), so pairs
   * near the threshold fall on either side of it: recall and precision of about 0.96-0.98.
   * @defaultValue 'exact'
   */
  readonly verify?: 'estimate' | 'exact';
  /**
   * Which document names a cluster: `'first'` seen, or `'central'`, the one with the highest total
   * similarity to the others in its cluster (first seen among equals).
   * @defaultValue 'first'
   */
  readonly representative?: 'first' | 'central';
}

/** The keys of {@link NeardupOptions}, for refusing unknown ones. */
export const NEARDUP_OPTIONS: Readonly<Record<keyof NeardupOptions, true>> = {
  ...MINHASH_OPTIONS,
  ...LSH_INDEX_OPTIONS,
  verify: true,
  representative: true,
};

export { DEFAULT_THRESHOLD } from '../lsh/bandsRows.js';

/** {@link NeardupOptions} validated, with every default filled in. */
export interface ResolvedNeardupOptions extends ResolvedMinHashOptions, BandsRows {
  readonly threshold: number;
  readonly verify: 'estimate' | 'exact';
  readonly representative: 'first' | 'central';
}

/**
 * Validates options and fills in defaults, in one place for every entry point.
 * @throws {InvalidOptionError} naming the first option that breaks its rule.
 */
export function resolveNeardupOptions(options: NeardupOptions | undefined): ResolvedNeardupOptions {
  const o = optionsObject('options', options, NEARDUP_OPTIONS);
  const signer = resolveMinHashOptions(o);
  const threshold = fractionOption('threshold', o.threshold, DEFAULT_THRESHOLD, 0, 1);
  const { bands, rows } = resolveBandsRows({ ...o, threshold }, signer.numPerm);
  return {
    ...signer,
    threshold,
    bands,
    rows,
    verify: choiceOption('verify', o.verify, 'exact', ['exact', 'estimate'] as const),
    representative: choiceOption('representative', o.representative, 'first', ['first', 'central'] as const),
  };
}
