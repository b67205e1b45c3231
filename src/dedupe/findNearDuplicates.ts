import { DuplicateIdError } from '../errors/DuplicateIdError.js';
import { InvalidDocumentError } from '../errors/InvalidDocumentError.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { clusterPairs, type Cluster, type OrderedPair } from '../cluster/clusterPairs.js';
import { Deduper } from './Deduper.js';
import type { NeardupOptions } from './NeardupOptions.js';

/** An input document. */
export interface Document {
  readonly id: string;
  readonly text: string;
}

/** Options of {@link findNearDuplicates}: the shared {@link NeardupOptions}, plus what to do with bad input. */
export interface FindOptions extends NeardupOptions {
  /**
   * Skip documents that are not `{ id: string, text: string }` or repeat an earlier id, and report
   * them in `skipped`, instead of stopping at the first one with an error.
   * @defaultValue false
   */
  readonly skipInvalid?: boolean;
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
 * @throws {InvalidOptionError} naming the option, its rule and the value received.
 * @throws {InvalidDocumentError} naming the position of a document that is not `{ id, text }`
 *   with string fields (unless `skipInvalid`).
 * @throws {DuplicateIdError} when two documents share an id (unless `skipInvalid`).
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
  const deduper = new Deduper(options);
  const skipInvalid = options?.skipInvalid ?? false;
  if (typeof skipInvalid !== 'boolean') throw new InvalidOptionError('skipInvalid', 'a boolean', skipInvalid);
  if (docs === null || typeof docs !== 'object' || !(Symbol.iterator in docs || Symbol.asyncIterator in docs)) {
    throw new InvalidOptionError('docs', 'an iterable or async iterable of { id, text }', docs);
  }
  const ids: string[] = [];
  const inputPosition: number[] = []; // of each processed document
  const order = new Map<string, number>();
  const pairs: OrderedPair[] = [];
  const skipped: SkippedDocument[] = [];
  let position = 0;
  const take = (doc: unknown) => {
    const at = ids.length;
    try {
      checkDocument(doc, position);
      const earlier = order.get(doc.id);
      if (earlier !== undefined) throw new DuplicateIdError(doc.id, position, inputPosition[earlier]);
      for (const match of deduper.addNow(doc.id, doc.text)) pairs.push({ a: order.get(match.id)!, b: at, similarity: match.similarity });
      ids.push(doc.id);
      inputPosition.push(position);
      order.set(doc.id, at);
    } catch (error) {
      if (!skipInvalid || !(error instanceof InvalidDocumentError || error instanceof DuplicateIdError)) throw error;
      skipped.push({ position, error });
    }
    position++;
  };
  // A plain loop for arrays and other sync iterables: `for await` would cost a microtask a document.
  if (Symbol.asyncIterator in docs) for await (const doc of docs) take(doc);
  else for (const doc of docs) take(doc);

  pairs.sort((x, y) => x.a - y.a || x.b - y.b);
  const clusters = clusterPairs(ids, pairs, deduper.options.representative);
  return {
    clusters,
    skipped,
    stats: {
      documents: ids.length,
      emptyDocuments: deduper.emptyAdded,
      skipped: skipped.length,
      pairs: pairs.length,
      seconds: (performance.now() - started) / 1000,
    },
  };
}

function checkDocument(doc: unknown, position: number): asserts doc is Document {
  if (doc === null || typeof doc !== 'object') throw new InvalidDocumentError(position, 'document', 'an object { id, text }', doc);
  const { id, text } = doc as Record<string, unknown>;
  if (typeof id !== 'string') throw new InvalidDocumentError(position, 'id', 'a string', id);
  if (typeof text !== 'string') throw new InvalidDocumentError(position, 'text', 'a string', text);
}
