import { murmur3Words } from './murmur3.js';

// A band key is 64 bits: two MurmurHash3 values of the band's rows under different seeds, so
// unrelated bands practically never share a Redis bucket (about one false collision per 1.8e19
// pairs). The in-memory index hashes bands its own way (bandHash.ts) and confirms its buckets on
// the stored values, so both find the same candidates.

/** The high 32 bits of the key of the band of `rows` values starting at `start`. */
export const bandKeyHigh = (values: Uint32Array, start: number, rows: number): number => murmur3Words(values, start, rows, 0x4c534831);

/** The low 32 bits of the key of the band of `rows` values starting at `start`. */
export const bandKeyLow = (values: Uint32Array, start: number, rows: number): number => murmur3Words(values, start, rows, 0x4c534832);
