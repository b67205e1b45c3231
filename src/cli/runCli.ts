import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterPairs, type OrderedPair } from '../cluster/clusterPairs.js';
import { createDeduper, type Deduper } from '../dedupe/Deduper.js';
import { findNearDuplicates, type FindOptions } from '../dedupe/findNearDuplicates.js';
import { DuplicateIdError } from '../errors/DuplicateIdError.js';
import { InvalidOptionError } from '../errors/InvalidOptionError.js';
import { NeardupError } from '../errors/NeardupError.js';
import { explain } from '../explain/explain.js';
import { shingleOptionsOf } from '../shingle/ShingleOptions.js';
import { EmptyInputError } from './errors/EmptyInputError.js';
import { InputError } from './errors/InputError.js';
import { UsageError } from './errors/UsageError.js';
import { formatCsv } from './formats/formatCsv.js';
import { formatJson, formatJsonLines } from './formats/formatJson.js';
import { formatText } from './formats/formatText.js';
import { helpText } from './helpText.js';
import { checkIndexDirectory, loadIndexFile, saveIndexFile, type SaveIndexHooks } from './indexFile.js';
import { optionUsageError, parseCliArgs, type CliArgs } from './parseCliArgs.js';
import { Progress, type ProgressStream } from './Progress.js';
import { readDocuments, type InputDocument } from './readDocuments.js';
import { formatSummary, type IndexMatches, type Report, type ReportCluster, type ReportStats } from './Report.js';
import { ReportOutput, writeToStream, type OutputStream } from './ReportOutput.js';
import { htmlReport } from './htmlReport.js';

/** The process as {@link runCli} sees it, so tests can give it streams of their own. */
export interface CliIo {
  /** Arguments after `node` and the script. */
  readonly argv: readonly string[];
  /** Read for the input `-`. */
  readonly stdin: AsyncIterable<Uint8Array | string>;
  /** The report, unless `--output`; help and version. */
  readonly stdout: OutputStream;
  /** Errors, warnings, the summary, and the progress line when it is a TTY. */
  readonly stderr: ProgressStream;
  /** Environment variables (only `NEARDUP_FAULT_INJECTION` is read, by the crash tests). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit statuses of `neardup`. */
export const EXIT = { ok: 0, internal: 1, usage: 2, input: 3 } as const;

/** Warnings shown per run; the rest are counted in one last line (stats keep every count). */
const WARNING_LIMIT = 20;

/**
 * Runs the `neardup` command: parses the arguments, reads and checks the inputs, finds the
 * near-duplicates (or, with `--index`, matches the new documents against the saved index and saves
 * it again), and writes the report. Resolves to the exit status: 0 success, 2 usage error, 3 input
 * error (bad input, unreadable or unwritable file, unusable index, no documents), 1 an unexpected
 * error, printed with its stack. User errors are printed as one line, `neardup: ` and the message,
 * never with a stack.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli({ argv: process.argv.slice(2), stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
 * ```
 */
export async function runCli(io: CliIo): Promise<number> {
  try {
    const command = parseCliArgs(io.argv);
    if (command.kind === 'help') return await print(io.stdout, helpText());
    if (command.kind === 'version') return await print(io.stdout, `${packageVersion()}\n`);
    return await run(command.args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      say(io, `neardup: ${error.message}`);
      say(io, "Try 'neardup --help' for more information.");
      return EXIT.usage;
    }
    if (error instanceof NeardupError) {
      say(io, `neardup: ${error.message}`);
      return EXIT.input;
    }
    say(io, `neardup: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return EXIT.internal;
  }
}

async function run(args: CliArgs, io: CliIo): Promise<number> {
  const started = performance.now();
  const progress = new Progress(io.stderr, { quiet: args.quiet });
  let warnings = 0;
  const warn = (line: string) => {
    if (!args.quiet && ++warnings <= WARNING_LIMIT) progress.message(`neardup: ${line}`);
  };
  const skippedByReason: ReportStats['skippedByReason'] = {};
  let skipped = 0;
  let invalidUtf8 = 0;
  let read = 0;
  // The texts are needed after the run only to explain pairs (--explain, html): then every text
  // is kept in memory until the clusters are known, about the size of the input once more.
  const texts = args.explain || args.format === 'html' ? new Map<string, string>() : undefined;

  // Both places the run writes to are checked before any work: a bad one fails in a moment.
  const output = await ReportOutput.open(args.output, io.stdout);
  try {
    if (args.index !== undefined) await checkIndexDirectory(args.index);
    const deduper = args.index === undefined ? undefined : await createDeduper(args.options);
    const indexedBefore = deduper === undefined ? undefined : ((await loadIndexFile(args.index!, deduper)) ?? 0);

    const documents = readDocuments(args.inputs, {
      idField: args.idField,
      textField: args.textField,
      maxLineBytes: args.maxLineBytes,
      stdin: io.stdin,
      ...(args.skipInvalid
        ? {
            onInvalid: (error: InputError) => {
              skipped++;
              skippedByReason[error.reason] = (skippedByReason[error.reason] ?? 0) + 1;
              warn(`skipped ${error.message}`);
            },
          }
        : {}),
      ...(deduper === undefined ? {} : { knownId: (id: string) => (deduper.hasNow(id) ? `already in index ${args.index}` : undefined) }),
    });
    // With --redis, where each document came from, to name it if the index refuses its id.
    const places: { file: string; line: number | undefined }[] | undefined = args.redis === undefined ? undefined : [];
    const counted = async function* (): AsyncGenerator<InputDocument> {
      for await (const doc of documents) {
        places?.push({ file: doc.file, line: doc.line });
        if (doc.invalidUtf8) {
          invalidUtf8++;
          warn(`warning: ${doc.line === undefined ? doc.file : `${doc.file}:${doc.line}`}: invalid UTF-8, decoded with replacement characters (U+FFFD)`);
        }
        texts?.set(doc.id, doc.text);
        progress.update(++read);
        yield doc;
      }
    };

    let found: Omit<Report, 'stats'> & { documents: number; pairs: number; emptyDocuments: number };
    let shared: { before: number; after: number } | undefined;
    if (args.redis !== undefined) {
      const { url, prefix, ttl } = args.redis;
      // Loaded here only: a run without --redis never loads the Redis client.
      const { connectRedisIndex } = await import('../redis/RedisIndex.js');
      const index = await connectRedisIndex({ ...args.options, redis: url, prefix, ...(ttl === undefined ? {} : { ttl }) });
      try {
        const before = await index.size();
        const options: FindOptions = { index, skipInvalid: args.skipInvalid, ...(args.workers === undefined ? {} : { workers: args.workers as number }) };
        const result = await findNearDuplicates(counted(), options).catch((error: unknown) => {
          if (error instanceof InvalidOptionError) throw optionUsageError(error, args.options);
          if (error instanceof DuplicateIdError && error.position !== undefined) throw takenIdError(error, places![error.position]!, prefix);
          throw error;
        });
        for (const { error, position } of result.skipped) {
          const refused = takenIdError(error as DuplicateIdError, places![position]!, prefix);
          skipped++;
          skippedByReason.duplicateId = (skippedByReason.duplicateId ?? 0) + 1;
          warn(`skipped ${refused.message}`);
        }
        shared = { before, after: await index.size() };
        found = { clusters: result.clusters, matches: result.indexedMatches, documents: result.stats.documents, pairs: result.stats.pairs, emptyDocuments: result.stats.emptyDocuments };
      } finally {
        await index.close();
      }
    } else if (deduper === undefined) {
      const options: FindOptions = { ...args.options, ...(args.workers === undefined ? {} : { workers: args.workers as number }) };
      const result = await findNearDuplicates(counted(), options).catch((error: unknown) => {
        // Options are checked when the call starts, before any document is read.
        if (error instanceof InvalidOptionError) throw optionUsageError(error, args.options);
        throw error;
      });
      found = { clusters: result.clusters, matches: undefined, documents: result.stats.documents, pairs: result.stats.pairs, emptyDocuments: result.stats.emptyDocuments };
    } else {
      found = await addToIndex(deduper, counted());
    }
    progress.done();
    if (found.documents === 0) throw new EmptyInputError(args.inputs, skipped, skipped > 0 ? undefined : await directoryHint(args.inputs));

    const clusters = texts === undefined ? found.clusters : keepClusteredTexts(found.clusters, texts);
    const stats: ReportStats = {
      documents: found.documents,
      clusters: clusters.length,
      pairs: found.pairs,
      emptyDocuments: found.emptyDocuments,
      skipped,
      skippedByReason,
      invalidUtf8,
      seconds: (performance.now() - started) / 1000,
    };
    if (deduper !== undefined) {
      stats.indexedBefore = indexedBefore ?? 0;
      stats.indexedAfter = await deduper.size();
      stats.matchedIndexed = found.matches?.length ?? 0;
    } else if (shared !== undefined) {
      stats.indexedBefore = shared.before;
      stats.indexedAfter = shared.after;
      stats.matchedIndexed = found.matches?.length ?? 0;
    }
    const report: Report = {
      clusters: args.explain && args.format !== 'html' ? explainPairs(clusters, texts!, args) : clusters,
      matches: found.matches,
      stats,
    };

    await output.write(render(report, args, texts));
    await output.commit();
    if (deduper !== undefined) await saveIndexFile(args.index!, deduper, faultHooks(io.env));
    if (warnings > WARNING_LIMIT) say(io, `neardup: ${warnings - WARNING_LIMIT} more warnings not shown (the counts are in the summary)`);
    if (!args.quiet) say(io, formatSummary(stats));
    return EXIT.ok;
  } catch (error) {
    progress.done();
    await output.abort();
    throw error;
  }
}

/**
 * With `--index`: adds each new document to the deduper loaded from the index, and sorts its
 * matches into pairs among the new documents (clustered) and matches with indexed documents.
 */
async function addToIndex(
  deduper: Deduper,
  documents: AsyncIterable<InputDocument>,
): Promise<{ clusters: ReportCluster[]; matches: IndexMatches[]; documents: number; pairs: number; emptyDocuments: number }> {
  const emptyBefore = deduper.emptyAdded;
  const ids: string[] = [];
  const position = new Map<string, number>();
  const pairs: OrderedPair[] = [];
  const matches: IndexMatches[] = [];
  for await (const doc of documents) {
    const at = ids.length;
    const indexed = [];
    for (const match of await deduper.add(doc.id, doc.text)) {
      const earlier = position.get(match.id);
      if (earlier === undefined) indexed.push(match);
      else pairs.push({ a: earlier, b: at, similarity: match.similarity });
    }
    ids.push(doc.id);
    position.set(doc.id, at);
    if (indexed.length > 0) matches.push({ id: doc.id, matches: indexed });
  }
  pairs.sort((x, y) => x.a - y.a || x.b - y.b);
  return {
    clusters: clusterPairs(ids, pairs, deduper.options.representative),
    matches,
    documents: ids.length,
    pairs: pairs.length,
    emptyDocuments: deduper.emptyAdded - emptyBefore,
  };
}

// The input error for a document whose id a Redis index already holds with another text.
function takenIdError(error: DuplicateIdError, place: { file: string; line: number | undefined }, prefix: string): InputError {
  return new InputError('duplicateId', place.file, place.line, `duplicate id ${JSON.stringify(error.id)} (Redis index ${JSON.stringify(prefix)} holds it with another text)`);
}

/**
 * Why directories gave no documents: they are read for `.txt` files only, so JSON Lines files in
 * them (a common mistake) must be named one by one.
 */
async function directoryHint(inputs: readonly string[]): Promise<string | undefined> {
  const notes: string[] = [];
  for (const input of inputs) {
    if (input === '-') continue;
    const names = await readdir(input).catch(() => undefined); // not a directory: nothing to say
    if (names === undefined) continue;
    const jsonLines = names.some((name) => name.toLowerCase().endsWith('.jsonl'));
    notes.push(`${input} has no .txt files (a directory is read for .txt files only)${jsonLines ? `; give JSON Lines files by name: ${join(input, '*.jsonl')}` : ''}`);
  }
  return notes.length === 0 ? undefined : notes.join('; ');
}

/** Drops the texts of documents outside every cluster: only pairs are explained. */
function keepClusteredTexts(clusters: readonly ReportCluster[], texts: Map<string, string>): readonly ReportCluster[] {
  const clustered = new Set(clusters.flatMap((cluster) => cluster.ids));
  for (const id of texts.keys()) if (!clustered.has(id)) texts.delete(id);
  return clusters;
}

function explainPairs(clusters: readonly ReportCluster[], texts: ReadonlyMap<string, string>, args: CliArgs): ReportCluster[] {
  const shingling = shingleOptionsOf(args.resolved.shingling);
  return clusters.map((cluster) => ({
    ...cluster,
    pairs: cluster.pairs.map((pair) => ({ ...pair, passages: explain(texts.get(pair.a)!, texts.get(pair.b)!, shingling).passages })),
  }));
}

function render(report: Report, args: CliArgs, texts: ReadonlyMap<string, string> | undefined): string {
  switch (args.format) {
    case 'text':
      return formatText(report);
    case 'json':
      return formatJson(report);
    case 'jsonl':
      return formatJsonLines(report);
    case 'csv':
      return formatCsv(report);
    case 'html':
      return htmlReport(report, args.resolved, texts!);
  }
}

/**
 * Test hooks for the crash tests, never set in normal use: `NEARDUP_FAULT_INJECTION=kill-before-index-rename`
 * kills the process (SIGKILL, as a power cut would stop it) once the new index is fully written to
 * its temporary file, before it replaces the old one.
 */
function faultHooks(env: CliIo['env']): SaveIndexHooks {
  if (env['NEARDUP_FAULT_INJECTION'] === 'kill-before-index-rename') return { beforeRename: () => void process.kill(process.pid, 'SIGKILL') };
  return {};
}

function say(io: CliIo, line: string): void {
  io.stderr.write(`${line}\n`);
}

async function print(stream: OutputStream, text: string): Promise<number> {
  await writeToStream(stream, text);
  return EXIT.ok;
}

/** The version in package.json, found from this file's place in dist/ (or src/cli/). */
function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      const pkg = JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'neardup' && typeof pkg.version === 'string') return pkg.version;
    }
    if (dirname(dir) === dir) throw new Error('package.json of neardup not found');
  }
}
