import { normalizeText } from './normalizeText.js';

const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/**
 * Splits text into normalized words: maximal runs of Unicode letters, combining marks and digits,
 * after {@link normalizeText}. Marks keep words whole in scripts that write vowels as combining
 * signs (Hindi, Hebrew, Thai). This is the tokenizer the shingle hashes are computed from; it
 * allocates one string per word, so the hot path does not use it.
 *
 * @example
 * ```ts
 * tokenize("Ms Rudd's “wake-up call”, 2017"); // ['ms', 'rudd', 's', 'wake', 'up', 'call', '2017']
 * tokenize('हिन्दी भाषा'); // ['हिन्दी', 'भाषा']
 * ```
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  for (const ch of normalizeText(text)) {
    if (WORD_CHAR.test(ch)) current += ch;
    else if (current !== '') {
      tokens.push(current);
      current = '';
    }
  }
  if (current !== '') tokens.push(current);
  return tokens;
}
