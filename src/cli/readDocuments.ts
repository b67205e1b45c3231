import { isUtf8 } from 'node:buffer';
import { open, stat } from 'node:fs/promises';
import { InputError } from './errors/InputError.js';
import { getField, type FieldPath } from './fieldPath.js';
import { listTextFiles } from './listTextFiles.js';
import { splitLines } from './splitLines.js';
import { systemErrorText } from './systemErrorText.js';

/** A document read from the input, with where it came from. */
export interface InputDocument {
  readonly id: string;
  readonly text: string;
  /** The input file (`<stdin>` for `-`), or the `.txt` file. */
  readonly file: string;
  /** 1-based line in a JSON Lines input; undefined for a `.txt` file. */
  readonly line: number | undefined;
  /** The bytes were not valid UTF-8: bad sequences were decoded as U+FFFD. */
  readonly invalidUtf8: boolean;
}

/** How {@link readDocuments} reads and checks its inputs. */
export interface ReadDocumentsOptions {
  /** Path of the id in each JSON object (`--id-field`). */
  readonly idField: FieldPath;
  /** Path of the text in each JSON object (`--text-field`). */
  readonly textField: FieldPath;
  /** Longest JSON line (or `.txt` file) accepted, in bytes (`--max-line-bytes`). */
  readonly maxLineBytes: number;
  /** Standard input, read when an input is `-`. */
  readonly stdin: AsyncIterable<Uint8Array | string>;
  /**
   * Receives each bad input instead of it being thrown (`--skip-invalid`): reading goes on with
   * the next line, file or directory entry. When absent, the first bad input is thrown.
   */
  readonly onInvalid?: (error: InputError) => void;
  /**
   * For an id known before this run (in the `--index` file), where it is, as the end of the
   * message (`already in index seen.ndx`); undefined for a new id.
   */
  readonly knownId?: (id: string) => string | undefined;
}

/** The name `-` (standard input) goes by in messages. */
export const STDIN_NAME = '<stdin>';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Reads documents from JSON Lines files, standard input (`-`) and directories of `.txt` files,
 * in the order given, checking each one: the line is a JSON object, the id (at `idField`) is a
 * string or number, the text (at `textField`) is a string, the id is new, the line fits in
 * `maxLineBytes`. Blank lines are ignored; a UTF-8 byte order mark at the start of a file is
 * dropped. A `.txt` file is one document: its text is the whole file, its id its path relative
 * to the directory given, with `/`.
 *
 * Files are read as streams of chunks and lines are split without holding more than
 * `maxLineBytes` of one line (see {@link splitLines}), so memory does not grow with the input.
 *
 * @throws {InputError} (from the iteration) at the first bad input, naming file, line and rule,
 *   unless `onInvalid` is given. Documents before it have been yielded.
 * @example
 * ```ts
 * for await (const doc of readDocuments(['news.jsonl'], { idField, textField, maxLineBytes, stdin: process.stdin })) {
 *   console.log(doc.id, doc.file, doc.line);
 * }
 * ```
 */
export async function* readDocuments(inputs: readonly string[], options: ReadDocumentsOptions): AsyncGenerator<InputDocument> {
  const seen = new Map<string, string>(); // id -> where it was first read
  const fail = (error: InputError) => {
    if (options.onInvalid === undefined) throw error;
    options.onInvalid(error);
  };
  const accept = (doc: InputDocument): boolean => {
    const place = doc.line === undefined ? doc.file : `${doc.file}:${doc.line}`;
    const earlier = seen.get(doc.id);
    const where = earlier === undefined ? options.knownId?.(doc.id) : `first at ${earlier}`;
    if (where !== undefined) {
      fail(new InputError('duplicateId', doc.file, doc.line, `duplicate id ${JSON.stringify(doc.id)} (${where})`));
      return false;
    }
    seen.set(doc.id, place);
    return true;
  };

  for (const input of inputs) {
    if (input === '-') {
      for await (const doc of readJsonLines(STDIN_NAME, options.stdin, options, fail)) if (accept(doc)) yield doc;
      continue;
    }
    let info;
    try {
      info = await stat(input);
    } catch (error) {
      fail(new InputError('unreadable', input, undefined, `cannot read: ${systemErrorText(error)}`));
      continue;
    }
    if (info.isDirectory()) {
      for await (const entry of listTextFiles(input)) {
        if (entry.kind === 'unreadable') {
          fail(new InputError('unreadable', entry.path, undefined, entry.detail));
          continue;
        }
        const doc = await readTextFile(entry.path, entry.id, options.maxLineBytes, fail);
        if (doc !== undefined && accept(doc)) yield doc;
      }
    } else {
      for await (const doc of readJsonLines(input, readChunks(input), options, fail)) if (accept(doc)) yield doc;
    }
  }
}

async function* readJsonLines(
  file: string,
  chunks: AsyncIterable<Uint8Array | string>,
  options: ReadDocumentsOptions,
  fail: (error: InputError) => void,
): AsyncGenerator<InputDocument> {
  const lines = splitLines(chunks, options.maxLineBytes);
  try {
    for (;;) {
      let next;
      try {
        next = await lines.next();
      } catch (error) {
        fail(new InputError('unreadable', file, undefined, `cannot read: ${systemErrorText(error)}`));
        return;
      }
      if (next.done === true) return;
      const line = next.value;
      if (line.tooLong) {
        fail(new InputError('tooLong', file, line.number, `line longer than ${options.maxLineBytes} bytes (--max-line-bytes)`));
        continue;
      }
      const bytes = line.number === 1 && startsWithBom(line.bytes) ? line.bytes.subarray(3) : line.bytes;
      const doc = parseLine(file, line.number, bytes, options, fail);
      if (doc !== undefined) yield doc;
    }
  } finally {
    // Stopped early (a bad line, or the caller stopped): close the file now, not at garbage collection.
    await lines.return(undefined);
  }
}

function parseLine(
  file: string,
  number: number,
  bytes: Buffer,
  options: ReadDocumentsOptions,
  fail: (error: InputError) => void,
): InputDocument | undefined {
  const source = bytes.toString('utf8');
  if (source.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    fail(new InputError('invalidJson', file, number, `invalid JSON (${(error as Error).message})`));
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(new InputError('notAnObject', file, number, `expected a JSON object, got ${describe(value)}`));
    return undefined;
  }
  const id = getField(value, options.idField);
  if (!id.found) {
    fail(new InputError('missingId', file, number, `missing id field ${JSON.stringify(options.idField.source)}${blocked(id.reached, id.parent)}`));
    return undefined;
  }
  if (typeof id.value !== 'string' && typeof id.value !== 'number') {
    fail(new InputError('invalidId', file, number, `id field ${JSON.stringify(options.idField.source)} must be a string or a number, got ${describe(id.value)}`));
    return undefined;
  }
  const text = getField(value, options.textField);
  if (!text.found) {
    fail(new InputError('missingText', file, number, `missing text field ${JSON.stringify(options.textField.source)}${blocked(text.reached, text.parent)}`));
    return undefined;
  }
  if (typeof text.value !== 'string') {
    fail(new InputError('invalidText', file, number, `text field ${JSON.stringify(options.textField.source)} must be a string, got ${describe(text.value)}`));
    return undefined;
  }
  return { id: String(id.value), text: text.value, file, line: number, invalidUtf8: !isUtf8(bytes) };
}

async function readTextFile(path: string, id: string, maxBytes: number, fail: (error: InputError) => void): Promise<InputDocument | undefined> {
  let read: Buffer | InputError;
  try {
    read = await readBounded(path, maxBytes);
  } catch (error) {
    read = new InputError('unreadable', path, undefined, `cannot read: ${systemErrorText(error)}`);
  }
  if (read instanceof InputError) {
    fail(read);
    return undefined;
  }
  const bytes = startsWithBom(read) ? read.subarray(3) : read;
  return { id, text: bytes.toString('utf8'), file: path, line: undefined, invalidUtf8: !isUtf8(bytes) };
}

/** A whole file, or an error when it has more than `maxBytes` (found without reading it all). */
async function readBounded(path: string, maxBytes: number): Promise<Buffer | InputError> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return new InputError('tooLong', path, undefined, `file of ${size} bytes is longer than ${maxBytes} bytes (--max-line-bytes)`);
    // One byte more than its size, to notice a file that grows while it is read (and stay bounded).
    const buffer = Buffer.alloc(size + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) return buffer.subarray(0, length);
      length += bytesRead;
      if (length === buffer.length) return new InputError('unreadable', path, undefined, 'the file grew while it was being read');
    }
  } finally {
    await handle.close();
  }
}

/**
 * A file's bytes as 64 KiB chunks that all share one buffer, reused for each read: the lines are
 * parsed before the next chunk is read, so skipping a 50 MB line leaves no 50 MB of garbage behind.
 */
async function* readChunks(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

function startsWithBom(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes.subarray(0, 3).equals(BOM);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return `a number (${value})`;
  return `a ${typeof value} (${String(value)})`;
}

function blocked(reached: string, parent: unknown): string {
  if (reached === '') return '';
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return ` (${JSON.stringify(reached)} is ${describe(parent)})`;
  return '';
}
