// The wire format of a batch of signed documents, sent from a signing worker to the main thread as
// one transferred ArrayBuffer (moved, not copied): per document, in input order,
//   [isEmpty (0 or 1), shingle count or NO_SHINGLES, numPerm comparable values, the shingles]
// The shingles are the document's shingle hashes as scanned (unsorted, repeats included: the
// deduper sorts a set only when a candidate needs it), present under exact verification.

import type { PreparedDocument } from '../dedupe/Deduper.js';
import type { MinHasher } from '../signature/MinHasher.js';

const NO_SHINGLES = 0xffffffff;

/** Signs `texts` with `hasher` (collecting shingle sets when `exact`) into one packed array. */
export function packBatch(hasher: MinHasher, exact: boolean, texts: readonly string[]): Uint32Array {
  let out = new Uint32Array(texts.length * (2 + hasher.numPerm) * 2);
  let at = 0;
  for (const text of texts) {
    const shingles = exact ? hasher.shingleHashes(text) : undefined;
    const signature = shingles === undefined ? hasher.sign(text) : hasher.signHashes(shingles);
    const needed = at + 2 + hasher.numPerm + (shingles?.length ?? 0);
    if (needed > out.length) {
      const bigger = new Uint32Array(Math.max(needed, out.length * 2));
      bigger.set(out.subarray(0, at));
      out = bigger;
    }
    out[at++] = signature.isEmpty ? 1 : 0;
    out[at++] = shingles === undefined ? NO_SHINGLES : shingles.length;
    out.set(signature.values, at);
    at += hasher.numPerm;
    if (shingles !== undefined) {
      out.set(shingles, at);
      at += shingles.length;
    }
  }
  return out.slice(0, at);
}

/** Reads the documents of a packed batch back, in order. Shingle sets are copied out, values are views. */
export function* unpackBatch(packed: Uint32Array, numPerm: number): Generator<PreparedDocument> {
  let at = 0;
  while (at < packed.length) {
    const isEmpty = packed[at++] === 1;
    const count = packed[at++]!;
    const values = packed.subarray(at, at + numPerm);
    at += numPerm;
    let shingles: Uint32Array | undefined;
    if (count !== NO_SHINGLES) {
      // A copy, so that keeping a document's set does not keep its whole batch alive.
      shingles = packed.slice(at, at + count);
      at += count;
    }
    yield { values, isEmpty, shingles };
  }
}
