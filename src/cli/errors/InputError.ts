import { NeardupError } from '../../errors/NeardupError.js';

/**
 * Why an input document (or a whole input) was refused. Each reason is counted separately in
 * `stats.skippedByReason` when `--skip-invalid` passes over bad input.
 */
export type InputErrorReason =
  | 'invalidJson'
  | 'notAnObject'
  | 'missingId'
  | 'missingText'
  | 'invalidId'
  | 'invalidText'
  | 'duplicateId'
  | 'tooLong'
  | 'unreadable';

/** Every {@link InputErrorReason}, in the order summaries list them. */
export const INPUT_ERROR_REASONS: readonly InputErrorReason[] = [
  'invalidJson',
  'notAnObject',
  'missingId',
  'missingText',
  'invalidId',
  'invalidText',
  'duplicateId',
  'tooLong',
  'unreadable',
];

/**
 * A bad input: malformed JSON, a missing or mistyped field, a repeated id, a line over
 * `--max-line-bytes`, an unreadable file or directory. The message starts with the place,
 * `FILE:LINE: ` (or `FILE: ` for a whole file), then says what rule was broken. The CLI exits with
 * status 3, or counts and skips it under `--skip-invalid`.
 *
 * @example
 * ```ts
 * new InputError('invalidJson', 'news.jsonl', 3, 'invalid JSON (Unexpected end of JSON input)').message;
 * // 'news.jsonl:3: invalid JSON (Unexpected end of JSON input)'
 * ```
 */
export class InputError extends NeardupError {
  /** What kind of problem it is. */
  readonly reason: InputErrorReason;
  /** The input as named on the command line (`<stdin>` for `-`), or the `.txt` file's path. */
  readonly file: string;
  /** 1-based line number, or undefined when the problem concerns the whole file. */
  readonly line: number | undefined;
  /** The problem without the place, e.g. `missing text field "meta.body"`. */
  readonly detail: string;

  constructor(reason: InputErrorReason, file: string, line: number | undefined, detail: string) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
    this.reason = reason;
    this.file = file;
    this.line = line;
    this.detail = detail;
  }
}
