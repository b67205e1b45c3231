import type { Report } from '../Report.js';

/**
 * The report as one JSON document (`--format json`):
 * `{ "clusters": [{ "ids", "representative", "pairs": [{ "a", "b", "similarity", "passages"? }] }], "matches"?, "stats" }`.
 * `matches` (with `--index` only) lists each new document that near-duplicates indexed ones:
 * `{ "id", "matches": [{ "id", "similarity" }] }`. Similarities are full-precision numbers.
 *
 * @example
 * ```ts
 * formatJson(report);
 * // '{\n  "clusters": [\n    {\n      "ids": ["000.txt", "001.txt"], ... }'
 * ```
 */
export function formatJson(report: Report): string {
  const body = report.matches === undefined ? { clusters: report.clusters, stats: report.stats } : { clusters: report.clusters, matches: report.matches, stats: report.stats };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * The report as JSON Lines (`--format jsonl`), for streaming consumers: one cluster per line
 * (`{ "ids", "representative", "pairs" }`), then with `--index` one line per new document that
 * matches indexed ones (`{ "id", "matches" }`: `id`, not `ids`, tells them apart). The counts go to
 * stderr only.
 */
export function formatJsonLines(report: Report): string {
  const lines = report.clusters.map((cluster) => JSON.stringify(cluster));
  for (const match of report.matches ?? []) lines.push(JSON.stringify(match));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
