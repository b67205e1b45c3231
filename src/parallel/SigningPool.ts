import { Worker } from 'node:worker_threads';
import { NeardupError } from '../errors/NeardupError.js';
import type { SigningJob, SigningResult, SigningWorkerData } from './signingWorker.js';

// Set by the build (tsup.config.ts) to the worker file next to each bundle: './worker.js' beside
// the ES module build, './worker.cjs' beside the CommonJS one.
declare const __NEARDUP_WORKER_FILE__: string;

const shared = new Map<number, SigningPool>();

/**
 * A fixed set of signing worker threads. Each batch goes to the worker with the fewest batches
 * unanswered; answers are matched to their batches by number, whatever order they come back in,
 * and each answer's buffer is transferred to this thread, not copied.
 *
 * Pools are shared and kept: starting a worker and warming up its compiled code costs more than
 * signing a few thousand documents, so a second call reuses the threads of the first. Idle
 * workers are unref'd, so they never keep a process from exiting; while batches are out, they
 * keep it alive.
 */
export class SigningPool {
  readonly #workers: Worker[];
  // Batches each worker has not answered yet.
  readonly #pending: number[];
  readonly #waiting = new Map<number, { worker: number; resolve: (packed: Uint32Array) => void; reject: (error: unknown) => void }>();
  #batch = 0;
  #failure: unknown;

  /** The pool of `count` workers, started on first use. */
  static shared(count: number): SigningPool {
    let pool = shared.get(count);
    if (pool === undefined || pool.#failure !== undefined) shared.set(count, (pool = new SigningPool(count)));
    return pool;
  }

  private constructor(count: number) {
    if (typeof __NEARDUP_WORKER_FILE__ !== 'string') {
      throw new NeardupError('the workers option needs the built package (dist/); the TypeScript sources cannot start worker threads');
    }
    const file = new URL(__NEARDUP_WORKER_FILE__, import.meta.url);
    this.#pending = new Array<number>(count).fill(0);
    this.#workers = Array.from({ length: count }, () => {
      const worker = new Worker(file);
      worker.unref();
      worker.on('message', ({ batch, packed }: SigningResult) => {
        const waiting = this.#waiting.get(batch);
        this.#waiting.delete(batch);
        if (waiting !== undefined) this.#pending[waiting.worker]!--;
        if (this.#waiting.size === 0) for (const w of this.#workers) w.unref();
        waiting?.resolve(packed);
      });
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => {
        // Not a NeardupError: nothing the caller gave was wrong, the process failed.
        if (code !== 0) this.#fail(new Error(`a signing worker stopped with exit code ${code}`));
      });
      return worker;
    });
  }

  /**
   * Signs a batch of texts on the worker with the fewest batches unanswered (the first such, in
   * order), so a worker slowed down by other threads on its core gets fewer; resolves to the
   * batch's packed answer.
   */
  sign(texts: readonly string[], data: SigningWorkerData): Promise<Uint32Array> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const batch = this.#batch++;
    let chosen = 0;
    for (let i = 1; i < this.#pending.length; i++) if (this.#pending[i]! < this.#pending[chosen]!) chosen = i;
    this.#pending[chosen]!++;
    if (this.#waiting.size === 0) for (const w of this.#workers) w.ref();
    return new Promise((resolve, reject) => {
      this.#waiting.set(batch, { worker: chosen, resolve, reject });
      this.#workers[chosen]!.postMessage({ batch, texts, ...data } satisfies SigningJob);
    });
  }

  #fail(error: unknown): void {
    this.#failure ??= error;
    for (const { reject } of this.#waiting.values()) reject(this.#failure);
    this.#waiting.clear();
    for (const w of this.#workers) void w.terminate();
  }
}
