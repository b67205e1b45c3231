import { NeardupError } from './NeardupError.js';

/** Bytes given to {@link Signature.fromBytes} are not a valid serialized signature. */
export class SignatureFormatError extends NeardupError {
  /** Byte offset at which the problem was found. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`invalid signature bytes at offset ${offset}: ${message}`);
    this.offset = offset;
  }
}
