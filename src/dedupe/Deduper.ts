import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { NeardupError } from '../errors/NeardupError.js';
import { LshIndex } from '../lsh/LshIndex.js';
import { DuplicateIdError } from '../errors/DuplicateIdError.js';
import { equalFraction } from '../internal/equalFraction.js';
import type { HashArena } from '../internal/HashArena.js';
import { scanShingles } from '../internal/scanShingles.js';
import { exactJaccard, uniqueSorted } from '../shingle/hashShingles.js';
import { shingleOptionsOf } from '../shingle/ShingleOptions.js';
import { MinHasher } from '../signature/MinHasher.js';
import { SIGNATURE_FORMAT_VERSION } from '../signature/formatVersion.js';
import type { SignatureParams } from '../signature/Signature.js';
import { resolveDeduperOptions, type DeduperOptions } from './DeduperOptions.js';
import type { ResolvedNeardupOptions } from './NeardupOptions.js';
import type { SharedBatchItem, SharedIndex } from './SharedIndex.js';

/** An already-seen document that a new one near-duplicates. */
export interface Match {
  /** Id of the already-seen document. */
  readonly id: string;
  /** Its similarity to the new document (estimated or exact, per the `verify` option). Matches come most similar first, equals by id. */
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
 * `verify: 'exact'`, each document's shingle set): its own, in memory, or a shared index (the
 * `index` option, e.g. Redis) that many processes add to and all see.
 *
 * Create one with {@link createDeduper}.
 */
export class Deduper {
  /** The options in force, with defaults filled in. */
  readonly options: ResolvedNeardupOptions;
  readonly #hasher: MinHasher;
  readonly #index: LshIndex;
  readonly #shared: SharedIndex | undefined;
  // Each document's shingle hashes (verify 'exact'), kept as scanned and sorted into a set only when
  // a candidate first needs it: most documents never meet one, so most sets are never sorted.
  readonly #sets = new Map<string, Uint32Array>();
  readonly #sorted = new WeakSet<Uint32Array>();
  readonly #params: SignatureParams & { readonly version: number };
  #emptyAdded = 0;
  // addText's scratch: the signature being added.
  readonly #values: Uint32Array;
  readonly #emptyBins: Uint32Array;

  /** @throws {InvalidOptionError} naming the option, its rule and the value received. */
  constructor(options?: DeduperOptions) {
    const { resolved, shared } = resolveDeduperOptions(options);
    this.options = Object.freeze(resolved);
    this.#shared = shared;
    const { numPerm, seed, scheme, shingling, bands, rows } = this.options;
    this.#hasher = new MinHasher({ numPerm, seed, scheme, ...shingleOptionsOf(shingling) });
    this.#index = new LshIndex({ numPerm, bands, rows });
    this.#params = { scheme, numPerm, seed, version: SIGNATURE_FORMAT_VERSION };
    this.#values = new Uint32Array(numPerm);
    this.#emptyBins = new Uint32Array((numPerm + 31) >>> 5);
  }

  /** Number of documents held: added (by any process, for a shared index) and not removed or expired. */
  async size(): Promise<number> {
    return this.#shared === undefined ? this.#index.size : this.#shared.size();
  }

  /** Whether a document with this id is held. */
  async has(id: string): Promise<boolean> {
    if (typeof id !== 'string') throw new InvalidOptionError('id', 'a string', id);
    return this.#shared === undefined ? this.#index.has(id) : this.#shared.has(id);
  }

  /**
   * Adds a document and returns the already-seen documents it near-duplicates, most similar first.
   *
   * With a shared index, finding the matches and inserting the document is one atomic step, so of
   * two processes adding near-duplicates at once, exactly one sees the other. Adding again an id
   * that the index holds with the same text is a replay (a batch run again after a failure): it
   * changes nothing and returns the matches among the documents added before it.
   * @throws {DuplicateIdError} when the id was already added (with another text, for a shared
   *   index); the deduper is unchanged.
   * @throws {InvalidOptionError} when id or text is not a string.
   * @throws {IndexUnavailableError} when a shared index's server fails; the document is then
   *   either whole in the index or absent.
   * @example
   * ```ts
   * const d = await createDeduper();
   * await d.add('reuters-1', story);             // []
   * await d.add('bbc-7', storyWithNewLede);      // [{ id: 'reuters-1', similarity: 0.66 }]
   * ```
   */
  async add(id: string, text: string): Promise<Match[]> {
    if (this.#shared === undefined) return this.addNow(id, text);
    if (typeof id !== 'string') throw new InvalidOptionError('id', 'a string', id);
    return (await this.#addShared([{ id, prepared: this.prepare(text) }]))[0]!;
  }

  /**
   * Adds documents in order, as {@link Deduper.add} would one by one (each is matched against the
   * ones before it, in the batch too), and returns their matches in the same order. A shared
   * index gets the whole batch in one round trip.
   *
   * The batch is checked as a whole first: a document that is not `{ id: string, text: string }`
   * or whose id repeats an earlier one of the batch is refused before anything is added, whatever
   * comes before it. Ids the deduper already holds are found as the documents are added.
   * @throws {InvalidOptionError} naming the position of the first document that is not
   *   `{ id: string, text: string }`; nothing was added.
   * @throws {DuplicateIdError} naming the position of the first id that repeats an earlier one
   *   in the batch (and that one's position); nothing was added. Else, naming the position of the
   *   first id the deduper already holds: the documents before it were added, and with a shared
   *   index the ones after it too (add the batch again, without it, to get their matches: the
   *   added ones replay).
   */
  async addMany(docs: Iterable<{ readonly id: string; readonly text: string }>): Promise<Match[][]> {
    if (docs === null || typeof docs !== 'object' || !(Symbol.iterator in docs)) throw new InvalidOptionError('docs', 'an iterable of { id, text }', docs);
    const items: SharedBatchItem[] = [];
    const first = new Map<string, number>();
    for (const doc of docs) {
      const position = items.length;
      if (doc === null || typeof doc !== 'object') throw new InvalidOptionError(`docs[${position}]`, 'an object { id, text }', doc);
      if (typeof doc.id !== 'string') throw new InvalidOptionError(`docs[${position}].id`, 'a string', doc.id);
      if (typeof doc.text !== 'string') throw new InvalidOptionError(`docs[${position}].text`, 'a string', doc.text);
      const earlier = first.get(doc.id);
      if (earlier !== undefined) throw new DuplicateIdError(doc.id, position, earlier);
      first.set(doc.id, position);
      items.push({ id: doc.id, prepared: this.prepare(doc.text) });
    }
    if (this.#shared !== undefined) return this.#addShared(items);
    const out: Match[][] = [];
    for (const [position, { id, prepared }] of items.entries()) {
      if (this.#index.has(id)) throw new DuplicateIdError(id, position);
      out.push(this.addPrepared(id, prepared));
    }
    return out;
  }

  /** Like {@link Deduper.add}, but only looks: the document is not added. */
  async check(text: string): Promise<Match[]> {
    const prepared = this.prepare(text);
    if (this.#shared === undefined) return this.#matches(prepared);
    const [outcome] = await this.#shared.matchPrepared([{ id: '', prepared: this.#sortedForShared(prepared) }], 'check');
    return outcome!.status === 'duplicate' ? [] : this.#verify(prepared, outcome!.candidates);
  }

  /** Removes a document, so later documents are no longer matched against it. False when absent. */
  async remove(id: string): Promise<boolean> {
    if (typeof id !== 'string') throw new InvalidOptionError('id', 'a string', id);
    if (this.#shared !== undefined) return this.#shared.remove(id);
    this.#sets.delete(id);
    return this.#index.remove(id);
  }

  /**
   * The documents held, in the order they were added: a snapshot to save and {@link Deduper.restore}
   * later, into a deduper with the same options. The arrays are views of live storage: copy or
   * write them out before adding more documents. In-memory dedupers only: a shared index keeps
   * its documents itself.
   * @throws {NeardupError} for a deduper on a shared index.
   */
  *entries(): IterableIterator<DeduperEntry> {
    this.#assertInMemory('entries()');
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
   * @throws {NeardupError} for a deduper on a shared index.
   */
  restore(entry: DeduperEntry): void {
    this.#assertInMemory('restore()');
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

  /** @internal The synchronous {@link Deduper.has} of an in-memory deduper. */
  hasNow(id: string): boolean {
    this.#assertInMemory('hasNow()');
    return this.#index.has(id);
  }

  /** @internal The synchronous core of {@link Deduper.add}, for the in-memory index. */
  addNow(id: string, text: string): Match[] {
    if (typeof id !== 'string') throw new InvalidOptionError('id', 'a string', id);
    if (this.#index.has(id)) throw new DuplicateIdError(id);
    return this.addText(id, text);
  }

  /**
   * @internal Signs a text and adds it to the in-memory index in one step. The signature is
   * computed into scratch arrays that the index copies, so no typed array is allocated for it;
   * the shingles kept for exact verification are copied into `arena` when one is given (a
   * one-shot run, which drops every document at once), else into an array of their own, which a
   * removal frees. The caller has checked the id.
   */
  addText(id: string, text: string, arena?: HashArena): Match[] {
    if (typeof text !== 'string') throw new InvalidOptionError('text', 'a string', text);
    const hashes = scanShingles(text, this.options.shingling);
    const isEmpty = this.#hasher.signInto(hashes, this.#values, this.#emptyBins);
    const shingles = this.options.verify === 'exact' ? (arena?.copy(hashes) ?? hashes.slice()) : undefined;
    return this.addPrepared(id, { values: this.#values, isEmpty, shingles });
  }

  /**
   * @internal Adds a document signed elsewhere (a worker thread) with this deduper's options:
   * matches it, then inserts it. The caller has checked the id.
   */
  addPrepared(id: string, prepared: PreparedDocument): Match[] {
    // Matched and inserted in one pass over the band tables: the insert's probes find the buckets.
    const matches: Match[] = [];
    this.#index.insertValuesVisiting(id, prepared.values, prepared.isEmpty, this.#params, prepared.isEmpty ? undefined : this.#confirm(prepared, matches));
    if (prepared.shingles !== undefined) this.#sets.set(id, prepared.shingles);
    if (prepared.isEmpty) this.#emptyAdded++;
    return matches.sort(bySimilarity);
  }

  /** @internal Makes room for `documents` documents in all (see {@link LshIndex.reserve}). */
  reserve(documents: number): void {
    if (this.#shared === undefined) this.#index.reserve(documents);
  }

  #assertInMemory(method: string): void {
    if (this.#shared !== undefined) throw new NeardupError(`${method} is for in-memory dedupers: this one keeps its documents in a shared index`);
  }

  // Sends a batch to the shared index; throws the first duplicate id after the batch is done.
  async #addShared(items: readonly SharedBatchItem[]): Promise<Match[][]> {
    const outcomes = await this.addPreparedShared(items);
    const failed = outcomes.findIndex((outcome) => outcome instanceof DuplicateIdError);
    if (failed >= 0) throw items.length === 1 ? outcomes[failed] : new DuplicateIdError(items[failed]!.id, failed);
    return outcomes as Match[][];
  }

  /**
   * @internal Adds a batch to the shared index (exact shingle sets sorted first: the index stores
   * sets) and gives each document's outcome: its matches, or the DuplicateIdError it met.
   */
  async addPreparedShared(items: readonly SharedBatchItem[]): Promise<(Match[] | DuplicateIdError)[]> {
    const sent = items.map(({ id, prepared }) => ({ id, prepared: this.#sortedForShared(prepared) }));
    const outcomes = await this.#shared!.matchPrepared(sent, 'add');
    return outcomes.map((outcome, position) => {
      const { id, prepared } = sent[position]!;
      if (outcome.status === 'duplicate') return new DuplicateIdError(id);
      if (prepared.isEmpty) this.#emptyAdded++; // added, or replayed: this run adds it either way
      return this.#verify(prepared, outcome.candidates);
    });
  }

  /** @internal The shared index this deduper keeps its documents in, if any. */
  get shared(): SharedIndex | undefined {
    return this.#shared;
  }

  #sortedForShared(prepared: PreparedDocument): PreparedDocument {
    if (prepared.shingles !== undefined && !this.#sorted.has(prepared.shingles)) {
      prepared.shingles = uniqueSorted(prepared.shingles);
      this.#sorted.add(prepared.shingles);
    }
    return prepared;
  }

  // Confirms a shared index's candidates, as #matches does for the in-memory index's.
  #verify(prepared: PreparedDocument, candidates: readonly DeduperEntry[]): Match[] {
    const matches: Match[] = [];
    if (prepared.isEmpty) return matches;
    const threshold = this.options.threshold;
    for (const candidate of candidates) {
      if (candidate.isEmpty) continue;
      const similarity =
        prepared.shingles !== undefined && candidate.shingles !== undefined
          ? exactJaccard(prepared.shingles, candidate.shingles)
          : equalFraction(prepared.values, candidate.values);
      if (similarity >= threshold) matches.push({ id: candidate.id, similarity });
    }
    return matches.sort(bySimilarity);
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
    const matches: Match[] = [];
    if (!prepared.isEmpty) this.#index.forEachCandidateOf(prepared.values, this.#confirm(prepared, matches));
    return matches.sort(bySimilarity);
  }

  // A visitor of the index's candidate slots for a document: pushes to `matches` the ones whose
  // similarity reaches the threshold.
  #confirm(prepared: PreparedDocument, matches: Match[]): (slot: number) => void {
    const index = this.#index;
    const threshold = this.options.threshold;
    return (slot) => {
      const id = index.idOf(slot);
      let similarity: number;
      if (prepared.shingles === undefined) similarity = index.slotSimilarityOf(slot, prepared.values);
      else {
        if (!this.#sorted.has(prepared.shingles)) {
          prepared.shingles = uniqueSorted(prepared.shingles);
          this.#sorted.add(prepared.shingles);
        }
        similarity = exactJaccard(prepared.shingles, this.#setOf(id));
      }
      if (similarity >= threshold) matches.push({ id, similarity });
    };
  }
}

// Most similar first; equals by id, so that every index gives the same order.
function bySimilarity(x: Match, y: Match): number {
  return y.similarity - x.similarity || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/**
 * Creates a streaming {@link Deduper}: in memory, or on a shared index (the `index` option, e.g.
 * `connectRedisIndex()` from `neardup/redis`) that many processes use at once. Asynchronous, like
 * its methods, so both stand behind the same calls; the in-memory deduper itself never waits.
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
export async function createDeduper(options?: DeduperOptions): Promise<Deduper> {
  return new Deduper(options);
}
