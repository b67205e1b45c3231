import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandHash, bandMultipliers } from '../../src/internal/bandHash.js';

const u32 = fc.nat({ max: 0xffffffff });

describe('bandMultipliers', () => {
  it('gives odd multipliers, the same for every call', () => {
    const m = bandMultipliers(64);
    expect(m.every((x) => (x & 1) === 1)).toBe(true);
    expect(bandMultipliers(64)).toEqual(m);
    expect(bandMultipliers(7)).toEqual(m.subarray(0, 7));
  });
});

describe('bandHash', () => {
  it('hashes the rows from start, whatever comes before and after them', () => {
    fc.assert(
      fc.property(fc.array(u32, { minLength: 1, maxLength: 16 }), fc.array(u32, { maxLength: 8 }), fc.array(u32, { maxLength: 8 }), (band, before, after) => {
        const m = bandMultipliers(band.length);
        const alone = bandHash(Uint32Array.from(band), 0, m);
        expect(bandHash(Uint32Array.from([...before, ...band, ...after]), before.length, m)).toBe(alone);
      }),
    );
  });

  it('always changes when exactly one row changes (odd multipliers and the finalizer are bijections)', () => {
    fc.assert(
      fc.property(fc.array(u32, { minLength: 1, maxLength: 16 }), fc.nat(), u32, (band, at, replacement) => {
        const row = at % band.length;
        fc.pre(band[row] !== replacement);
        const m = bandMultipliers(band.length);
        const changed = band.slice();
        changed[row] = replacement;
        expect(bandHash(Uint32Array.from(changed), 0, m)).not.toBe(bandHash(Uint32Array.from(band), 0, m));
      }),
    );
  });

  it('depends on the order of the rows', () => {
    const m = bandMultipliers(2);
    expect(bandHash(Uint32Array.of(1, 2), 0, m)).not.toBe(bandHash(Uint32Array.of(2, 1), 0, m));
  });

  it('spreads bands over the table: top bits (the place) and low byte (the tag) near uniform', () => {
    // 2^16 random 7-row bands into 64 places and 256 tags: every count within 25% of its mean.
    let seed = 1;
    const next = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    const m = bandMultipliers(7);
    const places = new Array<number>(64).fill(0);
    const tags = new Array<number>(256).fill(0);
    const band = new Uint32Array(7);
    for (let n = 0; n < 1 << 16; n++) {
      for (let i = 0; i < 7; i++) band[i] = next() >>> (i % 3) * 8; // small values too, like minima
      const h = bandHash(band, 0, m);
      places[h >>> 26]!++;
      tags[h & 0xff]!++;
    }
    for (const count of places) expect(Math.abs(count - 1024)).toBeLessThan(256);
    for (const count of tags) expect(Math.abs(count - 256)).toBeLessThan(64);
  });
});
