import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashArena, SHINGLE_CHUNK_WORDS } from '../../src/internal/HashArena.js';

describe('HashArena', () => {
  it('returns copies that keep their values while the source and later copies change', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 40_000 }), { maxLength: 30 }), (arrays) => {
        const arena = new HashArena(SHINGLE_CHUNK_WORDS);
        const scratch = new Uint32Array(40_000); // one buffer reused for every source, as the scan does
        const copies = arrays.map((values) => {
          scratch.set(values);
          const copy = arena.copy(scratch.subarray(0, values.length));
          scratch.fill(7);
          return copy;
        });
        copies.forEach((copy, i) => expect(Array.from(copy)).toEqual(arrays[i]));
      }),
      { numRuns: 40 },
    );
  });

  it('packs small copies into one chunk and gives a long array a buffer of its own', () => {
    const arena = new HashArena(SHINGLE_CHUNK_WORDS);
    const a = arena.copy(Uint32Array.of(1, 2, 3));
    const b = arena.copy(Uint32Array.of(4, 5));
    expect(b.buffer).toBe(a.buffer);
    expect(b.byteOffset).toBe(a.byteOffset + 12);
    const long = arena.copy(new Uint32Array(100_000).fill(9));
    expect(long.buffer).not.toBe(a.buffer);
    expect(long.byteLength).toBe(long.buffer.byteLength);
  });
});
