import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invalidOption } from '../__helpers__/thrown.js';
import { candidateProbability, chooseBandsRows, DEFAULT_ERROR_WEIGHT, DEFAULT_RECALL_AT_THRESHOLD, LshIndex } from '../../src/index.js';

const seed = Number(process.env['FC_SEED'] ?? 42);


describe('chooseBandsRows results', () => {
  it('are frozen, so changing one cannot change later choices', () => {
    const choice = chooseBandsRows({ threshold: 0.77 });
    expect(Object.isFrozen(choice)).toBe(true);
    expect(() => {
      (choice as { bands: number }).bands = 1;
    }).toThrow(TypeError);
    expect(chooseBandsRows({ threshold: 0.77 }).bands).toBe(choice.bands);
  });

  it('refuses a recallAtThreshold outside 0..1 with the rule "a number from 0 to 1"', () => {
    expect(() => chooseBandsRows({ recallAtThreshold: -0.5 })).toThrow('recallAtThreshold must be a number from 0 to 1, got -0.5');
    expect(() => chooseBandsRows({ recallAtThreshold: 1.5 })).toThrow('recallAtThreshold must be a number from 0 to 1, got 1.5');
  });
});

describe('candidateProbability', () => {
  it('is 1 - (1 - s^rows)^bands (25 x 5 at 0.5: 1 - (31/32)^25 = 0.5478)', () => {
    expect(candidateProbability(0.5, { bands: 25, rows: 5 })).toBeCloseTo(1 - (31 / 32) ** 25, 12);
    expect(candidateProbability(0.5, { bands: 25, rows: 5 })).toBeCloseTo(0.5478, 4);
  });

  it('is 1.0000 to four places at 0.9 with 25 x 5, as its doc comment says', () => {
    expect(candidateProbability(0.9, { bands: 25, rows: 5 })).toBeCloseTo(1, 4);
    expect(candidateProbability(0.9, { bands: 25, rows: 5 })).toBeLessThan(1);
  });

  it('is the similarity itself for one band of one row', () => {
    for (const s of [0, 0.125, 0.5, 0.8, 1]) expect(candidateProbability(s, { bands: 1, rows: 1 })).toBeCloseTo(s, 15);
  });

  it('is s^rows for one band and 1 - (1 - s)^bands for rows of one', () => {
    expect(candidateProbability(0.5, { bands: 1, rows: 3 })).toBeCloseTo(0.125, 15);
    expect(candidateProbability(0.5, { bands: 3, rows: 1 })).toBeCloseTo(0.875, 15);
  });

  it('is 0 at similarity 0 and 1 at similarity 1 for every banding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 256 }), (bands, rows) => {
        expect(candidateProbability(0, { bands, rows })).toBe(0);
        expect(candidateProbability(1, { bands, rows })).toBe(1);
      }),
      { seed, numRuns: 200 },
    );
  });

  it('never decreases as the similarity grows, and stays within [0, 1]', () => {
    const similarity = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 128 }), fc.integer({ min: 1, max: 64 }), similarity, similarity, (bands, rows, x, y) => {
        const [low, high] = x <= y ? [x, y] : [y, x];
        const pLow = candidateProbability(low, { bands, rows });
        const pHigh = candidateProbability(high, { bands, rows });
        expect(pLow).toBeLessThanOrEqual(pHigh);
        expect(pLow).toBeGreaterThanOrEqual(0);
        expect(pHigh).toBeLessThanOrEqual(1);
      }),
      { seed, numRuns: 500 },
    );
  });
});

describe('chooseBandsRows', () => {
  describe('with recallAtThreshold: 0 (the classic weighted-area optimum, equal weights)', () => {
    it.each([
      [128, 0.5, 25, 5],
      [128, 0.7, 14, 9],
      [128, 0.8, 9, 13],
      [128, 0.9, 5, 25],
      [64, 0.8, 5, 11],
      [256, 0.8, 17, 15],
    ])('chooses the reference banding for numPerm %i at threshold %f: %i x %i', (numPerm, threshold, bands, rows) => {
      const choice = chooseBandsRows({ threshold, numPerm, recallAtThreshold: 0 });
      expect({ bands: choice.bands, rows: choice.rows }).toEqual({ bands, rows });
    });

    it('misses most pairs right at the threshold (the reason the default is recall-first)', () => {
      const choice = chooseBandsRows({ threshold: 0.8, recallAtThreshold: 0 });
      expect(choice.recallAtThreshold).toBeCloseTo(0.3988, 4);
    });
  });

  describe('by default (recall-first)', () => {
    const cases = [64, 128, 256].flatMap((numPerm) => [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((threshold) => [numPerm, threshold] as const));

    it.each(cases)('makes a pair at the threshold a candidate with probability >= 0.95 (numPerm %i, threshold %f)', (numPerm, threshold) => {
      const choice = chooseBandsRows({ threshold, numPerm });
      expect(candidateProbability(threshold, choice)).toBeGreaterThanOrEqual(0.95);
      expect(choice.recallAtThreshold).toBe(candidateProbability(threshold, choice));
      expect(choice.bands * choice.rows).toBeLessThanOrEqual(numPerm);
      expect(choice.bands).toBeGreaterThanOrEqual(1);
      expect(choice.rows).toBeGreaterThanOrEqual(1);
    });

    it('uses threshold 0.5 and 128 values when called without options (23 x 3)', () => {
      const choice = chooseBandsRows();
      expect(choice).toEqual(chooseBandsRows({ threshold: 0.5, numPerm: 128, recallAtThreshold: 0.95, falsePositiveWeight: 0.5, falseNegativeWeight: 0.5 }));
      expect({ bands: choice.bands, rows: choice.rows }).toEqual({ bands: 23, rows: 3 });
    });

    it('chooses 13 x 7 at threshold 0.8 with 128 values', () => {
      const choice = chooseBandsRows({ threshold: 0.8 });
      expect({ bands: choice.bands, rows: choice.rows }).toEqual({ bands: 13, rows: 7 });
      expect(choice.recallAtThreshold).toBeCloseTo(0.9531, 4);
    });

    it('honours a stricter recallAtThreshold', () => {
      const choice = chooseBandsRows({ threshold: 0.8, recallAtThreshold: 0.99 });
      expect(choice.recallAtThreshold).toBeGreaterThanOrEqual(0.99);
      expect(choice.recallAtThreshold).toBeGreaterThan(chooseBandsRows({ threshold: 0.8 }).recallAtThreshold);
    });
  });

  it('reports the exact areas of the only banding of one value (P(s) = s)', () => {
    const choice = chooseBandsRows({ numPerm: 1, threshold: 0.5, recallAtThreshold: 0 });
    expect(choice.bands).toBe(1);
    expect(choice.rows).toBe(1);
    expect(choice.recallAtThreshold).toBe(0.5);
    expect(choice.falsePositiveArea).toBeCloseTo(0.125, 12); // ∫₀^½ s ds
    expect(choice.falseNegativeArea).toBeCloseTo(0.125, 12); // ∫½¹ 1 - s ds
  });

  describe('weights', () => {
    const weighted = (threshold: number, numPerm: number, fn: number, recallAtThreshold?: number) =>
      chooseBandsRows({ threshold, numPerm, falseNegativeWeight: fn, falsePositiveWeight: 1 - fn, ...(recallAtThreshold === undefined ? {} : { recallAtThreshold }) });

    it('raises the recall at the threshold as the false-negative weight grows (classic optimum)', () => {
      const recalls = [0.1, 0.5, 0.9].map((fn) => weighted(0.8, 128, fn, 0).recallAtThreshold);
      expect(recalls[0]).toBeLessThan(recalls[1]!);
      expect(recalls[1]).toBeLessThan(recalls[2]!);
    });

    it('never lowers the recall at the threshold as the false-negative weight grows (recall-first)', () => {
      const weights = [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99];
      for (const numPerm of [64, 128, 256]) {
        for (const threshold of [0.3, 0.5, 0.7, 0.8, 0.9]) {
          const recalls = weights.map((fn) => weighted(threshold, numPerm, fn).recallAtThreshold);
          for (let i = 1; i < recalls.length; i++) expect(recalls[i]).toBeGreaterThanOrEqual(recalls[i - 1]!);
          expect(recalls[recalls.length - 1]).toBeGreaterThan(recalls[0]!);
        }
      }
    });

    it('gives more false positives in exchange when false negatives weigh more', () => {
      const cautious = weighted(0.8, 128, 0.1, 0);
      const eager = weighted(0.8, 128, 0.9, 0);
      expect(eager.falsePositiveArea).toBeGreaterThan(cautious.falsePositiveArea);
      expect(eager.falseNegativeArea).toBeLessThan(cautious.falseNegativeArea);
    });
  });

  describe('errors', () => {
    it('refuses an unreachable recallAtThreshold and names the best reachable value', () => {
      const error = invalidOption(() => chooseBandsRows({ numPerm: 4, threshold: 0.1, recallAtThreshold: 0.99 }));
      expect(error.option).toBe('recallAtThreshold');
      expect(error.value).toBe(0.99);
      // 4 bands of 1 row: 1 - 0.9^4 = 0.3439, the most 4 values can give at 0.1.
      expect(error.message).toBe(
        'recallAtThreshold must be reachable with numPerm 4 at threshold 0.1 (at most 0.3439, with 4 bands x 1 rows), got 0.99',
      );
    });

    it.each([
      [{ threshold: 0 }, 'threshold', 'threshold must be a number greater than 0 and at most 1, got 0'],
      [{ threshold: 1.5 }, 'threshold', 'threshold must be a number greater than 0 and at most 1, got 1.5'],
      [{ threshold: Number.NaN }, 'threshold', 'threshold must be a number greater than 0 and at most 1, got NaN'],
      [{ numPerm: 0 }, 'numPerm', 'numPerm must be an integer from 1 to 1024, got 0'],
      [{ numPerm: 12.5 }, 'numPerm', 'numPerm must be an integer from 1 to 1024, got 12.5'],
      [{ falsePositiveWeight: -1 }, 'falsePositiveWeight', 'falsePositiveWeight must be a finite number >= 0, got -1'],
      [{ falseNegativeWeight: Number.POSITIVE_INFINITY }, 'falseNegativeWeight', 'falseNegativeWeight must be a finite number >= 0, got Infinity'],
    ])('refuses %o, naming option, rule and value', (options, option, message) => {
      const error = invalidOption(() => chooseBandsRows(options));
      expect(error.option).toBe(option);
      expect(error.message).toBe(message);
    });

    it('refuses a recallAtThreshold above 1', () => {
      const error = invalidOption(() => chooseBandsRows({ recallAtThreshold: 1.2 }));
      expect(error.option).toBe('recallAtThreshold');
      expect(error.value).toBe(1.2);
      expect(error.message).toBe("recallAtThreshold must be a number from 0 to 1, got 1.2");
    });

    it('refuses options that are not an options object', () => {
      const error = invalidOption(() => chooseBandsRows(0.5 as never));
      expect(error.option).toBe('options');
      expect(error.message).toBe('options must be an options object, got 0.5');
    });
  });
});

describe('banding options given with explicit bands and rows', () => {
  it('are still validated, so a bad value is never silently unused', () => {
    expect(() => new LshIndex({ bands: 4, rows: 1, recallAtThreshold: 5 })).toThrow('recallAtThreshold must be a number from 0 to 1, got 5');
    expect(() => new LshIndex({ bands: 4, rows: 1, falsePositiveWeight: -1 })).toThrow('falsePositiveWeight must be a finite number >= 0, got -1');
    expect(() => new LshIndex({ bands: 4, rows: 1, threshold: 2 })).toThrow('threshold must be a number greater than 0 and at most 1, got 2');
  });

  it('have exported defaults: recall 0.95 at the threshold, equal weights of 0.5', () => {
    expect([DEFAULT_RECALL_AT_THRESHOLD, DEFAULT_ERROR_WEIGHT]).toEqual([0.95, 0.5]);
    expect(chooseBandsRows({ threshold: 0.7 })).toEqual(chooseBandsRows({ threshold: 0.7, recallAtThreshold: DEFAULT_RECALL_AT_THRESHOLD, falsePositiveWeight: 0.5, falseNegativeWeight: 0.5 }));
  });
});
