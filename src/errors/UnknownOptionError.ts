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
    const guess = closest(option, known);
    super(option, `one of the known options (${known.join(', ')})`, value, `unknown option ${JSON.stringify(option)}${guess === undefined ? '' : ` (did you mean ${JSON.stringify(guess)}?)`}; the options are ${known.join(', ')}`);
    this.known = known;
  }
}

// The known option within edit distance 2 of `name` (case ignored), if any.
function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
