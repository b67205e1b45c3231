import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeduper, type Deduper, type NeardupOptions } from '../../src/index.js';
import { IndexFileError } from '../../src/cli/errors/IndexFileError.js';
import { INDEX_FORMAT_VERSION, INDEX_MAGIC, loadIndexFile, saveIndexFile } from '../../src/cli/indexFile.js';

const story = (n: number) => `Story ${n}: ` + Array.from({ length: 60 }, (_, i) => `word${(i * 7 + n * 13) % 97}`).join(' ');
const docs = Array.from({ length: 40 }, (_, n) => ({ id: `doc-${n}`, text: story(n % 30) })); // 10 repeats

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'neardup-index-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function filled(options: NeardupOptions = {}, count = docs.length): Promise<Deduper> {
  const deduper = await createDeduper(options);
  for (const { id, text } of docs.slice(0, count)) await deduper.add(id, text);
  return deduper;
}

const snapshot = (deduper: Deduper) =>
  [...deduper.entries()].map((e) => ({ id: e.id, values: Array.from(e.values), isEmpty: e.isEmpty, shingles: e.shingles && Array.from(e.shingles) }));

async function refusal(path: string, options: NeardupOptions = {}): Promise<IndexFileError> {
  const error = await loadIndexFile(path, await createDeduper(options)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IndexFileError);
  return error as IndexFileError;
}

describe('saveIndexFile then loadIndexFile', () => {
  it('restores every document: same entries, same matches for a new document', async () => {
    const path = join(dir, 'seen.ndx');
    const original = await filled();
    await saveIndexFile(path, original);
    const loaded = await createDeduper();
    expect(await loadIndexFile(path, loaded)).toBe(docs.length);
    expect(snapshot(loaded)).toEqual(snapshot(original));
    expect(await loaded.add('new', story(3))).toEqual(await original.add('new', story(3)));
  });

  it('keeps no shingle sets under verify: estimate, and restores such an index', async () => {
    const options = { verify: 'estimate' } as const;
    const path = join(dir, 'seen.ndx');
    await saveIndexFile(path, await filled(options));
    const loaded = await createDeduper(options);
    await loadIndexFile(path, loaded);
    expect(snapshot(loaded)).toEqual(snapshot(await filled(options)));
    expect([...loaded.entries()].every((e) => e.shingles === undefined)).toBe(true);
  });

  it('returns undefined for a file that does not exist (a first run)', async () => {
    expect(await loadIndexFile(join(dir, 'none.ndx'), await createDeduper())).toBeUndefined();
  });

  it('starts with the magic number and the format version', async () => {
    const path = join(dir, 'seen.ndx');
    await saveIndexFile(path, await filled());
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 8)).toEqual(INDEX_MAGIC);
    expect(bytes.readUInt32LE(8)).toBe(INDEX_FORMAT_VERSION);
    expect(Number(bytes.readBigUInt64LE(12))).toBe(bytes.length);
    expect(JSON.parse(bytes.subarray(24, 24 + bytes.readUInt32LE(20)).toString('utf8'))).toEqual({
      signatureFormatVersion: 2,
      scheme: 'oph',
      numPerm: 128,
      seed: 1,
      shingling: { kind: 'word', size: 5 },
      threshold: 0.5,
      verify: 'exact',
      bands: 23,
      rows: 3,
      documents: docs.length,
    });
  });

  it('is written byte for byte the same from the same documents', async () => {
    await saveIndexFile(join(dir, 'a.ndx'), await filled());
    await saveIndexFile(join(dir, 'b.ndx'), await filled());
    expect(readFileSync(join(dir, 'a.ndx')).equals(readFileSync(join(dir, 'b.ndx')))).toBe(true);
  });
});

describe('a file that cannot be trusted is refused, naming the file and the problem', () => {
  let path: string;
  let bytes: Buffer;
  beforeEach(async () => {
    path = join(dir, 'seen.ndx');
    await saveIndexFile(path, await filled());
    bytes = readFileSync(path);
  });

  it('truncated, anywhere', async () => {
    for (const length of [bytes.length - 1, bytes.length - 40, 100, 30]) {
      writeFileSync(path, bytes.subarray(0, length));
      expect((await refusal(path)).message).toBe(`index ${path}: truncated: ${length} bytes, but the header says ${bytes.length}`);
    }
    writeFileSync(path, bytes.subarray(0, 12));
    expect((await refusal(path)).message).toBe(`index ${path}: truncated: 12 bytes, too short for the header`);
  });

  it('with any single byte flipped after the length field', async () => {
    for (const offset of [20, 30, 200, Math.floor(bytes.length / 2), bytes.length - 33, bytes.length - 1]) {
      const corrupt = Buffer.from(bytes);
      corrupt[offset] = corrupt[offset]! ^ 0x01;
      writeFileSync(path, corrupt);
      const error = await refusal(path);
      expect(error.file).toBe(path);
      expect(error.problem).toMatch(/^corrupt: /);
    }
  });

  it('with data appended', async () => {
    writeFileSync(path, Buffer.concat([bytes, Buffer.from('\n')]));
    expect((await refusal(path)).problem).toBe(`${bytes.length + 1} bytes, but the header says ${bytes.length}: extra data after the index`);
  });

  it('not an index at all (or empty)', async () => {
    writeFileSync(path, '{"id": "a", "text": "a JSON Lines file given as --index by mistake"}\n');
    expect((await refusal(path)).problem).toBe('not a neardup index file (its first bytes are not the index magic number)');
    writeFileSync(path, '');
    expect((await refusal(path)).problem).toBe('not a neardup index file (its first bytes are not the index magic number)');
  });

  it('from a newer format version', async () => {
    const newer = Buffer.from(bytes);
    newer.writeUInt32LE(INDEX_FORMAT_VERSION + 1, 8);
    writeFileSync(path, newer);
    expect((await refusal(path)).problem).toBe(`format version ${INDEX_FORMAT_VERSION + 1}, but this neardup reads version ${INDEX_FORMAT_VERSION} (written by a newer neardup)`);
  });

  it('holding signatures of an older signature format (an index built before an upgrade)', async () => {
    const older = Buffer.from(bytes);
    const at = older.indexOf('"signatureFormatVersion":2');
    expect(at).toBeGreaterThan(0);
    older.write('"signatureFormatVersion":1', at);
    createHash('sha256').update(older.subarray(0, older.length - 32)).digest().copy(older, older.length - 32);
    writeFileSync(path, older);
    expect((await refusal(path)).problem).toBe('holds signatures of format version 1, this neardup computes version 2: build a new index');
  });

  it('written with other options: each difference is named, with both values', async () => {
    expect((await refusal(path, { seed: 2 })).problem).toBe('written with other options: --seed 1 (this run: 2); run with the index\'s options, or use another index file');
    expect((await refusal(path, { threshold: 0.8, scheme: 'kperm' })).problem).toBe(
      'written with other options: --scheme oph (this run: kperm), --threshold 0.5 (this run: 0.8); run with the index\'s options, or use another index file',
    );
    expect((await refusal(path, { charNgrams: 4 })).problem).toMatch(/^written with other options: shingling --shingle-size 5 \(this run: --char-ngrams 4\);/);
    expect((await refusal(path, { numPerm: 64 })).problem).toMatch(/--num-perm 128 \(this run: 64\)/);
    expect((await refusal(path, { verify: 'estimate' })).problem).toMatch(/--verify exact \(this run: estimate\)/);
    expect((await refusal(path, { bands: 16, rows: 8 })).problem).toMatch(/^written with other options: banding 23 bands x 3 rows \(this run: 16 x 8; set by --bands and --rows, or chosen with --recall-at-threshold\);/);
  });
});

describe('saving is atomic', () => {
  it('a failure while writing (a full disk) leaves the old index intact and no temporary file', async () => {
    const path = join(dir, 'seen.ndx');
    await saveIndexFile(path, await filled({}, 10));
    const before = readFileSync(path);
    const full = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const error = await saveIndexFile(path, await filled(), { afterWrite: () => { throw full; } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexFileError);
    expect((error as IndexFileError).message).toBe(`index ${path}: cannot write: no space left on device (ENOSPC) (the previous index, if any, is unchanged)`);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['seen.ndx']);
  });

  it('a failure just before the rename leaves the old index intact; the complete new file was beside it', async () => {
    const path = join(dir, 'seen.ndx');
    await saveIndexFile(path, await filled({}, 10));
    const before = readFileSync(path);
    let temporary = '';
    const error = await saveIndexFile(path, await filled(), {
      beforeRename: (tmp) => {
        temporary = tmp;
        expect(existsSync(tmp)).toBe(true);
        throw new Error('power cut');
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IndexFileError);
    expect(temporary).toBe(`${path}.tmp-${process.pid}`);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['seen.ndx']);
    expect(await loadIndexFile(path, await createDeduper())).toBe(10);
  });

  it('into a missing directory: a clear error', async () => {
    const path = join(dir, 'missing', 'seen.ndx');
    const error = await saveIndexFile(path, await filled()).catch((e: unknown) => e);
    expect((error as IndexFileError).message).toBe(`index ${path}: cannot write: no such file or directory (ENOENT) (the previous index, if any, is unchanged)`);
  });
});
