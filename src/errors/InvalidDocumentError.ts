import { NeardupError } from './NeardupError.js';

/**
 * An input document is not of the form `{ id: string, text: string }`. `position` is its 0-based
 * place in the input, so the caller can find it; documents before it were processed normally.
 */
export class InvalidDocumentError extends NeardupError {
  /** 0-based position of the document in the input sequence. */
  readonly position: number;
  /** The field at fault (`id`, `text`) or `document` when the value is not an object. */
  readonly field: string;

  constructor(position: number, field: string, rule: string, value: unknown) {
    super(`document at position ${position}: ${field} must be ${rule}, got ${value === null ? 'null' : typeof value}`);
    this.position = position;
    this.field = field;
  }
}
