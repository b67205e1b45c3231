// What every bench script shares: the corpus, the machine, tables, child processes.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

const here = (path) => new URL(path, import.meta.url).pathname;

/** The default corpus: the full Reuters corpus beside the repository, else the bundled subset. */
export function defaultCorpusPath() {
  const shared = here('../../../shared/corpora/reuters.jsonl');
  return existsSync(shared) ? shared : here('../../test/fixtures/reuters-subset.jsonl');
}

/** Reads a JSON Lines corpus of { id, text } (the first `limit` lines when given). */
export function loadCorpus(path, limit = Infinity) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const docs = [];
  for (let n = 0; n < lines.length && docs.length < limit; n++) {
    const line = lines[n].trim();
    if (line === '') continue;
    let parsed;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`${path}:${n + 1}: not valid JSON`);
    }
    if (typeof parsed?.text !== 'string' || parsed.id === undefined) throw new Error(`${path}:${n + 1}: expected { "id", "text": string }`);
    docs.push({ id: String(parsed.id), text: parsed.text });
  }
  return docs;
}

export const utf8Bytes = (docs) => docs.reduce((sum, d) => sum + Buffer.byteLength(d.text), 0);

/** `count` items spread evenly over `items` (every k-th), so a sample is not one period of the corpus. */
export function spread(items, count) {
  if (count >= items.length) return items.slice();
  const out = [];
  for (let i = 0; i < count; i++) out.push(items[Math.floor((i * items.length) / count)]);
  return out;
}

export function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  if (cpu === 'unknown') {
    try {
      cpu = execFileSync('lscpu', { encoding: 'utf8' }).match(/Model name:\s*(.+)/)?.[1] ?? cpu;
    } catch {}
  }
  return {
    cpu: cpu.trim(),
    cores: cpus().length,
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform}-${process.arch}`,
  };
}

export const load = () => loadavg().map((x) => +x.toFixed(2));

/** Deterministic 32-bit PRNG (mulberry32). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Formats a number for a table: thousands separators, `digits` decimals. */
export function fmt(x, digits = 0) {
  if (x === undefined || x === null) return '';
  if (typeof x !== 'number') return String(x);
  if (!Number.isFinite(x)) return String(x);
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * Prints a Markdown table. `columns` is [[header, (row) => cell, align?]]; numbers are right-aligned
 * unless align is 'left'.
 */
export function printTable(title, rows, columns) {
  const cells = rows.map((row) => columns.map(([, get]) => String(get(row) ?? '')));
  const headers = columns.map(([h]) => h);
  const width = headers.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
  const left = columns.map(([, , align], c) => align === 'left' || c === 0);
  const pad = (s, c) => (left[c] ? s.padEnd(width[c]) : s.padStart(width[c]));
  const line = (r) => `| ${r.map(pad).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(line(headers));
  console.log(`| ${width.map((w, c) => (left[c] ? ':' + '-'.repeat(w - 1) : '-'.repeat(w - 1) + ':')).join(' | ')} |`);
  for (const r of cells) console.log(line(r));
}

/**
 * Runs `node [flags] script args` and resolves to the JSON object the child prints on its last
 * line of stdout; the child's other output (stderr) is passed through.
 */
export function runChild(script, args, nodeFlags = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, here(`../${script}`), ...args.map(String)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${script} ${args.join(' ')} exited with ${signal ?? code}\n${out}`));
      try {
        resolve(JSON.parse(last));
      } catch {
        reject(new Error(`${script} ${args.join(' ')} printed no JSON result:\n${out}`));
      }
    });
  });
}

/** Parses `--name value` pairs of a child script. */
export function childArgs(defaults) {
  const out = { ...defaults };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in defaults)) throw new Error(`unknown argument --${key}`);
    const value = argv[i + 1];
    out[key] = typeof defaults[key] === 'number' ? Number(value) : value;
  }
  return out;
}

/** Resident set size peak of this process so far, in bytes. */
export const maxRssBytes = () => process.resourceUsage().maxRSS * 1024;
