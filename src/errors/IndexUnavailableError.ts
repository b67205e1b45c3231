import { NeardupError } from './NeardupError.js';

/**
 * The server of a shared index (neardup/redis) could not be reached, refused the credentials, or
 * the connection failed during an operation. The message names the server, the operation and the
 * server's own words; `cause` holds the client's error.
 *
 * Every document is inserted whole or not at all, so after a failure during a batch the index
 * holds whole documents only: run the same batch again once the server is back, and the documents
 * already inserted are recognized (not duplicated) while the rest are added.
 */
export class IndexUnavailableError extends NeardupError {
  /** The server, as `host:port` (or the cluster's seed node). */
  readonly server: string;
  /** What was being done: `connect`, `add`, `query`, `remove`, ... */
  readonly operation: string;
  /** What went wrong, in the server's or the client's words, with a hint where one helps. */
  readonly reason: string;
  /**
   * For a batch sent in one round trip: how many of its operations are known to have completed
   * before the failure, each whole. A lower bound: the server may have run more of them whose
   * answers were lost with the connection. Undefined for a single operation.
   */
  readonly completed: number | undefined;

  constructor(server: string, operation: string, reason: string, options?: { cause?: unknown; completed?: number }) {
    super(`Redis at ${server} failed during ${operation}: ${reason}`);
    this.server = server;
    this.operation = operation;
    this.reason = reason;
    this.completed = options?.completed;
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}
