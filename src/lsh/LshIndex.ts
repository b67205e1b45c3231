import { DuplicateIdError } from '../errors/DuplicateIdError.js';
import { IncompatibleSignatureError } from '../errors/IncompatibleSignatureError.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { BandTable, type StoredRows } from '../internal/BandTable.js';
import { bandHash, bandMultipliers } from '../internal/bandHash.js';
import { integerOption, optionsObject } from '../internal/validate.js';
import { DEFAULT_NUM_PERM, MAX_NUM_PERM } from '../signature/MinHasher.js';
import { Signature, type SignatureParams } from '../signature/Signature.js';
import { BANDS_ROWS_OPTIONS, resolveBandsRows, type BandsRows, type BandsRowsOptions } from './bandsRows.js';

/** Options of an {@link LshIndex}. Give `bands` and `rows` together, or let the threshold choose them. */
export interface LshIndexOptions extends BandsRowsOptions {
  /** Number of bands; with `rows`, overrides the choice from `threshold`. */
  readonly bands?: number;
  /** Values per band; with `bands`, overrides the choice from `threshold`. */
  readonly rows?: number;
}

/** The keys of {@link LshIndexOptions}, for refusing unknown ones. */
export const LSH_INDEX_OPTIONS: Readonly<Record<keyof LshIndexOptions, true>> = { ...BANDS_ROWS_OPTIONS, bands: true, rows: true };

/** The most documents {@link LshIndex.reserve} makes room for at once (more still fit, by growing). */
export const MAX_RESERVE = 1 << 24;

const PAGE_BITS = 10;
const PAGE_SLOTS = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SLOTS - 1;

/**
 * In-memory LSH index over MinHash signatures: each signature is cut into `bands` bands of `rows`
 * values, and two signatures that agree on a whole band are candidates. A bucket holds exactly
 * the documents whose band values are equal: buckets are found by a hash of the band and
 * confirmed on the stored values, so no hash collision ever makes a candidate.
 *
 * The first signature inserted fixes the index's scheme, seed and format version; later
 * signatures must match them and `numPerm`, or {@link IncompatibleSignatureError} is thrown.
 * An empty signature can be inserted (so `has` knows the id) but is never a candidate.
 *
 * @throws {InvalidOptionError} from the constructor for a bad option (bands x rows > numPerm, ...).
 * @example
 * ```ts
 * const hasher = new MinHasher();
 * const index = new LshIndex({ threshold: 0.5 });
 * index.insert('a', hasher.sign(textA));
 * index.query(hasher.sign(textB)); // ['a'] when textB near-duplicates textA
 * ```
 */
export class LshIndex implements BandsRows {
  /** Number of bands. */
  readonly bands: number;
  /** Values per band. */
  readonly rows: number;
  /** Values per signature. */
  readonly numPerm: number;
  #params: (SignatureParams & { readonly version: number }) | undefined;
  readonly #tables: BandTable[];
  readonly #multipliers: Int32Array; // of bandHash
  // Id -> slot, in insertion order (a Map keeps it), which entries() follows.
  readonly #slotOf = new Map<string, number>();
  readonly #ids: (string | undefined)[] = [];
  // Slots freed by remove(), reused first, so that a pipeline which removes old documents as it
  // adds new ones stays at the size of what it holds.
  readonly #free: number[] = [];
  // Per slot: 1 when the document has no shingles. Signatures live in fixed pages of PAGE_SLOTS
  // slots, so the index never copies them to grow and holds at most one page beyond its slots.
  #empty = new Uint8Array(64);
  readonly #pages: Uint32Array[] = [];
  #seen: Uint32Array;
  #stamp = 0;

  constructor(options?: LshIndexOptions) {
    const o = optionsObject('options', options, LSH_INDEX_OPTIONS);
    this.numPerm = integerOption('numPerm', o.numPerm, DEFAULT_NUM_PERM, 1, MAX_NUM_PERM);
    ({ bands: this.bands, rows: this.rows } = resolveBandsRows(o, this.numPerm));
    // The tables confirm a bucket by the rows of its first slot, read from the stored signatures.
    this.#multipliers = bandMultipliers(this.rows);
    const stored = new PagedRows(this.#pages, this.numPerm, this.#multipliers);
    this.#tables = Array.from({ length: this.bands }, (_, band) => new BandTable(band * this.rows, this.rows, stored));
    this.#seen = new Uint32Array(64);
  }

  /** Number of documents in the index. */
  get size(): number {
    return this.#slotOf.size;
  }

  /** @internal Slots ever allocated (live documents plus free slots): what the storage holds. */
  get slotCount(): number {
    return this.#ids.length;
  }

  /** Whether a document with this id is in the index. */
  has(id: string): boolean {
    return this.#slotOf.has(id);
  }

  /**
   * Adds a document.
   * @throws {DuplicateIdError} when the id is already present.
   * @throws {IncompatibleSignatureError} when the signature's parameters differ from the index's.
   */
  insert(id: string, signature: Signature): void {
    if (!(signature instanceof Signature)) throw new InvalidOptionError('signature', 'a Signature', signature);
    this.insertValues(id, signature.values, signature.isEmpty, signature);
  }

  /**
   * @internal Inserts a document's comparable values (as {@link Signature.values} returns them),
   * for restoring a snapshot; `params` are the signature's, checked like an inserted signature's.
   */
  insertValues(id: string, values: Uint32Array, isEmpty: boolean, params: SignatureParams & { readonly version: number }): void {
    this.insertValuesVisiting(id, values, isEmpty, params, undefined);
  }

  /**
   * @internal {@link LshIndex.insertValues}, calling `visit` first with every slot that shares a
   * band with the document (each once, the document itself never): the candidates that
   * {@link LshIndex.forEachCandidateOf} would give just before the insert, found by the insert's
   * own probes. `visit` must not change the index.
   */
  insertValuesVisiting(
    id: string,
    values: Uint32Array,
    isEmpty: boolean,
    params: SignatureParams & { readonly version: number },
    visit: ((slot: number) => void) | undefined,
  ): void {
    if (typeof id !== 'string') throw new InvalidOptionError('id', 'a string', id);
    this.#check(params, true);
    if (values.length !== this.numPerm) throw new IncompatibleSignatureError('numPerm', this.numPerm, values.length, 'signature and index');
    if (this.#slotOf.has(id)) throw new DuplicateIdError(id);
    const slot = this.#free.pop() ?? this.#ids.length;
    this.#grow(slot + 1);
    this.#ids[slot] = id;
    this.#empty[slot] = isEmpty ? 1 : 0;
    this.#slotOf.set(id, slot);
    // Stored for an empty document too, though no band holds it: entries() gives every document's
    // values as inserted, never what a reused slot held before.
    this.#pages[slot >>> PAGE_BITS]!.set(values, (slot & PAGE_MASK) * this.numPerm);
    if (isEmpty) return;
    if (visit === undefined) {
      for (let band = 0; band < this.bands; band++) {
        const start = band * this.rows;
        this.#tables[band]!.add(bandHash(values, start, this.#multipliers), values, slot);
      }
      return;
    }
    const stamp = this.#nextStamp();
    const seen = this.#seen;
    try {
      for (let band = 0; band < this.bands; band++) {
        const table = this.#tables[band]!;
        const start = band * this.rows;
        for (let other = table.add(bandHash(values, start, this.#multipliers), values, slot); other >= 0; other = table.nextSlot(other)) {
          if (seen[other] === stamp) continue;
          seen[other] = stamp;
          visit(other);
        }
      }
    } catch (error) {
      // A visitor that throws leaves the index as it was: the document is in some bands only.
      this.remove(id);
      throw error;
    }
  }

  /**
   * Makes room for `documents` documents in all, so that inserting up to that many neither grows
   * nor rehashes a band table: for a batch whose size is known up front. The tables' memory is
   * taken at once, about 11 bytes per band and document (places for the buckets, kept under 75%
   * full, and the bucket lists); the signatures still take their pages as they arrive.
   * @throws {InvalidOptionError} unless `documents` is an integer from 0 to {@link MAX_RESERVE}.
   */
  reserve(documents: number): void {
    const slots = integerOption('documents', documents, 0, 0, MAX_RESERVE);
    this.#growSlotArrays(slots);
    for (const table of this.#tables) table.reserve(slots);
  }

  /** @internal The live documents in insertion order, with their stored values (views) and emptiness. */
  *entries(): IterableIterator<{ id: string; values: Uint32Array; isEmpty: boolean }> {
    for (const [id, slot] of this.#slotOf) yield { id, values: this.#valuesOf(slot), isEmpty: this.#empty[slot] === 1 };
  }

  /**
   * Ids of the documents that share at least one band with `signature`, each once, in an order
   * that is deterministic but unspecified. These are candidates: confirm them with
   * {@link LshIndex.similarity}.
   * @throws {IncompatibleSignatureError} when the signature's parameters differ from the index's.
   */
  query(signature: Signature): string[] {
    const out: string[] = [];
    this.forEachCandidate(signature, (slot) => out.push(this.#ids[slot]!));
    return out;
  }

  /**
   * Estimated similarity between a stored document and a signature (fraction of equal values),
   * or undefined when the id is not in the index. 0 when either is empty.
   */
  similarity(id: string, signature: Signature): number | undefined {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return undefined;
    this.#checkQuery(signature);
    return this.slotSimilarity(slot, signature);
  }

  /**
   * Removes a document and every band entry it had. Returns false when the id was not present.
   */
  remove(id: string): boolean {
    const slot = this.#slotOf.get(id);
    if (slot === undefined) return false;
    this.#slotOf.delete(id);
    this.#ids[slot] = undefined;
    if (this.#empty[slot] === 0) {
      const values = this.#valuesOf(slot);
      for (let band = 0; band < this.bands; band++) {
        const start = band * this.rows;
        this.#tables[band]!.delete(bandHash(values, start, this.#multipliers), values, slot);
      }
    }
    this.#free.push(slot);
    return true;
  }

  /** @internal Calls `visit` once for each candidate slot of `signature`. */
  forEachCandidate(signature: Signature, visit: (slot: number) => void): void {
    this.#checkQuery(signature);
    if (!signature.isEmpty) this.forEachCandidateOf(signature.values, visit);
  }

  /** @internal Like forEachCandidate, for the comparable values of a non-empty signature already checked. */
  forEachCandidateOf(values: Uint32Array, visit: (slot: number) => void): void {
    if (this.#slotOf.size === 0) return;
    const stamp = this.#nextStamp();
    const seen = this.#seen;
    for (let band = 0; band < this.bands; band++) {
      const table = this.#tables[band]!;
      const start = band * this.rows;
      for (let slot = table.firstSlot(bandHash(values, start, this.#multipliers), values); slot >= 0; slot = table.nextSlot(slot)) {
        if (seen[slot] === stamp) continue;
        seen[slot] = stamp;
        visit(slot);
      }
    }
  }

  /** @internal The id stored in a slot. */
  idOf(slot: number): string {
    return this.#ids[slot]!;
  }

  /** @internal Estimated similarity of a slot's values and a compatible signature. */
  slotSimilarity(slot: number, signature: Signature): number {
    return signature.isEmpty ? 0 : this.slotSimilarityOf(slot, signature.values);
  }

  /** @internal Estimated similarity of a slot's values and the values of a non-empty signature. */
  slotSimilarityOf(slot: number, values: Uint32Array): number {
    if (this.#empty[slot] === 1) return 0;
    const stored = this.#pages[slot >>> PAGE_BITS]!;
    const base = (slot & PAGE_MASK) * this.numPerm;
    let same = 0;
    for (let i = 0; i < values.length; i++) if (stored[base + i] === values[i]) same++;
    return same / values.length;
  }

  #valuesOf(slot: number): Uint32Array {
    const base = (slot & PAGE_MASK) * this.numPerm;
    return this.#pages[slot >>> PAGE_BITS]!.subarray(base, base + this.numPerm);
  }

  #checkQuery(signature: Signature): void {
    if (!(signature instanceof Signature)) throw new InvalidOptionError('signature', 'a Signature', signature);
    this.#check(signature, false);
  }

  // The first inserted signature fixes scheme, seed and version; queries before that only need numPerm.
  #check(signature: SignatureParams & { readonly version: number }, inserting: boolean): void {
    if (signature === null || typeof signature !== 'object') throw new InvalidOptionError('signature', 'a Signature', signature);
    if (signature.numPerm !== this.numPerm) {
      throw new IncompatibleSignatureError('numPerm', this.numPerm, signature.numPerm, 'signature and index');
    }
    if (this.#params === undefined) {
      if (!inserting) return;
      this.#params = { scheme: signature.scheme, numPerm: signature.numPerm, seed: signature.seed, version: signature.version };
    } else {
      const p = this.#params;
      if (p.version !== signature.version) throw new IncompatibleSignatureError('format version', p.version, signature.version, 'signature and index');
      if (p.scheme !== signature.scheme) throw new IncompatibleSignatureError('scheme', p.scheme, signature.scheme, 'signature and index');
      if (p.seed !== signature.seed) throw new IncompatibleSignatureError('seed', p.seed, signature.seed, 'signature and index');
    }
  }

  // Makes room for `slots` slots: their signature pages and per-slot arrays.
  #grow(slots: number): void {
    while (this.#pages.length * PAGE_SLOTS < slots) this.#pages.push(new Uint32Array(PAGE_SLOTS * this.numPerm));
    this.#growSlotArrays(slots);
  }

  // The per-slot arrays only (not the signature pages, which reserve() leaves to the inserts).
  #growSlotArrays(slots: number): void {
    if (slots > this.#seen.length) {
      const capacity = Math.max(slots, Math.ceil(this.#seen.length * 1.5));
      const seen = new Uint32Array(capacity);
      seen.set(this.#seen);
      this.#seen = seen;
      const empty = new Uint8Array(capacity);
      empty.set(this.#empty);
      this.#empty = empty;
    }
  }

  #nextStamp(): number {
    if (++this.#stamp === 0xffffffff) {
      this.#seen.fill(0);
      this.#stamp = 1;
    }
    return this.#stamp;
  }
}

// The stored signatures as the band tables read them. A class, not an object of closures made per
// index: V8 compiles a table's probe loop against the function it calls there, and drops that code
// when a major GC frees the function, which a closure of a finished index is; a method lives as
// long as its class.
class PagedRows implements StoredRows {
  readonly #pages: readonly Uint32Array[];
  readonly #numPerm: number;
  readonly #multipliers: Int32Array;

  constructor(pages: readonly Uint32Array[], numPerm: number, multipliers: Int32Array) {
    this.#pages = pages; // the index's own array, which grows as it does
    this.#numPerm = numPerm;
    this.#multipliers = multipliers;
  }

  equal(slot: number, values: Uint32Array, start: number, rows: number): boolean {
    const page = this.#pages[slot >>> PAGE_BITS]!;
    const base = (slot & PAGE_MASK) * this.#numPerm;
    for (let i = start; i < start + rows; i++) if (page[base + i] !== values[i]) return false;
    return true;
  }

  hash(slot: number, start: number): number {
    return bandHash(this.#pages[slot >>> PAGE_BITS]!, (slot & PAGE_MASK) * this.#numPerm + start, this.#multipliers);
  }
}
