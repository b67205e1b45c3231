import { describe, expect, it } from 'vitest';
import { BandTable, type StoredRows } from '../../src/internal/BandTable.js';
import { bandKeyLow } from '../../src/internal/bandKeys.js';
import { mulberry32 } from '../__helpers__/random.js';

// A table over signatures of 4 values, looking at the band of rows 1 and 2 (start 1, rows 2).
const START = 1;
const ROWS = 2;

function setup(hashOf: (values: Uint32Array) => number) {
  const signatures: Uint32Array[] = [];
  const stored: StoredRows = {
    equal: (slot, values, start, rows) => signatures[slot]!.subarray(start, start + rows).every((v, i) => v === values[start + i]),
    hash: (slot) => hashOf(signatures[slot]!),
  };
  const table = new BandTable(START, ROWS, stored);
  const bucket = (values: Uint32Array) => {
    const slots: number[] = [];
    for (let s = table.firstSlot(hashOf(values), values); s >= 0; s = table.nextSlot(s)) slots.push(s);
    return slots.sort((a, b) => a - b);
  };
  // The slot added, and the bucket's first slot before it (what add() returns).
  const addReturning = (values: number[]) => {
    const slot = signatures.length;
    signatures.push(Uint32Array.from(values));
    return [slot, table.add(hashOf(signatures[slot]!), signatures[slot]!, slot)] as const;
  };
  const add = (values: number[]) => addReturning(values)[0];
  const remove = (slot: number) => table.delete(hashOf(signatures[slot]!), signatures[slot]!, slot);
  return { table, bucket, add, addReturning, remove };
}

const murmur = (values: Uint32Array) => bandKeyLow(values, START, ROWS);

describe('BandTable', () => {
  it('puts documents in one bucket exactly when the rows of their band are equal', () => {
    const { bucket, add } = setup(murmur);
    const a = add([1, 10, 20, 2]);
    const b = add([9, 10, 20, 9]); // same band rows, other values elsewhere
    add([1, 10, 21, 2]); // one row differs
    expect(bucket(Uint32Array.from([0, 10, 20, 0]))).toEqual([a, b]);
    expect(bucket(Uint32Array.from([0, 11, 20, 0]))).toEqual([]);
  });

  it('confirms buckets on the stored values, so even colliding hashes never mix bands', () => {
    // Every band hashes alike: only the stored values can tell the buckets apart.
    const { table, bucket, add } = setup(() => 0x12345678);
    const slots = Array.from({ length: 200 }, (_, i) => add([0, i % 50, 7, 0]));
    expect(table.bucketCount).toBe(50);
    for (let i = 0; i < 50; i++) expect(bucket(Uint32Array.from([0, i, 7, 0]))).toEqual(slots.filter((s) => s % 50 === i));
  });

  it('keeps every bucket through growth, removals and the reuse of freed places', () => {
    const { table, bucket, add, remove } = setup(murmur);
    const next = mulberry32(3);
    const live = new Map<number, number[]>(); // slot -> values
    for (let round = 0; round < 20_000; round++) {
      if (live.size > 0 && next() % 3 === 0) {
        const slot = [...live.keys()][next() % live.size]!;
        remove(slot);
        live.delete(slot);
      } else {
        const values = [next(), next() % 300, next() % 3, next()];
        live.set(add(values), values);
      }
    }
    const expected = new Map<string, number[]>();
    for (const [slot, values] of live) {
      const key = `${values[1]},${values[2]}`;
      expected.set(key, [...(expected.get(key) ?? []), slot]);
    }
    expect(table.bucketCount).toBe(expected.size);
    for (const [key, slots] of expected) {
      const [x, y] = key.split(',').map(Number);
      expect(bucket(Uint32Array.from([0, x!, y!, 0])), key).toEqual(slots.sort((a, b) => a - b));
    }
  });

  it('returns from add the bucket as it was before: its first slot, or -1 for a new bucket', () => {
    const { table, addReturning } = setup(murmur);
    const [a, none] = addReturning([1, 10, 20, 2]);
    expect(none).toBe(-1);
    const [b, first] = addReturning([5, 10, 20, 5]);
    expect(first).toBe(a);
    const [, firstAfter] = addReturning([6, 10, 20, 6]);
    expect(firstAfter).toBe(b);
    expect(table.nextSlot(b)).toBe(a); // walking on from it gives the rest of the old bucket
    expect(table.nextSlot(a)).toBe(-1);
  });

  it('holds what it reserved room for, with the same buckets as a table that grew', () => {
    const reserved = setup(murmur);
    reserved.table.reserve(5000);
    reserved.table.reserve(10); // less than reserved already: nothing changes
    const grown = setup(murmur);
    const next = mulberry32(7);
    for (let i = 0; i < 5000; i++) {
      const values = [0, next() % 2000, next() % 2, 0];
      expect(reserved.add(values)).toBe(grown.add(values));
    }
    expect(reserved.table.bucketCount).toBe(grown.table.bucketCount);
    for (let x = 0; x < 2000; x += 37) for (const y of [0, 1]) {
      const values = Uint32Array.from([0, x, y, 0]);
      expect(reserved.bucket(values)).toEqual(grown.bucket(values));
    }
  });
});
