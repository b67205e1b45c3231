import { DuplicateIdError } from '../errors/DuplicateIdError.js';
import { InvalidDocumentError } from '../errors/InvalidDocumentError.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { clusterPairs, type Cluster, type OrderedPair } from '../cluster/clusterPairs.js';
import { HashArena, SHINGLE_CHUNK_WORDS } from '../internal/HashArena.js';
import { integerOption, optionsObject } from '../internal/validate.js';
import { signInBatches } from '../parallel/signInBatches.js';
import { unpackPrepared } from '../parallel/preparedBatch.js';
import { shingleOptionsOf } from '../shingle/ShingleOptions.js';
import { Deduper, type Match, type PreparedDocument } from './Deduper.js';
import { DEDUPER_OPTIONS, type DeduperOptions } from './DeduperOptions.js';
import type { SharedBatchItem } from './SharedIndex.js';

/** An input document. */
export interface Document {
  readonly id: string;
  readonly text: string;
}

/**
 * Options of {@link findNearDuplicates}: the shared {@link NeardupOptions}, a shared `index` if the
 * documents are to be kept (see {@link DeduperOptions}), and what to do with bad input.
 */
export interface FindOptions extends DeduperOptions {
  /**
   * Skip documents that are not `{ id: string, text: string }` or repeat an earlier id, and report
   * them in `skipped`, instead of stopping at the first one with an error.
   * @defaultValue false
   */
  readonly skipInvalid?: boolean;
  /**
   * Worker threads that sign the documents (and collect their shingle sets) while this thread
   * matches them, in batches whose results are transferred, not copied. 0 signs on this thread.
   * Results are identical for any value. Worth it for thousands of documents or more; on N cores,
   * N - 1 or N workers. Needs the built package (worker threads cannot load the TypeScript sources).
   * @defaultValue 0
   */
  readonly workers?: number;
}

/** A document passed over under `skipInvalid`, with the error it would have thrown. */
export interface SkippedDocument {
  /** 0-based position in the input. */
  readonly position: number;
  readonly error: InvalidDocumentError | DuplicateIdError;
}

/** What {@link findNearDuplicates} found. */
export interface NearDuplicates {
  /** Groups of two or more near-duplicates, in the order of their first-seen member. */
  readonly clusters: Cluster[];
  /** Documents passed over (only with `skipInvalid`; otherwise the first one throws). */
  readonly skipped: SkippedDocument[];
  /**
   * With a shared `index`: the documents of this run that near-duplicate documents the index held
   * before the run (which are not in `clusters`), each with those matches. Empty otherwise.
   */
  readonly indexedMatches: { readonly id: string; readonly matches: Match[] }[];
  /** Counts for the run. */
  readonly stats: {
    /** Documents read and processed (skipped ones not included). */
    readonly documents: number;
    /** Documents without a single word (never part of a cluster). */
    readonly emptyDocuments: number;
    /** Documents skipped under `skipInvalid`. */
    readonly skipped: number;
    /** Confirmed pairs (the sum of every cluster's pairs). */
    readonly pairs: number;
    /** Wall-clock seconds spent. */
    readonly seconds: number;
  };
}

/**
 * Finds the groups of near-duplicate documents in a collection: shingles each text, signs it,
 * looks it up in an LSH index of the documents before it, confirms the candidates (similarity >=
 * `threshold`) and clusters the confirmed pairs. Accepts arrays, any iterable, or an async
 * iterable (a stream of parsed JSON lines, say), in one pass.
 *
 * With a shared `index` (Redis, from `neardup/redis`), the documents are added to it, in batches
 * of one round trip each, and matched against everything it holds: other processes' documents
 * and earlier runs' (reported in `indexedMatches`). Running the same input again after a failure
 * completes it: the documents already added replay, so the result is that of an unbroken run.
 *
 * @throws {InvalidOptionError} naming the option, its rule and the value received.
 * @throws {InvalidDocumentError} naming the position of a document that is not `{ id, text }`
 *   with string fields (unless `skipInvalid`).
 * @throws {DuplicateIdError} when two documents share an id, or a shared index holds the id with
 *   another text (unless `skipInvalid`).
 * @throws {IndexUnavailableError} when a shared index's server fails; every document is then
 *   whole in the index or absent, and running the same input again completes the run.
 * @example
 * ```ts
 * const { clusters } = await findNearDuplicates([
 *   { id: 'wire', text: story },
 *   { id: 'outlet', text: 'New lede. ' + story + ' Accept cookies?' },
 *   { id: 'other', text: otherStory },
 * ]);
 * // [{ ids: ['wire', 'outlet'], representative: 'wire', pairs: [{ a: 'wire', b: 'outlet', similarity: 0.9 }] }]
 * ```
 */
export async function findNearDuplicates(
  docs: Iterable<Document> | AsyncIterable<Document>,
  options?: FindOptions,
): Promise<NearDuplicates> {
  const started = performance.now();
  const { skipInvalid = false, workers: workersOption, ...neardupOptions } = optionsObject('options', options, FIND_OPTIONS);
  const deduper = new Deduper(neardupOptions);
  if (typeof skipInvalid !== 'boolean') throw new InvalidOptionError('skipInvalid', 'a boolean', skipInvalid);
  const workers = integerOption('workers', workersOption, 0, 0, MAX_WORKERS);
  if (docs === null || typeof docs !== 'object' || !(Symbol.iterator in docs || Symbol.asyncIterator in docs)) {
    throw new InvalidOptionError('docs', 'an iterable or async iterable of { id, text }', docs);
  }
  const run = new Run(deduper, skipInvalid);
  shapeKeeper ??= new Run(new Deduper(), false);
  // An array's size is known: the band tables take their final size at once instead of growing
  // (up to a few million documents; past that they grow as the documents come).
  if (Array.isArray(docs)) deduper.reserve(Math.min(docs.length, RESERVE_AT_MOST));
  if (workers === 0 && deduper.shared !== undefined) {
    const take = async (doc: unknown) => {
      run.take(doc, deduper);
      if (run.pending >= SHARED_BATCH_SIZE) await run.flush();
    };
    if (Symbol.asyncIterator in docs) for await (const doc of docs) await take(doc);
    else for (const doc of docs) await take(doc);
    await run.flush();
  } else if (workers === 0) {
    // A plain loop for arrays and other sync iterables: `for await` would cost a microtask a document.
    if (Symbol.asyncIterator in docs) for await (const doc of docs) run.take(doc, deduper);
    else for (const doc of docs) run.take(doc, deduper);
  } else {
    await signInWorkers(docs, run, deduper, workers);
  }
  return run.finish(performance.now() - started);
}

/** The keys of {@link FindOptions}, for refusing unknown ones. */
export const FIND_OPTIONS: Readonly<Record<keyof FindOptions, true>> = { ...DEDUPER_OPTIONS, skipInvalid: true, workers: true };

// Documents sent to a shared index per round trip.
const SHARED_BATCH_SIZE = 500;
// The most documents findNearDuplicates reserves room for up front: an array that long (a sparse
// one, say) must not take gigabytes before its first document is read.
const RESERVE_AT_MOST = 1 << 22;

/** The most worker threads accepted. */
export const MAX_WORKERS = 64;

// V8 keeps an object shape (a hidden class) only while some object has it, and a major collection
// that frees the last object of a shape also throws away the optimized code that relies on it
// ("weak objects"). Nothing of one call is alive after it returns, so after any major collection
// the next call would run its hot functions unoptimized and compile them again (about fifteen of
// them). This run, made on the first call and kept, holds an object of every class a run with the
// default scheme builds: an empty index and deduper, a few kilobytes.
let shapeKeeper: Run | undefined;

// The state of one call: every document goes through take() in input order, whoever signed it.
// With a shared index, take() only queues a document; flush() sends the queue in one round trip
// and then records each document's outcome, still in input order.
class Run {
  readonly ids: string[] = [];
  readonly #inputPosition: number[] = []; // of each processed document
  readonly #order = new Map<string, number>();
  readonly #pairs: OrderedPair[] = [];
  readonly #skipped: SkippedDocument[] = [];
  readonly #indexedMatches: { id: string; matches: Match[] }[] = [];
  #queue: (SharedBatchItem & { position: number })[] = [];
  readonly #queued = new Map<string, number>(); // id -> input position, for the queue
  #position = 0;
  /**
   * The shingles this run's deduper keeps (verify 'exact'), signed here or in workers, in shared
   * chunks: the deduper is dropped whole at the end of the run, so no chunk outlives its documents.
   */
  readonly arena = new HashArena(SHINGLE_CHUNK_WORDS);

  constructor(
    readonly deduper: Deduper,
    readonly skipInvalid: boolean,
  ) {}

  /**
   * Takes the next input document. `signer` is the deduper, to sign it here; or its prepared
   * signature, when a worker made it; or, for a document that failed validation before its text
   * travelled, that error (raised here, in input order).
   */
  take(doc: unknown, signer: Deduper | PreparedDocument | InvalidDocumentError): void {
    const position = this.#position++;
    try {
      if (signer instanceof InvalidDocumentError) throw signer;
      checkDocument(doc, position);
      const earlier = this.#order.get(doc.id);
      if (earlier !== undefined) throw new DuplicateIdError(doc.id, position, this.#inputPosition[earlier]);
      const queued = this.#queued.get(doc.id);
      if (queued !== undefined) throw new DuplicateIdError(doc.id, position, queued);
      if (signer instanceof Deduper && this.deduper.shared === undefined) {
        this.#record(doc.id, position, signer.addText(doc.id, doc.text, this.arena));
        return;
      }
      const prepared = signer instanceof Deduper ? signer.prepare(doc.text) : signer;
      if (this.deduper.shared !== undefined) {
        this.#queue.push({ id: doc.id, prepared, position });
        this.#queued.set(doc.id, position);
        return;
      }
      this.#record(doc.id, position, this.deduper.addPrepared(doc.id, prepared));
    } catch (error) {
      this.#skip(position, error);
    }
  }

  /** Documents queued for the shared index. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Sends the queued documents to the shared index and records their outcomes. */
  async flush(): Promise<void> {
    const queue = this.#queue;
    this.#queue = [];
    this.#queued.clear();
    if (queue.length === 0) return;
    const outcomes = await this.deduper.addPreparedShared(queue);
    for (const [i, outcome] of outcomes.entries()) {
      const { id, position } = queue[i]!;
      if (outcome instanceof DuplicateIdError) this.#skip(position, new DuplicateIdError(id, position));
      else this.#record(id, position, outcome);
    }
  }

  // A document and its matches: pairs with this run's documents, the rest with the index's.
  #record(id: string, position: number, matches: Match[]): void {
    const at = this.ids.length;
    const indexed: Match[] = [];
    for (const match of matches) {
      const earlier = this.#order.get(match.id);
      if (earlier === undefined) indexed.push(match);
      else this.#pairs.push({ a: earlier, b: at, similarity: match.similarity });
    }
    if (indexed.length > 0) this.#indexedMatches.push({ id, matches: indexed });
    this.ids.push(id);
    this.#inputPosition.push(position);
    this.#order.set(id, at);
  }

  #skip(position: number, error: unknown): void {
    if (!this.skipInvalid || !(error instanceof InvalidDocumentError || error instanceof DuplicateIdError)) throw error;
    this.#skipped.push({ position, error });
  }

  finish(milliseconds: number): NearDuplicates {
    this.#skipped.sort((x, y) => x.position - y.position); // a shared index's duplicates come at flush time
    // A shared index may hold a document of this run from before it (an earlier, interrupted run
    // of the same input), and match it to one that comes earlier in this run: it is still a pair.
    const indexedMatches: { id: string; matches: Match[] }[] = [];
    for (const { id, matches } of this.#indexedMatches) {
      const at = this.#order.get(id)!;
      const earlier: Match[] = [];
      for (const match of matches) {
        const other = this.#order.get(match.id);
        if (other === undefined) earlier.push(match);
        else this.#pairs.push({ a: Math.min(at, other), b: Math.max(at, other), similarity: match.similarity });
      }
      if (earlier.length > 0) indexedMatches.push({ id, matches: earlier });
    }
    const pairs = this.#pairs.sort((x, y) => x.a - y.a || x.b - y.b);
    return {
      clusters: clusterPairs(this.ids, pairs, this.deduper.options.representative),
      skipped: this.#skipped,
      indexedMatches,
      stats: {
        documents: this.ids.length,
        emptyDocuments: this.deduper.emptyAdded,
        skipped: this.#skipped.length,
        pairs: pairs.length,
        seconds: milliseconds / 1000,
      },
    };
  }
}

// Has worker threads sign the documents while this thread takes them in input order. A document
// is checked before its text travels; if it is invalid, its error is raised later, in order.
async function signInWorkers(docs: Iterable<Document> | AsyncIterable<Document>, run: Run, deduper: Deduper, workers: number): Promise<void> {
  const { numPerm, seed, scheme, shingling, verify } = deduper.options;
  const invalid = new Map<number, InvalidDocumentError>(); // by input position
  let taken = 0; // documents handed to run.take(), so the position of the next one
  await signInBatches(
    docs as Iterable<unknown> | AsyncIterable<unknown>,
    (doc, position) => {
      try {
        checkDocument(doc, position);
        return doc.text;
      } catch (error) {
        invalid.set(position, error as InvalidDocumentError);
        return undefined;
      }
    },
    workers,
    { signer: { numPerm, seed, scheme, ...shingleOptionsOf(shingling) }, kind: verify === 'exact' ? 'prepared-exact' : 'prepared' },
    async (batch, packed) => {
      const prepared = unpackPrepared(packed, numPerm, run.arena);
      let next = 0;
      for (const doc of batch) {
        const error = invalid.get(taken);
        invalid.delete(taken++);
        run.take(doc, error ?? prepared[next++]!);
      }
      await run.flush();
    },
  );
}

function checkDocument(doc: unknown, position: number): asserts doc is Document {
  if (doc === null || typeof doc !== 'object') throw new InvalidDocumentError(position, 'document', 'an object { id, text }', doc);
  const { id, text } = doc as Record<string, unknown>;
  if (typeof id !== 'string') throw new InvalidDocumentError(position, 'id', 'a string', id);
  if (typeof text !== 'string') throw new InvalidDocumentError(position, 'text', 'a string', text);
}
