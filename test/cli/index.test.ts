import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseBandsRows } from '../../src/index.js';
import { json, neardup, pairsOf, root, temporaryDirectory } from './neardup.js';


// The Reuters subset holds 786 near-duplicate pairs. Split into its even and odd lines, about half
// of the pairs fall across the two halves.
const lines = readFileSync(join(root, 'test', 'fixtures', 'reuters-subset.jsonl'), 'utf8').trimEnd().split('\n');
const evenLines = lines.filter((_, i) => i % 2 === 0);
const oddLines = lines.filter((_, i) => i % 2 === 1);
const half = evenLines.length;

describe('--index: incremental runs', () => {
  const dir = temporaryDirectory();
  writeFileSync(join(dir, 'first.jsonl'), evenLines.join('\n') + '\n');
  writeFileSync(join(dir, 'second.jsonl'), oddLines.join('\n') + '\n');
  writeFileSync(join(dir, 'whole.jsonl'), lines.join('\n') + '\n');
  const run = (...args: string[]) => neardup(args, { cwd: dir });

  const whole = json(run('whole.jsonl', '--format', 'json').stdout);
  const first = run('first.jsonl', '--index', 'seen.ndx', '--format', 'json');
  const indexAfterFirst = readFileSync(join(dir, 'seen.ndx'));
  const second = run('second.jsonl', '--index', 'seen.ndx', '--format', 'json');

  it('two runs on two halves find exactly the pairs of one run on the whole, cross-half pairs as matches', () => {
    expect(first.status).toBe(0);
    expect(second.status).toBe(0);
    const firstReport = json(first.stdout);
    const secondReport = json(second.stdout);
    expect(pairsOf(firstReport, secondReport)).toEqual(pairsOf(whole));
    const crossHalf = secondReport.matches!.flatMap((m) => m.matches).length;
    expect(crossHalf).toBeGreaterThan(200); // the split really separates many pairs
    expect(firstReport.matches).toEqual([]);
  });

  it('reports the index size before and after, and how many new documents matched', () => {
    expect(json(first.stdout).stats).toMatchObject({ documents: half, indexedBefore: 0, indexedAfter: half, matchedIndexed: 0 });
    const stats = json(second.stdout).stats;
    expect(stats).toMatchObject({ documents: lines.length - half, indexedBefore: half, indexedAfter: lines.length });
    expect(stats['matchedIndexed']).toBe(json(second.stdout).matches!.length);
    expect(second.stderr).toMatch(new RegExp(`^neardup: ${lines.length - half} documents, \\d+ clusters, \\d+ pairs, \\d+ new documents matching the index \\(${half} indexed before, ${lines.length} now\\), `));
  });

  it('a document already in the index is a duplicate id, named with the index (exit 3; the index is unchanged)', () => {
    const before = readFileSync(join(dir, 'seen.ndx'));
    const again = run('first.jsonl', '--index', 'seen.ndx');
    const firstId = (JSON.parse(lines[0]!) as { id: string }).id;
    expect(again).toMatchObject({ status: 3, stdout: '', stderr: `neardup: first.jsonl:1: duplicate id ${JSON.stringify(firstId)} (already in index seen.ndx)\n` });
    expect(readFileSync(join(dir, 'seen.ndx')).equals(before)).toBe(true);
  });

  it('shows the matches in the index in every format', () => {
    const dir2 = temporaryDirectory();
    writeFileSync(join(dir2, 'seen.ndx'), indexAfterFirst);
    writeFileSync(join(dir2, 'second.jsonl'), oddLines.join('\n') + '\n');
    const matches = json(second.stdout).matches!;
    const formats = Object.fromEntries(
      ['text', 'jsonl', 'csv'].map((format) => {
        writeFileSync(join(dir2, 'seen.ndx'), indexAfterFirst); // the same starting index for each
        const r = neardup(['second.jsonl', '--index', 'seen.ndx', '--format', format, '--quiet'], { cwd: dir2 });
        expect(r.status).toBe(0);
        return [format, r.stdout];
      }),
    );
    const m = matches[0]!;
    expect(formats['text']).toContain('Matches in the index (new document ~ indexed document):\n');
    expect(formats['text']).toContain(`  ${m.matches[0]!.similarity.toFixed(3)}  ${m.id} ~ ${m.matches[0]!.id}\n`);
    const jsonl = formats['jsonl']!.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(jsonl.filter((line) => 'id' in line)).toEqual(matches);
    expect(jsonl.filter((line) => 'ids' in line)).toEqual(json(second.stdout).clusters);
    const csvMatchRows = formats['csv']!.split('\r\n').filter((row) => row.startsWith(','));
    expect(csvMatchRows).toEqual(matches.flatMap(({ id, matches: ms }) => ms.map((x) => `,${x.id},${id},${x.similarity}`)));
  });

  it('an empty input leaves the index unchanged (exit 3)', () => {
    const before = readFileSync(join(dir, 'seen.ndx'));
    writeFileSync(join(dir, 'empty.jsonl'), '');
    expect(run('empty.jsonl', '--index', 'seen.ndx')).toMatchObject({ status: 3, stderr: 'neardup: no documents in the input (empty.jsonl)\n' });
    expect(readFileSync(join(dir, 'seen.ndx')).equals(before)).toBe(true);
  });
});

describe('--index refuses a file it cannot trust (exit 3), and leaves it as it was', () => {
  const dir = temporaryDirectory();
  const run = (...args: string[]) => neardup(args, { cwd: dir });
  writeFileSync(join(dir, 'a.jsonl'), lines.slice(0, 200).join('\n'));
  writeFileSync(join(dir, 'b.jsonl'), lines.slice(200, 300).join('\n'));
  expect(run('a.jsonl', '--index', 'good.ndx', '--quiet').status).toBe(0);
  const good = readFileSync(join(dir, 'good.ndx'));

  const refused = (bytes: Buffer, flags: string[] = []) => {
    writeFileSync(join(dir, 'bad.ndx'), bytes);
    const r = run('b.jsonl', '--index', 'bad.ndx', ...flags);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'bad.ndx')).equals(bytes)).toBe(true);
    return r.stderr;
  };

  it('a truncated file', () => {
    expect(refused(good.subarray(0, good.length - 100))).toBe(`neardup: index bad.ndx: truncated: ${good.length - 100} bytes, but the header says ${good.length}\n`);
  });

  it('a flipped byte', () => {
    const flipped = Buffer.from(good);
    const middle = Math.floor(good.length / 2);
    flipped[middle] = flipped[middle]! ^ 0x10;
    expect(refused(flipped)).toBe('neardup: index bad.ndx: corrupt: the SHA-256 checksum does not match the contents\n');
  });

  it('a different --seed', () => {
    expect(refused(good, ['--seed', '2'])).toBe("neardup: index bad.ndx: written with other options: --seed 1 (this run: 2); run with the index's options, or use another index file\n");
  });

  it('a different banding (--bands and --rows, or --recall-at-threshold)', () => {
    const { bands, rows } = chooseBandsRows({}); // what the index was written with: the defaults
    const banding = (rest: string) => `neardup: index bad.ndx: written with other options: banding ${bands} bands x ${rows} rows (this run: ${rest}; set by --bands and --rows, or chosen with --recall-at-threshold); run with the index's options, or use another index file\n`;
    expect(refused(good, ['--bands', '16', '--rows', '8'])).toBe(banding('16 x 8'));
    expect(refused(good, ['--recall-at-threshold', '0.99'])).toMatch(new RegExp(`^neardup: index bad\\.ndx: written with other options: banding ${bands} bands x ${rows} rows \\(this run: \\d+ x \\d+; set by`));
  });

  it('an index in a directory that does not exist: refused at the start, before the report is written', () => {
    const r = run('b.jsonl', '--index', 'no/such/seen.ndx', '--output', 'report.txt');
    expect(r).toMatchObject({ status: 3, stdout: '', stderr: 'neardup: index no/such/seen.ndx: cannot write in no/such: no such file or directory (ENOENT)\n' });
    expect(existsSync(join(dir, 'report.txt'))).toBe(false);
    expect(run('b.jsonl', '--index', 'a.jsonl/seen.ndx')).toMatchObject({ status: 3, stderr: 'neardup: index a.jsonl/seen.ndx: cannot write in a.jsonl: a path component is not a directory (ENOTDIR)\n' });
  });

  it('a foreign file', () => {
    expect(refused(readFileSync(join(dir, 'a.jsonl')))).toBe('neardup: index bad.ndx: not a neardup index file (its first bytes are not the index magic number)\n');
  });

  it('--workers with --index is a usage error (exit 2)', () => {
    expect(run('b.jsonl', '--index', 'good.ndx', '--workers', '2')).toMatchObject({ status: 2, stderr: "neardup: --workers: not available with --index (an index adds its documents one at a time)\nTry 'neardup --help' for more information.\n" });
  });
});

describe('a crash while saving the index', () => {
  it('killed after writing the new index to its temporary file, before the rename: the old index is intact and still loads', () => {
    const dir = temporaryDirectory();
    const run = (args: string[], env: Record<string, string> = {}) => neardup(args, { cwd: dir, env });
    writeFileSync(join(dir, 'a.jsonl'), lines.slice(0, 300).join('\n'));
    writeFileSync(join(dir, 'b.jsonl'), lines.slice(300, 600).join('\n'));
    expect(run(['a.jsonl', '--index', 'seen.ndx', '--quiet']).status).toBe(0);
    const before = readFileSync(join(dir, 'seen.ndx'));

    const crashed = run(['b.jsonl', '--index', 'seen.ndx', '--quiet'], { NEARDUP_FAULT_INJECTION: 'kill-before-index-rename' });
    expect(crashed.signal).toBe('SIGKILL');
    expect(readFileSync(join(dir, 'seen.ndx')).equals(before)).toBe(true);
    const leftovers = readdirSync(dir).filter((name) => name.startsWith('seen.ndx.tmp-'));
    expect(leftovers).toHaveLength(1); // the complete new index, never renamed

    const rerun = run(['b.jsonl', '--index', 'seen.ndx', '--format', 'json', '--quiet']);
    expect(rerun.status).toBe(0);
    expect(json(rerun.stdout).stats).toMatchObject({ indexedBefore: 300, indexedAfter: 600 });
    expect(existsSync(join(dir, 'seen.ndx'))).toBe(true);
  });
});
