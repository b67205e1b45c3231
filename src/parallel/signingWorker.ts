// Entry point of a signing worker thread (built to dist/worker.js and dist/worker.cjs). It receives
// batches of texts and answers each with its packed signatures, transferring the buffer.
import { parentPort, workerData } from 'node:worker_threads';
import { MinHasher, type MinHashOptions } from '../signature/MinHasher.js';
import { packBatch } from './preparedBatch.js';

/** What the pool passes to each worker when it starts it. */
export interface SigningWorkerData {
  readonly signer: MinHashOptions;
  readonly exact: boolean;
}

/** A batch of texts to sign, and the answer. */
export interface SigningJob {
  readonly batch: number;
  readonly texts: readonly string[];
}
export interface SigningResult {
  readonly batch: number;
  readonly packed: Uint32Array;
}

const { signer, exact } = workerData as SigningWorkerData;
const hasher = new MinHasher(signer);
parentPort!.on('message', ({ batch, texts }: SigningJob) => {
  const packed = packBatch(hasher, exact, texts);
  parentPort!.postMessage({ batch, packed } satisfies SigningResult, [packed.buffer as ArrayBuffer]);
});
