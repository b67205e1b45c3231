import { parseArgs } from 'node:util';
import { DEFAULT_PREFIX, resolveRedisIndexOptions } from '../redis/RedisIndexOptions.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { resolveNeardupOptions, type NeardupOptions, type ResolvedNeardupOptions } from '../dedupe/NeardupOptions.js';
import { choiceOption, integerOption } from '../internal/validate.js';
import { closestName } from '../internal/closestName.js';
import { UsageError } from './errors/UsageError.js';
import { parseFieldPath, type FieldPath } from './fieldPath.js';

/** The output formats of `--format`. */
export const FORMATS = ['text', 'json', 'jsonl', 'csv', 'html'] as const;
/** An output format. */
export type Format = (typeof FORMATS)[number];

/** The default of `--max-line-bytes`: 16 MiB, far above any article, far below memory limits. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
/**
 * The largest `--max-line-bytes`: 256 MiB. V8 strings hold at most about 2^29 UTF-16 units, so
 * much longer lines could not be decoded at all.
 */
export const MAX_MAX_LINE_BYTES = 256 * 1024 * 1024;

/** A run, as the command line describes it, every value checked. */
export interface CliArgs {
  /** JSON Lines files, directories of `.txt` files, `-` for standard input; in order. */
  readonly inputs: readonly string[];
  readonly idField: FieldPath;
  readonly textField: FieldPath;
  /** The library options given on the command line (only those given), as passed on. */
  readonly options: NeardupOptions;
  /** The same options, validated, with every default filled in. */
  readonly resolved: ResolvedNeardupOptions;
  readonly format: Format;
  /** `--output`, or undefined for standard output (also for `--output -`). */
  readonly output: string | undefined;
  /**
   * `--workers` as given (a number when it reads as one), or undefined: checked by
   * findNearDuplicates itself, like every other library option.
   */
  readonly workers: number | string | undefined;
  /** `--index`, or undefined. */
  readonly index: string | undefined;
  /** `--redis` with `--redis-prefix` and `--redis-ttl` (seconds), or undefined. */
  readonly redis: { readonly url: string; readonly prefix: string; readonly ttl: number | undefined } | undefined;
  readonly maxLineBytes: number;
  readonly quiet: boolean;
  readonly skipInvalid: boolean;
  readonly explain: boolean;
}

/** What the command line asks for: help, the version, or a run. */
export type CliCommand = { readonly kind: 'help' } | { readonly kind: 'version' } | { readonly kind: 'run'; readonly args: CliArgs };

const FLAGS = {
  'id-field': { type: 'string' },
  'text-field': { type: 'string' },
  threshold: { type: 'string', short: 't' },
  'shingle-size': { type: 'string' },
  'char-ngrams': { type: 'string' },
  'num-perm': { type: 'string' },
  seed: { type: 'string' },
  scheme: { type: 'string' },
  verify: { type: 'string' },
  bands: { type: 'string' },
  rows: { type: 'string' },
  'recall-at-threshold': { type: 'string' },
  'false-positive-weight': { type: 'string' },
  'false-negative-weight': { type: 'string' },
  representative: { type: 'string' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  workers: { type: 'string' },
  index: { type: 'string' },
  redis: { type: 'string' },
  'redis-prefix': { type: 'string' },
  'redis-ttl': { type: 'string' },
  'max-line-bytes': { type: 'string' },
  explain: { type: 'boolean' },
  'skip-invalid': { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** The flag that sets each library option, to name it in messages. */
export const FLAG_OF_OPTION: Readonly<Record<string, string>> = {
  threshold: '--threshold',
  shingleSize: '--shingle-size',
  charNgrams: '--char-ngrams',
  numPerm: '--num-perm',
  seed: '--seed',
  scheme: '--scheme',
  verify: '--verify',
  bands: '--bands',
  rows: '--rows',
  recallAtThreshold: '--recall-at-threshold',
  falsePositiveWeight: '--false-positive-weight',
  falseNegativeWeight: '--false-negative-weight',
  representative: '--representative',
  workers: '--workers',
  skipInvalid: '--skip-invalid',
  // A shared index (the library's `index` option) is named by its server; --index is a file.
  index: '--redis',
  redis: '--redis',
  prefix: '--redis-prefix',
  ttl: '--redis-ttl',
};

// --redis URL, --redis-prefix P and --redis-ttl S, checked now with the library's rules.
function redisArgs(values: { redis?: string | undefined; 'redis-prefix'?: string | undefined; 'redis-ttl'?: string | undefined }): CliArgs['redis'] {
  if (values.redis === undefined) {
    const stray = values['redis-prefix'] !== undefined ? '--redis-prefix' : values['redis-ttl'] !== undefined ? '--redis-ttl' : undefined;
    if (stray !== undefined) throw new UsageError(`${stray}: give --redis URL too (it names an index on that server)`);
    return undefined;
  }
  const ttl = values['redis-ttl'] === undefined ? undefined : toNumber(values['redis-ttl']);
  const given = { redis: values.redis, prefix: values['redis-prefix'] ?? DEFAULT_PREFIX, ...(ttl === undefined ? {} : { ttl: ttl as number }) };
  try {
    resolveRedisIndexOptions(given);
  } catch (error) {
    if (!(error instanceof InvalidOptionError)) throw error;
    throw optionUsageError(error, {});
  }
  return { url: given.redis, prefix: given.prefix, ttl: ttl as number | undefined };
}

/**
 * The usage error for a library option the command line set (or left at its default): the
 * library's message prefixed by the flag. When no banding can reach `recallAtThreshold` (its
 * value is fine, but not with this `numPerm` and `threshold`), it also names the flags that fix it.
 *
 * @example
 * ```ts
 * optionUsageError(new InvalidOptionError('seed', 'an integer from 0 to 4294967295', -1), {}).message;
 * // '--seed: seed must be an integer from 0 to 4294967295, got -1'
 * ```
 */
export function optionUsageError(error: InvalidOptionError, options: NeardupOptions): UsageError {
  const flag = FLAG_OF_OPTION[error.option] ?? `--${error.option}`;
  const value = error.value;
  if (error.option === 'recallAtThreshold' && typeof value === 'number' && value >= 0 && value <= 1) {
    const given = options.recallAtThreshold === undefined ? ' (the default)' : '';
    return new UsageError(`${flag}: ${error.message}${given}; lower --recall-at-threshold, raise --num-perm or --threshold, or set --bands and --rows`);
  }
  return new UsageError(`${flag}: ${error.message}`);
}

/**
 * Parses and checks the arguments of `neardup` (without `node` and the script). Numeric flags are
 * converted to numbers when they read as one and passed on as given otherwise; every value then
 * goes through the same validation as the library's options, so a bad value is refused with the
 * library's message (naming the rule and the value received) prefixed by the flag.
 *
 * @throws {UsageError} for an unknown flag, a missing or bad value, no input, `-` given twice, or
 *   flags that do not go together (`--explain` with text or csv, `--workers` with `--index`).
 * @example
 * ```ts
 * parseCliArgs(['news.jsonl', '--threshold', '0.8']);
 * // { kind: 'run', args: { inputs: ['news.jsonl'], options: { threshold: 0.8 }, format: 'text', ... } }
 * parseCliArgs(['--threshold', '2', 'news.jsonl']);
 * // throws UsageError('--threshold: threshold must be a number greater than 0 and at most 1, got 2')
 * ```
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(parseArgsMessage(error, argv));
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help' };
  if (values.version === true) return { kind: 'version' };

  if (positionals.length === 0) throw new UsageError('no input: give JSON Lines files, directories of .txt files, or - for standard input');
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('- (standard input) can be given only once');

  const options: Record<string, unknown> = {};
  const number = (flag: keyof typeof FLAGS, option: string) => {
    const value = values[flag];
    if (typeof value === 'string') options[option] = toNumber(value);
  };
  number('threshold', 'threshold');
  number('shingle-size', 'shingleSize');
  number('char-ngrams', 'charNgrams');
  number('num-perm', 'numPerm');
  number('seed', 'seed');
  number('bands', 'bands');
  number('rows', 'rows');
  number('recall-at-threshold', 'recallAtThreshold');
  number('false-positive-weight', 'falsePositiveWeight');
  number('false-negative-weight', 'falseNegativeWeight');
  if (values.scheme !== undefined) options['scheme'] = values.scheme;
  if (values.verify !== undefined) options['verify'] = values.verify;
  if (values.representative !== undefined) options['representative'] = values.representative;
  if ((values.bands === undefined) !== (values.rows === undefined)) {
    throw new UsageError(values.bands === undefined ? '--rows: give --bands too (--bands and --rows go together)' : '--bands: give --rows too (--bands and --rows go together)');
  }

  let resolved: ResolvedNeardupOptions;
  try {
    resolved = resolveNeardupOptions(options as NeardupOptions);
  } catch (error) {
    if (!(error instanceof InvalidOptionError)) throw error;
    throw optionUsageError(error, options as NeardupOptions);
  }

  const format = flag('--format', () => choiceOption('format', values.format, 'text', FORMATS));
  const workers = values.workers === undefined ? undefined : toNumber(values.workers);
  const maxLineBytes = flag('--max-line-bytes', () =>
    integerOption('maxLineBytes', values['max-line-bytes'] === undefined ? undefined : toNumber(values['max-line-bytes']), DEFAULT_MAX_LINE_BYTES, 1, MAX_MAX_LINE_BYTES),
  );
  const idField = flag('--id-field', () => fieldPath('idField', values['id-field'] ?? 'id'));
  const textField = flag('--text-field', () => fieldPath('textField', values['text-field'] ?? 'text'));
  for (const name of ['output', 'index'] as const) {
    if (values[name] === '') throw new UsageError(`--${name}: a file name is required, got ""`);
  }
  const explain = values.explain === true;
  if (explain && (format === 'text' || format === 'csv')) {
    throw new UsageError(`--explain: the passages are added to --format json or jsonl (html always shows them), not ${format}`);
  }
  if (workers !== undefined && values.index !== undefined) {
    throw new UsageError('--workers: not available with --index (an index adds its documents one at a time)');
  }
  const redis = redisArgs(values);
  if (redis !== undefined && values.index !== undefined) throw new UsageError('--redis: not with --index (keep the index in a file or in Redis, not both)');

  return {
    kind: 'run',
    args: {
      inputs: positionals,
      idField,
      textField,
      options: options as NeardupOptions,
      resolved,
      format,
      output: values.output === '-' ? undefined : values.output,
      workers,
      index: values.index,
      redis,
      maxLineBytes,
      quiet: values.quiet === true,
      skipInvalid: values['skip-invalid'] === true,
      explain,
    },
  };
}

/** `--seed: needs a value (to give a negative number, write --seed=-1)`, for the flag as given. */
function needsValueMessage(given: string, argv: readonly string[]): string {
  const long = given.startsWith('--') ? given : `--${Object.entries(FLAGS).find(([, f]) => 'short' in f && `-${f.short}` === given)?.[0] ?? given.slice(1)}`;
  const at = argv.indexOf(given);
  const next = at >= 0 ? argv[at + 1] : undefined;
  if (next === undefined) return `${given}: needs a value (to give a value starting with -, write ${long}=VALUE)`;
  const what = next.trim() !== '' && !Number.isNaN(Number(next)) ? 'a negative number' : 'a value starting with -';
  return `${given}: needs a value (to give ${what}, write ${long}=${next})`;
}

/** A number when `text` reads as one (`0.8`, `1e3`, `0x10`), otherwise `text` itself, for the validator to refuse by name. */
function toNumber(text: string): number | string {
  const value = Number(text);
  return text.trim() !== '' && !Number.isNaN(value) ? value : text;
}

function flag<T>(name: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof InvalidOptionError) throw new UsageError(`${name}: ${error.message}`);
    throw error;
  }
}

function fieldPath(option: string, text: string): FieldPath {
  const path = parseFieldPath(text);
  if (path === undefined) throw new InvalidOptionError(option, 'a dotted path of non-empty keys, such as meta.body (\\. for a dot inside a key)', text);
  return path;
}

function parseArgsMessage(error: unknown, argv: readonly string[]): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const text = String(message).replace(/\s*\n\s*/g, ' ');
  // `--seed -1`: parseArgs reads -1 as a flag, not as the value, and calls it ambiguous.
  const ambiguous = code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? /^Option '(-[^',]+)[^']*' argument is ambiguous/.exec(text)?.[1] : undefined;
  if (ambiguous !== undefined) return needsValueMessage(ambiguous, argv);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /^Unknown option '([^']*)'/.exec(text)?.[1];
    if (name !== undefined) {
      const guess = name.startsWith('--') ? closestName(name.slice(2), Object.keys(FLAGS)) : undefined;
      return `unknown flag ${name}${guess === undefined ? '' : ` (did you mean --${guess}?)`}`;
    }
  }
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return text.charAt(0).toLowerCase() + text.slice(1);
  }
  throw error;
}
