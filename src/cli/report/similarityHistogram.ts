import { escapeHtml } from './escapeHtml.js';

/** Width of a histogram bin. */
export const BIN_WIDTH = 0.05;

/** One bin of the histogram: pairs with `from <= similarity < to` (the last bin includes 1). */
export interface SimilarityBin {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

// Bin edges are threshold + i * 0.05, computed in floating point: the slack keeps 0.55 in the bin
// that starts at 0.55 although 0.55 - 0.5 is 0.0500000000000000444 / 0.05 = 1.0000000000000009
// one way and a hair under 1 another.
const SLACK = 1e-9;

/**
 * Counts pair similarities in bins of 0.05 from the threshold up to 1: [0.5, 0.55), [0.55, 0.6),
 * ..., [0.95, 1]. The last bin ends at 1 and may be narrower (threshold 0.52: [0.97, 1]); a
 * threshold of 1 has the single bin [1, 1]. A similarity below the threshold (which no run
 * reports) counts in the first bin, one above 1 in the last.
 *
 * @example
 * ```ts
 * similarityBins([0.5, 0.61, 1], 0.5).filter((b) => b.count > 0);
 * // [{ from: 0.5, to: 0.55, count: 1 }, { from: 0.6, to: 0.65, count: 1 }, { from: 0.95, to: 1, count: 1 }]
 * ```
 */
export function similarityBins(similarities: readonly number[], threshold: number): SimilarityBin[] {
  const n = Math.max(1, Math.ceil((1 - threshold) / BIN_WIDTH - SLACK));
  const counts = new Array<number>(n).fill(0);
  for (const s of similarities) {
    const i = Math.floor((s - threshold) / BIN_WIDTH + SLACK);
    counts[Math.min(n - 1, Math.max(0, i))]!++;
  }
  return counts.map((count, i) => ({ from: round(threshold + i * BIN_WIDTH), to: i === n - 1 ? 1 : round(threshold + (i + 1) * BIN_WIDTH), count }));
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

const WIDTH = 720;
const HEIGHT = 240;
const LEFT = 44;
const RIGHT = 12;
const TOP = 22;
const BOTTOM = 40;

/**
 * The histogram of pair similarities as an inline SVG element (no script, no style attribute):
 * one bar per bin of {@link similarityBins}, its count above it, the bin edges below, and a
 * tooltip per bar.
 *
 * @example
 * ```ts
 * similarityHistogram([0.668], 0.5); // '<svg class="histogram" ...>...</svg>'
 * ```
 */
export function similarityHistogram(similarities: readonly number[], threshold: number): string {
  const bins = similarityBins(similarities, threshold);
  const max = Math.max(1, ...bins.map((b) => b.count));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const span = 1 - threshold;
  // Bars stand where their bins are on the similarity axis (the last one may be narrower).
  const xOf = (similarity: number) => LEFT + (span > 0 ? ((similarity - threshold) / span) * plotWidth : 0);
  const widthOf = (bin: SimilarityBin) => (span > 0 ? ((bin.to - bin.from) / span) * plotWidth : plotWidth);
  const labelEvery = bins.length > 10 ? 2 : 1;
  const parts: string[] = [];
  parts.push(
    `<svg class="histogram" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(`Histogram of ${similarities.length} pair similarities`)}">`,
  );
  const baseline = TOP + plotHeight;
  parts.push(`<line class="axis" x1="${LEFT}" y1="${baseline}" x2="${WIDTH - RIGHT}" y2="${baseline}"/>`);
  parts.push(`<text class="tick" x="${LEFT - 6}" y="${baseline}" text-anchor="end" dominant-baseline="middle">0</text>`);
  parts.push(`<text class="tick" x="${LEFT - 6}" y="${TOP}" text-anchor="end" dominant-baseline="middle">${max}</text>`);
  bins.forEach((bin, i) => {
    const x = xOf(bin.from);
    const barWidth = widthOf(bin);
    const h = (bin.count / max) * plotHeight;
    const label = `${formatEdge(bin.from)}–${formatEdge(bin.to)}: ${bin.count} pair${bin.count === 1 ? '' : 's'}`;
    parts.push(
      `<rect class="bar" x="${fixed(x + 1)}" y="${fixed(baseline - h)}" width="${fixed(Math.max(1, barWidth - 2))}" height="${fixed(h)}"><title>${escapeHtml(label)}</title></rect>`,
    );
    if (bin.count > 0) parts.push(`<text class="count" x="${fixed(x + barWidth / 2)}" y="${fixed(baseline - h - 5)}" text-anchor="middle">${bin.count}</text>`);
    if (i % labelEvery === 0 && (span === 0 || 1 - bin.from > BIN_WIDTH / 2)) {
      parts.push(`<text class="tick" x="${fixed(x)}" y="${baseline + 16}" text-anchor="middle">${formatEdge(bin.from)}</text>`);
    }
  });
  if (span > 0) parts.push(`<text class="tick" x="${WIDTH - RIGHT}" y="${baseline + 16}" text-anchor="middle">1</text>`);
  parts.push(`<text class="axis-label" x="${LEFT + plotWidth / 2}" y="${HEIGHT - 4}" text-anchor="middle">similarity (Jaccard of the shingle sets)</text>`);
  parts.push('</svg>');
  return parts.join('');
}

function formatEdge(x: number): string {
  return String(Number(x.toFixed(3)));
}

function fixed(x: number): string {
  return String(Math.round(x * 10) / 10);
}
