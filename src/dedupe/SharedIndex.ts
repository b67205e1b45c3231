import type { DeduperEntry, PreparedDocument } from './Deduper.js';
import type { ResolvedNeardupOptions } from './NeardupOptions.js';

/**
 * @internal What a shared index answered for one document of a batch: the stored documents that
 * share a band with it (its candidates, still to be verified), and whether it was inserted
 * (`added`), was already there with the same signature (`replayed`: a batch run again after a
 * failure; the candidates are then the documents inserted before it), was only looked up
 * (`checked`), or its id is taken by another document (`duplicate`).
 */
export type SharedOutcome =
  | { readonly status: 'added' | 'replayed' | 'checked'; readonly candidates: readonly DeduperEntry[] }
  | { readonly status: 'duplicate' };

/** @internal A document of a batch sent to a shared index. */
export interface SharedBatchItem {
  readonly id: string;
  readonly prepared: PreparedDocument;
}

/**
 * An index kept outside this process and shared by every process that connects to it, such as
 * `RedisIndex` from `neardup/redis`. Give it as the `index` option of {@link createDeduper} or
 * {@link findNearDuplicates}: the documents, their signatures and (with `verify: 'exact'`) their
 * shingle sets then live in the shared index, and the settings are the index's.
 */
export interface SharedIndex {
  /** The settings the index was created with: every process that shares it uses these. */
  readonly options: ResolvedNeardupOptions;
  /** Whether a document with this id is in the index (and has not expired). */
  has(id: string): Promise<boolean>;
  /** Removes a document and every trace of it. False when it was not there. */
  remove(id: string): Promise<boolean>;
  /** Number of documents in the index (expired ones excluded). */
  size(): Promise<number>;
  /**
   * @internal For each document in order, atomically: finds its candidates among the documents
   * before it, then (`add`) inserts it. One round trip for the whole batch.
   */
  matchPrepared(items: readonly SharedBatchItem[], mode: 'add' | 'check'): Promise<SharedOutcome[]>;
}
