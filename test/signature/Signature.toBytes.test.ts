import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, MinHasher, Signature, SignatureFormatError } from '../../src/index.js';
import { SCHEMES } from '../../src/signature/Scheme.js';
import { hashSet, overlappingSets, signerParams } from '../__helpers__/arbitraries.js';
import { ARTICLE_000, article } from '../__helpers__/articles.js';
import { fcParams } from '../__helpers__/seed.js';
import { thrown } from '../__helpers__/thrown.js';

const schemes = fc.constantFrom(...SCHEMES);

/** The u32 values after the 16-byte header, read little-endian. */
function storedValues(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: (bytes.length - 16) / 4 }, (_, i) => view.getUint32(16 + 4 * i, true));
}

/** A valid serialized oph signature of four bins, bins 0 and 2 filled (each value's top 2 bits are its bin), for corrupting byte by byte. */
function validBytes(): Uint8Array {
  const bytes = new Uint8Array(32);
  const view = new DataView(bytes.buffer);
  bytes.set([0x4e, 0x44, 0x53, 0x47, 2, 2, 0, 0]);
  view.setUint32(8, 4, true);
  view.setUint32(12, 1, true);
  [0x01020304, 0xffffffff, 0xbffffffe, 0xffffffff].forEach((v, i) => view.setUint32(16 + 4 * i, v, true));
  return bytes;
}

function corrupt(edit: (bytes: Uint8Array, view: DataView) => Uint8Array | void): Uint8Array {
  const bytes = validBytes();
  return edit(bytes, new DataView(bytes.buffer)) ?? bytes;
}

describe('Signature.toBytes', () => {
  it.each(SCHEMES)('writes "NDSG", version 2, the scheme code, flags, a zero byte, numPerm and seed little-endian, then 4 bytes a value (%s)', (scheme) => {
    const sig = new MinHasher({ scheme, numPerm: 300, seed: 0x12345678 }).sign(article(ARTICLE_000));
    const bytes = sig.toBytes();
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBe(16 + 4 * 300);
    expect(Array.from(bytes.subarray(0, 16))).toEqual([
      0x4e, 0x44, 0x53, 0x47, // "NDSG"
      2, // format version
      scheme === 'kperm' ? 1 : 2, // scheme code
      0, // flags: not empty
      0, // reserved
      0x2c, 0x01, 0x00, 0x00, // numPerm 300
      0x78, 0x56, 0x34, 0x12, // seed 0x12345678
    ]);
  });

  it.each(SCHEMES)('sets flag 1 and writes 0xffffffff values for an empty signature (%s)', (scheme) => {
    const bytes = new MinHasher({ scheme, numPerm: 3, seed: 258 }).sign('').toBytes();
    expect(Array.from(bytes)).toEqual([0x4e, 0x44, 0x53, 0x47, 2, scheme === 'kperm' ? 1 : 2, 1, 0, 3, 0, 0, 0, 2, 1, 0, 0, ...new Array(12).fill(0xff)]);
  });

  it('writes kperm values as they are, one little-endian u32 per permutation', () => {
    const sig = new MinHasher({ scheme: 'kperm', numPerm: 40 }).sign(article(ARTICLE_000));
    expect(storedValues(sig.toBytes())).toEqual(Array.from(sig.values));
  });

  it('writes oph bins undensified, so that merges after a round trip stay exact: empty bins as 0xffffffff', () => {
    const sig = new MinHasher({ scheme: 'oph', numPerm: 64 }).signHashes([1, 2, 3]);
    const stored = storedValues(sig.toBytes());
    const filled = stored.flatMap((v, i) => (v === 0xffffffff ? [] : [i]));
    expect(filled.length).toBeGreaterThanOrEqual(1);
    expect(filled.length).toBeLessThanOrEqual(3);
    for (const i of filled) expect(stored[i]).toBe(sig.values[i]);
    expect(sig.values.includes(0xffffffff)).toBe(false);
  });
});

describe('Signature.fromBytes', () => {
  it('reads back every signature toBytes writes: both schemes, numPerm 1 to 300, any seed, empty sets included', () => {
    fc.assert(
      fc.property(schemes, signerParams(300), hashSet({ maxLength: 100 }), (scheme, p, set) => {
        const sig = new MinHasher({ scheme, ...p }).signHashes(set);
        const read = Signature.fromBytes(sig.toBytes());
        expect(read).toBeInstanceOf(Signature);
        expect({ scheme: read.scheme, numPerm: read.numPerm, seed: read.seed, version: read.version, isEmpty: read.isEmpty }).toEqual({
          scheme,
          ...p,
          version: 2,
          isEmpty: set.length === 0,
        });
        expect(read.equals(sig)).toBe(true);
        expect(read.values).toEqual(sig.values);
        expect(read.toBytes()).toEqual(sig.toBytes());
        if (set.length > 0) expect(read.similarity(sig)).toBe(1);
      }),
      fcParams(200),
    );
  });

  it('keeps merges exact after a round trip', () => {
    fc.assert(
      fc.property(schemes, signerParams(300), overlappingSets({ maxLength: 100 }), (scheme, p, { a, b, union }) => {
        const h = new MinHasher({ scheme, ...p });
        const merged = Signature.fromBytes(h.signHashes(a).toBytes()).merge(Signature.fromBytes(h.signHashes(b).toBytes()));
        expect(merged.equals(h.signHashes(union))).toBe(true);
        expect(merged.values).toEqual(h.signHashes(union).values);
      }),
      fcParams(100),
    );
  });

  it('reads a signature from a view into a larger buffer, at an unaligned offset', () => {
    const sig = new MinHasher({ numPerm: 8 }).sign(article(ARTICLE_000));
    const buffer = new Uint8Array(3 + 48 + 5).fill(0xaa);
    buffer.set(sig.toBytes(), 3);
    expect(Signature.fromBytes(buffer.subarray(3, 3 + 48)).equals(sig)).toBe(true);
    expect(Signature.fromBytes(Buffer.from(sig.toBytes())).equals(sig)).toBe(true);
  });

  it.each<[string, () => Uint8Array, number, string]>([
    ['no bytes at all', () => new Uint8Array(0), 0, '0 bytes is shorter than the 16-byte header'],
    ['fewer bytes than the header', () => validBytes().subarray(0, 15), 0, '15 bytes is shorter than the 16-byte header'],
    ['a wrong first magic byte', () => corrupt((b) => void (b[0] = 0x4f)), 0, 'not a neardup signature (magic "NDSG" missing)'],
    ['a wrong last magic byte', () => corrupt((b) => void (b[3] = 0x67)), 3, 'not a neardup signature (magic "NDSG" missing)'],
    ['format version 1 (oph values of another mix)', () => corrupt((b) => void (b[4] = 1)), 4, 'format version 1 is not supported (this build reads version 2)'],
    ['format version 3', () => corrupt((b) => void (b[4] = 3)), 4, 'format version 3 is not supported (this build reads version 2)'],
    ['format version 0', () => corrupt((b) => void (b[4] = 0)), 4, 'format version 0 is not supported (this build reads version 2)'],
    ['scheme code 0', () => corrupt((b) => void (b[5] = 0)), 5, 'unknown scheme code 0'],
    ['scheme code 3', () => corrupt((b) => void (b[5] = 3)), 5, 'unknown scheme code 3'],
    ['unknown flag 2', () => corrupt((b) => void (b[6] = 2)), 6, 'unknown flags 2'],
    ['unknown flags 0x81', () => corrupt((b) => void (b[6] = 0x81)), 6, 'unknown flags 129'],
    ['a value missing its last byte', () => validBytes().subarray(0, 31), 8, 'numPerm 4 needs 32 bytes, got 31'],
    ['a byte after the last value', () => Uint8Array.from([...validBytes(), 0]), 8, 'numPerm 4 needs 32 bytes, got 33'],
    ['a header without its values', () => validBytes().subarray(0, 16), 8, 'numPerm 4 needs 32 bytes, got 16'],
    ['an oph signature flagged empty that has values', () => corrupt((b) => void (b[6] = 1)), 6, 'the empty flag is set but the signature has values'],
    ['an oph value outside its bin', () => corrupt((_, v) => v.setUint32(24, 0xc0000000, true)), 24, 'oph bin 2 holds 0xc0000000, a value of bin 3'],
    [
      'a kperm signature flagged empty that has values',
      () => corrupt((b) => void ((b[5] = 1), (b[6] = 1))),
      6,
      'the empty flag is set but the signature has values',
    ],
    ['a non-zero reserved byte after the flags', () => corrupt((b) => void (b[7] = 5)), 7, 'reserved byte is 5, not 0'],
    ['numPerm 0', () => corrupt((b, v) => (v.setUint32(8, 0, true), b.subarray(0, 16))), 8, 'numPerm 0 is outside 1..1024'],
    // Refused from the header alone: densifying a sparse 65536-bin signature would take minutes.
    ['numPerm above the maximum', () => corrupt((_, v) => void v.setUint32(8, 65536, true)), 8, 'numPerm 65536 is outside 1..1024'],
    [
      'an oph signature with every bin empty but no empty flag',
      () => corrupt((_, v) => [0, 2].forEach((i) => v.setUint32(16 + 4 * i, 0xffffffff, true))),
      6,
      'every bin is empty but the empty flag is not set',
    ],
  ])('refuses %s, naming the offset and the problem', (_, bytes, offset, problem) => {
    const error = thrown(() => Signature.fromBytes(bytes()));
    expect(error).toBeInstanceOf(SignatureFormatError);
    expect(error).toMatchObject({ name: 'SignatureFormatError', message: `invalid signature bytes at offset ${offset}: ${problem}`, offset });
  });

  it.each<[string, unknown, string]>([
    ['an array of bytes', [0x4e, 0x44, 0x53], 'got an array of length 3'],
    ['an ArrayBuffer', new ArrayBuffer(32), 'got an object (ArrayBuffer)'],
    ['a hex string', '4e445347', 'got "4e445347"'],
  ])('refuses %s in place of a Uint8Array', (_, bytes, got) => {
    const error = thrown(() => Signature.fromBytes(bytes as Uint8Array));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error).toMatchObject({ message: `bytes must be a Uint8Array, ${got}`, option: 'bytes' });
  });

  it('accepts the hand-built signature the refusal cases start from', () => {
    const sig = Signature.fromBytes(validBytes());
    expect({ scheme: sig.scheme, numPerm: sig.numPerm, seed: sig.seed, isEmpty: sig.isEmpty }).toEqual({ scheme: 'oph', numPerm: 4, seed: 1, isEmpty: false });
    // Densified: the two empty bins copy one of the filled bins' values.
    expect(Array.from(sig.values).every((v) => v === 0x01020304 || v === 0xbffffffe)).toBe(true);
    expect([sig.values[0], sig.values[2]]).toEqual([0x01020304, 0xbffffffe]);
  });
});
