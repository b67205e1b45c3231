import type { Cluster, Pair } from '../cluster/clusterPairs.js';
import type { Match } from '../dedupe/Deduper.js';
import type { Passage } from '../explain/explain.js';
import { INPUT_ERROR_REASONS, type InputErrorReason } from './errors/InputError.js';

/** A shared passage of a pair, as `explain()` gives it: [start, end) offsets into each original text. */
export type ReportPassage = Passage;

/** A confirmed pair; `a` was read before `b`. With `--explain`, the passages they share. */
export interface ReportPair extends Pair {
  readonly passages?: readonly ReportPassage[];
}

/** A cluster of near-duplicates, as the library returns it (pairs possibly explained). */
export interface ReportCluster extends Omit<Cluster, 'pairs'> {
  readonly pairs: readonly ReportPair[];
}

/** With `--index` or `--redis`: a new document and the documents of the index (from earlier runs) it near-duplicates. */
export interface IndexMatches {
  readonly id: string;
  /** Earlier documents, most similar first. */
  readonly matches: readonly Match[];
}

/** Counts for a run. */
export interface ReportStats {
  /** Documents read and processed (skipped ones not included). */
  documents: number;
  /** Clusters of near-duplicates among them. */
  clusters: number;
  /** Confirmed pairs among them. */
  pairs: number;
  /** Documents without a single word (never part of a cluster). */
  emptyDocuments: number;
  /** Lines, files and directories skipped under `--skip-invalid`. */
  skipped: number;
  /** The same, by reason (only reasons that occurred). */
  skippedByReason: Partial<Record<InputErrorReason, number>>;
  /** Documents whose bytes were not valid UTF-8 (decoded with U+FFFD replacement characters). */
  invalidUtf8: number;
  /** Wall-clock seconds, from the first byte read to the report. */
  seconds: number;
  /** With `--index` or `--redis`: documents in the index before this run. */
  indexedBefore?: number;
  /** With `--index` or `--redis`: documents in the index after it. */
  indexedAfter?: number;
  /** With `--index` or `--redis`: new documents that near-duplicate at least one indexed document. */
  matchedIndexed?: number;
}

/** What a run found, before it is formatted. */
export interface Report {
  readonly clusters: readonly ReportCluster[];
  /** With `--index` or `--redis` only: matches of the new documents among the indexed ones, in input order. */
  readonly matches: readonly IndexMatches[] | undefined;
  readonly stats: ReportStats;
}

/** Readable names of the skip reasons, for summaries. */
export const REASON_LABELS: Readonly<Record<InputErrorReason, string>> = {
  invalidJson: 'invalid JSON',
  notAnObject: 'not an object',
  missingId: 'missing id',
  missingText: 'missing text',
  invalidId: 'bad id',
  invalidText: 'bad text',
  duplicateId: 'duplicate id',
  tooLong: 'too long',
  unreadable: 'unreadable',
};

/**
 * The one-line summary printed on stderr after a run (unless `--quiet`), e.g.
 * `neardup: 5 documents, 1 cluster, 1 pair, 0.03 s`, followed by what was skipped (by reason),
 * how many documents had invalid UTF-8, and with `--index` the index's size before and after.
 */
export function formatSummary(stats: ReportStats): string {
  const parts = [
    plural(stats.documents, 'document'),
    plural(stats.clusters, 'cluster'),
    plural(stats.pairs, 'pair'),
  ];
  if (stats.indexedBefore !== undefined) {
    parts.push(`${plural(stats.matchedIndexed ?? 0, 'new document')} matching the index (${stats.indexedBefore} indexed before, ${stats.indexedAfter ?? 0} now)`);
  }
  if (stats.skipped > 0) {
    const reasons = INPUT_ERROR_REASONS.filter((r) => stats.skippedByReason[r] !== undefined).map((r) => `${stats.skippedByReason[r]} ${REASON_LABELS[r]}`);
    parts.push(`${stats.skipped} skipped (${reasons.join(', ')})`);
  }
  if (stats.invalidUtf8 > 0) parts.push(`${stats.invalidUtf8} with invalid UTF-8`);
  if (stats.emptyDocuments > 0) parts.push(`${stats.emptyDocuments} without words`);
  return `neardup: ${parts.join(', ')}, ${stats.seconds.toFixed(2)} s`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
