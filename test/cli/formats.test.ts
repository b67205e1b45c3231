import { describe, expect, it } from 'vitest';
import { csvField, formatCsv } from '../../src/cli/formats/formatCsv.js';
import { formatJson, formatJsonLines } from '../../src/cli/formats/formatJson.js';
import { formatText } from '../../src/cli/formats/formatText.js';
import { formatSummary, type Report, type ReportStats } from '../../src/cli/Report.js';

const stats: ReportStats = { documents: 4, clusters: 1, pairs: 1, emptyDocuments: 0, skipped: 0, skippedByReason: {}, invalidUtf8: 0, seconds: 0.5 };
const cluster = { ids: ['a', 'b'], representative: 'a', pairs: [{ a: 'a', b: 'b', similarity: 0.75 }] };
const plain: Report = { clusters: [cluster], matches: undefined, stats };
const indexed: Report = { clusters: [], matches: [{ id: 'new', matches: [{ id: 'old', similarity: 0.9 }] }], stats: { ...stats, clusters: 0, pairs: 0, indexedBefore: 10, indexedAfter: 14, matchedIndexed: 1 } };

describe('csvField (RFC 4180)', () => {
  it('leaves plain fields alone and quotes those with a comma, quote, CR or LF, doubling quotes', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('')).toBe('');
  });
});

describe('report formats', () => {
  it('csv: header, pair rows with the cluster number, index matches with an empty cluster, CRLF', () => {
    expect(formatCsv(plain)).toBe('cluster,a,b,similarity\r\n1,a,b,0.75\r\n');
    expect(formatCsv(indexed)).toBe('cluster,a,b,similarity\r\n,old,new,0.9\r\n');
  });

  it('json: clusters and stats, plus matches only with --index', () => {
    expect(JSON.parse(formatJson(plain))).toEqual({ clusters: [cluster], stats });
    expect(Object.keys(JSON.parse(formatJson(indexed)) as object)).toEqual(['clusters', 'matches', 'stats']);
  });

  it('jsonl: a cluster per line, then a line per new document with index matches; nothing for nothing', () => {
    expect(formatJsonLines(plain)).toBe(`${JSON.stringify(cluster)}\n`);
    expect(formatJsonLines(indexed)).toBe('{"id":"new","matches":[{"id":"old","similarity":0.9}]}\n');
    expect(formatJsonLines({ clusters: [], matches: undefined, stats })).toBe('');
  });

  it('text: clusters for people, or a sentence when there are none', () => {
    expect(formatText(plain)).toBe('cluster 1: 2 documents, representative a\n  a\n  b\n  0.750  a ~ b\n');
    expect(formatText({ clusters: [], matches: undefined, stats })).toBe('No near-duplicates.\n');
    expect(formatText(indexed)).toBe('No near-duplicates among the new documents.\n\nMatches in the index (new document ~ indexed document):\n  0.900  new ~ old\n');
  });
});

describe('formatSummary', () => {
  it('counts documents, clusters and pairs, then skips by reason, invalid UTF-8, the index', () => {
    expect(formatSummary(stats)).toBe('neardup: 4 documents, 1 cluster, 1 pair, 0.50 s');
    expect(formatSummary({ ...stats, documents: 1, skipped: 3, skippedByReason: { duplicateId: 1, invalidJson: 2 }, invalidUtf8: 1, emptyDocuments: 2 })).toBe(
      'neardup: 1 document, 1 cluster, 1 pair, 3 skipped (2 invalid JSON, 1 duplicate id), 1 with invalid UTF-8, 2 without words, 0.50 s',
    );
    expect(formatSummary(indexed.stats)).toBe('neardup: 4 documents, 0 clusters, 0 pairs, 1 new document matching the index (10 indexed before, 14 now), 0.50 s');
  });
});
