import { markAsUntransferable } from 'node:worker_threads';

// About 4 KiB a buffer: 8 signatures of 128 values. A kept array keeps its whole buffer, so the
// buffer stays small; a larger one saves no more time (measured in steps of 1, 8 and 16 arrays).
const SLAB_BYTES = 4096;

/**
 * Hands out arrays of `length` words cut from shared buffers of about 4 KiB (one array a buffer
 * when `length` words take more), as Node's small Buffers are cut from a shared pool. V8 keeps a
 * typed array over 64 bytes outside its heap, at the cost of a system allocation each; a view of
 * an existing buffer is an ordinary heap object.
 *
 * Each buffer is marked untransferable, so that transferring one array's `buffer` (to a worker,
 * say) cannot empty its neighbours: Node 20 copies the buffer instead, Node 21 and later throw a
 * DataCloneError. The arrays start zeroed and never overlap.
 */
export class Uint32Slabs {
  readonly #length: number;
  readonly #perSlab: number;
  #slab: ArrayBuffer = new ArrayBuffer(0);
  #used: number;

  constructor(length: number) {
    this.#length = length;
    this.#perSlab = Math.max(1, Math.floor(SLAB_BYTES / (4 * length)));
    this.#used = this.#perSlab;
  }

  /** A new array of `length` zeroed words, sharing its buffer with the ones taken just before or after it. */
  take(): Uint32Array {
    if (this.#used === this.#perSlab) {
      this.#slab = new ArrayBuffer(4 * this.#length * this.#perSlab);
      markAsUntransferable(this.#slab);
      this.#used = 0;
    }
    return new Uint32Array(this.#slab, 4 * this.#length * this.#used++, this.#length);
  }
}
