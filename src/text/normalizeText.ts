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
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return text.normalize('NFKC').toLowerCase().replace(FINAL_SIGMA, 'σ');
}

/** Whether `text` is pure ASCII, so the hot path may skip normalization (NFKC is the identity there). */
export function isAscii(text: string): boolean {
  return ASCII_ONLY.test(text);
}
