import { escapeHtml } from './escapeHtml.js';

/** A passage to mark: a range [start, end) of UTF-16 offsets into a text, and its number in the pair. */
export interface MarkRange {
  readonly start: number;
  readonly end: number;
  /** The passage's 0-based number; it picks the mark's colour, the same in both texts of a pair. */
  readonly passage: number;
}

/** Number of mark colours (classes `p0` to `p5`), cycled by passage number. */
export const MARK_COLOURS = 6;

/**
 * The text as escaped HTML with the given passages wrapped in `<mark>`, coloured by passage
 * number (class `p0` to `p5`) and titled with it, so a passage has the same colour in both texts
 * of a pair and consecutive passages differ. Passages that overlap (the second text of a pair may
 * hold one passage for two of the first) are merged into one mark, coloured by the first; ranges
 * are clamped to the text and empty ones dropped.
 *
 * @example
 * ```ts
 * markPassages('a <b> c', [{ start: 2, end: 5, passage: 0 }]);
 * // 'a <mark class="p0" title="passage 1">&lt;b&gt;</mark> c'
 * ```
 */
export function markPassages(text: string, ranges: readonly MarkRange[]): string {
  const merged: Array<{ start: number; end: number; passages: number[] }> = [];
  const sorted = ranges
    .map((r) => ({ start: Math.max(0, r.start), end: Math.min(text.length, r.end), passage: r.passage }))
    .filter((r) => r.start < r.end)
    .sort((x, y) => x.start - y.start || x.end - y.end);
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r.start < last.end) {
      last.end = Math.max(last.end, r.end);
      last.passages.push(r.passage);
    } else merged.push({ start: r.start, end: r.end, passages: [r.passage] });
  }
  let html = '';
  let at = 0;
  for (const r of merged) {
    const title = r.passages.length === 1 ? `passage ${r.passages[0]! + 1}` : `passages ${r.passages.map((p) => p + 1).join(', ')}`;
    html += escapeHtml(text.slice(at, r.start));
    html += `<mark class="p${r.passages[0]! % MARK_COLOURS}" title="${title}">${escapeHtml(text.slice(r.start, r.end))}</mark>`;
    at = r.end;
  }
  return html + escapeHtml(text.slice(at));
}
