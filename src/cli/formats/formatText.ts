import type { Report } from '../Report.js';

/**
 * The report for people (`--format text`): each cluster with its members and its pairs'
 * similarities (3 decimals), then with `--index` each new document's matches in the index. The
 * counts go to stderr (see {@link formatSummary}).
 *
 * @example
 * ```text
 * cluster 1: 2 documents, representative 000_912c03f999ecb889.txt
 *   000_912c03f999ecb889.txt
 *   001_b93039228490cdd2.txt
 *   0.668  000_912c03f999ecb889.txt ~ 001_b93039228490cdd2.txt
 * ```
 */
export function formatText(report: Report): string {
  const lines: string[] = [];
  const indexed = report.matches !== undefined;
  if (report.clusters.length === 0) lines.push(indexed ? 'No near-duplicates among the new documents.' : 'No near-duplicates.');
  for (const [n, cluster] of report.clusters.entries()) {
    if (n > 0) lines.push('');
    lines.push(`cluster ${n + 1}: ${cluster.ids.length} documents, representative ${cluster.representative}`);
    for (const id of cluster.ids) lines.push(`  ${id}`);
    for (const { a, b, similarity } of cluster.pairs) lines.push(`  ${similarity.toFixed(3)}  ${a} ~ ${b}`);
  }
  if (report.matches !== undefined) {
    lines.push('');
    if (report.matches.length === 0) lines.push('No new document matches the index.');
    else lines.push('Matches in the index (new document ~ indexed document):');
    for (const { id, matches } of report.matches) {
      for (const match of matches) lines.push(`  ${match.similarity.toFixed(3)}  ${id} ~ ${match.id}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
