import { NeardupError } from '../../errors/NeardupError.js';

/**
 * The command line itself is wrong: an unknown flag, a bad flag value, no input. The CLI prints
 * the message on one line with a hint to `--help` and exits with status 2.
 *
 * @example
 * ```ts
 * throw new UsageError('--threshold: threshold must be a number greater than 0 and at most 1, got 1.5');
 * ```
 */
export class UsageError extends NeardupError {}
