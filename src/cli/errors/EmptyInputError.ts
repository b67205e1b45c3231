import { NeardupError } from '../../errors/NeardupError.js';

/**
 * The inputs held no document at all (empty files, directories without `.txt` files, or every
 * document skipped as invalid). The CLI exits with status 3; an `--index` file is left unchanged.
 *
 * @example
 * ```ts
 * new EmptyInputError(['empty.jsonl'], 0).message; // 'no documents in the input (empty.jsonl)'
 * ```
 */
export class EmptyInputError extends NeardupError {
  /** The inputs, as given on the command line. */
  readonly inputs: readonly string[];

  constructor(inputs: readonly string[], skipped: number) {
    const note = skipped > 0 ? `: all ${skipped} skipped as invalid` : '';
    super(`no documents in the input (${inputs.join(', ')})${note}`);
    this.inputs = inputs;
  }
}
