import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { codePointClass, SKIP, WORD } from '../internal/wordChars.js';
import { normalizeText } from './normalizeText.js';

/**
 * Splits text into normalized words: maximal runs of Unicode letters, combining marks and digits,
 * after {@link normalizeText}. Marks keep words whole in scripts that write vowels as combining
 * signs (Hindi, Hebrew, Thai). Invisible in-word format characters (soft hyphen, zero-width
 * joiner and non-joiner, word joiner) are dropped without splitting the word. Word characters come
 * from a table generated from Unicode 17.0 and committed, so the result does not depend on the
 * runtime's Unicode version. This is the tokenizer the shingle hashes are computed from; it
 * allocates one string per word, so the hot path does not use it.
 *
 * @throws {InvalidOptionError} when `text` is not a string.
 *
 * @example
 * ```ts
 * tokenize("Ms Rudd's “wake-up call”, 2017"); // ['ms', 'rudd', 's', 'wake', 'up', 'call', '2017']
 * tokenize('हिन्दी भाषा'); // ['हिन्दी', 'भाषा']
 * tokenize('co\u00ADoperate'); // ['cooperate']
 * ```
 */
export function tokenize(text: string): string[] {
  if (typeof text !== 'string') throw new InvalidOptionError('text', 'a string', text);
  const tokens: string[] = [];
  let current = '';
  for (const ch of normalizeText(text)) {
    const c = codePointClass(ch.codePointAt(0)!);
    if (c === WORD) current += ch;
    else if (c === SKIP) continue;
    else if (current !== '') {
      tokens.push(current);
      current = '';
    }
  }
  if (current !== '') tokens.push(current);
  return tokens;
}
