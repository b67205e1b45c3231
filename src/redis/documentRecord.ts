import type { DeduperEntry } from '../dedupe/Deduper.js';
import { murmur3Words } from '../internal/murmur3.js';

// How one document is stored in Redis: a binary string, little-endian on every platform.
//   byte 0      record layout (RECORD_LAYOUT)
//   byte 1      flags: 1 = empty document, 2 = shingle set follows the values
//   bytes 2-3   zero
//   bytes 4-7   id length in UTF-8 bytes (u32)
//   bytes 8-15  the content's fingerprint (contentPrint): the add script tells an identical
//               document by it without sending the whole record back
//   id          UTF-8
//   values      numPerm u32: the signature's comparable values
//   shingles    u32 each: the distinct sorted shingle hashes (verify 'exact'), to the end
// A replayed insert compares the stored record with the new one byte for byte, so equal
// documents must encode equally: nothing here depends on time or on the process.

const RECORD_LAYOUT = 1;
const FLAG_EMPTY = 1;
const FLAG_SHINGLES = 2;
const HEADER = 16;
// Where a record's fingerprint starts (0-based), and its length; the add script reads it there.
const PRINT_OFFSET = 8;
const PRINT_BYTES = 8;

/**
 * A 64-bit fingerprint of a document's content (its signature values and its shingle set, if
 * kept): equal for identical documents, and for others equal by chance once in 2^64.
 */
export function contentPrint(values: Uint32Array, isEmpty: boolean, shingles: Uint32Array | undefined): Buffer {
  const out = Buffer.alloc(PRINT_BYTES);
  const extra = shingles === undefined ? 0 : murmur3Words(shingles, 0, shingles.length, 0x53484e31);
  out.writeUInt32LE((murmur3Words(values, 0, values.length, 0x46505231) ^ extra ^ (isEmpty ? 1 : 0)) >>> 0, 0);
  out.writeUInt32LE((murmur3Words(values, 0, values.length, 0x46505232) ^ (shingles === undefined ? 0 : murmur3Words(shingles, 0, shingles.length, 0x53484e32))) >>> 0, 4);
  return out;
}

/** Encodes a document for storage. */
export function encodeRecord(id: string, values: Uint32Array, isEmpty: boolean, shingles: Uint32Array | undefined, print: Buffer): Buffer {
  const idBytes = Buffer.from(id, 'utf8');
  const start = HEADER + idBytes.length;
  const out = Buffer.alloc(start + 4 * (values.length + (shingles?.length ?? 0)));
  out[0] = RECORD_LAYOUT;
  out[1] = (isEmpty ? FLAG_EMPTY : 0) | (shingles === undefined ? 0 : FLAG_SHINGLES);
  out.writeUInt32LE(idBytes.length, 4);
  print.copy(out, PRINT_OFFSET);
  idBytes.copy(out, HEADER);
  let at = start;
  for (let i = 0; i < values.length; i++, at += 4) out.writeUInt32LE(values[i]!, at);
  if (shingles !== undefined) for (let i = 0; i < shingles.length; i++, at += 4) out.writeUInt32LE(shingles[i]!, at);
  return out;
}

/**
 * Decodes a stored document. Throws a plain Error (the caller names the index) when the record
 * is not one this build writes: another layout, or a length that does not fit numPerm.
 */
export function decodeRecord(record: Buffer, numPerm: number): DeduperEntry {
  if (record.length < HEADER || record[0] !== RECORD_LAYOUT) throw new Error(`a stored document has record layout ${record[0]}, not ${RECORD_LAYOUT}`);
  const flags = record[1]!;
  const idLength = record.readUInt32LE(4);
  const start = HEADER + idLength;
  const rest = record.length - start - 4 * numPerm;
  if (rest < 0 || rest % 4 !== 0 || ((flags & FLAG_SHINGLES) === 0 && rest !== 0)) {
    throw new Error(`a stored document of ${record.length} bytes does not fit numPerm ${numPerm}`);
  }
  const id = record.toString('utf8', HEADER, start);
  const values = new Uint32Array(numPerm);
  let at = start;
  for (let i = 0; i < numPerm; i++, at += 4) values[i] = record.readUInt32LE(at);
  let shingles: Uint32Array | undefined;
  if ((flags & FLAG_SHINGLES) !== 0) {
    shingles = new Uint32Array(rest / 4);
    for (let i = 0; i < shingles.length; i++, at += 4) shingles[i] = record.readUInt32LE(at);
  }
  return { id, values, isEmpty: (flags & FLAG_EMPTY) !== 0, shingles };
}
