import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { fractionOption, integerOption, optionsObject } from '../internal/validate.js';
import { DEFAULT_NUM_PERM, MAX_NUM_PERM } from '../signature/MinHasher.js';

/** A banding of the signature: `bands` groups of `rows` consecutive values each. */
export interface BandsRows {
  readonly bands: number;
  readonly rows: number;
}

/** How {@link chooseBandsRows} picks bands and rows for a threshold. */
export interface BandsRowsOptions {
  /** The similarity threshold t that pairs must reach. @defaultValue 0.5 */
  readonly threshold?: number;
  /** Values per signature; bands * rows never exceeds it. @defaultValue 128 */
  readonly numPerm?: number;
  /**
   * The least probability that a pair with similarity exactly `threshold` becomes a candidate.
   * Pairs above the threshold are found more often still. 0 gives the classic weighted optimum,
   * whose S-curve midpoint sits above the threshold and misses most pairs right at it.
   * @defaultValue 0.95
   */
  readonly recallAtThreshold?: number;
  /** Weight of the false-positive area (the S-curve's area below the threshold). @defaultValue 0.5 */
  readonly falsePositiveWeight?: number;
  /** Weight of the false-negative area (the area above the curve, above the threshold). @defaultValue 0.5 */
  readonly falseNegativeWeight?: number;
}

/** The chosen banding and what it costs. */
export interface BandsRowsChoice extends BandsRows {
  /** Probability that a pair at exactly the threshold becomes a candidate. */
  readonly recallAtThreshold: number;
  /** ∫₀ᵗ P(s) ds: how much of the curve lets dissimilar pairs through (verification removes them). */
  readonly falsePositiveArea: number;
  /** ∫ₜ¹ 1 - P(s) ds: how much of the curve misses similar pairs. */
  readonly falseNegativeArea: number;
}

/**
 * Probability that two signatures with Jaccard similarity `similarity` share at least one band,
 * and so become a candidate pair: 1 - (1 - s^rows)^bands, the LSH S-curve.
 *
 * @example
 * ```ts
 * candidateProbability(0.5, { bands: 25, rows: 5 }); // 0.5478
 * candidateProbability(0.9, { bands: 25, rows: 5 }); // 1.0000 (to 4 places)
 * ```
 */
export function candidateProbability(similarity: number, { bands, rows }: BandsRows): number {
  return 1 - Math.pow(1 - Math.pow(similarity, rows), bands);
}

// Composite Simpson's rule: the S-curve is smooth, and 128 panels put every reference banding
// (datasketch, scipy.integrate.quad) within 1e-9 of the exact areas, far below the differences
// between neighbouring bandings.
function integrate(f: (s: number) => number, from: number, to: number): number {
  const panels = 128;
  const step = (to - from) / panels;
  let sum = f(from) + f(to);
  for (let i = 1; i < panels; i++) sum += (i % 2 === 1 ? 4 : 2) * f(from + i * step);
  return (sum * step) / 3;
}

const cache = new Map<string, BandsRowsChoice>();

/**
 * Chooses bands x rows for a threshold by minimizing the weighted false-positive and
 * false-negative areas under the S-curve (the method of Leskovec et al. and datasketch), among
 * the bandings that make a pair at the threshold a candidate with probability at least
 * `recallAtThreshold`. With `recallAtThreshold: 0` it reproduces the classic choice
 * (128 permutations: 0.5 -> 25 x 5, 0.8 -> 9 x 13, 0.9 -> 5 x 25).
 *
 * @throws {InvalidOptionError} for an option out of range, or when no banding of `numPerm` values
 *   reaches `recallAtThreshold` (the message gives the best one possible).
 * @example
 * ```ts
 * chooseBandsRows({ threshold: 0.8, recallAtThreshold: 0 }); // { bands: 9, rows: 13, ... }
 * chooseBandsRows({ threshold: 0.8 }); // recall-first: { bands: 13, rows: 7, recallAtThreshold: 0.953, ... }
 * ```
 */
export function chooseBandsRows(options?: BandsRowsOptions): BandsRowsChoice {
  return choose(optionsObject('options', options, BANDS_ROWS_OPTIONS));
}

/** The keys of {@link BandsRowsOptions}, for refusing unknown ones. */
export const BANDS_ROWS_OPTIONS: Readonly<Record<keyof BandsRowsOptions, true>> = {
  threshold: true,
  numPerm: true,
  recallAtThreshold: true,
  falsePositiveWeight: true,
  falseNegativeWeight: true,
};

/** The default similarity threshold. */
export const DEFAULT_THRESHOLD = 0.5;
/** The default least candidate probability of a pair exactly at the threshold. */
export const DEFAULT_RECALL_AT_THRESHOLD = 0.95;
/** The default weight of each error area (false positives, false negatives). */
export const DEFAULT_ERROR_WEIGHT = 0.5;

// Every option of BandsRowsOptions, validated, with defaults: checked even when bands and rows are
// given explicitly, so that a bad value never passes unnoticed because it happened to be unused.
function resolveChoiceOptions(o: BandsRowsOptions) {
  const recallAtThreshold = o.recallAtThreshold ?? DEFAULT_RECALL_AT_THRESHOLD;
  if (typeof recallAtThreshold !== 'number' || !(recallAtThreshold >= 0 && recallAtThreshold <= 1)) {
    throw new InvalidOptionError('recallAtThreshold', 'a number from 0 to 1', o.recallAtThreshold);
  }
  return {
    threshold: fractionOption('threshold', o.threshold, DEFAULT_THRESHOLD, 0, 1),
    numPerm: integerOption('numPerm', o.numPerm, DEFAULT_NUM_PERM, 1, MAX_NUM_PERM),
    recallAtThreshold,
    falsePositiveWeight: weight('falsePositiveWeight', o.falsePositiveWeight),
    falseNegativeWeight: weight('falseNegativeWeight', o.falseNegativeWeight),
  };
}

// chooseBandsRows without the check for unknown keys, for callers that pass wider option objects.
function choose(o: BandsRowsOptions): BandsRowsChoice {
  const { threshold, numPerm, recallAtThreshold: minRecall, falsePositiveWeight: fpWeight, falseNegativeWeight: fnWeight } = resolveChoiceOptions(o);
  const key = `${threshold}:${numPerm}:${minRecall}:${fpWeight}:${fnWeight}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;

  let best: BandsRowsChoice | undefined;
  let bestError = Infinity;
  let mostRecall: BandsRowsChoice | undefined;
  for (let bands = 1; bands <= numPerm; bands++) {
    for (let rows = 1; bands * rows <= numPerm; rows++) {
      const banding = { bands, rows };
      const recall = candidateProbability(threshold, banding);
      if (recall < minRecall) {
        if (mostRecall === undefined || recall > mostRecall.recallAtThreshold) mostRecall = evaluate(banding, threshold, recall);
        continue;
      }
      const choice = evaluate(banding, threshold, recall);
      const error = fpWeight * choice.falsePositiveArea + fnWeight * choice.falseNegativeArea;
      // Strictly smaller, so the first of equals (fewest bands, then fewest rows) wins, as in datasketch.
      if (error < bestError) {
        bestError = error;
        best = choice;
      }
    }
  }
  if (best === undefined) {
    const m = mostRecall!;
    throw new InvalidOptionError(
      'recallAtThreshold',
      `reachable with numPerm ${numPerm} at threshold ${threshold} (at most ${m.recallAtThreshold.toFixed(4)}, with ${m.bands} bands x ${m.rows} rows)`,
      minRecall,
    );
  }
  // Cached and shared, so frozen: a caller must not be able to change every later choice.
  Object.freeze(best);
  cache.set(key, best);
  return best;
}

/**
 * The banding an index uses: `bands` and `rows` when both are given (checked against `numPerm`),
 * otherwise {@link chooseBandsRows} for the threshold.
 * @throws {InvalidOptionError} when only one of bands and rows is given, or bands x rows > numPerm.
 */
export function resolveBandsRows(options: BandsRowsOptions & Partial<BandsRows>, numPerm: number): BandsRows {
  const { bands, rows } = options;
  if (bands === undefined && rows === undefined) return choose({ ...options, numPerm });
  resolveChoiceOptions({ ...options, numPerm });
  if (bands === undefined || rows === undefined) {
    throw new InvalidOptionError(bands === undefined ? 'bands' : 'rows', `given together with ${bands === undefined ? 'rows' : 'bands'}`, undefined);
  }
  const b = integerOption('bands', bands, 0, 1, numPerm);
  const r = integerOption('rows', rows, 0, 1, numPerm);
  if (b * r > numPerm) throw new InvalidOptionError('bands', `such that bands x rows <= numPerm (${numPerm}); rows is ${r}`, b);
  return { bands: b, rows: r };
}

function evaluate(banding: BandsRows, threshold: number, recall: number): BandsRowsChoice {
  const p = (s: number) => candidateProbability(s, banding);
  return {
    ...banding,
    recallAtThreshold: recall,
    falsePositiveArea: integrate(p, 0, threshold),
    falseNegativeArea: integrate((s) => 1 - p(s), threshold, 1),
  };
}

function weight(name: string, value: unknown): number {
  if (value === undefined) return DEFAULT_ERROR_WEIGHT;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new InvalidOptionError(name, 'a finite number >= 0', value);
  return value;
}
