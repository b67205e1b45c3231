import { createHash } from 'node:crypto';
import type { Cluster } from '../../cluster/clusterPairs.js';
import { InvalidOptionError } from '../../errors/InvalidOptionError.js';
import { explain } from '../../explain/explain.js';
import { DEFAULT_SHINGLE_SIZE, type ShingleOptions } from '../../shingle/ShingleOptions.js';
import { escapeHtml } from './escapeHtml.js';
import { markPassages } from './markPassages.js';
import { REPORT_STYLE } from './reportStyle.js';
import { similarityHistogram } from './similarityHistogram.js';

/** What the HTML report shows. */
export interface HtmlReportInput {
  /** The clusters found, as `findNearDuplicates` returns them. */
  readonly clusters: readonly Cluster[];
  /** Counts for the run (`documents`, `pairs`, `seconds`, ...), shown in the summary. */
  readonly stats: Readonly<Record<string, number>>;
  /** Document texts by id, to show each pair side by side; a pair whose texts are missing is listed without them. */
  readonly texts: ReadonlyMap<string, string>;
  /** The options of the run: the threshold starts the histogram, the shingling explains the pairs. */
  readonly options: { readonly threshold: number; readonly shingleSize?: number; readonly charNgrams?: number };
}

/** Pairs beyond this many are listed collapsed (a click opens them), so a large report stays quick to open. */
export const OPEN_PAIRS = 20;

const STYLE_HASH = createHash('sha256').update(REPORT_STYLE).digest('base64');
// No script at all (toggling is <details>), nothing to load: only the style element above may apply.
const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'`;

const STAT_LABELS: Readonly<Record<string, string>> = {
  emptyDocuments: 'empty documents',
  skipped: 'skipped',
  invalidUtf8: 'invalid UTF-8',
  seconds: 'seconds',
  indexedBefore: 'indexed before',
  indexedAfter: 'indexed after',
  matchedIndexed: 'matched in the index',
};

/**
 * Renders a report of near-duplicates as one self-contained HTML page: a summary (documents,
 * clusters, pairs, threshold), a histogram of pair similarities (inline SVG, bins of 0.05 from
 * the threshold to 1), and every cluster with its pairs; each pair shows its similarity and the
 * two texts side by side with the passages they share (from {@link explain}) highlighted in
 * `<mark>`. The first {@link OPEN_PAIRS} pairs are open, the rest collapsed.
 *
 * The page loads nothing and runs no script: CSS is inline and allowed by its hash in a
 * Content-Security-Policy that forbids everything else, so it opens from disk or an email
 * attachment alike. Every document text and id is HTML-escaped: an article that contains
 * `<script>` or `<img onerror=...>` shows that markup as text.
 *
 * @throws {InvalidOptionError} when `options.threshold` is not a number greater than 0 and at most 1,
 *   or the shingle options are out of range.
 * @example
 * ```ts
 * const { clusters, stats } = await findNearDuplicates(docs);
 * const html = renderHtml({ clusters, stats, texts: new Map(docs.map((d) => [d.id, d.text])), options: { threshold: 0.5 } });
 * await writeFile('report.html', html);
 * ```
 */
export function renderHtml(report: HtmlReportInput): string {
  const { clusters, stats, texts, options } = report;
  const { threshold } = options;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1)) {
    throw new InvalidOptionError('threshold', 'a number greater than 0 and at most 1', threshold);
  }
  const shingling: ShingleOptions =
    options.charNgrams !== undefined ? { charNgrams: options.charNgrams } : options.shingleSize !== undefined ? { shingleSize: options.shingleSize } : {};
  const pairs = clusters.flatMap((c) => c.pairs);
  const documents = stats['documents'] ?? new Set(clusters.flatMap((c) => c.ids)).size;

  const out: string[] = [];
  out.push(
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">\n`,
    '<meta name="referrer" content="no-referrer">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n',
    `<title>neardup report: ${clusters.length} cluster${plural(clusters.length)} in ${documents} document${plural(documents)}</title>\n`,
    `<style>${REPORT_STYLE}</style>\n</head>\n<body>\n<header>\n<h1>neardup report</h1>\n<dl class="summary">`,
    summaryItem('documents', formatCount(documents)),
    summaryItem('clusters', formatCount(clusters.length)),
    summaryItem('pairs', formatCount(stats['pairs'] ?? pairs.length)),
    summaryItem('threshold', String(threshold)),
    '</dl>\n',
  );
  const extra = Object.entries(stats).filter(([key, value]) => key in STAT_LABELS && typeof value === 'number' && Number.isFinite(value));
  if (extra.length > 0) {
    out.push('<p class="extra">', ...extra.map(([key, value]) => `<span>${escapeHtml(STAT_LABELS[key]!)}: ${key === 'seconds' ? value.toFixed(2) : formatCount(value)}</span>`), '</p>\n');
  }
  out.push(
    `<p class="settings">Similarity is the Jaccard similarity of the ${escapeHtml(describeShingling(shingling))} of two documents; pairs at or above the threshold are near-duplicates.</p>\n</header>\n`,
  );

  out.push('<section id="histogram">\n<h2>Pair similarities</h2>\n');
  out.push(pairs.length > 0 ? similarityHistogram(pairs.map((p) => p.similarity), threshold) : '<p class="note">No pairs at or above the threshold.</p>');
  out.push('\n</section>\n');

  out.push('<section id="clusters">\n<h2>Clusters</h2>\n');
  if (clusters.length === 0) out.push('<p class="note">No near-duplicates found.</p>\n');
  else {
    out.push('<p class="legend note">Highlighted (<mark class="p0">1</mark> <mark class="p1">2</mark> <mark class="p2">3</mark> …): the passages two texts share, as maximal runs of shared shingles; a passage has the same colour in both texts.</p>\n<ol class="toc">');
    clusters.forEach((c, n) => out.push(`<li><a href="#cluster-${n + 1}">Cluster ${n + 1}</a>: <code>${escapeHtml(c.representative)}</code> and ${c.ids.length - 1} more</li>`));
    out.push('</ol>\n</section>\n');
  }

  let pairNumber = 0;
  clusters.forEach((cluster, n) => {
    out.push(
      `<section class="cluster" id="cluster-${n + 1}">\n<h2>Cluster ${n + 1} <span class="note">· ${cluster.ids.length} documents, ${cluster.pairs.length} pair${plural(cluster.pairs.length)}</span></h2>\n<ul class="members">`,
    );
    for (const id of cluster.ids) {
      out.push(`<li><code>${escapeHtml(id)}</code>${id === cluster.representative ? ' <span class="rep">(representative)</span>' : ''}</li>`);
    }
    out.push('</ul>\n');
    for (const pair of cluster.pairs) out.push(renderPair(pair, texts, shingling, pairNumber++ < OPEN_PAIRS));
    out.push('</section>\n');
  });

  out.push('<footer>Made by neardup. This page loads nothing and runs no script.</footer>\n</body>\n</html>\n');
  return out.join('');
}

function renderPair(pair: Cluster['pairs'][number], texts: ReadonlyMap<string, string>, shingling: ShingleOptions, open: boolean): string {
  const textA = texts.get(pair.a);
  const textB = texts.get(pair.b);
  const explanation = textA !== undefined && textB !== undefined ? explain(textA, textB, shingling) : undefined;
  let summary = `<span class="sim">${pair.similarity.toFixed(3)}</span><code>${escapeHtml(pair.a)}</code> ~ <code>${escapeHtml(pair.b)}</code>`;
  if (explanation !== undefined) {
    const count = explanation.passages.length;
    summary += ` <span class="note">· ${count} shared passage${plural(count)}`;
    // The reported similarity may be an estimate (verify: 'estimate'); show the exact one beside it.
    if (Math.abs(explanation.similarity - pair.similarity) >= 0.0005) summary += ` · exact similarity ${explanation.similarity.toFixed(3)}`;
    summary += '</span>';
  }
  const side = (which: 'a' | 'b', id: string, text: string | undefined) => {
    const body =
      text === undefined
        ? '<p class="missing">Text not available in this run.</p>'
        : `<div class="text" dir="auto">${markPassages(text, explanation?.passages.map((p, passage) => ({ ...p[which], passage })) ?? [])}</div>`;
    return `<div class="side side-${which}"><h3><code>${escapeHtml(id)}</code></h3>${body}</div>`;
  };
  return `<details class="pair"${open ? ' open' : ''}>\n<summary>${summary}</summary>\n<div class="sides">\n${side('a', pair.a, textA)}\n${side('b', pair.b, textB)}\n</div>\n</details>\n`;
}

function summaryItem(label: string, value: string): string {
  return `<div><dt>${label}</dt><dd>${value}</dd></div>`;
}

function describeShingling(shingling: ShingleOptions): string {
  if (shingling.charNgrams !== undefined) return `character ${shingling.charNgrams}-grams`;
  return `word ${shingling.shingleSize ?? DEFAULT_SHINGLE_SIZE}-shingles`;
}

function formatCount(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}
