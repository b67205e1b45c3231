/**
 * The `--index` file: a deduper's documents (signatures, and shingle sets under exact
 * verification) saved between runs, so a pipeline can ask "which of today's articles did we
 * already see?".
 *
 * Format, version 1 (all integers little-endian):
 *
 * | offset | size | content |
 * | --- | --- | --- |
 * | 0 | 8 | magic `89 4E 44 58 0D 0A 1A 0A` (`\x89NDX\r\n\x1a\n`: binary, catches text-mode transfers) |
 * | 8 | 4 | format version (u32): 1 |
 * | 12 | 8 | length of the whole file in bytes, checksum included (u64) |
 * | 20 | 4 | length H of the header (u32) |
 * | 24 | H | header: UTF-8 JSON {@link IndexFileHeader} (the options that must match, the document count) |
 * | 24 + H | ... | one entry per document, in the order they were added: id length (u32), id (UTF-8), flags (u8: 1 = empty document, 2 = shingle set follows), numPerm signature values (u32 each), then with flag 2 the shingle count (u32) and the sorted distinct shingle hashes (u32 each) |
 * | end - 32 | 32 | SHA-256 of every byte before it |
 *
 * Reading checks, in order: the magic (else "not a neardup index file"), the version, the length
 * (a shorter file is "truncated"), the checksum over the whole file (a flipped bit anywhere is
 * "corrupt"), then the options against the run's: scheme, numPerm, seed, shingling, threshold,
 * verify, bands and rows, and the signature format version. Any mismatch refuses the file and
 * names what differs. Both reads stream the file, so memory holds the index and one buffer.
 *
 * Writing is atomic ({@link atomicReplace}): the file is written to `FILE.tmp-<pid>` in the same
 * directory, flushed to disk (fsync), renamed over FILE, and the directory is flushed, so FILE is
 * always either the complete old index or the complete new one; after a crash or a full disk the
 * old one is intact (a crash can leave the temporary file behind; it is never read).
 */
import { createHash, type Hash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, open, stat, type FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { dirname } from 'node:path';
import type { Deduper } from '../dedupe/Deduper.js';
import type { ResolvedNeardupOptions } from '../dedupe/NeardupOptions.js';
import { SIGNATURE_FORMAT_VERSION } from '../signature/formatVersion.js';
import { atomicReplace, type AtomicReplaceHooks } from './atomicReplace.js';
import { IndexFileError } from './errors/IndexFileError.js';
import { systemErrorText } from './systemErrorText.js';

/** The magic bytes an index file starts with. */
export const INDEX_MAGIC = Buffer.from([0x89, 0x4e, 0x44, 0x58, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The format version this code writes and reads. */
export const INDEX_FORMAT_VERSION = 1;

const PREAMBLE = 24; // magic, version, file length, header length
const CHECKSUM = 32;
const FLAG_EMPTY = 1;
const FLAG_SHINGLES = 2;
const LITTLE_ENDIAN = endianness() === 'LE';
const BUFFER_BYTES = 1 << 20;

/** The JSON header of an index file. */
export interface IndexFileHeader {
  readonly signatureFormatVersion: number;
  readonly scheme: string;
  readonly numPerm: number;
  readonly seed: number;
  readonly shingling: { readonly kind: 'word' | 'char'; readonly size: number };
  readonly threshold: number;
  readonly verify: string;
  readonly bands: number;
  readonly rows: number;
  /** Number of entries that follow. */
  readonly documents: number;
}

/** Test hooks of {@link saveIndexFile}: called at the two moments a crash or a full disk matters. */
export interface SaveIndexHooks extends AtomicReplaceHooks {
  /** After each block written to the temporary file (a throw here acts like a full disk). */
  readonly afterWrite?: (bytesWritten: number) => void;
}

/**
 * Loads an index file into an empty deduper made with the run's options: checks the file (see
 * the format above) and restores every document. Returns the number of documents loaded, or
 * undefined when the file does not exist (a first run).
 *
 * @throws {IndexFileError} naming the file and the problem: not an index, newer format, truncated,
 *   corrupt, written with other options, unreadable.
 * @example
 * ```ts
 * const deduper = await createDeduper(options);
 * await loadIndexFile('seen.ndx', deduper); // 120000, or undefined on the first run
 * ```
 */
export async function loadIndexFile(path: string, deduper: Deduper): Promise<number | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw new IndexFileError(path, `cannot read: ${systemErrorText(error)}`);
  }
  try {
    const size = (await handle.stat()).size;
    const { header, entriesStart } = await checkFile(path, handle, size);
    checkOptions(path, header, deduper.options);
    await restoreEntries(path, new BlockReader(handle, entriesStart, size - CHECKSUM), header, deduper);
    return header.documents;
  } catch (error) {
    if (error instanceof IndexFileError) throw error;
    throw new IndexFileError(path, `cannot read: ${systemErrorText(error)}`);
  } finally {
    await handle.close();
  }
}

/**
 * Saves a deduper's documents atomically (temporary file, fsync, rename, fsync of the directory).
 * On any failure the temporary file is removed and FILE is left as it was.
 *
 * @throws {IndexFileError} naming the file and the system error (no space left, permission denied).
 * @example
 * ```ts
 * await saveIndexFile('seen.ndx', deduper);
 * ```
 */
export async function saveIndexFile(path: string, deduper: Deduper, hooks: SaveIndexHooks = {}): Promise<void> {
  try {
    const file = await atomicReplace(path);
    try {
      await writeIndex(file.handle, deduper, hooks);
    } catch (error) {
      await file.abort();
      throw error;
    }
    await file.commit(hooks);
  } catch (error) {
    throw new IndexFileError(path, `cannot write: ${systemErrorText(error)} (the previous index, if any, is unchanged)`);
  }
}

/**
 * Checks, before a run does any work, that the index file can be saved where it is named: its
 * directory exists, is a directory, and is writable. (Saving can still fail later, on a full disk
 * say; the previous index is then kept.)
 *
 * @throws {IndexFileError} naming the file, the directory and the problem.
 * @example
 * ```ts
 * await checkIndexDirectory('no/such/seen.ndx');
 * // throws IndexFileError('index no/such/seen.ndx: cannot write in no/such: no such file or directory (ENOENT)')
 * ```
 */
export async function checkIndexDirectory(path: string): Promise<void> {
  const directory = dirname(path);
  try {
    if (!(await stat(directory)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    await access(directory, constants.W_OK);
  } catch (error) {
    throw new IndexFileError(path, `cannot write in ${directory}: ${systemErrorText(error)}`);
  }
}

/** The header a deduper's options give. */
export function headerOf(options: ResolvedNeardupOptions, documents: number): IndexFileHeader {
  const { scheme, numPerm, seed, shingling, threshold, verify, bands, rows } = options;
  return { signatureFormatVersion: SIGNATURE_FORMAT_VERSION, scheme, numPerm, seed, shingling: { kind: shingling.kind, size: shingling.size }, threshold, verify, bands, rows, documents };
}

async function writeIndex(handle: FileHandle, deduper: Deduper, hooks: SaveIndexHooks): Promise<void> {
  const options = deduper.options;
  let documents = 0;
  let entryBytes = 0;
  for (const { id, shingles } of deduper.entries()) {
    documents++;
    entryBytes += 4 + Buffer.byteLength(id, 'utf8') + 1 + 4 * options.numPerm + (shingles === undefined ? 0 : 4 + 4 * shingles.length);
  }
  const header = Buffer.from(JSON.stringify(headerOf(options, documents)), 'utf8');
  const total = PREAMBLE + header.length + entryBytes + CHECKSUM;

  const out = new BlockWriter(handle, hooks.afterWrite);
  const preamble = Buffer.alloc(PREAMBLE);
  INDEX_MAGIC.copy(preamble, 0);
  preamble.writeUInt32LE(INDEX_FORMAT_VERSION, 8);
  preamble.writeBigUInt64LE(BigInt(total), 12);
  preamble.writeUInt32LE(header.length, 20);
  await out.write(preamble);
  await out.write(header);
  const word = Buffer.alloc(4);
  for (const { id, values, isEmpty, shingles } of deduper.entries()) {
    const idBytes = Buffer.from(id, 'utf8');
    word.writeUInt32LE(idBytes.length);
    await out.write(word);
    await out.write(idBytes);
    await out.write(Buffer.of((isEmpty ? FLAG_EMPTY : 0) | (shingles === undefined ? 0 : FLAG_SHINGLES)));
    await out.write(wordsToBytes(values));
    if (shingles !== undefined) {
      word.writeUInt32LE(shingles.length);
      await out.write(word);
      await out.write(wordsToBytes(shingles));
    }
  }
  await out.write(out.digest(), false);
  await out.flush();
  if (out.written !== total) throw new Error(`index writer produced ${out.written} bytes, expected ${total}`);
}

async function checkFile(path: string, handle: FileHandle, size: number): Promise<{ header: IndexFileHeader; entriesStart: number }> {
  const preamble = Buffer.alloc(PREAMBLE);
  const { bytesRead } = await handle.read(preamble, 0, PREAMBLE, 0);
  if (bytesRead < INDEX_MAGIC.length || !preamble.subarray(0, INDEX_MAGIC.length).equals(INDEX_MAGIC)) {
    throw new IndexFileError(path, 'not a neardup index file (its first bytes are not the index magic number)');
  }
  if (bytesRead < PREAMBLE) throw new IndexFileError(path, `truncated: ${size} bytes, too short for the header`);
  const version = preamble.readUInt32LE(8);
  if (version !== INDEX_FORMAT_VERSION) {
    throw new IndexFileError(path, `format version ${version}, but this neardup reads version ${INDEX_FORMAT_VERSION}${version > INDEX_FORMAT_VERSION ? ' (written by a newer neardup)' : ''}`);
  }
  const total = Number(preamble.readBigUInt64LE(12));
  if (size < total) throw new IndexFileError(path, `truncated: ${size} bytes, but the header says ${total}`);
  if (size > total) throw new IndexFileError(path, `${size} bytes, but the header says ${total}: extra data after the index`);
  const headerLength = preamble.readUInt32LE(20);
  if (PREAMBLE + headerLength + CHECKSUM > size) throw new IndexFileError(path, `corrupt: header length ${headerLength} does not fit in ${size} bytes`);

  // The whole file is checksummed before anything else in it is trusted, header included.
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(BUFFER_BYTES);
  for (let offset = 0; offset < size - CHECKSUM; ) {
    const { bytesRead: n } = await handle.read(buffer, 0, Math.min(buffer.length, size - CHECKSUM - offset), offset);
    if (n === 0) throw new IndexFileError(path, `truncated while reading: ${offset} bytes`);
    hash.update(buffer.subarray(0, n));
    offset += n;
  }
  const stored = Buffer.alloc(CHECKSUM);
  await handle.read(stored, 0, CHECKSUM, size - CHECKSUM);
  if (!hash.digest().equals(stored)) throw new IndexFileError(path, 'corrupt: the SHA-256 checksum does not match the contents');

  const headerBytes = Buffer.alloc(headerLength);
  await handle.read(headerBytes, 0, headerLength, PREAMBLE);
  let header: IndexFileHeader;
  try {
    header = JSON.parse(headerBytes.toString('utf8')) as IndexFileHeader;
  } catch {
    throw new IndexFileError(path, 'corrupt: the header is not JSON');
  }
  if (header === null || typeof header !== 'object' || !Number.isSafeInteger(header.documents) || header.documents < 0) {
    throw new IndexFileError(path, 'corrupt: the header lacks a document count');
  }
  return { header, entriesStart: PREAMBLE + headerLength };
}

function checkOptions(path: string, header: IndexFileHeader, options: ResolvedNeardupOptions): void {
  const expected = headerOf(options, header.documents);
  if (header.signatureFormatVersion !== expected.signatureFormatVersion) {
    throw new IndexFileError(path, `holds signatures of format version ${String(header.signatureFormatVersion)}, this neardup computes version ${expected.signatureFormatVersion}: build a new index`);
  }
  const differences: string[] = [];
  const compare = (what: string, stored: unknown, current: unknown) => {
    if (stored !== current) differences.push(`${what} ${String(stored)} (this run: ${String(current)})`);
  };
  compare('--scheme', header.scheme, expected.scheme);
  compare('--num-perm', header.numPerm, expected.numPerm);
  compare('--seed', header.seed, expected.seed);
  compare('shingling', shinglingFlag(header.shingling), shinglingFlag(expected.shingling));
  compare('--threshold', header.threshold, expected.threshold);
  compare('--verify', header.verify, expected.verify);
  // The banding follows from the options above unless --bands and --rows or --recall-at-threshold
  // set it: named only when nothing above differs, since it is then what the user changed.
  if (differences.length === 0 && (header.bands !== expected.bands || header.rows !== expected.rows)) {
    differences.push(
      `banding ${String(header.bands)} bands x ${String(header.rows)} rows (this run: ${expected.bands} x ${expected.rows}; set by --bands and --rows, or chosen with --recall-at-threshold)`,
    );
  }
  if (differences.length > 0) {
    throw new IndexFileError(path, `written with other options: ${differences.join(', ')}; run with the index's options, or use another index file`);
  }
}

function shinglingFlag(shingling: IndexFileHeader['shingling'] | undefined): string {
  if (shingling === null || typeof shingling !== 'object') return String(shingling);
  return shingling.kind === 'char' ? `--char-ngrams ${shingling.size}` : `--shingle-size ${shingling.size}`;
}

async function restoreEntries(path: string, input: BlockReader, header: IndexFileHeader, deduper: Deduper): Promise<void> {
  const numPerm = deduper.options.numPerm;
  const corrupt = (what: string) => new IndexFileError(path, `corrupt: ${what} at byte ${input.position}`);
  for (let n = 0; n < header.documents; n++) {
    if (!(await input.fill(4))) throw corrupt('entry cut short');
    const idLength = input.u32();
    if (!(await input.fill(idLength + 1 + 4 * numPerm))) throw corrupt('entry cut short');
    const id = input.bytes(idLength).toString('utf8');
    const flags = input.u8();
    if ((flags & ~(FLAG_EMPTY | FLAG_SHINGLES)) !== 0) throw corrupt(`unknown entry flags ${flags}`);
    const values = bytesToWords(input.bytes(4 * numPerm));
    let shingles: Uint32Array | undefined;
    if ((flags & FLAG_SHINGLES) !== 0) {
      if (!(await input.fill(4))) throw corrupt('entry cut short');
      const count = input.u32();
      if (!(await input.fill(4 * count))) throw corrupt('entry cut short');
      shingles = bytesToWords(input.bytes(4 * count));
    }
    try {
      deduper.restore({ id, values, isEmpty: (flags & FLAG_EMPTY) !== 0, shingles });
    } catch (error) {
      throw corrupt(`entry ${JSON.stringify(id)} refused (${(error as Error).message})`);
    }
  }
  if (!input.atEnd()) throw corrupt(`${header.documents} entries end before the checksum`);
}

/** The bytes of u32 words, little-endian (a view of them on little-endian machines). */
function wordsToBytes(words: Uint32Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(words.buffer, words.byteOffset, words.byteLength);
  const bytes = Buffer.alloc(words.length * 4);
  for (let i = 0; i < words.length; i++) bytes.writeUInt32LE(words[i]!, i * 4);
  return bytes;
}

/** u32 words from little-endian bytes, copied into an aligned array. */
function bytesToWords(bytes: Buffer): Uint32Array {
  const words = new Uint32Array(bytes.length / 4);
  if (LITTLE_ENDIAN) new Uint8Array(words.buffer).set(bytes);
  else for (let i = 0; i < words.length; i++) words[i] = bytes.readUInt32LE(i * 4);
  return words;
}

/** Buffered writes in 1 MiB blocks, hashing the bytes as they are given. */
class BlockWriter {
  /** Bytes written to the file so far. */
  written = 0;
  readonly #handle: FileHandle;
  readonly #hash: Hash = createHash('sha256');
  readonly #buffer = Buffer.alloc(BUFFER_BYTES);
  readonly #afterWrite: ((bytes: number) => void) | undefined;
  #used = 0;

  constructor(handle: FileHandle, afterWrite: ((bytes: number) => void) | undefined) {
    this.#handle = handle;
    this.#afterWrite = afterWrite;
  }

  /** Writes bytes, adding them to the checksum unless `hashed` is false (the checksum itself). */
  async write(bytes: Buffer, hashed = true): Promise<void> {
    if (hashed) this.#hash.update(bytes);
    if (this.#used + bytes.length > this.#buffer.length) await this.flush();
    if (bytes.length >= this.#buffer.length) return this.#writeOut(bytes);
    bytes.copy(this.#buffer, this.#used);
    this.#used += bytes.length;
  }

  /** The SHA-256 of every hashed byte so far. */
  digest(): Buffer {
    return this.#hash.digest();
  }

  async flush(): Promise<void> {
    if (this.#used === 0) return;
    const block = this.#buffer.subarray(0, this.#used);
    this.#used = 0;
    await this.#writeOut(block);
  }

  async #writeOut(block: Buffer): Promise<void> {
    for (let offset = 0; offset < block.length; ) {
      const { bytesWritten } = await this.#handle.write(block, offset, block.length - offset);
      offset += bytesWritten;
    }
    this.written += block.length;
    this.#afterWrite?.(this.written);
  }
}

/** Buffered reads of a byte range of a file. */
class BlockReader {
  readonly #handle: FileHandle;
  readonly #end: number;
  #buffer = Buffer.alloc(BUFFER_BYTES);
  #start = 0; // first unread byte in #buffer
  #stop = 0; // end of the valid bytes in #buffer
  #fileOffset: number; // file offset of #buffer[#stop]

  constructor(handle: FileHandle, start: number, end: number) {
    this.#handle = handle;
    this.#fileOffset = start;
    this.#end = end;
  }

  /** File offset of the next unread byte. */
  get position(): number {
    return this.#fileOffset - (this.#stop - this.#start);
  }

  /** Makes `n` bytes available; false when the range ends first. */
  async fill(n: number): Promise<boolean> {
    if (this.#stop - this.#start >= n) return true;
    if (this.position + n > this.#end) return false;
    const kept = this.#stop - this.#start;
    if (n > this.#buffer.length) {
      const bigger = Buffer.alloc(n);
      this.#buffer.copy(bigger, 0, this.#start, this.#stop);
      this.#buffer = bigger;
    } else {
      this.#buffer.copy(this.#buffer, 0, this.#start, this.#stop);
    }
    this.#start = 0;
    this.#stop = kept;
    while (this.#stop < n) {
      const want = Math.min(this.#buffer.length - this.#stop, this.#end - this.#fileOffset);
      const { bytesRead } = await this.#handle.read(this.#buffer, this.#stop, want, this.#fileOffset);
      if (bytesRead === 0) return false;
      this.#stop += bytesRead;
      this.#fileOffset += bytesRead;
    }
    return true;
  }

  u32(): number {
    const value = this.#buffer.readUInt32LE(this.#start);
    this.#start += 4;
    return value;
  }

  u8(): number {
    return this.#buffer[this.#start++]!;
  }

  /** `n` bytes (a view: copy before the next fill). */
  bytes(n: number): Buffer {
    const view = this.#buffer.subarray(this.#start, this.#start + n);
    this.#start += n;
    return view;
  }

  atEnd(): boolean {
    return this.position === this.#end;
  }
}
