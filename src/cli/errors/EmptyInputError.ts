import { NeardupError } from '../../errors/NeardupError.js';

/**
 * The inputs held no document at all (empty files, directories without `.txt` files, or every
 * document skipped as invalid). The CLI exits with status 3; an `--index` file is left unchanged.
 * A hint, when given, ends the message (for a directory: it is read for `.txt` files only).
 *
 * @example
 * ```ts
 * new EmptyInputError(['empty.jsonl'], 0).message; // 'no documents in the input (empty.jsonl)'
 * new EmptyInputError(['data'], 0, 'data has no .txt files').message; // 'no documents in the input (data): data has no .txt files'
 * ```
 */
export class EmptyInputError extends NeardupError {
  /** The inputs, as given on the command line. */
  readonly inputs: readonly string[];

  constructor(inputs: readonly string[], skipped: number, hint?: string) {
    const notes = [...(skipped > 0 ? [`all ${skipped} skipped as invalid`] : []), ...(hint === undefined ? [] : [hint])];
    super(`no documents in the input (${inputs.join(', ')})${notes.length > 0 ? `: ${notes.join('; ')}` : ''}`);
    this.inputs = inputs;
  }
}
