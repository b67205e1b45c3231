import type { Report } from '../Report.js';

/**
 * The report as CSV (`--format csv`, RFC 4180: CRLF line ends, fields with a comma, quote or line
 * break quoted, quotes doubled): a header `cluster,a,b,similarity`, then one row per pair, with
 * the cluster's 1-based number. With `--index`, each match of a new document in the index is a row
 * with an empty cluster, `a` the indexed document and `b` the new one (as in pairs, `a` came first).
 *
 * @example
 * ```text
 * cluster,a,b,similarity
 * 1,000_912c03f999ecb889.txt,001_b93039228490cdd2.txt,0.6680497925311203
 * ```
 */
export function formatCsv(report: Report): string {
  const rows: string[] = ['cluster,a,b,similarity'];
  for (const [n, cluster] of report.clusters.entries()) {
    for (const { a, b, similarity } of cluster.pairs) rows.push([String(n + 1), a, b, String(similarity)].map(csvField).join(','));
  }
  for (const { id, matches } of report.matches ?? []) {
    for (const match of matches) rows.push(['', match.id, id, String(match.similarity)].map(csvField).join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}

/** One CSV field, quoted when it holds a comma, a double quote, CR or LF (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
