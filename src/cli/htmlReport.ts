import type { ResolvedNeardupOptions } from '../dedupe/NeardupOptions.js';
import type { Report } from './Report.js';
import { renderHtml } from './report/renderHtml.js';

/**
 * The report as one self-contained HTML page (`--format html`), by {@link renderHtml}: the
 * clusters, each pair's texts side by side with their shared passages highlighted, and a histogram
 * of similarities. It needs the texts of the clustered documents. With `--index`, the page shows
 * the clusters among the new documents; their matches in the index are not on it (the index keeps
 * no texts to show), use another format for those.
 */
export function htmlReport(report: Report, options: ResolvedNeardupOptions, texts: ReadonlyMap<string, string>): string {
  const { skippedByReason: _byReason, ...counts } = report.stats;
  const stats = Object.fromEntries(Object.entries(counts).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  const { shingling, threshold } = options;
  return renderHtml({
    clusters: report.clusters,
    stats,
    texts,
    options: { threshold, ...(shingling.kind === 'word' ? { shingleSize: shingling.size } : { charNgrams: shingling.size }) },
  });
}
