// The wire format of a batch of signed documents, sent from a signing worker to the main thread as
// one transferred ArrayBuffer (moved, not copied): per document, in input order,
//   [isEmpty (0 or 1), extra count or NO_EXTRA, numPerm comparable values, the extra words]
// The extra words depend on what the batch is for:
// - 'prepared': nothing (the deduper, verifying by estimate);
// - 'prepared-exact': the document's shingle hashes as scanned (unsorted, repeats included: the
//   deduper sorts a set only when a candidate needs it);
// - 'signatures': the empty-bin mask of an oph signature, so the main thread rebuilds the
//   Signature without densifying again.

import { markAsUntransferable } from 'node:worker_threads';
import type { PreparedDocument } from '../dedupe/Deduper.js';
import type { HashArena } from '../internal/HashArena.js';
import { scanShingles } from '../internal/scanShingles.js';
import type { MinHasher } from '../signature/MinHasher.js';
import { Signature, type SignatureParams } from '../signature/Signature.js';

const NO_EXTRA = 0xffffffff;

/** What a signing worker sends back for each text. */
export type BatchKind = 'prepared' | 'prepared-exact' | 'signatures';

/**
 * Signs `texts` with `hasher` into one packed array of the given kind. Each signature is computed
 * into scratch arrays ({@link MinHasher.signInto}) and copied into the batch, so no typed array is
 * allocated per text.
 */
export function packBatch(hasher: MinHasher, kind: BatchKind, texts: readonly string[]): Uint32Array {
  const numPerm = hasher.numPerm;
  const maskWords = hasher.scheme === 'oph' ? (numPerm + 31) >>> 5 : 0;
  let out = new Uint32Array(texts.length * (2 + numPerm + maskWords) + 1024);
  let at = 0;
  const values = new Uint32Array(numPerm);
  const mask = new Uint32Array(maskWords);
  for (const text of texts) {
    const shingles = scanShingles(text, hasher.shingling);
    const isEmpty = hasher.signInto(shingles, values, mask);
    // The extra words: the shingles, the empty-bin mask of a non-empty oph signature, or none.
    const extra = kind === 'prepared-exact' ? shingles : kind === 'signatures' && maskWords > 0 && !isEmpty ? mask : undefined;
    const needed = at + 2 + numPerm + (extra?.length ?? 0);
    if (needed > out.length) {
      const bigger = new Uint32Array(Math.max(needed, out.length * 2));
      bigger.set(out.subarray(0, at));
      out = bigger;
    }
    out[at++] = isEmpty ? 1 : 0;
    out[at++] = extra === undefined ? NO_EXTRA : extra.length;
    out.set(values, at);
    at += numPerm;
    if (extra !== undefined) {
      out.set(extra, at);
      at += extra.length;
    }
  }
  return out.slice(0, at);
}

/**
 * Reads the documents of a 'prepared' or 'prepared-exact' batch back, in order. Values are views of
 * the batch; shingles are copied into `arena`, so that keeping a document's shingles does not keep
 * its whole batch alive.
 */
export function unpackPrepared(packed: Uint32Array, numPerm: number, arena: HashArena): PreparedDocument[] {
  const out: PreparedDocument[] = [];
  let at = 0;
  while (at < packed.length) {
    const isEmpty = packed[at++] === 1;
    const count = packed[at++]!;
    const values = packed.subarray(at, at + numPerm);
    at += numPerm;
    let shingles: Uint32Array | undefined;
    if (count !== NO_EXTRA) {
      shingles = arena.copy(packed.subarray(at, at + count));
      at += count;
    }
    out.push({ values, isEmpty, shingles });
  }
  return out;
}

/**
 * Reads the signatures of a 'signatures' batch back, in order, onto `out`. An oph signature's
 * values and mask are views of the batch, for the reason MinHasher cuts them from shared buffers
 * (internal/Uint32Slabs.ts), and here on the calling thread, whose time the workers lose on two
 * cores. The batch's buffer is marked untransferable, as those are, so that a transfer of one
 * signature's `values.buffer` cannot empty the whole batch. kperm and empty signatures get arrays
 * of their own (the constructor copies their values).
 */
export function unpackSignatures(packed: Uint32Array, params: SignatureParams, out: Signature[]): void {
  markAsUntransferable(packed.buffer);
  const numPerm = params.numPerm;
  let at = 0;
  while (at < packed.length) {
    const isEmpty = packed[at++] === 1;
    const count = packed[at++]!;
    if (count === NO_EXTRA) {
      // kperm, or an empty set: the constructor copies the values it is given.
      out.push(new Signature(params, packed.subarray(at, at + numPerm), isEmpty));
      at += numPerm;
      continue;
    }
    out.push(new Signature(params, packed.subarray(at, at + numPerm), isEmpty, packed.subarray(at + numPerm, at + numPerm + count)));
    at += numPerm + count;
  }
}
