import { NeardupError } from '../../errors/NeardupError.js';

/**
 * An `--index` file cannot be used: it is not a neardup index, it is truncated or corrupt (its
 * checksum does not match), it was written by a newer format version or with other options, or it
 * cannot be read or written. The message names the file and the problem; the CLI exits with
 * status 3 and leaves the file as it was.
 *
 * @example
 * ```ts
 * new IndexFileError('seen.ndx', 'written with seed 1, this run uses seed 2').message;
 * // 'index seen.ndx: written with seed 1, this run uses seed 2'
 * ```
 */
export class IndexFileError extends NeardupError {
  /** The index file's path, as given to `--index`. */
  readonly file: string;
  /** What is wrong with it. */
  readonly problem: string;

  constructor(file: string, problem: string) {
    super(`index ${file}: ${problem}`);
    this.file = file;
    this.problem = problem;
  }
}
