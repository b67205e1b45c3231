import { NeardupError } from '../../errors/NeardupError.js';

/**
 * The report cannot be written to `--output` (a missing directory, no permission, a full disk).
 * The CLI exits with status 3; a file that existed before is left as it was.
 *
 * @example
 * ```ts
 * new OutputError('out/report.json', 'no such file or directory (ENOENT)').message;
 * // 'cannot write out/report.json: no such file or directory (ENOENT)'
 * ```
 */
export class OutputError extends NeardupError {
  /** The output file, as given to `--output`. */
  readonly file: string;

  constructor(file: string, problem: string) {
    super(`cannot write ${file}: ${problem}`);
    this.file = file;
  }
}
