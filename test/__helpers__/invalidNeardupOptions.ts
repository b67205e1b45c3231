import type { NeardupOptions } from '../../src/index.js';

/**
 * Options that every entry point taking NeardupOptions must refuse: each with the option the error
 * names and the exact message. Shared by the tests of resolveNeardupOptions and createDeduper.
 */
export const INVALID_NEARDUP_OPTIONS: readonly [NeardupOptions, string, string][] = [
  [{ threshold: 0 }, 'threshold', 'threshold must be a number greater than 0 and at most 1, got 0'],
  [{ threshold: 1.5 }, 'threshold', 'threshold must be a number greater than 0 and at most 1, got 1.5'],
  [{ threshold: Number.NaN }, 'threshold', 'threshold must be a number greater than 0 and at most 1, got NaN'],
  [{ threshold: '0.5' as never }, 'threshold', 'threshold must be a number greater than 0 and at most 1, got "0.5"'],
  [{ verify: 'fuzzy' as never }, 'verify', 'verify must be one of "exact", "estimate", got "fuzzy"'],
  [{ representative: 'last' as never }, 'representative', 'representative must be one of "first", "central", got "last"'],
  [{ bands: 5 }, 'rows', 'rows must be given together with bands, got undefined'],
];
