import { closestName } from '../internal/closestName.js';
import { InvalidOptionError } from './InvalidOptionError.js';

/**
 * An options object has a key that is not an option of the function it was given to, most often
 * a misspelling (`treshold`). Refused rather than ignored, so a typo cannot silently run with the
 * default. The message suggests the closest known option.
 */
export class UnknownOptionError extends InvalidOptionError {
  /** The options the function accepts. */
  readonly known: readonly string[];

  constructor(option: string, value: unknown, known: readonly string[]) {
    const guess = closestName(option, known);
    super(option, `one of the known options (${known.join(', ')})`, value, `unknown option ${JSON.stringify(option)}${guess === undefined ? '' : ` (did you mean ${JSON.stringify(guess)}?)`}; the options are ${known.join(', ')}`);
    this.known = known;
  }
}
