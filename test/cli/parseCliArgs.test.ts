import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors/UsageError.js';
import { helpText } from '../../src/cli/helpText.js';
import { DEFAULT_MAX_LINE_BYTES, FLAG_OF_OPTION, parseCliArgs, type CliArgs } from '../../src/cli/parseCliArgs.js';
import { FIND_OPTIONS } from '../../src/dedupe/findNearDuplicates.js';
import { thrown } from '../__helpers__/thrown.js';

const args = (...argv: string[]): CliArgs => {
  const command = parseCliArgs(argv);
  if (command.kind !== 'run') throw new Error(`expected a run, got ${command.kind}`);
  return command.args;
};
const usage = (...argv: string[]) => {
  const error = thrown(() => parseCliArgs(argv));
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
};

describe('parseCliArgs', () => {
  it('has documented defaults: text to stdout, id and text fields, 16 MiB lines, library defaults', () => {
    const a = args('news.jsonl');
    expect(a).toMatchObject({ inputs: ['news.jsonl'], format: 'text', output: undefined, workers: undefined, index: undefined, quiet: false, skipInvalid: false, explain: false, maxLineBytes: DEFAULT_MAX_LINE_BYTES });
    expect(a.idField.keys).toEqual(['id']);
    expect(a.textField.keys).toEqual(['text']);
    expect(a.options).toEqual({});
    expect(a.resolved).toMatchObject({ threshold: 0.5, numPerm: 128, seed: 1, scheme: 'oph', verify: 'exact', shingling: { kind: 'word', size: 5 } });
  });

  it('turns numeric flags into numbers and passes the library options on by their API names', () => {
    const a = args('-', '--threshold', '0.8', '--shingle-size', '3', '--num-perm', '256', '--seed', '0x10', '--scheme', 'kperm', '--verify', 'estimate');
    expect(a.options).toEqual({ threshold: 0.8, shingleSize: 3, numPerm: 256, seed: 16, scheme: 'kperm', verify: 'estimate' });
    expect(args('x', '--char-ngrams', '4').resolved.shingling).toEqual({ kind: 'char', size: 4 });
    expect(args('x', '--workers', '3').workers).toBe(3);
  });

  it('takes inputs in order, short flags, and --output - for stdout', () => {
    const a = args('a.jsonl', '-q', 'dir', '-f', 'csv', '-o', 'out.csv', '-t', '0.6', '-');
    expect(a).toMatchObject({ inputs: ['a.jsonl', 'dir', '-'], quiet: true, format: 'csv', output: 'out.csv', options: { threshold: 0.6 } });
    expect(args('x', '--output', '-').output).toBeUndefined();
  });

  it('asks for help or the version before checking anything else', () => {
    expect(parseCliArgs(['--help', '--threshold', '9'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-v'])).toEqual({ kind: 'version' });
  });

  it('refuses bad values with the library\'s message, prefixed by the flag', () => {
    expect(usage('x', '--threshold', '0')).toBe('--threshold: threshold must be a number greater than 0 and at most 1, got 0');
    expect(usage('x', '--shingle-size', 'five')).toBe('--shingle-size: shingleSize must be an integer from 1 to 64, got "five"');
    expect(usage('x', '--seed=-1')).toBe('--seed: seed must be an integer from 0 to 4294967295, got -1');
    expect(usage('x', '--verify', 'maybe')).toBe('--verify: verify must be one of "exact", "estimate", got "maybe"');
    expect(usage('x', '--max-line-bytes', '0')).toBe('--max-line-bytes: maxLineBytes must be an integer from 1 to 268435456, got 0');
    expect(usage('x', '--id-field', '')).toBe('--id-field: idField must be a dotted path of non-empty keys, such as meta.body (\\. for a dot inside a key), got ""');
    expect(usage('x', '--index', '')).toBe('--index: a file name is required, got ""');
  });

  it('refuses unknown flags, missing values, no input, and flags that do not go together', () => {
    expect(usage('x', '--thresold', '0.5')).toBe('unknown flag --thresold (did you mean --threshold?)');
    expect(usage('x', '--redis-prefx', 'a')).toBe('unknown flag --redis-prefx (did you mean --redis-prefix?)');
    expect(usage('x', '--frobnicate')).toBe('unknown flag --frobnicate'); // nothing close: no guess
    expect(usage('x', '--format')).toBe("option '-f, --format <value>' argument missing");
    expect(usage('x', '--quiet=yes')).toBe("option '-q, --quiet' does not take an argument");
    expect(usage()).toBe('no input: give JSON Lines files, directories of .txt files, or - for standard input');
    expect(usage('-', 'a', '-')).toBe('- (standard input) can be given only once');
    expect(usage('x', '--explain', '--format', 'csv')).toBe('--explain: the passages are added to --format json or jsonl (html always shows them), not csv');
    expect(usage('x', '--index', 'i.ndx', '--workers', '2')).toBe('--workers: not available with --index (an index adds its documents one at a time)');
  });

  it('passes --bands, --rows, --recall-at-threshold, the error weights and --representative on as the library options of those names', () => {
    const a = args('x', '--bands', '16', '--rows', '8', '--recall-at-threshold', '0.9', '--representative', 'central');
    expect(a.options).toEqual({ bands: 16, rows: 8, recallAtThreshold: 0.9, representative: 'central' });
    expect(args('x', '--false-positive-weight', '2', '--false-negative-weight', '0.25').options).toEqual({ falsePositiveWeight: 2, falseNegativeWeight: 0.25 });
    expect(a.resolved).toMatchObject({ bands: 16, rows: 8, representative: 'central' });
    // Without --bands and --rows, --recall-at-threshold steers the library's choice of banding.
    expect(args('x', '--num-perm', '4', '--threshold', '0.2', '--recall-at-threshold', '0.5').resolved).toMatchObject({ numPerm: 4, bands: 4, rows: 1 });
  });

  it('refuses bad --bands, --rows, --recall-at-threshold and --representative with the library\'s message, prefixed by the flag', () => {
    expect(usage('x', '--bands', '0', '--rows', '4')).toBe('--bands: bands must be an integer from 1 to 128, got 0');
    expect(usage('x', '--bands', '4', '--rows', 'many')).toBe('--rows: rows must be an integer from 1 to 128, got "many"');
    expect(usage('x', '--bands', '40', '--rows', '4')).toBe('--bands: bands must be such that bands x rows <= numPerm (128); rows is 4, got 40');
    expect(usage('x', '--recall-at-threshold', '1.5')).toBe('--recall-at-threshold: recallAtThreshold must be a number from 0 to 1, got 1.5');
    expect(usage('x', '--false-positive-weight', 'heavy')).toBe('--false-positive-weight: falsePositiveWeight must be a finite number >= 0, got "heavy"');
    expect(usage('x', '--false-negative-weight=-1')).toBe('--false-negative-weight: falseNegativeWeight must be a finite number >= 0, got -1');
    expect(usage('x', '--representative', 'middle')).toBe('--representative: representative must be one of "first", "central", got "middle"');
  });

  it('wants --bands and --rows together', () => {
    expect(usage('x', '--bands', '16')).toBe('--bands: give --rows too (--bands and --rows go together)');
    expect(usage('x', '--rows', '8')).toBe('--rows: give --bands too (--bands and --rows go together)');
  });

  it('names the flags that help when no banding reaches the recall at the threshold', () => {
    const fix = '; lower --recall-at-threshold, raise --num-perm or --threshold, or set --bands and --rows';
    expect(usage('x', '--num-perm', '4', '--threshold', '0.2')).toBe(
      `--recall-at-threshold: recallAtThreshold must be reachable with numPerm 4 at threshold 0.2 (at most 0.5904, with 4 bands x 1 rows), got 0.95 (the default)${fix}`,
    );
    expect(usage('x', '--num-perm', '4', '--threshold', '0.2', '--recall-at-threshold', '0.6')).toBe(
      `--recall-at-threshold: recallAtThreshold must be reachable with numPerm 4 at threshold 0.2 (at most 0.5904, with 4 bands x 1 rows), got 0.6${fix}`,
    );
  });

  it('says how to give a value that starts with - (parseArgs reads it as a flag)', () => {
    expect(usage('x', '--seed', '-1')).toBe('--seed: needs a value (to give a negative number, write --seed=-1)');
    expect(usage('x', '-t', '-0.5')).toBe('-t: needs a value (to give a negative number, write --threshold=-0.5)');
    expect(usage('x', '--text-field', '-body')).toBe('--text-field: needs a value (to give a value starting with -, write --text-field=-body)');
    expect(usage('x', '--format', '--quiet')).toBe('--format: needs a value (to give a value starting with -, write --format=--quiet)');
  });

  it('has a flag for every option of findNearDuplicates (one vocabulary), each in --help', () => {
    // A shared index (the `index` option) is named by its server, --redis URL: --index names a file.
    const kebab = (name: string) => (name === 'index' ? '--redis' : `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    for (const option of Object.keys(FIND_OPTIONS)) {
      expect(FLAG_OF_OPTION[option], option).toBe(kebab(option));
      expect(helpText(), option).toContain(kebab(option));
      const refusal = (() => {
        try {
          parseCliArgs(['x', `${kebab(option)}=0.5`]);
          return '';
        } catch (error) {
          return (error as Error).message;
        }
      })();
      expect(refusal, option).not.toMatch(/^unknown flag/); // parsed (the value may still be refused)
    }
  });

  it('accepts --explain with json, jsonl and html', () => {
    for (const format of ['json', 'jsonl', 'html']) expect(args('x', '--explain', '--format', format).explain).toBe(true);
  });
});
