import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

// Runs the BUILT command (dist/cli.js, built by `npm test` before vitest starts), as a user would.
export const root = fileURLToPath(new URL('../..', import.meta.url));
export const cli = join(root, 'dist', 'cli.js');
export const fixtures = join(root, 'test', 'fixtures', 'cli');
export const articles = join(root, 'examples', 'articles');

export interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Standard input. */
  readonly input?: string | Buffer;
  /** Working directory. @defaultValue the CLI fixtures directory, so messages name files as `bad.jsonl` */
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Arguments for node itself, before the script. */
  readonly nodeArgs?: readonly string[];
}

/** `node dist/cli.js ...args`, to completion. */
export function neardup(args: readonly string[], options: RunOptions = {}): Run {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), cli, ...args], {
    cwd: options.cwd ?? fixtures,
    input: options.input ?? '',
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh temporary directory, removed after the test file's tests. */
export function temporaryDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'neardup-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The seed articles' file names: 000_... and 001_... are the same wire story. */
export const WIRE = '000_912c03f999ecb889.txt';
export const COPY = '001_b93039228490cdd2.txt';

/** A pair in a JSON report. */
export interface Pair {
  a: string;
  b: string;
  similarity: number;
}
/** A `--format json` report, as the incremental-run tests read it. */
export interface JsonReport {
  clusters: { ids: string[]; pairs: Pair[] }[];
  matches?: { id: string; matches: { id: string; similarity: number }[] }[];
  stats: Record<string, number>;
}
/** Parses a `--format json` report. */
export const json = (stdout: string) => JSON.parse(stdout) as JsonReport;

/** Every pair of the reports (clusters' pairs and index matches), as "id|id similarity", sorted. */
export function pairsOf(...reports: JsonReport[]): string[] {
  const key = (x: string, y: string, similarity: number) => `${[x, y].sort().join('|')} ${similarity}`;
  const out: string[] = [];
  for (const report of reports) {
    for (const cluster of report.clusters) for (const p of cluster.pairs) out.push(key(p.a, p.b, p.similarity));
    for (const { id, matches } of report.matches ?? []) for (const m of matches) out.push(key(m.id, id, m.similarity));
  }
  return out.sort();
}
