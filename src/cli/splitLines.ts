/** A line of input, as {@link splitLines} yields it. */
export type Line =
  /** A line within the limit: its bytes, without the `\n` (and without a `\r` before it). */
  | { readonly number: number; readonly bytes: Buffer; readonly tooLong?: undefined }
  /** A line over the limit: its bytes were never kept, only its number. */
  | { readonly number: number; readonly bytes?: undefined; readonly tooLong: true };

/**
 * Splits a stream of byte chunks into lines (ending at `\n`; a `\r` before it is dropped; the last
 * line needs no `\n`), numbered from 1, without ever holding more than `maxLineBytes` of one line.
 *
 * A line that grows past `maxLineBytes` is reported as `{ number, tooLong: true }` as soon as it
 * crosses the limit, before the rest of it is read; if the caller keeps iterating, the rest of
 * that line is read and dropped chunk by chunk, so a 50 MB line costs no more memory than a short
 * one. Splitting bytes at `\n` is safe for UTF-8, whose multi-byte sequences never contain 0x0A;
 * decoding is left to the caller, line by line.
 *
 * @param chunks the raw input: a file or stdin stream (not set to a string encoding). The source may
 *   reuse a chunk's memory once the next chunk is asked for: a line that is yielded is only valid
 *   until the iteration resumes, and the pieces of an unfinished line are copied.
 * @param maxLineBytes the most bytes a line may have, not counting its `\n`
 * @example
 * ```ts
 * for await (const line of splitLines(createReadStream('news.jsonl'), 16 * 1024 * 1024)) {
 *   if (line.tooLong) console.error(`line ${line.number} is too long`);
 *   else handle(line.bytes.toString('utf8'));
 * }
 * ```
 */
export async function* splitLines(chunks: AsyncIterable<Uint8Array | string>, maxLineBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let partsLength = 0;
  let discarding = false;
  let number = 1;
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    let start = 0;
    while (start <= chunk.length) {
      const end = chunk.indexOf(0x0a, start);
      const piece = chunk.subarray(start, end === -1 ? chunk.length : end);
      if (!discarding) {
        if (partsLength + piece.length > maxLineBytes) {
          parts = [];
          partsLength = 0;
          discarding = true;
          yield { number, tooLong: true };
        } else if (piece.length > 0) {
          // A piece that waits for the rest of its line is copied: the source may reuse its chunk.
          parts.push(end === -1 ? Buffer.from(piece) : piece);
          partsLength += piece.length;
        }
      }
      if (end === -1) break;
      if (!discarding) yield { number, bytes: joinLine(parts, partsLength) };
      parts = [];
      partsLength = 0;
      discarding = false;
      number++;
      start = end + 1;
    }
  }
  if (!discarding && partsLength > 0) yield { number, bytes: joinLine(parts, partsLength) };
}

function joinLine(parts: Buffer[], length: number): Buffer {
  const line = parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
  return line.length > 0 && line[line.length - 1] === 0x0d ? line.subarray(0, line.length - 1) : line;
}
