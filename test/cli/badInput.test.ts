import { mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, neardup, temporaryDirectory } from './neardup.js';

interface JsonReport {
  clusters: { ids: string[] }[];
  stats: { documents: number; skipped: number; skippedByReason: Record<string, number>; invalidUtf8: number };
}
const json = (stdout: string) => JSON.parse(stdout) as JsonReport;
const clusterIds = (stdout: string) => json(stdout).clusters.map((c) => c.ids);

/** JSON.parse's own message for a line of a fixture (its wording depends on the V8 version). */
function parseErrorOf(file: string, line: number): string {
  try {
    JSON.parse(readFileSync(join(fixtures, file), 'utf8').split('\n')[line - 1]!);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${file}:${line} is valid JSON`);
}

// Each bad line sits between good ones: 'a' (line 1) and its near-duplicate 'c' (line 3), so a
// run that skips the bad line still finds the cluster [a, c].
const badLines: [file: string, reason: string, message: string][] = [
  ['invalid-json.jsonl', 'invalidJson', `invalid-json.jsonl:2: invalid JSON (${parseErrorOf('invalid-json.jsonl', 2)})`],
  ['not-object.jsonl', 'notAnObject', 'not-object.jsonl:2: expected a JSON object, got an array'],
  ['missing-id.jsonl', 'missingId', 'missing-id.jsonl:2: missing id field "id"'],
  ['text-not-string.jsonl', 'invalidText', 'text-not-string.jsonl:2: text field "text" must be a string, got a number (42)'],
  ['id-not-string.jsonl', 'invalidId', 'id-not-string.jsonl:2: id field "id" must be a string or a number, got an object'],
];

describe('a bad line stops the run with its file, line and rule (exit 3), or is skipped with --skip-invalid', () => {
  it.each(badLines)('%s', (file, reason, message) => {
    const stopped = neardup([file]);
    expect(stopped).toMatchObject({ status: 3, stdout: '', stderr: `neardup: ${message}\n` });

    const skipped = neardup([file, '--skip-invalid', '--format', 'json']);
    expect(skipped.status).toBe(0);
    expect(clusterIds(skipped.stdout)).toEqual([['a', 'c']]);
    expect(json(skipped.stdout).stats).toMatchObject({ documents: 2, skipped: 1, skippedByReason: { [reason]: 1 } });
    expect(skipped.stderr).toContain(`neardup: skipped ${message}\n`);
  });

  it('a missing text field (here on line 3: the run stops after reading two documents)', () => {
    expect(neardup(['missing-text.jsonl'])).toMatchObject({ status: 3, stderr: 'neardup: missing-text.jsonl:3: missing text field "text"\n' });
    const skipped = neardup(['missing-text.jsonl', '--skip-invalid', '--format', 'json']);
    expect(json(skipped.stdout).stats).toMatchObject({ documents: 2, skipped: 1, skippedByReason: { missingText: 1 } });
  });

  it('a missing dotted field names the path, and what stood in the way', () => {
    const run = neardup(['dotted.jsonl', '--id-field', 'meta.id', '--text-field', 'body.text.html']);
    expect(run).toMatchObject({ status: 3, stderr: 'neardup: dotted.jsonl:1: missing text field "body.text.html" ("body.text" is a string)\n' });
    const id = neardup(['dotted.jsonl', '--id-field', 'meta.uuid', '--text-field', 'body.text']);
    expect(id).toMatchObject({ status: 3, stderr: 'neardup: dotted.jsonl:1: missing id field "meta.uuid"\n' });
  });

  it('a duplicate id names both places, in one file or across files', () => {
    expect(neardup(['duplicate-id.jsonl'])).toMatchObject({ status: 3, stderr: 'neardup: duplicate-id.jsonl:3: duplicate id "a" (first at duplicate-id.jsonl:1)\n' });
    expect(neardup(['articles.jsonl', 'duplicate-of-articles.jsonl'])).toMatchObject({
      status: 3,
      stderr: 'neardup: duplicate-of-articles.jsonl:2: duplicate id "002" (first at articles.jsonl:3)\n',
    });
    const skipped = neardup(['duplicate-id.jsonl', '--skip-invalid', '--format', 'json']);
    expect(json(skipped.stdout).stats).toMatchObject({ documents: 2, skippedByReason: { duplicateId: 1 } });
  });

  it('--skip-invalid counts every reason, keeps every valid document, and summarises on stderr', () => {
    const run = neardup(['mixed-bad.jsonl', '--skip-invalid', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(clusterIds(run.stdout)).toEqual([['a', 'c']]);
    expect(json(run.stdout).stats).toMatchObject({
      documents: 3,
      skipped: 7,
      skippedByReason: { invalidJson: 1, notAnObject: 1, missingId: 1, missingText: 1, invalidId: 1, invalidText: 1, duplicateId: 1 },
    });
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((line) => line.slice(0, line.indexOf(':', 'neardup: skipped '.length + 'mixed-bad.jsonl'.length + 1)))).toEqual(
      [2, 3, 4, 5, 6, 7, 8].map((n) => `neardup: skipped mixed-bad.jsonl:${n}`),
    );
    expect(lines.at(-1)).toMatch(
      /^neardup: 3 documents, 1 cluster, 1 pair, 7 skipped \(1 invalid JSON, 1 not an object, 1 missing id, 1 missing text, 1 bad id, 1 bad text, 1 duplicate id\), \d+\.\d\d s$/,
    );
  });

  it('in text format the skip counts go to stderr, the clusters to stdout', () => {
    const run = neardup(['mixed-bad.jsonl', '--skip-invalid']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('cluster 1: 2 documents, representative a\n  a\n  c\n  0.794  a ~ c\n');
    expect(run.stderr).toContain('7 skipped (');
  });

  it('names the first 20 skips, then says how many more there were', () => {
    const dir = temporaryDirectory();
    const good = JSON.stringify({ id: 'ok', text: 'one two three four five six' });
    writeFileSync(join(dir, 'many.jsonl'), [good, ...Array.from({ length: 25 }, () => '{oops')].join('\n'));
    const run = neardup(['many.jsonl', '--skip-invalid'], { cwd: dir });
    expect(run.status).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.filter((line) => line.startsWith('neardup: skipped many.jsonl:'))).toHaveLength(20);
    expect(lines.at(-2)).toBe('neardup: 5 more warnings not shown (the counts are in the summary)');
    expect(lines.at(-1)).toMatch(/^neardup: 1 document, 0 clusters, 0 pairs, 25 skipped \(25 invalid JSON\), /);
  });

  it('--quiet keeps the skip warnings off stderr too; the counts stay in the stats', () => {
    const run = neardup(['mixed-bad.jsonl', '--skip-invalid', '--quiet', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(json(run.stdout).stats.skipped).toBe(7);
  });
});

describe('unreadable inputs', () => {
  it('a missing file: exit 3 naming it; skipped with --skip-invalid (the other inputs are clustered)', () => {
    expect(neardup(['articles.jsonl', 'no-such-file.jsonl'])).toMatchObject({
      status: 3,
      stdout: '',
      stderr: 'neardup: no-such-file.jsonl: cannot read: no such file or directory (ENOENT)\n',
    });
    const skipped = neardup(['no-such-file.jsonl', 'articles.jsonl', '--skip-invalid', '--format', 'json']);
    expect(skipped.status).toBe(0);
    expect(clusterIds(skipped.stdout)).toEqual([['000', '001']]);
    expect(json(skipped.stdout).stats).toMatchObject({ skipped: 1, skippedByReason: { unreadable: 1 } });
  });

  it('a path through a file (not a directory)', () => {
    expect(neardup(['articles.jsonl/more'])).toMatchObject({ status: 3, stderr: 'neardup: articles.jsonl/more: cannot read: a path component is not a directory (ENOTDIR)\n' });
  });

  it('an unreadable .txt file in a directory (a dangling link) names the file', () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'a.txt'), 'one two three four five six seven');
    symlinkSync(join(dir, 'nowhere'), join(dir, 'gone.txt'));
    expect(neardup(['.'], { cwd: dir })).toMatchObject({ status: 3, stderr: 'neardup: gone.txt: cannot read: no such file or directory (ENOENT)\n' });
    const skipped = neardup(['.', '--skip-invalid', '--format', 'json'], { cwd: dir });
    expect(json(skipped.stdout).stats).toMatchObject({ documents: 1, skippedByReason: { unreadable: 1 } });
  });
});

describe('invalid UTF-8: decoded with replacement characters, counted and warned about, not fatal', () => {
  it('in a JSON line', () => {
    const run = neardup(['invalid-utf8.jsonl', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(json(run.stdout).stats).toMatchObject({ documents: 3, invalidUtf8: 1, skipped: 0 });
    expect(clusterIds(run.stdout)).toEqual([['a', 'c']]);
    expect(run.stderr).toMatch(/^neardup: warning: invalid-utf8\.jsonl:2: invalid UTF-8, decoded with replacement characters \(U\+FFFD\)\nneardup: 3 documents, 1 cluster, 1 pair, 1 with invalid UTF-8, /);
  });

  it('in a .txt file, and the text keeps the valid parts', () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'good.txt'), 'the cafe au lait costs more than the tea today');
    writeFileSync(join(dir, 'bad.txt'), Buffer.concat([Buffer.from('the cafe au lait costs more than the tea today'), Buffer.from([0xff, 0xfe])]));
    const run = neardup(['.', '--format', 'json'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(json(run.stdout).stats).toMatchObject({ documents: 2, invalidUtf8: 1 });
    expect(clusterIds(run.stdout)).toEqual([['bad.txt', 'good.txt']]);
    expect(run.stderr).toContain('neardup: warning: bad.txt: invalid UTF-8, decoded with replacement characters (U+FFFD)\n');
  });
});

describe('no documents at all: a clear error, exit 3', () => {
  it.each([
    [['empty.jsonl'], 'no documents in the input (empty.jsonl)'],
    [['blank-lines.jsonl', 'empty.jsonl'], 'no documents in the input (blank-lines.jsonl, empty.jsonl)'],
    [['-'], 'no documents in the input (-)'],
  ])('%j', (args, message) => {
    expect(neardup(args)).toMatchObject({ status: 3, stdout: '', stderr: `neardup: ${message}\n` });
  });

  it('a directory without .txt files', () => {
    const dir = temporaryDirectory();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'notes.md'), 'not a text file');
    expect(neardup(['.'], { cwd: dir })).toMatchObject({ status: 3, stderr: 'neardup: no documents in the input (.): . has no .txt files (a directory is read for .txt files only)\n' });
  });

  it('a directory of JSON Lines files: they must be named as files', () => {
    const dir = temporaryDirectory();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'news.jsonl'), '{"id": "a", "text": "a story"}\n');
    expect(neardup(['data'], { cwd: dir })).toMatchObject({
      status: 3,
      stderr: 'neardup: no documents in the input (data): data has no .txt files (a directory is read for .txt files only); give JSON Lines files by name: data/*.jsonl\n',
    });
    expect(neardup(['data/news.jsonl'], { cwd: dir }).status).toBe(0);
  });

  it('every document skipped as invalid', () => {
    const dir = temporaryDirectory();
    writeFileSync(join(dir, 'bad.jsonl'), '{"id": 1}\n{"text": "x"}\n');
    const run = neardup(['bad.jsonl', '--skip-invalid', '--quiet'], { cwd: dir });
    expect(run).toMatchObject({ status: 3, stderr: 'neardup: no documents in the input (bad.jsonl): all 2 skipped as invalid\n' });
  });
});

describe('a 50 MB line', () => {
  const dir = temporaryDirectory();
  const file = join(dir, 'huge.jsonl');
  const fd = openSync(file, 'w');
  const small = (id: string) => `${JSON.stringify({ id, text: 'the same short story about the council budget vote' })}\n`;
  writeSync(fd, small('before'));
  writeSync(fd, '{"id": "huge", "text": "');
  const block = 'word '.repeat(200_000); // 1 MB
  for (let i = 0; i < 50; i++) writeSync(fd, block);
  writeSync(fd, '"}\n');
  writeSync(fd, small('after'));
  closeSync(fd);

  it('is refused while it is read, naming file and line (exit 3)', () => {
    expect(neardup([file])).toMatchObject({ status: 3, stdout: '', stderr: `neardup: ${file}:2: line longer than 16777216 bytes (--max-line-bytes)\n` });
  });

  it('is skipped with --skip-invalid, and the documents around it are clustered', () => {
    const run = neardup([file, '--skip-invalid', '--format', 'json']);
    expect(run.status).toBe(0);
    expect(clusterIds(run.stdout)).toEqual([['before', 'after']]);
    expect(json(run.stdout).stats).toMatchObject({ documents: 2, skippedByReason: { tooLong: 1 } });
  });

  it('costs no more memory than a small input: the line is never held whole', () => {
    // Peak resident memory of the process, written by a preloaded script when it exits.
    const probe = join(dir, 'peak.cjs');
    writeFileSync(probe, "process.on('exit', () => require('fs').writeFileSync(process.env.PEAK_FILE, String(process.resourceUsage().maxRSS * 1024)));");
    const peak = (input: string, name: string) => {
      const out = join(dir, name);
      const run = neardup([input, '--skip-invalid', '--max-line-bytes', '1048576', '--quiet'], { nodeArgs: ['--require', probe], env: { PEAK_FILE: out } });
      expect(run.status).toBe(0);
      return Number(readFileSync(out, 'utf8'));
    };
    const smallFile = join(dir, 'small.jsonl');
    writeFileSync(smallFile, small('before') + small('after'));
    const baseline = peak(smallFile, 'small.peak');
    const huge = peak(file, 'huge.peak');
    // Holding the 50 MB line (let alone decoding and parsing it) would add 50 MB or more.
    expect(huge - baseline).toBeLessThan(25 * 1024 * 1024);
  });

  it('--max-line-bytes raises the limit: then the line is read and clustered', () => {
    const run = neardup([file, '--max-line-bytes', String(60 * 1024 * 1024), '--format', 'json']);
    expect(run.status).toBe(0);
    expect(json(run.stdout).stats.documents).toBe(3);
  });
});
