// Entry point of a signing worker thread (built to dist/worker.js and dist/worker.cjs). It receives
// batches of texts with the signer's options and answers each with its packed signatures,
// transferring the buffer.
import { parentPort } from 'node:worker_threads';
import { MinHasher, type MinHashOptions } from '../signature/MinHasher.js';
import { packBatch, type BatchKind } from './preparedBatch.js';

/** What a batch is signed with, and what is sent back. */
export interface SigningWorkerData {
  readonly signer: MinHashOptions;
  readonly kind: BatchKind;
}

/** A batch of texts to sign: its number in the pool, the texts, and how to sign them. */
export interface SigningJob extends SigningWorkerData {
  readonly batch: number;
  readonly texts: readonly string[];
}
/** The answer to a job: the same batch number, and its packed signatures (preparedBatch.ts), transferred. */
export interface SigningResult {
  readonly batch: number;
  readonly packed: Uint32Array;
}

// One signer per set of options: a worker serves every call that shares its pool.
const hashers = new Map<string, MinHasher>();

parentPort!.on('message', ({ batch, texts, signer, kind }: SigningJob) => {
  const key = JSON.stringify(signer);
  let hasher = hashers.get(key);
  if (hasher === undefined) hashers.set(key, (hasher = new MinHasher(signer)));
  const packed = packBatch(hasher, kind, texts);
  parentPort!.postMessage({ batch, packed } satisfies SigningResult, [packed.buffer as ArrayBuffer]);
});
