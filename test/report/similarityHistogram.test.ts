import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BIN_WIDTH, similarityBins, similarityHistogram } from '../../src/cli/report/similarityHistogram.js';
import { fcParams } from '../__helpers__/seed.js';

describe('similarityBins', () => {
  it('counts the doc comment’s example as documented', () => {
    expect(similarityBins([0.5, 0.61, 1], 0.5).filter((b) => b.count > 0)).toEqual([
      { from: 0.5, to: 0.55, count: 1 },
      { from: 0.6, to: 0.65, count: 1 },
      { from: 0.95, to: 1, count: 1 },
    ]);
  });

  it('cuts [threshold, 1] into bins of 0.05, the last one ending at 1', () => {
    expect(similarityBins([], 0.5).map((b) => [b.from, b.to])).toEqual([
      [0.5, 0.55], [0.55, 0.6], [0.6, 0.65], [0.65, 0.7], [0.7, 0.75], [0.75, 0.8], [0.8, 0.85], [0.85, 0.9], [0.9, 0.95], [0.95, 1],
    ]);
    expect(similarityBins([], 0.52).at(-1)).toEqual({ from: 0.97, to: 1, count: 0 });
    expect(similarityBins([], 0.52)).toHaveLength(10);
    expect(similarityBins([], 0.9)).toHaveLength(2);
    expect(similarityBins([1], 1)).toEqual([{ from: 1, to: 1, count: 1 }]);
  });

  it('puts a similarity on a bin edge in the bin it starts, despite floating point', () => {
    const bins = similarityBins([0.55, 0.6, 0.7, 0.85, 0.95], 0.5);
    expect(bins.filter((b) => b.count > 0).map((b) => b.from)).toEqual([0.55, 0.6, 0.7, 0.85, 0.95]);
    expect(similarityBins([0.3 + 0.05], 0.3)[1]!.count).toBe(1);
  });

  it('counts every similarity once, in the bin that holds it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }).map((t) => t / 100), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 50 }), (threshold, raw) => {
        const similarities = raw.map((s) => threshold + s * (1 - threshold));
        const bins = similarityBins(similarities, threshold);
        expect(bins.reduce((sum, b) => sum + b.count, 0)).toBe(similarities.length);
        expect(bins[0]!.from).toBeCloseTo(threshold, 9);
        expect(bins.at(-1)!.to).toBe(1);
        for (const s of similarities) {
          const [counted] = similarityBins([s], threshold).filter((b) => b.count === 1);
          expect(counted!.from - 1e-9 <= s && (s < counted!.to + 1e-9 || counted!.to === 1)).toBe(true);
        }
        for (let i = 1; i < bins.length; i++) expect(bins[i]!.from - bins[i - 1]!.from).toBeCloseTo(BIN_WIDTH, 9);
      }),
      fcParams(200),
    );
  });
});

describe('similarityHistogram', () => {
  it('draws one bar per bin, each with a tooltip naming its range and count', () => {
    const svg = similarityHistogram([0.668, 0.727, 0.7], 0.5);
    expect(svg.startsWith('<svg class="histogram"')).toBe(true);
    expect(svg.match(/<rect /g)).toHaveLength(10);
    expect([...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]).slice(3, 5)).toEqual(['0.65–0.7: 1 pair', '0.7–0.75: 2 pairs']);
  });

  it('draws taller bars for larger counts, scaled to the largest', () => {
    const svg = similarityHistogram([0.51, 0.96, 0.97], 0.5);
    const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights[0]).toBeGreaterThan(0);
    expect(heights[9]).toBeCloseTo(2 * heights[0]!, 5);
    expect(heights.slice(1, 9).every((h) => h === 0)).toBe(true);
  });

  it('uses no script and no style attribute (the page’s security policy allows neither)', () => {
    const svg = similarityHistogram([0.9], 0.5);
    expect(svg).not.toMatch(/<script|style=|\bon[a-z]+=/i);
  });
});
