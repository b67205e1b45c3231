import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { optionsObject } from '../internal/validate.js';
import { shingleOptionsOf } from '../shingle/ShingleOptions.js';
import { NEARDUP_OPTIONS, resolveNeardupOptions, type NeardupOptions, type ResolvedNeardupOptions } from './NeardupOptions.js';
import type { SharedIndex } from './SharedIndex.js';

/** Options of {@link createDeduper}: the shared {@link NeardupOptions}, plus where documents are kept. */
export interface DeduperOptions extends NeardupOptions {
  /**
   * A shared index to keep the documents in instead of this process's memory, such as
   * `await connectRedisIndex({ prefix: 'news' })` from `neardup/redis`. The index's settings are
   * used: options given beside it must equal them, except `threshold` (the similarity that
   * confirms a match) and `representative`.
   * @defaultValue undefined (an in-memory index of the deduper's own)
   */
  readonly index?: SharedIndex;
}

/** The keys of {@link DeduperOptions}, for refusing unknown ones. */
export const DEDUPER_OPTIONS: Readonly<Record<keyof DeduperOptions, true>> = { ...NEARDUP_OPTIONS, index: true };

// The options a shared index fixes (each unset beside it, or equal to the index's), and those
// that only choose bands and rows, which the index has already fixed.
const FIXED_BY_INDEX = ['numPerm', 'seed', 'scheme', 'shingleSize', 'charNgrams', 'bands', 'rows', 'verify'] as const;
const CHOOSING_BANDS = ['recallAtThreshold', 'falsePositiveWeight', 'falseNegativeWeight'] as const;

/**
 * Validates deduper options and fills in defaults; with a shared index, from the index's settings.
 * @throws {InvalidOptionError} naming the first option that breaks its rule or differs from the index's.
 */
export function resolveDeduperOptions(options: DeduperOptions | undefined): { resolved: ResolvedNeardupOptions; shared: SharedIndex | undefined } {
  const { index, ...rest } = optionsObject('options', options, DEDUPER_OPTIONS);
  if (index === undefined) return { resolved: resolveNeardupOptions(rest), shared: undefined };
  if (!isSharedIndex(index)) throw new InvalidOptionError('index', 'a shared index (connectRedisIndex() from neardup/redis)', index);
  const own = index.options;
  const fixed: NeardupOptions = { numPerm: own.numPerm, seed: own.seed, scheme: own.scheme, bands: own.bands, rows: own.rows, verify: own.verify, ...shingleOptionsOf(own.shingling) };
  // Compared before anything is resolved, so that the message names the option given, not a
  // banding that no longer fits it.
  for (const name of FIXED_BY_INDEX) {
    const given = rest[name];
    if (given !== undefined && given !== fixed[name]) {
      throw new InvalidOptionError(name, `left unset or equal to the shared index's ${name} (${fixed[name] ?? 'unset'})`, given);
    }
  }
  for (const name of CHOOSING_BANDS) {
    if (rest[name] !== undefined) throw new InvalidOptionError(name, 'left unset beside a shared index (it chooses bands and rows, which the index fixes)', rest[name]);
  }
  const resolved = resolveNeardupOptions({ ...fixed, threshold: rest.threshold ?? own.threshold, representative: rest.representative ?? own.representative });
  return { resolved, shared: index };
}

function isSharedIndex(value: unknown): value is SharedIndex {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<Record<keyof SharedIndex, unknown>>;
  return typeof v.matchPrepared === 'function' && typeof v.has === 'function' && typeof v.remove === 'function' && typeof v.options === 'object';
}
