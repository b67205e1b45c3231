import { execFileSync, spawn } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/errors/InvalidOptionError.js';
import { chooseBandsRows, findNearDuplicates, type NeardupOptions } from '../../src/index.js';
import { thrown } from '../__helpers__/thrown.js';
import { articles, cli, COPY, fixtures, neardup, root, temporaryDirectory, WIRE } from './neardup.js';

interface JsonReport {
  clusters: { ids: string[]; representative: string; pairs: { a: string; b: string; similarity: number }[] }[];
  stats: Record<string, unknown> & { documents: number; clusters: number; pairs: number; skipped: number; invalidUtf8: number; seconds: number };
}
const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

/** A strict RFC 4180 reader (CRLF rows, quoted fields with doubled quotes), to check what we write. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
        else if (text[i] === '"') break;
        else if (i >= text.length) throw new Error('unterminated quoted field');
        else field += text[i++];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) (rows.push(row), (row = []), (i += 2));
    else throw new Error(`expected , or CRLF at ${i}`);
  }
  return rows;
}

describe('neardup on the seed articles (a directory of .txt files)', () => {
  it('prints the syndicated pair 000/001 as the only cluster, in text by default, and the counts on stderr', () => {
    const run = neardup([articles]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [`cluster 1: 2 documents, representative ${WIRE}`, `  ${WIRE}`, `  ${COPY}`, `  0.668  ${WIRE} ~ ${COPY}`, ''].join('\n'),
    );
    expect(run.stderr).toMatch(/^neardup: 5 documents, 1 cluster, 1 pair, \d+\.\d\d s\n$/);
  });

  it('--format json: the clusters with their pairs, and the stats', () => {
    const run = neardup([articles, '--format', 'json']);
    expect(run.status).toBe(0);
    const report = json(run.stdout);
    expect(report.clusters).toEqual([{ ids: [WIRE, COPY], representative: WIRE, pairs: [{ a: WIRE, b: COPY, similarity: expect.closeTo(0.668, 3) }] }]);
    expect(report.stats).toMatchObject({ documents: 5, clusters: 1, pairs: 1, skipped: 0, skippedByReason: {}, invalidUtf8: 0, emptyDocuments: 0 });
    expect(report.stats.seconds).toBeGreaterThanOrEqual(0);
  });

  it('--format jsonl: one cluster per line, the same clusters as json', () => {
    const run = neardup([articles, '--format', 'jsonl']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line))).toEqual(json(neardup([articles, '--format', 'json']).stdout).clusters);
    expect(lines).toHaveLength(1);
  });

  it('--format csv: a header, then one pair per row (cluster, a, b, similarity)', () => {
    const run = neardup([articles, '--format', 'csv']);
    expect(run.status).toBe(0);
    const rows = parseCsv(run.stdout);
    expect(rows).toEqual([['cluster', 'a', 'b', 'similarity'], ['1', WIRE, COPY, expect.stringMatching(/^0\.66\d+$/)]]);
  });

  it('-o/--output writes the report to a file (atomically: no temporary file left) and nothing to stdout', () => {
    const dir = temporaryDirectory();
    const file = join(dir, 'clusters.json');
    writeFileSync(file, 'an older report');
    const run = neardup([articles, '--format', 'json', '--output', file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(json(readFileSync(file, 'utf8')).clusters[0]!.ids).toEqual([WIRE, COPY]);
    expect(readdirSync(dir)).toEqual(['clusters.json']);
  });

  it('--output into a missing directory fails before reading anything (exit 3)', () => {
    const run = neardup([articles, '--output', 'no/such/dir/report.txt']);
    expect(run.status).toBe(3);
    expect(run.stderr).toBe('neardup: cannot write no/such/dir/report.txt: no such file or directory (ENOENT)\n');
  });

  it('--output naming a directory is refused before reading anything (exit 3), the directory untouched', () => {
    const dir = temporaryDirectory();
    // The input does not exist either: the output is checked first, before any work.
    const run = neardup(['no-such.jsonl', '--output', '.'], { cwd: dir });
    expect(run).toMatchObject({ status: 3, stdout: '', stderr: 'neardup: cannot write .: it is a directory (give a file name, such as report.txt)\n' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--output to a device writes to it directly, without replacing it', () => {
    // Through a link, so a regression would replace the link in a temporary directory, not /dev/null.
    const dir = temporaryDirectory();
    symlinkSync('/dev/null', join(dir, 'sink'));
    const run = neardup([articles, '--output', 'sink'], { cwd: dir });
    expect(run).toMatchObject({ status: 0, stdout: '' });
    expect(lstatSync(join(dir, 'sink')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir)).toEqual(['sink']);
  });

  it('a failed run leaves an existing --output file as it was', () => {
    const dir = temporaryDirectory();
    const file = join(dir, 'report.txt');
    writeFileSync(file, 'the previous report\n');
    const run = neardup(['articles.jsonl', 'invalid-json.jsonl', '--output', file]);
    expect(run.status).toBe(3);
    expect(readFileSync(file, 'utf8')).toBe('the previous report\n');
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });
});

describe('inputs', () => {
  it('reads JSON Lines files: the seed articles as articles.jsonl give the same cluster', () => {
    const report = json(neardup(['articles.jsonl', '--format', 'json']).stdout);
    expect(report.clusters.map((c) => c.ids)).toEqual([['000', '001']]);
  });

  it('reads standard input for -', () => {
    const run = neardup(['-', '--format', 'json'], { input: readFileSync(join(fixtures, 'articles.jsonl')) });
    expect(run.status).toBe(0);
    expect(json(run.stdout).clusters.map((c) => c.ids)).toEqual([['000', '001']]);
  });

  it('reads several inputs in order, as one collection', () => {
    const report = json(neardup(['texts', 'articles.jsonl', '--format', 'json']).stdout);
    expect(report.stats.documents).toBe(8);
    expect(report.clusters.map((c) => c.ids)).toEqual([
      ['outlets/copy.txt', 'wire.txt'],
      ['000', '001'],
    ]);
  });

  it('walks directories recursively: every .txt file (any case), id = path relative to the directory, with /', () => {
    const report = json(neardup(['texts', '--format', 'json']).stdout);
    expect(report.stats.documents).toBe(3); // notes.md is not a .txt file
    expect(report.clusters).toEqual([{ ids: ['outlets/copy.txt', 'wire.txt'], representative: 'outlets/copy.txt', pairs: [expect.objectContaining({ a: 'outlets/copy.txt', b: 'wire.txt' })] }]);
  });

  it('--id-field and --text-field follow dotted paths', () => {
    const report = json(neardup(['dotted.jsonl', '--id-field', 'meta.id', '--text-field', 'body.text', '--format', 'json']).stdout);
    expect(report.clusters.map((c) => c.ids)).toEqual([['wire', 'outlet']]);
  });

  it('numeric ids become strings; a backslash escapes a dot inside a key', () => {
    const nested = json(neardup(['nested.jsonl', '--id-field', 'meta.key', '--text-field', 'body.text', '--format', 'json']).stdout);
    expect(nested.clusters.map((c) => c.ids)).toEqual([['0', '1']]);
    const dotted = neardup(['dotted.jsonl', '--id-field', 'meta.id', '--text-field', 'a\\.b', '--format', 'json']);
    expect(dotted.status).toBe(0);
    expect(json(dotted.stdout).stats.documents).toBe(3);
  });

  it('a UTF-8 byte order mark and CRLF line ends are accepted', () => {
    const report = json(neardup(['bom-crlf.jsonl', '--format', 'json']).stdout);
    expect(report.clusters.map((c) => c.ids)).toEqual([['a', 'c']]);
  });
});

describe('options', () => {
  const pairsWith = (...flags: string[]) => json(neardup([articles, '--format', 'json', ...flags]).stdout).clusters.flatMap((c) => c.pairs);

  it('--threshold: the 000/001 pair (0.668) is reported at 0.6, not at 0.7', () => {
    expect(pairsWith('--threshold', '0.6')).toHaveLength(1);
    expect(pairsWith('-t', '0.7')).toEqual([]);
  });

  it('--shingle-size and --char-ngrams change the similarity as the library computes it', () => {
    expect(pairsWith('--shingle-size', '2')[0]!.similarity).toBeCloseTo(0.741, 3);
    expect(pairsWith('--shingle-size', '9')[0]!.similarity).toBeCloseTo(0.611, 3);
    const chars = pairsWith('--char-ngrams', '12');
    expect(chars.map((p) => [p.a, p.b])).toEqual([[WIRE, COPY]]);
  });

  it('--num-perm, --seed, --scheme and --verify are passed on (the pair stays; estimates differ)', () => {
    const exact = pairsWith()[0]!.similarity;
    for (const flags of [['--scheme', 'kperm'], ['--num-perm', '256', '--seed', '7'], ['--verify', 'estimate', '--num-perm', '512']]) {
      const pairs = pairsWith(...flags);
      expect(pairs.map((p) => [p.a, p.b])).toEqual([[WIRE, COPY]]);
      if (flags.includes('estimate')) expect(pairs[0]!.similarity).not.toBe(exact);
      else expect(pairs[0]!.similarity).toBe(exact);
    }
  });

  it('--bands/--rows, --recall-at-threshold, the error weights and --representative report what the library finds with those options (the Reuters subset)', async () => {
    const corpus = join(root, 'test', 'fixtures', 'reuters-subset.jsonl');
    const documents = readFileSync(corpus, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as { id: string; text: string });
    // Each case: the flags, the same options for the library, and a run without the flag under test, which differs.
    const cases: [string[], NeardupOptions, string[]][] = [
      [['--bands', '8', '--rows', '16'], { bands: 8, rows: 16 }, []],
      [['--num-perm', '16', '--recall-at-threshold', '0.5'], { numPerm: 16, recallAtThreshold: 0.5 }, ['--num-perm', '16']],
      // With recallAtThreshold 0 the banding minimizes the weighted error areas alone (682 pairs with equal weights).
      [['--num-perm', '32', '--recall-at-threshold', '0', '--false-positive-weight', '5'], { numPerm: 32, recallAtThreshold: 0, falsePositiveWeight: 5 }, ['--num-perm', '32', '--recall-at-threshold', '0']],
      [['--num-perm', '32', '--recall-at-threshold', '0', '--false-negative-weight', '5'], { numPerm: 32, recallAtThreshold: 0, falseNegativeWeight: 5 }, ['--num-perm', '32', '--recall-at-threshold', '0']],
      [['--representative', 'central'], { representative: 'central' }, []],
    ];
    for (const [flags, options, without] of cases) {
      const clusters = json(neardup([corpus, '--format', 'json', ...flags]).stdout).clusters;
      expect(clusters).toEqual((await findNearDuplicates(documents, options)).clusters);
      expect(clusters).not.toEqual(json(neardup([corpus, '--format', 'json', ...without]).stdout).clusters);
    }
  });

  it('--workers gives the same report as one thread (the Reuters subset: 782 pairs)', () => {
    const corpus = join(root, 'test', 'fixtures', 'reuters-subset.jsonl');
    const run = neardup([corpus, '--format', 'json', '--workers', '2']);
    expect(run.status).toBe(0);
    const clusters = json(run.stdout).clusters;
    expect(clusters.flatMap((c) => c.pairs).length).toBeGreaterThan(700);
    expect(clusters).toEqual(json(neardup([corpus, '--format', 'json']).stdout).clusters);
  });

  it('a reader of stderr that went away (2>&1 | head) does not make the run fail', async () => {
    const child = spawn(process.execPath, [cli, articles], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.destroy(); // closed before the summary is written: that write fails with EPIPE
    const status = await new Promise((resolve) => child.on('exit', resolve));
    expect(status).toBe(0);
  });

  it('--quiet prints nothing on stderr', () => {
    const run = neardup([articles, '--quiet']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(WIRE);
    expect(run.stderr).toBe('');
  });

  it('--version prints the version from package.json', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(neardup(['--version'])).toMatchObject({ status: 0, stdout: `${version}\n`, stderr: '' });
    expect(neardup(['-v']).stdout).toBe(`${version}\n`);
  });

  it('--help lists every flag with its default, and the exit codes', () => {
    const run = neardup(['--help']);
    expect(run.status).toBe(0);
    for (const flag of ['--id-field', '--text-field', '--threshold', '--shingle-size', '--char-ngrams', '--num-perm', '--seed', '--scheme', '--verify', '--representative', '--recall-at-threshold', '--false-positive-weight', '--false-negative-weight', '--bands', '--rows', '--format', '--output', '--workers', '--quiet', '--skip-invalid', '--max-line-bytes', '--index', '--explain', '--help', '--version']) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toMatch(/--threshold T .*\(default: 0\.5\)/);
    expect(run.stdout).toMatch(/--num-perm N .*\(default: 128\)/);
    expect(run.stdout).toMatch(/--max-line-bytes N .*\(default: 16777216\)/);
    expect(run.stdout).toMatch(/--representative R .*\(default: first\)/);
    // The library's default recallAtThreshold is the value it refuses when none is given and none can be reached.
    const libraryDefault = (thrown(() => chooseBandsRows({ numPerm: 1, threshold: 0.1 })) as InvalidOptionError).value;
    expect(run.stdout).toMatch(new RegExp(`--recall-at-threshold P\\n.*\\(default: ${String(libraryDefault).replace('.', '\\.')}\\)`));
    expect(run.stdout).toMatch(/--bands B, --rows R .*\(default: chosen/);
    expect(run.stdout).toMatch(/--false-positive-weight W\n.*\(default: 0\.5\)/);
    expect(run.stdout).toMatch(/^ {2}2 {2}usage error/m);
    expect(run.stdout).toMatch(/^ {2}3 {2}input error/m);
    expect(neardup(['-h']).stdout).toBe(run.stdout);
  });

  it('is the package bin: npx neardup runs it', () => {
    const out = execFileSync('npx', ['--no-install', 'neardup', articles, '--quiet', '--format', 'csv'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(parseCsv(out)[1]!.slice(0, 3)).toEqual(['1', WIRE, COPY]);
  });
});

describe('csv quoting (RFC 4180)', () => {
  it('quotes ids with commas, quotes and line breaks, and a reader gets them back', () => {
    const dir = temporaryDirectory();
    const story = readFileSync(join(articles, WIRE), 'utf8');
    const ids = ['wire, "the original"', 'line\nbreak\r\ncopy'];
    writeFileSync(join(dir, 'odd.jsonl'), ids.map((id) => JSON.stringify({ id, text: story })).join('\n'));
    const rows = parseCsv(neardup(['odd.jsonl', '--format', 'csv'], { cwd: dir }).stdout);
    expect(rows[1]!.slice(0, 3)).toEqual(['1', ...ids]);
  });
});

describe('usage errors: exit 2, one line and a hint, no stack', () => {
  const cases: [string[], string][] = [
    [['--frobnicate', 'x.jsonl'], 'unknown flag --frobnicate'],
    [['x.jsonl', '--threshold', '1.5'], '--threshold: threshold must be a number greater than 0 and at most 1, got 1.5'],
    [['x.jsonl', '--threshold', 'high'], '--threshold: threshold must be a number greater than 0 and at most 1, got "high"'],
    [['x.jsonl', '--num-perm', '0'], '--num-perm: numPerm must be an integer from 1 to 1024, got 0'],
    [['x.jsonl', '--scheme', 'simhash'], '--scheme: scheme must be one of "kperm", "oph", got "simhash"'],
    [['x.jsonl', '--format', 'xml'], '--format: format must be one of "text", "json", "jsonl", "csv", "html", got "xml"'],
    [['articles.jsonl', '--workers', '1.5'], '--workers: workers must be an integer from 0 to 64, got 1.5'],
    [['x.jsonl', '--text-field', 'body..text'], '--text-field: textField must be a dotted path of non-empty keys, such as meta.body (\\. for a dot inside a key), got "body..text"'],
    [['x.jsonl', '--explain'], '--explain: the passages are added to --format json or jsonl (html always shows them), not text'],
    [['x.jsonl', '--seed', '-1'], '--seed: needs a value (to give a negative number, write --seed=-1)'],
    [['x.jsonl', '--bands', '16'], '--bands: give --rows too (--bands and --rows go together)'],
    [['x.jsonl', '--representative', 'last'], '--representative: representative must be one of "first", "central", got "last"'],
    [
      ['x.jsonl', '--num-perm', '4', '--threshold', '0.2'],
      '--recall-at-threshold: recallAtThreshold must be reachable with numPerm 4 at threshold 0.2 (at most 0.5904, with 4 bands x 1 rows), got 0.95 (the default); lower --recall-at-threshold, raise --num-perm or --threshold, or set --bands and --rows',
    ],
    [['-', '-'], '- (standard input) can be given only once'],
    [[], 'no input: give JSON Lines files, directories of .txt files, or - for standard input'],
  ];
  it.each(cases)('neardup %j', (args, message) => {
    const run = neardup(args);
    expect(run).toMatchObject({ status: 2, stdout: '' });
    expect(run.stderr).toBe(`neardup: ${message}\nTry 'neardup --help' for more information.\n`);
  });
});
