import { SigningPool } from './SigningPool.js';
import type { SigningWorkerData } from './signingWorker.js';

/** Documents per batch sent to a worker: large enough that messaging costs little, small enough to keep all workers busy. */
export const BATCH_SIZE = 256;

/**
 * Reads `items` into batches, has a pool of `workers` signing threads sign their texts, and hands
 * each batch back to `consume` with its packed answer, in input order, while later batches are
 * still being signed. An item whose `textOf` is undefined is not sent (it stays in its batch, for
 * `consume` to handle in order). At most 4 batches per worker are in flight, so memory stays
 * bounded whatever the input size. The workers belong to a shared pool and stay for later calls.
 */
export async function signInBatches<T>(
  items: Iterable<T> | AsyncIterable<T>,
  textOf: (item: T, position: number) => string | undefined,
  workers: number,
  data: SigningWorkerData,
  consume: (batch: readonly T[], packed: Uint32Array) => void | Promise<void>,
): Promise<void> {
  const pool = SigningPool.shared(workers);
  const inFlight: { batch: T[]; packed: Promise<Uint32Array> }[] = [];
  let batch: T[] = [];
  let texts: string[] = [];
  let position = 0;
  const drainOne = async () => {
    const { batch: done, packed } = inFlight.shift()!;
    await consume(done, await packed);
  };
  const send = () => {
    const packed = pool.sign(texts, data);
    // A rejected batch is awaited in drainOne, in order; until then, its rejection is expected.
    packed.catch(() => {});
    inFlight.push({ batch, packed });
    batch = [];
    texts = [];
  };
  // Synchronous but for the batches it waits on: an `await` a document would cost a microtask each.
  const accept = (item: T): Promise<void> | undefined => {
    const text = textOf(item, position++);
    batch.push(item);
    if (text !== undefined) texts.push(text);
    if (batch.length === BATCH_SIZE) {
      send();
      if (inFlight.length >= workers * 4) return drainOne();
    }
    return undefined;
  };
  if (Symbol.asyncIterator in items) {
    for await (const item of items) await accept(item);
  } else {
    for (const item of items) {
      const draining = accept(item);
      if (draining !== undefined) await draining;
    }
  }
  if (batch.length > 0) send();
  while (inFlight.length > 0) await drainOne();
}
