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

/** What {@link findNearDuplicates} found. */
export interface NearDuplicates {
  /** Groups of two or more near-duplicates, in the order of their first-seen member. */
  readonly clusters: Cluster[];
  /** Counts for the run. */
  readonly stats: {
    /** Documents read. */
    readonly documents: number;
    /** Documents without a single word (never part of a cluster). */
    readonly emptyDocuments: number;
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
 * iterable (a stream of parsed JSON lines, say), one pass, documents held only as signatures.
 *
 * @throws {InvalidOptionError} naming the option, its rule and the value received.
 * @throws {InvalidDocumentError} naming the position of a document that is not `{ id, text }`
 *   with string fields.
 * @throws {DuplicateIdError} when two documents share an id.
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
  options?: NeardupOptions,
): Promise<NearDuplicates> {
  const started = performance.now();
  const deduper = new Deduper(options);
  if (docs === null || typeof docs !== 'object' || !(Symbol.iterator in docs || Symbol.asyncIterator in docs)) {
    throw new InvalidOptionError('docs', 'an iterable or async iterable of { id, text }', docs);
  }
  const ids: string[] = [];
  const position = new Map<string, number>();
  const pairs: OrderedPair[] = [];
  for await (const doc of docs as AsyncIterable<Document>) {
    const at = ids.length;
    checkDocument(doc, at);
    for (const match of deduper.addNow(doc.id, doc.text)) {
      pairs.push({ a: position.get(match.id)!, b: at, similarity: match.similarity });
    }
    ids.push(doc.id);
    position.set(doc.id, at);
  }
  pairs.sort((x, y) => x.a - y.a || x.b - y.b);
  const clusters = clusterPairs(ids, pairs, deduper.options.representative);
  return {
    clusters,
    stats: { documents: ids.length, emptyDocuments: deduper.emptyAdded, pairs: pairs.length, seconds: (performance.now() - started) / 1000 },
  };
}

function checkDocument(doc: unknown, position: number): asserts doc is Document {
  if (doc === null || typeof doc !== 'object') throw new InvalidDocumentError(position, 'document', 'an object { id, text }', doc);
  const { id, text } = doc as Record<string, unknown>;
  if (typeof id !== 'string') throw new InvalidDocumentError(position, 'id', 'a string', id);
  if (typeof text !== 'string') throw new InvalidDocumentError(position, 'text', 'a string', text);
}
