import { NeardupError } from './NeardupError.js';

/**
 * A shared index (neardup/redis) holds documents made with other settings than this process asks
 * for, or its keys are not a neardup index at all. Sharing it would mix signatures that cannot be
 * compared, so the connection is refused.
 */
export class IndexMismatchError extends NeardupError {
  /** The index's name: its key prefix. */
  readonly prefix: string;
  /** The setting that differs (`numPerm`, `bands`, ...), or `keys` when the prefix holds something else. */
  readonly parameter: string;
  /** What the index holds. */
  readonly stored: unknown;
  /** What this process asked for. */
  readonly requested: unknown;

  constructor(prefix: string, parameter: string, stored: unknown, requested: unknown, message?: string) {
    super(
      message ??
        `index ${JSON.stringify(prefix)} was created with ${parameter} ${String(stored)}, and this process asks for ${parameter} ${String(requested)}: ` +
          'indexes with other settings cannot be shared (use another prefix, or the settings the index was created with)',
    );
    this.prefix = prefix;
    this.parameter = parameter;
    this.stored = stored;
    this.requested = requested;
  }
}
