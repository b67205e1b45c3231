import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { scanShingles } from '../internal/scanShingles.js';
import { densify } from '../internal/densify.js';
import { KPermutationSketch, OnePermutationSketch, type Sketch } from '../internal/sketches.js';
import { Uint32Slabs } from '../internal/Uint32Slabs.js';
import { choiceOption, integerOption, optionsObject } from '../internal/validate.js';
import { hashShingles } from '../shingle/hashShingles.js';
import { resolveShingling, SHINGLE_OPTIONS, shingleOptionsOf, type ShingleOptions, type Shingling } from '../shingle/ShingleOptions.js';
import { DEFAULT_SCHEME, SCHEMES, type Scheme } from './Scheme.js';
import { DEFAULT_NUM_PERM, DEFAULT_SEED, MAX_NUM_PERM } from './numPerm.js';
import { Signature, type SignatureParams } from './Signature.js';

/** Options of a {@link MinHasher}: how text is shingled and how shingles become a signature. */
export interface MinHashOptions extends ShingleOptions {
  /**
   * Hash values per signature, from 1 to 1024. The estimate's standard error is
   * sqrt(J(1-J)/numPerm): 0.044 at J = 0.5 with 128. Memory is 4 bytes per value per document
   * (a few signatures kept out of many keep the 4 KiB buffers they share: see {@link Signature.values}).
   * @defaultValue 128
   */
  readonly numPerm?: number;
  /**
   * Seed of the permutations, an unsigned 32-bit integer. Same seed and options, same signatures,
   * on every platform and version of the same format.
   * @defaultValue 1
   */
  readonly seed?: number;
  /**
   * `'oph'` (one-permutation hashing, optimal densification) or `'kperm'` (classic MinHash).
   * @defaultValue 'oph'
   */
  readonly scheme?: Scheme;
}

export { DEFAULT_NUM_PERM, DEFAULT_SEED, MAX_NUM_PERM } from './numPerm.js';

/** The keys of {@link MinHashOptions}, for refusing unknown ones. */
export const MINHASH_OPTIONS: Readonly<Record<keyof MinHashOptions, true>> = { ...SHINGLE_OPTIONS, numPerm: true, seed: true, scheme: true };

/** Validated signer parameters with defaults filled in. */
export interface ResolvedMinHashOptions extends SignatureParams {
  readonly shingling: Shingling;
}

/** Fills in defaults and validates {@link MinHashOptions}. */
export function resolveMinHashOptions(options: MinHashOptions): ResolvedMinHashOptions {
  return {
    scheme: choiceOption('scheme', options.scheme, DEFAULT_SCHEME, SCHEMES),
    numPerm: integerOption('numPerm', options.numPerm, DEFAULT_NUM_PERM, 1, MAX_NUM_PERM),
    seed: integerOption('seed', options.seed, DEFAULT_SEED, 0, 0xffffffff),
    shingling: resolveShingling(options),
  };
}

/**
 * Turns texts (or shingle hash sets) into {@link Signature}s. A signer is cheap to keep and reuse:
 * it holds its permutation parameters and one scratch sketch, so signing a text allocates only the
 * signature itself, whose `oph` values it cuts from 4 KiB buffers shared by floor(1024 / numPerm)
 * signatures (8 at 128 permutations; see {@link Signature.values}). Not safe to share between
 * concurrent workers (each worker makes its own).
 *
 * @throws {InvalidOptionError} from the constructor, naming the option, rule and value.
 * @example
 * ```ts
 * const hasher = new MinHasher({ numPerm: 128, seed: 1 });
 * const a = hasher.sign('Amber Rudd will throw down the gauntlet to technology bosses on Thursday');
 * const b = hasher.sign('Amber Rudd will throw down the gauntlet to tech bosses on Thursday');
 * a.similarity(b); // 0.344 (the exact Jaccard of their 5-word shingles is 4/12 = 0.333)
 * ```
 */
export class MinHasher implements ResolvedMinHashOptions {
  readonly scheme: Scheme;
  readonly numPerm: number;
  readonly seed: number;
  readonly shingling: Shingling;
  readonly #sketch: Sketch;
  // The values of the non-empty oph signatures this signer makes.
  readonly #slabs: Uint32Slabs;

  constructor(options?: MinHashOptions) {
    const resolved = resolveMinHashOptions(optionsObject('options', options, MINHASH_OPTIONS));
    this.scheme = resolved.scheme;
    this.numPerm = resolved.numPerm;
    this.seed = resolved.seed;
    this.shingling = resolved.shingling;
    this.#sketch =
      this.scheme === 'oph'
        ? new OnePermutationSketch(this.numPerm, this.seed)
        : new KPermutationSketch(this.numPerm, this.seed);
    this.#slabs = new Uint32Slabs(this.numPerm);
  }

  /** Signs a text: normalize, tokenize, shingle, hash, sketch. An empty or wordless text gives an empty signature. */
  sign(text: string): Signature {
    if (typeof text !== 'string') throw new InvalidOptionError('text', 'a string', text);
    const hashes = scanShingles(text, this.shingling);
    return this.#signature(this.#sketch.sketch(hashes), hashes.length === 0);
  }

  /** The distinct, sorted shingle hashes of a text under this signer's shingling ({@link hashShingles}). */
  hashShingles(text: string): Uint32Array {
    return hashShingles(text, shingleOptionsOf(this.shingling));
  }

  /**
   * @internal The shingle hashes of a text in order of occurrence, repeats included (a copy of the
   * scan's output): what {@link MinHasher.hashShingles} returns before sorting and deduplication.
   */
  shingleHashes(text: string): Uint32Array {
    if (typeof text !== 'string') throw new InvalidOptionError('text', 'a string', text);
    return scanShingles(text, this.shingling).slice();
  }

  /**
   * Signs a set of shingle hashes (unsigned 32-bit integers, e.g. from {@link hashShingles} or a
   * shingling of your own). Repeats do not matter.
   */
  signHashes(hashes: ArrayLike<number>): Signature {
    const words = hashes instanceof Uint32Array ? hashes : Uint32Array.from(hashes, (h) => h >>> 0);
    return this.#signature(this.#sketch.sketch(words), words.length === 0);
  }

  // A signature from the sketch's scratch values. A non-empty oph one densifies them into an array
  // cut from the signer's shared buffers (see Signature.values); the others copy them.
  #signature(raw: Uint32Array, isEmpty: boolean): Signature {
    if (this.scheme !== 'oph' || isEmpty) return new Signature(this, raw, isEmpty);
    const values = this.#slabs.take();
    const emptyBins = new Uint32Array((this.numPerm + 31) >>> 5);
    densify(raw, this.seed, values, emptyBins);
    const signature = new Signature(this, values, false, emptyBins);
    firstSignature ??= signature;
    return signature;
  }

  /**
   * @internal What {@link MinHasher.signHashes} computes, written into `values` (numPerm of them:
   * the signature's {@link Signature.values}) instead of a new Signature. For a non-empty `oph`
   * signature, `emptyBins` ((numPerm + 31) >> 5 words) receives the mask of its empty bins
   * ({@link Signature.emptyBins}); otherwise it is left as it was. Returns whether the set is
   * empty. For a caller that copies the values on (into an index or a batch), so that no typed
   * array is allocated per document.
   */
  signInto(hashes: Uint32Array, values: Uint32Array, emptyBins: Uint32Array): boolean {
    const raw = this.#sketch.sketch(hashes);
    if (this.scheme === 'oph' && hashes.length > 0) densify(raw, this.seed, values, emptyBins);
    else values.set(raw);
    return hashes.length === 0;
  }
}

// The first signature made this way, kept for the process. V8 drops optimized code when a major GC
// frees an object the code was compiled against, and with no signature alive at a collection the
// code that makes them (sign, this method, the Signature constructor, `values`) was dropped at
// each one and compiled again: `node --trace-deopt` showed it as "weak objects", and keeping one
// signature, made here, stops it. (One made by another signer at load time did not.)
let firstSignature: Signature | undefined;
