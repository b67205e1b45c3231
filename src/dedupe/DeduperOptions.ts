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

// The settings a shared index fixes; each must be unset beside it, or equal to the index's.
const FIXED_BY_INDEX = ['numPerm', 'seed', 'scheme', 'shingling', 'bands', 'rows', 'verify'] as const;

/**
 * Validates deduper options and fills in defaults; with a shared index, from the index's settings.
 * @throws {InvalidOptionError} naming the first option that breaks its rule or differs from the index's.
 */
export function resolveDeduperOptions(options: DeduperOptions | undefined): { resolved: ResolvedNeardupOptions; shared: SharedIndex | undefined } {
  const { index, ...rest } = optionsObject('options', options, DEDUPER_OPTIONS);
  if (index === undefined) return { resolved: resolveNeardupOptions(rest), shared: undefined };
  if (!isSharedIndex(index)) throw new InvalidOptionError('index', 'a shared index (connectRedisIndex() from neardup/redis)', index);
  const own = index.options;
  const ownShingling = rest.shingleSize === undefined && rest.charNgrams === undefined ? shingleOptionsOf(own.shingling) : {};
  const resolved = resolveNeardupOptions({
    numPerm: own.numPerm,
    seed: own.seed,
    scheme: own.scheme,
    bands: own.bands,
    rows: own.rows,
    verify: own.verify,
    threshold: own.threshold,
    representative: own.representative,
    ...ownShingling,
    ...rest,
  });
  for (const name of FIXED_BY_INDEX) {
    const mine = name === 'shingling' ? shinglingText(resolved) : resolved[name];
    const theirs = name === 'shingling' ? shinglingText(own) : own[name];
    if (mine !== theirs) {
      const option = name === 'shingling' ? (rest.charNgrams !== undefined ? 'charNgrams' : 'shingleSize') : name;
      throw new InvalidOptionError(option, `left unset or equal to the shared index's setting (${theirs})`, (rest as Record<string, unknown>)[option]);
    }
  }
  return { resolved, shared: index };
}

function shinglingText(options: ResolvedNeardupOptions): string {
  return options.shingling.kind === 'word' ? `shingleSize ${options.shingling.size}` : `charNgrams ${options.shingling.size}`;
}

function isSharedIndex(value: unknown): value is SharedIndex {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<Record<keyof SharedIndex, unknown>>;
  return typeof v.matchPrepared === 'function' && typeof v.has === 'function' && typeof v.remove === 'function' && typeof v.options === 'object';
}
