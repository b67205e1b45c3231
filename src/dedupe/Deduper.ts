import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { LshIndex } from '../lsh/LshIndex.js';
import { DuplicateIdError } from '../errors/DuplicateIdError.js';
import { exactJaccard, uniqueSorted } from '../shingle/hashShingles.js';
import { shingleOptionsOf } from '../shingle/ShingleOptions.js';
import { MinHasher } from '../signature/MinHasher.js';
import { SIGNATURE_FORMAT_VERSION } from '../signature/formatVersion.js';
import type { SignatureParams } from '../signature/Signature.js';
import { resolveNeardupOptions, type NeardupOptions, type ResolvedNeardupOptions } from './NeardupOptions.js';

/** An already-seen document that a new one near-duplicates. */
export interface Match {
  /** Id of the already-seen document. */
  readonly id: string;
  /** Its similarity to the new document (estimated or exact, per the `verify` option). */
  readonly similarity: number;
}

/**
 * @internal A signed document, ready to match and insert: what a worker thread sends back. Its
 * shingles (verify 'exact') are as scanned; matching may replace them with their sorted set.
 */
export interface PreparedDocument {
  readonly values: Uint32Array;
  readonly isEmpty: boolean;
  shingles: Uint32Array | undefined;
}

/**
 * One stored document, as {@link Deduper.entries} lists it and {@link Deduper.restore} takes it:
 * enough to rebuild a deduper (a snapshot on disk, say) without the original texts.
 */
export interface DeduperEntry {
  readonly id: string;
  /** The comparable signature values ({@link Signature.values}), numPerm of them. */
  readonly values: Uint32Array;
  /** True for a document without words. */
  readonly isEmpty: boolean;
  /** The distinct sorted shingle hashes, kept with `verify: 'exact'` (undefined otherwise). */
  readonly shingles: Uint32Array | undefined;
}

/**
 * A streaming deduper for pipelines: "have we already seen this story?". Each added document is
 * compared with everything added before it, and the near-duplicates found (similarity >= threshold)
 * are returned, most similar first. State lives in the deduper's LSH index (plus, with
 * `verify: 'exact'`, each document's shingle set).
 *
 * Create one with {@link createDeduper}.
 */
export class Deduper {
  /** The options in force, with defaults filled in. */
  readonly options: ResolvedNeardupOptions;
  readonly #hasher: MinHasher;
  readonly #index: LshIndex;
  // Each document's shingle hashes (verify 'exact'), kept as scanned and sorted into a set only when
  // a candidate first needs it: most documents never meet one, and sorting was a tenth of a run.
  readonly #sets = new Map<string, Uint32Array>();
  readonly #sorted = new WeakSet<Uint32Array>();
  readonly #params: SignatureParams & { readonly version: number };
  #emptyAdded = 0;

  /** @throws {InvalidOptionError} naming the option, its rule and the value received. */
  constructor(options?: NeardupOptions) {
    this.options = Object.freeze(resolveNeardupOptions(options));
    const { numPerm, seed, scheme, shingling, bands, rows } = this.options;
    this.#hasher = new MinHasher({ numPerm, seed, scheme, ...shingleOptionsOf(shingling) });
    this.#index = new LshIndex({ numPerm, bands, rows });
    this.#params = { scheme, numPerm, seed, version: SIGNATURE_FORMAT_VERSION };
  }

  /** Number of documents added (and not removed). */
  get size(): number {
    return this.#index.size;
  }

  /** Whether a document with this id has been added. */
  has(id: string): boolean {
    return this.#index.has(id);
  }

  /**
   * Adds a document and returns the already-seen documents it near-duplicates, most similar first.
   * @throws {DuplicateIdError} when the id was already added; the deduper is unchanged.
   * @throws {InvalidOptionError} when id or text is not a string.
   * @example
   * ```ts
   * const d = await createDeduper();
   * await d.add('reuters-1', story);             // []
   * await d.add('bbc-7', storyWithNewLede);      // [{ id: 'reuters-1', similarity: 0.66 }]
   * ```
   */
  async add(id: string, text: string): Promise<Match[]> {
    return this.addNow(id, text);
  }

  /** Like {@link Deduper.add}, but only looks: the document is not added. */
  async check(text: string): Promise<Match[]> {
    return this.#matches(this.prepare(text));
  }

  /** Removes a document, so later documents are no longer matched against it. False when absent. */
  async remove(id: string): Promise<boolean> {
    this.#sets.delete(id);
    return this.#index.remove(id);
  }

  /**
   * The documents held, in the order they were added: a snapshot to save and {@link Deduper.restore}
   * later, into a deduper with the same options. The arrays are views of live storage: copy or
   * write them out before adding more documents.
   */
  *entries(): IterableIterator<DeduperEntry> {
    for (const { id, values, isEmpty } of this.#index.entries()) {
      yield { id, values, isEmpty, shingles: this.#sets.has(id) ? this.#setOf(id) : undefined };
    }
  }

  /**
   * Adds a document from a snapshot ({@link Deduper.entries}) without matching it against the
   * others: they were matched when it was first added.
   * @throws {DuplicateIdError} when the id is already present.
   * @throws {InvalidOptionError} when the entry does not fit this deduper's options (values of
   *   another length, shingles missing under `verify: 'exact'`).
   */
  restore(entry: DeduperEntry): void {
    const { id, values, isEmpty, shingles } = entry;
    if (!(values instanceof Uint32Array) || values.length !== this.options.numPerm) {
      throw new InvalidOptionError('entry.values', `a Uint32Array of numPerm (${this.options.numPerm}) values`, values);
    }
    if (this.options.verify === 'exact' && !(shingles instanceof Uint32Array)) {
      throw new InvalidOptionError('entry.shingles', "a Uint32Array (the deduper verifies by 'exact' Jaccard)", shingles);
    }
    this.#index.insertValues(id, values.slice(), isEmpty, this.#params);
    if (this.options.verify === 'exact') this.#sets.set(id, shingles!.slice());
    if (isEmpty) this.#emptyAdded++;
  }

  /** @internal The synchronous core of {@link Deduper.add}, for the in-memory index. */
  addNow(id: string, text: string): Match[] {
    if (typeof id !== 'string') throw new InvalidOptionError('id', 'a string', id);
    if (this.#index.has(id)) throw new DuplicateIdError(id);
    return this.addPrepared(id, this.prepare(text));
  }

  /**
   * @internal Adds a document signed elsewhere (a worker thread) with this deduper's options:
   * matches it, then inserts it. The caller has checked the id.
   */
  addPrepared(id: string, prepared: PreparedDocument): Match[] {
    const matches = this.#matches(prepared);
    this.#index.insertValues(id, prepared.values, prepared.isEmpty, this.#params);
    if (prepared.shingles !== undefined) this.#sets.set(id, prepared.shingles);
    if (prepared.isEmpty) this.#emptyAdded++;
    return matches;
  }

  // The distinct sorted shingle hashes of a stored document, sorting them on first use.
  #setOf(id: string): Uint32Array {
    const shingles = this.#sets.get(id)!;
    if (this.#sorted.has(shingles)) return shingles;
    const set = uniqueSorted(shingles);
    this.#sorted.add(set);
    this.#sets.set(id, set);
    return set;
  }

  /** @internal Signs a text (and collects its shingle set under exact verification). */
  prepare(text: string): PreparedDocument {
    if (typeof text !== 'string') throw new InvalidOptionError('text', 'a string', text);
    if (this.options.verify === 'estimate') {
      const signature = this.#hasher.sign(text);
      return { values: signature.values, isEmpty: signature.isEmpty, shingles: undefined };
    }
    const shingles = this.#hasher.shingleHashes(text);
    const signature = this.#hasher.signHashes(shingles);
    return { values: signature.values, isEmpty: signature.isEmpty, shingles };
  }

  /** @internal How many documents without a word have been added (removals not subtracted). */
  get emptyAdded(): number {
    return this.#emptyAdded;
  }

  // Matches a document against the index. Under exact verification its shingles are sorted into a
  // set in place when the first candidate needs them (prepared.shingles is then that set).
  #matches(prepared: PreparedDocument): Match[] {
    const { values, isEmpty } = prepared;
    const matches: Match[] = [];
    if (isEmpty) return matches;
    const index = this.#index;
    const threshold = this.options.threshold;
    index.forEachCandidateOf(values, (slot) => {
      const id = index.idOf(slot);
      let similarity: number;
      if (prepared.shingles === undefined) similarity = index.slotSimilarityOf(slot, values);
      else {
        if (!this.#sorted.has(prepared.shingles)) {
          prepared.shingles = uniqueSorted(prepared.shingles);
          this.#sorted.add(prepared.shingles);
        }
        similarity = exactJaccard(prepared.shingles, this.#setOf(id));
      }
      if (similarity >= threshold) matches.push({ id, similarity });
    });
    return matches.sort((x, y) => y.similarity - x.similarity);
  }
}

/**
 * Creates a streaming {@link Deduper}. Asynchronous, like its `add`, so that an index kept
 * elsewhere (a server shared by many processes) can stand behind the same calls later; the
 * in-memory deduper itself never waits.
 *
 * @throws {InvalidOptionError} (as a rejected promise) naming the option, its rule and the value.
 * @example
 * ```ts
 * const d = await createDeduper({ threshold: 0.5 });
 * for await (const { id, text } of articles) {
 *   const seen = await d.add(id, text);
 *   if (seen.length > 0) console.log(`${id} repeats ${seen[0].id} (${seen[0].similarity.toFixed(2)})`);
 * }
 * ```
 */
export async function createDeduper(options?: NeardupOptions): Promise<Deduper> {
  return new Deduper(options);
}
