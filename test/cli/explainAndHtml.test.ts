import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { articles, COPY, fixtures, neardup, temporaryDirectory, WIRE } from './neardup.js';

interface Passage {
  a: { start: number; end: number };
  b: { start: number; end: number };
  shingles: number;
}
interface JsonReport {
  clusters: { ids: string[]; pairs: { a: string; b: string; similarity: number; passages?: Passage[] }[] }[];
}

/** The words of a passage, as the shingler sees them (case and punctuation aside). */
const words = (text: string) => text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];

describe('--explain', () => {
  const texts = new Map([WIRE, COPY].map((name) => [name, readFileSync(join(articles, name), 'utf8')]));

  it('json: each pair carries the passages both texts share, as offsets into the original texts', () => {
    const run = neardup([articles, '--format', 'json', '--explain']);
    expect(run.status).toBe(0);
    const [pair] = (JSON.parse(run.stdout) as JsonReport).clusters[0]!.pairs;
    expect(pair).toMatchObject({ a: WIRE, b: COPY });
    expect(pair!.passages!.length).toBeGreaterThan(0);
    let shared = 0;
    for (const { a, b, shingles } of pair!.passages!) {
      const inA = texts.get(WIRE)!.slice(a.start, a.end);
      const inB = texts.get(COPY)!.slice(b.start, b.end);
      expect(words(inA)).toEqual(words(inB));
      expect(words(inA).length).toBeGreaterThanOrEqual(5); // at least one 5-word shingle
      shared += shingles;
    }
    expect(shared).toBeGreaterThan(100); // the wire story is most of both articles
  });

  it('jsonl: the same passages', () => {
    const json = (JSON.parse(neardup([articles, '--format', 'json', '--explain']).stdout) as JsonReport).clusters;
    const jsonl = neardup([articles, '--format', 'jsonl', '--explain']).stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    expect(jsonl).toEqual(json);
  });

  it('follows the shingling of the run', () => {
    const passages = (flags: string[]) => (JSON.parse(neardup([articles, '--format', 'json', '--explain', ...flags]).stdout) as JsonReport).clusters[0]!.pairs[0]!.passages!;
    const small = passages(['--shingle-size', '3']);
    expect(small).not.toEqual(passages([]));
    for (const { a } of small) expect(words(texts.get(WIRE)!.slice(a.start, a.end)).length).toBeGreaterThanOrEqual(3);
  });

  it('without --explain, pairs have no passages', () => {
    expect(neardup([articles, '--format', 'json']).stdout).not.toContain('passages');
  });
});

describe('--format html', () => {
  it('writes one self-contained page with the 000/001 cluster and its shared passages highlighted', () => {
    const dir = temporaryDirectory();
    const file = join(dir, 'report.html');
    const run = neardup([articles, '--format', 'html', '--output', file]);
    expect(run.status).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain(WIRE);
    expect(html).toContain(COPY);
    expect(html.match(/<mark/g)?.length).toBeGreaterThan(2);
    expect(html).not.toMatch(/<script|<link|src=/i); // nothing to run or load
  });

  it('escapes document text and ids: markup in an article is shown, never run', () => {
    const run = neardup(['injected.jsonl', '--format', 'html'], { cwd: fixtures });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(run.stdout).toContain('wire &lt;em&gt;1&lt;/em&gt;');
    expect(run.stdout).not.toMatch(/<script|<img|<em>|<b>/i);
  });
});
