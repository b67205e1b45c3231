import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Uint32Slabs } from '../../src/internal/Uint32Slabs.js';
import { fcParams } from '../__helpers__/seed.js';

describe('Uint32Slabs', () => {
  it('hands out zeroed arrays of the given length that never overlap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 40 }), (length, count) => {
        const slabs = new Uint32Slabs(length);
        const arrays = Array.from({ length: count }, () => slabs.take());
        arrays.forEach((a, i) => {
          expect(a.length).toBe(length);
          expect(a.every((v) => v === 0)).toBe(true);
          a.fill(i + 1);
        });
        arrays.forEach((a, i) => expect(a.every((v) => v === i + 1)).toBe(true));
      }),
      fcParams(50),
    );
  });

  it('cuts as many arrays as fit in 4 KiB from each buffer, and at least one', () => {
    const count = (length: number): number => {
      const slabs = new Uint32Slabs(length);
      const first = slabs.take().buffer;
      let n = 1;
      while (slabs.take().buffer === first) n++;
      return n;
    };
    expect(count(128)).toBe(8);
    expect(count(100)).toBe(10);
    expect(count(1024)).toBe(1);
    expect(count(2000)).toBe(1);
  });
});
