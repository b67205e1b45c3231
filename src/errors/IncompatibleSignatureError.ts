import { NeardupError } from './NeardupError.js';

/**
 * Two signatures (or a signature and an index) were made with different parameters (scheme,
 * format version, numPerm or seed), so comparing them would produce a meaningless similarity.
 */
export class IncompatibleSignatureError extends NeardupError {
  /** The parameter that differs, e.g. `seed`. */
  readonly parameter: string;
  /** The value on the left-hand side (the signature or index being compared against). */
  readonly expected: unknown;
  /** The value on the right-hand side. */
  readonly actual: unknown;

  constructor(parameter: string, expected: unknown, actual: unknown, context = 'signatures') {
    super(`incompatible ${context}: ${parameter} is ${String(expected)} on one side and ${String(actual)} on the other`);
    this.parameter = parameter;
    this.expected = expected;
    this.actual = actual;
  }
}
