const ASCII_ONLY = /^[\x00-\x7f]*$/;
const FINAL_SIGMA = /ς/g;

/**
 * Normalizes text the way neardup compares it: Unicode NFKC (so ligatures, full-width forms and
 * compatibility characters compare equal), then lower case, with Greek final sigma folded to σ so
 * that a word compares equal wherever it stands. Pure ASCII text is only lower-cased.
 *
 * @example
 * ```ts
 * normalizeText('Ｔｈｅ ﬁnal ΣΟΦΟΣ'); // 'the final σοφοσ'
 * ```
 */
export function normalizeText(text: string): string {
  return ASCII_ONLY.test(text) ? text.toLowerCase() : normalizeNonAscii(text);
}

/**
 * @internal {@link normalizeText} of a text known to hold a non-ASCII character (the scan knows it
 * from copying the text to bytes), without testing the whole text for ASCII again.
 */
export function normalizeNonAscii(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(FINAL_SIGMA, 'σ');
}

/** Whether `text` is pure ASCII, so the hot path may skip normalization (NFKC is the identity there). */
export function isAscii(text: string): boolean {
  return ASCII_ONLY.test(text);
}
